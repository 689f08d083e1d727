"""The regex prefilter behind stance and date finding: it may only skip patterns that cannot match."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from analysis.codebook import load_codebook
from analysis.dates import _PATTERNS
from analysis.prefilter import ScreenSet, fold, screen
from analysis.stance import compile_rules

ALL_CHARACTERS = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def test_fold_covers_every_character_ignorecase_equates_with_ascii():
    """fold relies on CPython equating only İ ı ſ K (besides ASCII) with ASCII letters."""
    ascii_alike = set(re.findall(r"[\x00-\x7f]", ALL_CHARACTERS[128:], re.I))
    assert ascii_alike == {"\u0130", "\u0131", "\u017f", "\u212a"}  # İ ı ſ and the Kelvin sign
    for char in ascii_alike:
        assert re.fullmatch(fold(char), char, re.I)
    assert len(fold(ALL_CHARACTERS)) == len(ALL_CHARACTERS)  # offsets in the fold are offsets in the text


def test_literals_of_real_patterns():
    assert screen(re.compile("realistic|achievable", re.I)).literals == ("achievable", "realistic")
    assert screen(re.compile(r"defen[cs]e (?:spending|budgets?)", re.I)).literals == (
        "defence budget", "defence spending", "defense budget", "defense spending")
    assert screen(re.compile(r"\b(?P<count>\d{1,3}|an?|one)\s+(?P<unit>day|week)s?\s+ago\b", re.I)).literals == ("ago",)
    # nothing every match must hold: always scanned
    assert screen(re.compile(r"\w+|x?", re.I)).literals is None
    assert screen(re.compile(r"(?:a|\d)b?", re.I)).literals is None
    # every match starts with one of the prefixes ("the need to" does not start with "need to")
    assert screen(re.compile(r"the need to|need(?:s|ed)? to", re.I)).prefixes == ("need to", "needed to", "needs to",
                                                                                  "the need to")
    assert screen(re.compile(r"\w+n't|not", re.I)).prefixes is None
    # an optional start: the match starts with it or with what follows it
    assert screen(re.compile(r"\b(?:(?:last|on)\s+)?(?-i:Friday)\b", re.I)).prefixes == ("friday", "last", "on")
    assert screen(re.compile(r"(?:last\s+)?\w+", re.I)).prefixes is None


def _codebook_and_date_screens() -> list:
    rules = compile_rules(load_codebook())
    return ([s for _, group, facets in rules.targets for s in group + facets.actors + facets.domain + facets.acts]
            + [s for s, *_ in rules.lexicon]
            + [s for s, *_ in rules.verbs] + [s for _, s in _PATTERNS])


SCREENS = _codebook_and_date_screens()
SCREEN_SET = ScreenSet(SCREENS)
# Words, phrases the patterns match, and spellings with characters re.IGNORECASE equates with
# ASCII letters (dotless i, long s, dotted capital I, Kelvin sign).
_WORDS = ["not", "n't", "n’t", "Dec", "5", "2027", "by", "the", "deadline", "burden", "sharing", "U.S.", "made",
          "DEFENSE", "spending", "ago", "two", "weeks", "Friday", "ready", "to", "defend", "itself",
          "the 2027 deadl\u0131ne", "burden-\u017fharing", "ready to defend \u0130TSELF", "\u212aeeps",
          "defen\u017fe spending", "\u0131f Europe does not", "bac\u212a the plan", "the need to", "needs to",
          "un", "realistic", "take over", "took"]


@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=12), st.sampled_from(["", " ", "-"]),
       st.integers(0, 8))
def test_screened_matches_are_the_patterns_matches(words, glue, cut):
    text = glue.join(words)
    start, end = min(cut, len(text)), max(len(text) - cut, min(cut, len(text)))
    folded = fold(text)
    passing = SCREEN_SET.passing(folded)
    for s in SCREENS:
        expected = [m.span() for m in s.pattern.finditer(text)]
        assert [m.span() for m in s.finditer(text, folded)] == expected, (s.pattern.pattern, text)
        assert s in passing or not expected, (s.pattern.pattern, text)
        window = [m.span() for m in s.finditer(text, fold(text[start:end]), start, end)]
        assert window == [m.span() for m in s.pattern.finditer(text, start, end)], (s.pattern.pattern, text)
