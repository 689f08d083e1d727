"""Timeline of dated events found in the text: the seed's events, offsets, labels, bad input."""
from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.dates import _NAME_STEMS, _NAMES, _NEEDS, _PATTERNS, MONTH_NAME, dates_by_span, find_dates
from analysis.ingest import body_sentences, read_corpus, read_document
from analysis.timeline import COLUMNS, extract_timeline, timeline_frame, timeline_records


@pytest.fixture(scope="module")
def seed_timeline(seeds_dir):
    document = read_document(next(seeds_dir.glob("*.txt")))
    return document, extract_timeline(document)


def test_seed_events_are_found_with_their_periods(seed_timeline):
    _, timeline = seed_timeline
    assert list(timeline.columns) == COLUMNS

    def periods(word: str) -> set[tuple[str, str]]:
        rows = timeline[timeline["event"].str.contains(word)]
        return set(zip(rows["date_start"], rows["date_end"]))

    assert periods("invasion") == {("2022-01-01", "2022-12-31")}
    assert periods("campaign") == {("2024-01-01", "2024-12-31")}
    assert periods("summit") == {("2025-06-01", "2025-06-30")}
    # the dateline is Dec 5 (Friday) 2025: "this week" is Monday 1 to Sunday 7 December
    assert periods("meeting") == {("2025-12-01", "2025-12-07")}
    assert periods("2027 deadline") == {("2027-01-01", "2027-12-31")}
    assert periods("defend itself") == {("2030-01-01", "2030-12-31")}
    summit = timeline[timeline["event"].str.contains("summit")].iloc[0]
    assert "5% of gross domestic product" in summit["sentence"]


def test_offsets_point_at_the_expression_inside_its_sentence(seed_timeline):
    document, timeline = seed_timeline
    for row in timeline.itertuples():
        assert document.text[row.start:row.end] == row.expression
        assert row.expression in row.sentence
    # the dateline's own "Dec 5" is not an event
    assert "Dec 5" not in set(timeline["expression"])


def test_records_give_the_frames_rows(seed_timeline):
    document, timeline = seed_timeline
    sentences = body_sentences(document.text, document.blocks)
    for records in (timeline_records(document), timeline_records(document, blocks=document.blocks),
                    timeline_records(document, sentences=sentences)):
        assert records == timeline.to_dict("records")


def test_label_rule_on_unseen_text():
    text = ("BRUSSELS, March 3 (Reuters) - The ministers signed the Lisbon treaty in 2007, officials said.\n"
            "They want a defence fund by 2029, a diplomat said. The talks resume next week.")
    timeline = extract_timeline(text, doc_id="x", anchor_date="2026-03-03")
    assert list(timeline["event"]) == ["ministers signed the Lisbon treaty", "want a defence fund",
                                       "talks resume"]
    assert list(timeline["date_start"]) == ["2007-01-01", "2029-01-01", "2026-03-09"]
    assert set(timeline["doc_id"]) == {"x"}


def test_relative_dates_need_an_anchor():
    text = "The alliance met this week. The treaty dates from 1949."
    without = extract_timeline(text)
    assert list(without["expression"]) == ["1949"]
    with_anchor = extract_timeline(text, anchor_date=date(2025, 12, 5))
    assert list(with_anchor["expression"]) == ["this week", "1949"]


def test_corpus_skips_unreadable_files(tmp_path, seeds_dir):
    (tmp_path / "a.txt").write_text((next(seeds_dir.glob("*.txt"))).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    frame = timeline_frame(read_corpus(tmp_path))
    assert set(frame["doc_id"]) == {"a"} and len(frame) > 5
    assert timeline_frame([]).empty


_DATE_WORDS = ["May", "may", "MAY", "Dec.", "Dec", "December", "decided", "Mark", "Sept.", "Sep", "Monday", "monday",
               "FRIDAY", "Fri", "on", "last", "5", "5th", "31", "2027", ",", "of", "in", "the", "\u0130n", "ago",
               "two weeks", "\u03a3"]
# MONTH_NAME as first written: the abbreviations grouped before one lookahead.
_PLAIN_MONTH = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?)")


@given(st.lists(st.sampled_from(_DATE_WORDS) | st.text(max_size=4), max_size=10), st.sampled_from([" ", "", "-"]),
       st.integers(0, 6))
def test_name_search_never_hides_a_date(words, glue, cut):
    """find_dates tries a pattern with a month or weekday group only where the case-sensitive
    name search finds one: wherever such a pattern matches, the search must find its name.
    dates_by_span (one fold and stem search for the whole text) finds what find_dates finds."""
    text = glue.join(words)
    start, end = min(cut, len(text)), max(len(text) - cut, min(cut, len(text)))
    for position in range(len(text) + 1):
        found = re.compile(MONTH_NAME).match(text, position)
        expected = _PLAIN_MONTH.match(text, position)
        assert (found and found.span()) == (expected and expected.span()), text
    for (_, screened), needs in zip(_PATTERNS, _NEEDS):
        if needs and screened.pattern.search(text, start, end):
            assert _NAMES[needs].search(text, start, end) and _NAME_STEMS.search(text, start, end), (needs, text)
    spans = [(start, end), (0, start), (end, len(text))]
    anchor = date(2025, 12, 5)
    assert dates_by_span(text, anchor, spans) == [find_dates(text, anchor, a, b) for a, b in spans]
