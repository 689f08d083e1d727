"""Same inputs, same bytes: two complete runs (in fresh interpreters with different hash
seeds) write identical tables and figures; the order in which files were created changes
nothing; a run needs no network, leaves the seeds untouched and writes nothing outside its
output folder."""
from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pytest_socket import SocketBlockedError

from analysis.pipeline import run_corpus
from analysis.tables import read_table

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_TEXT = ROOT / ".." / "shared" / "benchmarks" / "polnear-dev" / "text"
RUN_AND_DRAW = """
import sys
from pathlib import Path
from analysis.figures import make_figures
from analysis.pipeline import run_corpus
out = Path(sys.argv[2])
run_corpus(Path(sys.argv[1]), out / "results", jobs=1, progress=False, sentence_sentiment=True)
make_figures(out / "results", out / "figures")
"""


def corpus_files(seeds_dir: Path) -> list[Path]:
    """The seed and, when present, a few PolNeAR texts: enough speakers for every table."""
    return [*sorted(seeds_dir.glob("*.txt")), *sorted(POLNEAR_TEXT.glob("*.txt"))[:3]]


def copy_in_order(files: list[Path], folder: Path, names: list[str] | None = None) -> Path:
    """Create ``folder`` holding ``files`` (renamed to ``names`` when given), written in list order."""
    folder.mkdir()
    for path, name in zip(files, names or [p.name for p in files]):
        shutil.copy(path, folder / name)
    return folder


def tree(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, tuple[int, str]]:
    """(size, sha256) of every file under ``folder``, by relative path, leaving out ``skip`` parts."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part in skip for part in relative.parts):
            data = path.read_bytes()
            found[relative.as_posix()] = (len(data), hashlib.sha256(data).hexdigest())
    return found


@pytest.mark.slow
def test_two_runs_write_identical_tables_and_figures(seeds_dir: Path, tmp_path: Path):
    corpus = copy_in_order(corpus_files(seeds_dir), tmp_path / "corpus")
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"}
        done = subprocess.run([sys.executable, "-c", RUN_AND_DRAW, str(corpus), str(tmp_path / f"run{seed}")],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
    first, second = tree(tmp_path / "run1"), tree(tmp_path / "run2")
    assert first == second
    assert {"results/scored_statements.csv", "results/positions.csv", "figures/fig_stakeholder_map.pdf",
            "figures/fig_stakeholder_map.png"} <= set(first)


def test_creation_order_changes_nothing(seeds_dir: Path, tmp_path: Path):
    files = corpus_files(seeds_dir)
    forward = copy_in_order(files, tmp_path / "forward")
    backward = copy_in_order(files[::-1], tmp_path / "backward")
    for corpus in (forward, backward):
        run_corpus(corpus, tmp_path / f"out_{corpus.name}", jobs=1, progress=False)
    names = sorted(p.name for p in (tmp_path / "out_forward").iterdir())
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "out_forward", tmp_path / "out_backward", names, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_renaming_files_changes_only_the_document_ids(seeds_dir: Path, tmp_path: Path):
    """Names that reverse the sorted order: every statement and position is the same."""
    files = corpus_files(seeds_dir)
    plain = copy_in_order(files, tmp_path / "plain", [f"{i}.txt" for i in range(len(files))])
    renamed = copy_in_order(files, tmp_path / "renamed", [f"{len(files) - i}.txt" for i in range(len(files))])
    for corpus in (plain, renamed):
        run_corpus(corpus, tmp_path / f"out_{corpus.name}", jobs=1, progress=False)

    def statements(name: str) -> pd.DataFrame:
        frame = read_table(tmp_path / f"out_{name}" / "scored_statements.csv")
        frame = frame.drop(columns=["doc_id", "statement_id"])
        return frame.sort_values(["content_start", "content", "cue_start"], kind="stable").reset_index(drop=True)

    pd.testing.assert_frame_equal(statements("plain"), statements("renamed"))
    assert len(statements("plain")) > 5

    def positions(name: str) -> pd.DataFrame:
        frame = read_table(tmp_path / f"out_{name}" / "positions.csv")
        return frame.sort_values(["level", "name", "target"]).reset_index(drop=True)

    pd.testing.assert_frame_equal(positions("plain"), positions("renamed"))


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_network_is_blocked():
    """The suite runs offline: an internet socket cannot even be created, a unix one can."""
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("192.0.2.1", 80))
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("example.org", 443), timeout=1)
    left, right = socket.socketpair(socket.AF_UNIX)
    left.close(), right.close()


WRITE_EVENTS = {"os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.truncate", "os.chmod",
                "os.symlink", "os.link", "shutil.rmtree", "shutil.copyfile", "shutil.move"}
_written: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    """Record every path this process opens for writing or changes (see ``sys.addaudithook``)."""
    if _written is None:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        mode, flags = args[1], args[2] if len(args) > 2 else 0
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            mode is None and isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        if writes:
            _written.append(os.fsdecode(args[0]))
    elif event in WRITE_EVENTS:
        _written.extend(os.fsdecode(a) for a in args[:2] if isinstance(a, (str, bytes, os.PathLike)))


sys.addaudithook(_audit)  # audit hooks cannot be removed: it only records while _written is a list


def test_run_writes_nothing_outside_its_output_folder(seeds_dir: Path, tmp_path: Path, monkeypatch):
    """Every file the run opens for writing (or creates, moves, removes) lies in its output
    folder, and the seeds are byte for byte the same afterwards. (Writes are traced with an
    audit hook rather than by comparing the whole checkout, which other work may change
    meanwhile; the trace also covers places outside the checkout, such as caches.)"""
    global _written
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)  # a relative path written by mistake would land here
    out = tmp_path / "out"
    seeds_before = tree(seeds_dir)
    _written = written = []
    try:
        run_corpus(seeds_dir, out, jobs=1, progress=False)
    finally:
        _written = None
    assert tree(seeds_dir) == seeds_before
    folder = out.resolve()
    resolved = [Path(os.path.abspath(p)).resolve() for p in written]
    outside = [str(p) for p in resolved if p != folder and folder not in p.parents]
    assert outside == []
    assert {"statements.csv", "positions.csv"} <= {Path(p).name for p in written}
    assert list(workdir.iterdir()) == []
