"""A cheap test that a regular expression cannot match a text, so that scanning it can be skipped.

Python's ``re`` has no fast search for a case-insensitive pattern: it tries the pattern at
every position of the text. Scanning each short statement with every codebook pattern, and
each sentence with every date pattern, was the costliest part of stance scoring and of the
timeline. Most of these patterns hold literal words: every match of ``realistic|doable``
contains "realistic" or "doable". :func:`screen` reads a compiled pattern's parse tree once
and keeps such a set of literals; :meth:`Screen.may_match` then rules the pattern out for a
text with a few substring tests on the text folded by :func:`fold`. When every match also
starts with one of a set of literals (``prefixes``: most lexicon entries are lists of
words), :meth:`Screen.finditer` tries the pattern only where one of them occurs instead of
at every position. Both err only towards scanning (a pattern whose literals cannot be
worked out is scanned as usual), so the matches are exactly those of ``pattern.finditer``.
For many patterns at once, :class:`ScreenSet` finds the literals of all of them in one pass
over the text with a regular expression (a trie of the literals) instead of a test per literal.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
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
    """``text`` lower-cased so that any ASCII literal re.IGNORECASE finds in it is a substring
    at the same offset (no character changes length)."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(_FOLD_TO_ASCII)
    return text.lower()


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: cheap set membership
class Screen:
    """A compiled pattern; ``literals``: folded strings one of which every match contains,
    ``prefixes``: folded strings one of which every match starts with (None when they could
    not be worked out), ``starts``: a regular expression finding the prefixes."""

    pattern: re.Pattern
    literals: tuple[str, ...] | None
    prefixes: tuple[str, ...] | None
    starts: re.Pattern | None

    def may_match(self, folded: str) -> bool:
        """False only if the pattern matches nowhere in the text whose :func:`fold` is ``folded``."""
        return self.literals is None or any(literal in folded for literal in self.literals)

    def finditer(self, text: str, folded: str, start: int = 0, end: int | None = None) -> list[re.Match]:
        """The matches of ``pattern.finditer(text, start, end)``; ``folded`` is the :func:`fold`
        of ``text[start:end]``."""
        return self.scan(text, folded, start, end) if self.may_match(folded) else []

    def scan(self, text: str, folded: str, start: int = 0, end: int | None = None) -> list[re.Match]:
        """:meth:`finditer` for a text the literals are known to occur in."""
        end = len(text) if end is None else end
        if self.starts is None:
            return list(self.pattern.finditer(text, start, end))
        matches: list[re.Match] = []
        # A match can start only where a prefix does; like finditer, go on from the end of a match.
        candidate = self.starts.search(folded)
        while candidate is not None:
            at = candidate.start()
            match = self.pattern.match(text, start + at, end)
            if match is not None:
                matches.append(match)
                at = max(at, match.end() - start - 1)
            candidate = self.starts.search(folded, at + 1)
        return matches


class ScreenSet:
    """Screens whose literals are looked for together: :meth:`passing` scans a text once."""

    def __init__(self, screens: Iterable[Screen]):
        screens = list(screens)
        self._always = frozenset(s for s in screens if s.literals is None)
        by_literal: dict[str, set[Screen]] = {}
        for s in screens:
            for literal in s.literals or ():
                by_literal.setdefault(literal, set()).add(s)
        # At each position the scan reports the longest literal starting there; the shorter
        # ones starting there are its prefixes, so their screens are counted with it.
        self._screens = {literal: frozenset().union(*(by_literal.get(literal[:n], ())
                                                      for n in range(1, len(literal) + 1)))
                         for literal in by_literal}
        self._scan = re.compile(_trie(by_literal)) if by_literal else None

    def passing(self, folded: str) -> set[Screen]:
        """The screens that may match the text whose :func:`fold` is ``folded``."""
        found = set(self._always)
        if self._scan is not None:
            # Searching again one past each match start finds the longest literal at every
            # position where one starts. A lookahead findall would do the same in one call,
            # but a pattern that starts with a literal lets re skip positions whose first
            # character starts no literal (its charset check), a third faster here.
            match = self._scan.search(folded)
            while match is not None:
                found |= self._screens[match.group()]
                match = self._scan.search(folded, match.start() + 1)
        return found


def _trie(literals: Iterable[str]) -> str:
    """A regular expression matching the longest of ``literals`` that starts where it is tried."""
    root: dict = {}
    for literal in literals:
        node = root
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def expression(node: dict) -> str:
        branches = [re.escape(char) + expression(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return expression(root)


def screen(pattern: re.Pattern) -> Screen:
    """``pattern`` with the literals all its matches contain and those they start with."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    exact, required = _sequence(parsed)
    literals, prefixes = _better(required, exact), _leading(parsed)
    # A literal holding another, or a prefix starting with another, adds nothing to the test.
    prefixes = _minimal(prefixes, str.startswith)
    starts = re.compile("|".join(map(re.escape, prefixes))) if prefixes is not None else None
    return Screen(pattern, _minimal(literals, str.__contains__), prefixes, starts)


def _minimal(strings: Strings | None, holds) -> tuple[str, ...] | None:
    """``strings`` without those that ``holds`` a shorter one of them; None if unknown or if
    the empty string is one of them."""
    if strings is None or "" in strings:
        return None
    return tuple(sorted(s for s in strings if not any(t != s and holds(s, t) for t in strings)))


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


def _leading(items) -> Strings | None:
    """A set of strings one of which every match of the parsed sequence starts with (None if unknown)."""
    run: Strings = frozenset({""})
    for index, (op, av) in enumerate(items):
        item_exact, _ = _item(op, av)
        item_leading = item_exact if item_exact is not None else _item_leading(op, av)
        if item_leading is None and op in _REPEATS and av[0] == 0:
            # An optional item ("(?:last\s+)?Friday"): a match starts with it or with what follows.
            body, rest = _leading(av[2]), _leading(items[index + 1:])
            item_leading = None if body is None or rest is None else body | rest
        if item_leading is None or (len(run) > 1 and len(run) * len(item_leading) > _MAX_STRINGS):
            break
        run = frozenset(x + y for x in run for y in item_leading)
        if item_exact is None:
            break
    return None if "" in run else run


def _item_leading(op, av) -> Strings | None:
    """A set of strings one of which every match of the parsed item starts with (None if unknown)."""
    if op is sre.SUBPATTERN:
        return _leading(av[3])
    if op is sre.ATOMIC_GROUP:
        return _leading(av)
    if op is sre.BRANCH:
        leads = [_leading(alternative) for alternative in av[1]]
        return None if any(lead is None for lead in leads) else frozenset().union(*leads)
    if op in _REPEATS and av[0] >= 1:
        return _leading(av[2])
    return None


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
