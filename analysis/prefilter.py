"""A cheap test that a regular expression cannot match a text, so that scanning it can be skipped.

Python's ``re`` has no fast search for a case-insensitive pattern: it tries the pattern at
every position of the text. Scanning each short statement with every codebook pattern, and
each sentence with every date pattern, was the costliest part of stance scoring and of the
timeline. Most of these patterns hold literal words: every match of ``realistic|doable``
contains "realistic" or "doable". :func:`screen` reads a compiled pattern's parse tree once
and keeps such a set of literals; :meth:`Screen.may_match` then rules the pattern out for a
text with a few substring tests on the text folded by :func:`fold`. The test errs only
towards scanning (a pattern whose literals cannot be worked out is always scanned), so
results are exactly those of scanning with every pattern.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre
from re import _parser as sre_parse  # private to re, stable within the Python 3.11 this package requires

# The only non-ASCII characters that re.IGNORECASE equates with an ASCII letter (CPython's
# simple case folding; tests/test_stance.py checks every code point). str.lower() turns the
# Kelvin sign into "k" but not these three, and "İ" into two characters.
_FOLD_TO_ASCII = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
# Cross products of alternatives are kept up to this many strings ("defen[cs]e spending").
_MAX_STRINGS = 64
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)

Strings = frozenset[str]


def fold(text: str) -> str:
    """``text`` lower-cased so that any ASCII literal re.IGNORECASE finds in it is a substring."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(_FOLD_TO_ASCII)
    return text.lower()


@dataclass(frozen=True)
class Screen:
    """A compiled pattern and ``literals``: folded strings one of which every match contains
    (None when none could be worked out: the pattern may match anything)."""

    pattern: re.Pattern
    literals: tuple[str, ...] | None

    def may_match(self, folded: str) -> bool:
        """False only if the pattern matches nowhere in the text whose :func:`fold` is ``folded``."""
        return self.literals is None or any(literal in folded for literal in self.literals)


def screen(pattern: re.Pattern) -> Screen:
    """``pattern`` with the literals one of which all its matches contain."""
    exact, required = _sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    best = _better(required, exact)
    if best is None:
        return Screen(pattern, None)
    # A literal holding a shorter one adds nothing to the test.
    kept = sorted(s for s in best if not any(t != s and t in s for t in best))
    return Screen(pattern, tuple(kept))


def _better(a: Strings | None, b: Strings | None) -> Strings | None:
    """The more selective of two required sets (longest shortest string, then fewest strings)."""
    if b is None or "" in b:
        return a
    if a is None or "" in a:
        return b
    return b if (min(map(len, b)), -len(b)) > (min(map(len, a)), -len(a)) else a


def _sequence(items) -> tuple[Strings | None, Strings | None]:
    """(exact, required) of a sequence of parsed items: ``exact`` is the finite set of strings
    the sequence matches (None if not finite or too large), ``required`` a set one of which
    every match contains (None if unknown)."""
    exact: Strings | None = frozenset({""})
    run: Strings = frozenset({""})  # strings matched by the latest stretch of exact items
    required: Strings | None = None
    for op, av in items:
        item_exact, item_required = _item(op, av)
        required = _better(required, item_required)
        if item_exact is not None and len(run) * len(item_exact) <= _MAX_STRINGS:
            run = frozenset(x + y for x in run for y in item_exact)
        else:
            required = _better(required, run)
            small = item_exact is not None and len(item_exact) <= _MAX_STRINGS
            run = item_exact if small else frozenset({""})
        if exact is not None:
            fits = item_exact is not None and len(exact) * len(item_exact) <= _MAX_STRINGS
            exact = frozenset(x + y for x in exact for y in item_exact) if fits else None
    return exact, _better(required, run)


def _item(op, av) -> tuple[Strings | None, Strings | None]:
    """(exact, required) of one parsed item (see :func:`_sequence`)."""
    if op is sre.LITERAL:
        char = chr(av)
        return (frozenset({char.lower()}) if char.isascii() else None), None
    if op in _ZERO_WIDTH:
        return frozenset({""}), None
    if op is sre.SUBPATTERN:
        return _sequence(av[3])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.IN:
        if any(kind is not sre.LITERAL or not chr(code).isascii() for kind, code in av):
            return None, None
        return frozenset(chr(code).lower() for _, code in av), None
    if op is sre.BRANCH:
        return _branch(av[1])
    if op in _REPEATS:
        low, high, body = av
        body_exact, body_required = _sequence(body)
        if body_exact is not None and (low, high) in ((0, 1), (1, 1)):
            return (body_exact | {""} if low == 0 else body_exact), None
        return None, (_better(body_required, body_exact) if low >= 1 else None)
    return None, None


def _branch(alternatives) -> tuple[Strings | None, Strings | None]:
    """(exact, required) of alternatives: the union of theirs, if every alternative has one."""
    exact: Strings | None = frozenset()
    required: Strings | None = frozenset()
    for alternative in alternatives:
        alt_exact, alt_required = _sequence(alternative)
        exact = exact | alt_exact if exact is not None and alt_exact is not None else None
        alt_required = _better(alt_required, alt_exact)
        required = required | alt_required if required is not None and alt_required is not None else None
    if exact is not None and len(exact) > _MAX_STRINGS:
        exact = None
    return exact, required
