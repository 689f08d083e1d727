"""run_corpus and ``python -m analysis run``: tables, failures, guards, and the same rows
whether articles run serially, in worker processes or on a Dask cluster."""
from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path

import pandas as pd
import pytest

from analysis.actors import actor_table, merge_corpus_speakers
from analysis.cli import main
from analysis.networks import write_networks
from analysis.positions import stakeholder_positions
from analysis.ingest import read_document
from analysis.pipeline import PipelineError, _ordered, process_article, run_corpus, scored_columns
from analysis.scoring import score_statements, sentence_sentiment
from analysis.statements import extract_statements
from analysis.tables import read_table, write_table
from analysis.timeline import extract_timeline

HOSTILE = Path(__file__).resolve().parent / "hostile"
TABLES = ["documents.csv", "statements.csv", "scored_statements.csv", "sentence_sentiment.csv", "timeline.csv",
          "actors.csv", "positions.csv", "positions_by_period.csv", "sourcing_by_outlet.csv", "failures.csv",
          "network_two_mode.graphml", "network_two_mode.csv",
          "network_congruence.graphml", "network_congruence.csv", "network_conflict.graphml",
          "network_conflict.csv", "network_matrix.csv"]
POLNEAR_ARTICLES = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir: Path) -> Path:
    """The seed, readable and unreadable hostile files, and (when present) a few PolNeAR texts."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in seeds_dir.iterdir():
        shutil.copy(path, folder / path.name)
    for name in ["latin1.txt", "utf16_bom.txt", "german.txt", "empty.txt", "binary.txt"]:
        shutil.copy(HOSTILE / name, folder / name)
    polnear = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks" / "polnear-dev" / "text"
    for path in sorted(polnear.glob("*.txt"))[:POLNEAR_ARTICLES]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial")
    run_corpus(corpus, out, jobs=1, progress=False, sentence_sentiment=True)
    return out


def assert_same_files(first: Path, second: Path) -> None:
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_writes_every_table(serial: Path):
    assert sorted(p.name for p in serial.iterdir()) == sorted(TABLES)


def test_tables_equal_the_stage_functions_called_directly(corpus: Path, serial: Path):
    """The streamed files hold exactly what each stage returns, written as write_table does."""
    documents = [read_document(p) for p in sorted(corpus.glob("*.txt")) if p.name not in ("empty.txt", "binary.txt")]
    statements = pd.concat([extract_statements(d.text, d.doc_id) for d in documents], ignore_index=True)
    scored = pd.concat([score_statements(extract_statements(d.text, d.doc_id), text_by_doc={d.doc_id: d.text})
                        for d in documents], ignore_index=True)
    sentences = pd.concat([sentence_sentiment(d.text, d.doc_id) for d in documents], ignore_index=True)
    timeline = pd.concat([extract_timeline(d) for d in documents], ignore_index=True)
    expected = serial.parent / "expected"
    write_table(statements, expected / "statements.csv")
    write_table(scored[scored_columns()], expected / "scored_statements.csv")
    write_table(sentences, expected / "sentence_sentiment.csv")
    write_table(timeline, expected / "timeline.csv")
    for name in ("statements.csv", "scored_statements.csv", "sentence_sentiment.csv", "timeline.csv"):
        assert (serial / name).read_bytes() == (expected / name).read_bytes(), name
    assert len(statements) > 20 and len(timeline) > 5


def test_aggregates_equal_those_of_the_full_tables(serial: Path, tmp_path: Path):
    """Aggregation reads the statements without their free text: same positions, networks
    and actor summary as from the complete tables."""
    scored = merge_corpus_speakers(read_table(serial / "scored_statements.csv"))
    write_table(stakeholder_positions(scored), tmp_path / "positions.csv")
    write_networks(scored, tmp_path)
    write_table(actor_table(merge_corpus_speakers(read_table(serial / "statements.csv"))), tmp_path / "actors.csv")
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (serial / path.name).read_bytes(), path.name
    assert len(read_table(serial / "positions.csv")) > 0


def test_summary_and_failures(corpus: Path, serial: Path, tmp_path: Path, capsys):
    summary = run_corpus(corpus, tmp_path / "out", jobs=1)
    articles = len(list(corpus.glob("*.txt")))
    assert (summary.articles, summary.failures) == (articles - 2, 2)
    assert summary.statements == len(read_table(serial / "statements.csv"))
    failures = read_table(serial / "failures.csv")
    assert list(failures["path"]) == ["binary.txt", "empty.txt"]
    documents = read_table(serial / "documents.csv")
    assert len(documents) == articles and list(documents["path"]) == sorted(documents["path"])
    stderr = capsys.readouterr().err
    assert "skipped empty.txt (read): empty file (no text)" in stderr
    assert f"{articles}/{articles}" in stderr  # the progress bar's last state


def test_a_stage_that_raises_is_a_failure_not_a_crash(corpus: Path, monkeypatch):
    def broken(text, doc_id, **_):
        raise RuntimeError("extractor bug")
    monkeypatch.setattr("analysis.pipeline.statement_records", broken)
    article = process_article(corpus / "latin1.txt", corpus)
    assert article.failures == [{"path": "latin1.txt", "stage": "statements", "error": "RuntimeError: extractor bug"}]
    assert [row["error"] for row in article.documents] == ["RuntimeError: extractor bug"]
    assert article.statements == []


def test_a_worker_that_cannot_load_the_codebook_reports_each_article(corpus: Path, tmp_path: Path):
    missing = tmp_path / "codebook that is not there"
    article = process_article(corpus / "latin1.txt", corpus, codebook=missing)
    [failure] = article.failures
    assert (failure["path"], failure["stage"]) == ("latin1.txt", "setup")
    assert failure["error"].startswith("CodebookError: ") and str(missing) in failure["error"]
    assert article.statements == []


def test_parallel_gives_the_serial_files(corpus: Path, serial: Path, tmp_path: Path):
    run_corpus(corpus, tmp_path / "parallel", jobs=2, progress=False, sentence_sentiment=True)
    assert_same_files(serial, tmp_path / "parallel")


def test_sentence_sentiment_is_written_only_when_asked_for(corpus: Path, serial: Path, tmp_path: Path):
    """Without it a run writes every other table, the same files as with it, and removes the
    table an earlier run left in its output folder (it would describe another corpus)."""
    shutil.copytree(serial, tmp_path / "default")
    run_corpus(corpus, tmp_path / "default", jobs=2, progress=False)
    written = sorted(p.name for p in (tmp_path / "default").iterdir())
    assert written == sorted(set(TABLES) - {"sentence_sentiment.csv"})
    _, mismatch, errors = filecmp.cmpfiles(serial, tmp_path / "default", written, shallow=False)
    assert (mismatch, errors) == ([], [])


# The scheduler always opens an HTTP listener; sockets are allowed for this test, but a
# connection can only go to this machine's loopback (the client itself talks in-process).
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_dask_gives_the_serial_files(corpus: Path, serial: Path, tmp_path: Path):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        run_corpus(corpus, tmp_path / "dask", scheduler=cluster.scheduler_address, progress=False,
                   sentence_sentiment=True)
    assert_same_files(serial, tmp_path / "dask")


@pytest.mark.parametrize("where", ["same", "inside", "parent"])
def test_refuses_an_output_folder_that_could_overwrite_input(corpus: Path, where: str):
    out = {"same": corpus, "inside": corpus / "results", "parent": corpus.parent}[where]
    before = sorted(corpus.iterdir())
    with pytest.raises(PipelineError, match="corpus folder"):
        run_corpus(corpus, out, jobs=1)
    assert sorted(corpus.iterdir()) == before


def test_missing_corpus_folder(tmp_path: Path):
    with pytest.raises(PipelineError, match="corpus folder not found"):
        run_corpus(tmp_path / "nowhere", tmp_path / "out")


def test_cli_run(corpus: Path, serial: Path, tmp_path: Path, capsys):
    assert main(["run", str(corpus), "--out", str(tmp_path / "cli"), "--jobs", "1", "--sentence-sentiment"]) == 1
    err = capsys.readouterr().err
    assert f"{len(list(corpus.glob('*.txt'))) - 2} articles, " in err and ", 2 failures" in err
    assert_same_files(serial, tmp_path / "cli")
    assert main(["run", str(corpus), "--out", str(corpus / "out")]) == 2
    assert "error: output folder" in capsys.readouterr().err


def test_console_script(seeds_dir: Path, tmp_path: Path):
    script = Path(sys.executable).with_name("burden-shift")
    if not script.exists():
        pytest.skip("package not installed with its console script")
    done = subprocess.run([str(script), "run", str(seeds_dir), "--out", str(tmp_path / "out"), "--jobs", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "1 articles, " in done.stderr and ", 0 failures" in done.stderr
    assert len(read_table(tmp_path / "out" / "statements.csv")) > 5


def test_results_come_in_order_with_a_bounded_number_in_flight():
    """Chunks come back in submission order, and no more than ``window`` are ever submitted
    and not yet handed on (what keeps memory flat on a large corpus)."""
    submitted, yielded = [], []

    def submit(chunk: list[int]) -> Future:
        assert len(submitted) - len(yielded) < 3
        future = Future()
        future.set_result(chunk[0] * 10)
        submitted.append(future)
        return future

    for result in _ordered(submit, ([i] for i in range(10)), window=3):
        yielded.append(result)
    assert yielded == [i * 10 for i in range(10)]
    assert len(submitted) == 10


def test_run_over_the_seeds_writes_what_the_notebooks_wrote(seeds_dir: Path, repo_root: Path, tmp_path: Path):
    """The command line and the notebooks are one pipeline: every table both write is the same
    file, byte for byte (fails when results/ is stale: re-render the notebooks)."""
    results = repo_root / "results"
    if not (results / "statements.csv").exists():
        pytest.skip("notebooks not rendered into results/")
    run_corpus(seeds_dir, tmp_path / "out", jobs=1, progress=False, sentence_sentiment=True)
    shared = sorted(p.name for p in (tmp_path / "out").iterdir() if (results / p.name).exists())
    assert {"documents.csv", "statements.csv", "scored_statements.csv", "sentence_sentiment.csv",
            "positions.csv"} <= set(shared)
    different = [name for name in shared if (results / name).read_bytes() != (tmp_path / "out" / name).read_bytes()]
    assert different == []
