"""Properties of ingestion and statement extraction over arbitrary text.

The texts mix news words and reporting verbs with every form of quotation mark, unicode
dashes, control characters, odd whitespace and very long lines. Whatever the text: nothing
raises, every span is in range and ``text[start:end]`` is the content reported, and the
same input gives the same result (statement ids included).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.ingest import LABELS, IngestError, read_document, segment, split_sentences
from analysis.statements import COLUMNS, extract_statements

QUOTES = ['"', "“", "”", "„", "«", "»", "‘", "’", "'", "‹", "›", "''", "``"]
DASHES = ["-", "–", "—", "―", "‒", "−", "--"]
CONTROLS = ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\u200b", "\u2028", "\u2029", "\ufeff", "\r", "\r\n"]
SPACES = [" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u3000", " \n \n"]
PUNCTUATION = [".", ",", ":", ";", "?", "!", "…", "(", ")", "[", "]", "U.S.", "Dec.", "Mr.", "No. 5"]
WORDS = ["said", "says", "told", "according to", "added", "warned", "he", "she", "they", "it", "The", "the",
         "Pentagon officials", "Donald Trump", "a European diplomat", "NATO", "Europe", "Sen.", "Smith",
         "WASHINGTON", "(Reuters)", "By Jane Doe", "Reporting by", "that", "2027", "deadline", "not",
         "burden", "Ukraine", "sources familiar with the matter", "who asked not to be named"]
PIECE = st.one_of(
    st.sampled_from(QUOTES + DASHES + CONTROLS + SPACES + PUNCTUATION + WORDS),
    st.text(min_size=1, max_size=8),  # any unicode, surrogates excluded
)
TEXT = st.lists(PIECE, max_size=60).map(" ".join) | st.lists(PIECE, max_size=80).map("".join)
# One sentence or word run repeated into a single line tens of thousands of characters long.
LONG_LINE = st.tuples(st.lists(PIECE, min_size=1, max_size=12).map(" ".join), st.integers(200, 2000)).map(
    lambda pair: " ".join([pair[0].replace("\n", " ")] * pair[1])[:60_000])
ANY_TEXT = TEXT | LONG_LINE


def check_statements(text: str, frame: pd.DataFrame, doc_id: str) -> None:
    assert list(frame.columns) == COLUMNS
    for row in frame.itertuples(index=False):
        assert 0 <= row.content_start < row.content_end <= len(text)
        assert text[row.content_start:row.content_end] == row.content
        assert 0 <= row.cue_start < row.cue_end <= len(text)
        assert text[row.cue_start:row.cue_end] == row.cue
        if row.speaker_start != -1:
            assert 0 <= row.speaker_start < row.speaker_end <= len(text)
            assert text[row.speaker_start:row.speaker_end] == row.speaker_text
        else:
            assert row.speaker_end == -1
        assert row.statement_id == f"{doc_id}:{row.content_start}-{row.content_end}"
        assert row.kind in ("direct", "indirect", "mixed")
    assert frame["statement_id"].is_unique


@given(ANY_TEXT)
def test_extract_statements_spans_and_ids(text: str):
    frame = extract_statements(text, doc_id="d")
    check_statements(text, frame, "d")
    pd.testing.assert_frame_equal(frame, extract_statements(text, doc_id="d"))


SPEAKERS = ["Pentagon officials", "Donald Trump", "a European diplomat", "he", "she", "They", "Sen. Smith",
            "one U.S. official, who asked not to be named,", "NATO's Mark Rutte", "the ministry"]
CUES = ["said", "told reporters", "says", "warned", "added", "according to", "wrote on X", "insisted"]
CLAUSE = st.lists(st.sampled_from(WORDS + PUNCTUATION[:3] + DASHES[:3]), min_size=1, max_size=12).map(" ".join)
SENTENCE = st.builds(
    lambda form, q1, q2, speaker, cue, clause, end: [
        f"{q1}{clause}{end[:1]}{q2} {speaker} {cue}.",
        f"{speaker} {cue} {clause}{end}",
        f"{speaker} {cue}: {q1}{clause}{end}{q2}",
        f"{q1}{clause},{q2} {cue} {speaker}, {q1}{clause}{end}{q2}",
        f"{cue.capitalize()} {speaker}, {clause}{end}",
    ][form],
    st.integers(0, 4), st.sampled_from(QUOTES), st.sampled_from(QUOTES), st.sampled_from(SPEAKERS),
    st.sampled_from(CUES), CLAUSE, st.sampled_from([".", "?", "!", "…", ".\u201d", ""]),
)
NEWS = st.lists(st.tuples(SENTENCE, st.sampled_from(SPACES + CONTROLS[:4] + DASHES[1:3])), max_size=12).map(
    lambda parts: "".join(sentence + gap for sentence, gap in parts))


@given(NEWS)
def test_extract_statements_on_news_like_text(text: str):
    """Sentences built from speakers, reporting verbs and quotation marks, so that most
    examples yield statements."""
    check_statements(text, extract_statements(text, doc_id="news"), "news")
    pd.testing.assert_frame_equal(extract_statements(text, doc_id="news"), extract_statements(text, doc_id="news"))


@given(ANY_TEXT)
def test_segment_labels_disjoint_spans_in_text_order(text: str):
    blocks = segment(text)
    previous_end = 0
    for block in blocks:
        assert block.label in LABELS
        assert previous_end <= block.start < block.end <= len(text)
        assert text[block.start:block.end].strip()
        previous_end = block.end
    assert segment(text) == blocks


@given(ANY_TEXT)
def test_split_sentences_covers_all_text_in_order(text: str):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert text[previous_end:start].strip() == ""  # nothing but whitespace between sentences
        previous_end = end
    assert text[previous_end:].strip() == ""


@given(ANY_TEXT, st.integers(0, 200), st.integers(0, 400))
def test_split_sentences_window_stays_inside(text: str, start: int, length: int):
    end = start + length
    for span_start, span_end in split_sentences(text, start, end):
        assert max(0, start) <= span_start < span_end <= min(end, len(text))


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ANY_TEXT, encoding=st.sampled_from(ENCODINGS))
@example(text='\ufeff "', encoding="utf-8")
@example(text='\ufeff "', encoding="utf-16")
def test_read_document_gives_the_text_or_a_clear_error(tmp_path: Path, text: str, encoding: str):
    """A file written in any of these encodings reads back as exactly its text (a leading
    byte-order mark aside), or fails with an IngestError naming the file (empty, binary,
    HTML); nothing else is raised."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
        encoding = "utf-8"
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    try:
        document = read_document(path)
    except IngestError as exc:
        assert str(exc).startswith(f"{path}: ")
        return
    if encoding == "utf-8" and text.startswith("\ufeff"):
        assert document.text == text[1:]  # its first character is read as the UTF-8 byte-order mark
    elif encoding in ("utf-8", "utf-8-sig", "utf-16"):
        assert document.text == text
    else:  # a cp1252 file that happens to be valid UTF-8 is read as UTF-8: same bytes, other text
        assert document.text.encode(document.metadata["encoding"]) == data
    assert document.doc_id == "article"
    for block in document.blocks:
        assert 0 <= block.start < block.end <= len(document.text)


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "“", "”said", "said", "\x00" * 10, "a" * 100_000])
def test_edge_cases(text: str):
    check_statements(text, extract_statements(text, doc_id="e"), "e")
    split_sentences(text)
    segment(text)
