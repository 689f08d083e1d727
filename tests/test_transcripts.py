"""Speaker-labelled transcripts (analysis/transcripts.py): turns as direct statements of the
labelled speaker, press questions kept out of positions, the header as metadata, and the
sidecar's "kind" overriding recognition. The transcript is tests/hostile/transcript.txt,
written for these tests."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from analysis.ingest import read_document
from analysis.positions import stakeholder_positions
from analysis.scoring import score_statements
from analysis.statements import extract_statements, find_statements, statement_records
from analysis.transcripts import is_transcript, speaker_phrase

TRANSCRIPT = Path(__file__).resolve().parent / "hostile" / "transcript.txt"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    document = read_document(TRANSCRIPT)
    return statement_records(document.text, document.doc_id, blocks=document.blocks)


def by_content(rows: list[dict], opening: str) -> dict:
    return next(row for row in rows if row["content"].startswith(opening))


def test_each_paragraph_of_a_turn_is_a_direct_statement_of_its_speaker(rows: list[dict]):
    first, second = by_content(rows, "Good afternoon"), by_content(rows, "We will keep our commitments")
    for row in (first, second):
        assert (row["kind"], row["cue"], row["speaker_text"], row["speaker"], row["bloc"]) == (
            "direct", ":", "SECRETARY HEGSETH", "Pete Hegseth", "US")
        assert row["speaker_evidence"].startswith("transcript turn 'SECRETARY HEGSETH:' read as 'Secretary Hegseth'")
    assert first["content"].endswith("we expect that to happen by 2027")
    assert second["speaker_start"] == first["speaker_start"] < first["content_start"] < second["content_start"]


def test_labels_with_a_title_or_a_party_resolve_as_names(rows: list[dict]):
    lindqvist = by_content(rows, "If I may add")
    doyle = by_content(rows, "We have made no such decision")
    assert (lindqvist["speaker"], lindqvist["actor_type"]) == ("Lindqvist", "person")
    assert (doyle["speaker_text"], doyle["speaker"], doyle["actor_type"]) == ("MR. DOYLE", "Doyle", "person")


def test_press_questions_are_typed_press(rows: list[dict]):
    press = [row for row in rows if row["actor_type"] == "press"]
    assert [row["speaker_text"] for row in press] == ["Q", "QUESTION"]
    assert all(row["speaker"] == "press" and row["kind"] == "direct" for row in press)
    assert press[0]["content"] == "Mr. Secretary, is the 2027 deadline realistic?"


def test_reported_speech_in_a_turn_has_the_turn_speaker_as_channel(rows: list[dict]):
    rutte = by_content(rows, "that the allies are ready to spend more")
    assert (rutte["speaker"], rutte["cue"], rutte["channel"]) == ("Mark Rutte", "told", "SECRETARY HEGSETH")
    government = by_content(rows, "that the timeline is too tight")
    assert (government["speaker_text"], government["channel"]) == ("our government", "MS. LINDQVIST")


def test_press_questions_are_kept_out_of_positions_by_default():
    document = read_document(TRANSCRIPT)
    scored = score_statements(extract_statements(document.text, document.doc_id),
                              text_by_doc={document.doc_id: document.text})
    assert "press" not in set(stakeholder_positions(scored, n_resamples=99)["name"])
    assert "press" in set(stakeholder_positions(scored, n_resamples=99, include_press=True)["name"])


def test_the_header_feeds_the_metadata():
    metadata = read_document(TRANSCRIPT).metadata
    assert {k: metadata[k] for k in ("kind", "title", "date", "place")} == {
        "kind": "transcript", "title": "Press Briefing on Alliance Burden Sharing", "date": "2025-12-04",
        "place": "NATO Headquarters, Brussels"}


def test_news_articles_are_not_transcripts(seeds_dir: Path):
    for path in seeds_dir.glob("*.txt"):
        document = read_document(path)
        assert not is_transcript(document.text, [(b.start, b.end) for b in document.blocks if b.label == "body"])
        assert "kind" not in document.metadata


def test_the_sidecar_kind_overrides_recognition(tmp_path: Path):
    short = tmp_path / "short.txt"
    short.write_text("Briefing notes\n\nQ: Is the deadline firm?\n\nMR. DOYLE: It is firm.\n", encoding="utf-8")
    assert "kind" not in read_document(short).metadata  # two turns are too few to recognise one
    (tmp_path / "short.meta.json").write_text(json.dumps({"kind": "transcript"}), encoding="utf-8")
    document = read_document(short)
    rows = statement_records(document.text, transcript=True)
    assert [(row["speaker"], row["content"]) for row in rows] == [("press", "Is the deadline firm?"),
                                                                  ("Doyle", "It is firm")]
    copy = tmp_path / "article.txt"
    shutil.copy(TRANSCRIPT, copy)
    (tmp_path / "article.meta.json").write_text(json.dumps({"kind": "article"}), encoding="utf-8")
    document = read_document(copy)
    assert document.metadata["kind"] == "article" and "title" not in document.metadata
    assert "press" not in {row["actor_type"] for row in statement_records(document.text, transcript=False)}


def test_speaker_phrase():
    assert [speaker_phrase(label) for label in ("MR. DOYLE", "SECRETARY HEGSETH", "Jane Doe")] == [
        "Mr. Doyle", "Secretary Hegseth", "Jane Doe"]


def test_find_statements_takes_the_declared_kind_like_statement_records():
    text = read_document(TRANSCRIPT).text
    turns = (find_statements(text)["cue"] == ":").sum()
    assert turns > 0 and turns == sum(row["cue"] == ":" for row in statement_records(text))
    assert (find_statements(text, transcript=False)["cue"] == ":").sum() < turns
