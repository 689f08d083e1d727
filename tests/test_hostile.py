"""Hostile input files get the outcome documented in tests/hostile/README.md."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.ingest import IngestError, read_document
from analysis.pipeline import MAX_ARTICLE_CHARS, run_corpus
from analysis.statements import extract_statements
from analysis.tables import read_table

HOSTILE = Path(__file__).resolve().parent / "hostile"
SEED_BODY_START = "The United States wants Europe"
# file -> start of the documented IngestError problem
FAILING = {
    "empty.txt": "empty file (no text)",
    "binary.txt": "binary file (contains NUL bytes), not text",
    "page.txt": "HTML page, not article text: save the article's text as plain .txt",
}
WITHOUT_STATEMENTS = ["headlines_only.txt", "quotes_only.txt", "german.txt"]


def write_big(path: Path, seeds_dir: Path, size: int = 10_000_000) -> Path:
    """Repeat the seed's body paragraphs into a ``size``-byte file, written piece by piece."""
    text = next(seeds_dir.glob("*.txt")).read_text(encoding="utf-8")
    body = text[text.index(SEED_BODY_START):]
    with path.open("w", encoding="utf-8") as handle:
        written = 0
        while written < size:
            written += handle.write(body + "\n\n")
    return path


def statement_with(frame, speaker: str, content: str):
    rows = frame[frame["speaker_text"].str.contains(speaker) & frame["content"].str.contains(content, regex=False)]
    assert len(rows) >= 1, frame[["speaker_text", "content"]]
    return rows.iloc[0]


@pytest.mark.parametrize("name, problem", FAILING.items())
def test_unreadable_files_raise_a_clear_error(name: str, problem: str):
    with pytest.raises(IngestError) as caught:
        read_document(HOSTILE / name)
    assert str(caught.value) == f"{HOSTILE / name}: {problem}"


def test_latin1_is_decoded_with_accents_and_offsets_into_the_decoded_text():
    document = read_document(HOSTILE / "latin1.txt")
    assert document.metadata["encoding"] == "cp1252"
    assert "Málaga" in document.text and "Señor Pérez" in document.text
    frame = extract_statements(document.text, document.doc_id)
    row = statement_with(frame, "Robles", "We are a reliable ally")
    assert document.text[row.content_start:row.content_end] == row.content
    assert document.text[row.speaker_start:row.speaker_end] == row.speaker_text


def test_utf16_with_bom_is_decoded_and_the_mark_dropped():
    document = read_document(HOSTILE / "utf16_bom.txt")
    assert document.metadata["encoding"] == "utf-16"
    assert document.text.startswith("BRUSSELS, June 24 (Reuters)")
    frame = extract_statements(document.text, document.doc_id)
    rutte = statement_with(frame, "Mark Rutte", "must take on a much larger share")
    assert rutte["bloc"] == "NATO"
    official = statement_with(frame, "U.S. official", "The era of free-riding is over")
    assert official["kind"] == "direct" and official["bloc"] == "US"
    for row in frame.itertuples():
        assert document.text[row.content_start:row.content_end] == row.content


@pytest.mark.parametrize("name", WITHOUT_STATEMENTS)
def test_readable_files_without_attributed_statements(name: str):
    document = read_document(HOSTILE / name)
    assert document.text.strip()
    assert extract_statements(document.text, document.doc_id).empty


def test_headlines_only_is_headline_and_heading_blocks():
    labels = {block.label for block in read_document(HOSTILE / "headlines_only.txt").blocks}
    assert "headline" in labels and "heading" in labels


@pytest.mark.slow
def test_ten_megabyte_file_reads_but_is_not_one_article(tmp_path: Path, seeds_dir: Path):
    big = write_big(tmp_path / "big.txt", seeds_dir)
    assert big.stat().st_size >= 10_000_000
    assert len(read_document(big).text) > MAX_ARTICLE_CHARS


@pytest.mark.slow
def test_run_corpus_over_the_hostile_folder(tmp_path: Path, seeds_dir: Path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(HOSTILE, corpus, ignore=shutil.ignore_patterns("README.md"))
    write_big(corpus / "big.txt", seeds_dir)
    (corpus / "notes.md").write_text("Not an article.\n", encoding="utf-8")
    summary = run_corpus(corpus, tmp_path / "out", jobs=1, progress=False)

    failed = {**FAILING, "big.txt": "10,0"}
    readable = sorted(p.name for p in corpus.glob("*.txt") if p.name not in failed)
    assert (summary.articles, summary.failures) == (len(readable), len(failed))
    failures = read_table(tmp_path / "out" / "failures.csv")
    assert sorted(failures["path"]) == sorted(failed)
    assert set(failures["stage"]) == {"read"}
    for path, error in zip(failures["path"], failures["error"]):
        assert error.startswith(failed[path]), error
    big_error = failures.loc[failures["path"] == "big.txt", "error"].item()
    assert big_error.endswith("more than one article can hold (500,000): split the file into one file per article")

    documents = read_table(tmp_path / "out" / "documents.csv")
    assert list(documents["path"]) == sorted([*readable, *failed])  # notes.md is not an article
    assert documents.set_index("path")["error"].notna().to_dict() == {p: p in failed for p in documents["path"]}

    statements = read_table(tmp_path / "out" / "statements.csv")
    assert len(statements) == summary.statements
    assert set(statements["doc_id"]) == {"latin1", "utf16_bom", "transcript"}
    stderr = capsys.readouterr().err
    for path in failed:
        assert f"skipped {path} (read): " in stderr
