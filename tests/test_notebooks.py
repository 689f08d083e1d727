"""Execute every numbered notebook on a fresh kernel, into a scratch folder, and check that
what they write is byte-identical to what is committed in results/ and figures/.

This is the end-to-end test: raw seed text -> rendered study. It never writes into the
repository: the notebooks' parameters cell is pointed at a temporary folder.
"""
from __future__ import annotations

import filecmp
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest
import pytest_socket

from analysis.notebooks import ROOT, execute, numbered_notebooks

pytestmark = pytest.mark.notebooks


@contextmanager
def loopback_only():
    """The Jupyter kernel talks to this process over loopback TCP: allow sockets to
    127.0.0.1 and ::1 only while notebooks run, so the suite stays offline."""
    pytest_socket.enable_socket()
    pytest_socket.socket_allow_hosts(["127.0.0.1", "::1"], allow_unix_socket=True)
    try:
        yield
    finally:
        pytest_socket.disable_socket(allow_unix_socket=True)


EXPECTED = ["01_raw_text", "02_actors_and_statements", "03_stance_and_sentiment",
            "04_stakeholder_positions", "05_figures"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("study")
    parameters = {
        "SEEDS": str(ROOT / "seeds"),
        "RESULTS": str(out / "results"),
        "FIGURES": str(out / "figures"),
    }
    with loopback_only():
        for path in numbered_notebooks():
            execute(path, parameters, out / "notebooks" / path.name)
    return out


def test_every_stage_has_its_notebook():
    assert [p.stem for p in numbered_notebooks()] == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_committed_notebook_is_rendered(name):
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert nb.cells[0].cell_type == "markdown"
    text = nb.cells[0].source.lower()
    assert "reads" in text and "writes" in text
    assert any("parameters" in c.metadata.get("tags", []) for c in code)


def test_notebooks_run_without_errors(rendered):
    for path in sorted((rendered / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, f"{path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"


@pytest.mark.parametrize("folder", ["results", "figures"])
def test_rerun_reproduces_committed_outputs_byte_for_byte(rendered, folder):
    committed = sorted(p.relative_to(ROOT / folder) for p in (ROOT / folder).rglob("*") if p.is_file())
    regenerated = sorted(p.relative_to(rendered / folder) for p in (rendered / folder).rglob("*") if p.is_file())
    assert regenerated == committed
    _, mismatch, errors = filecmp.cmpfiles(ROOT / folder, rendered / folder, [str(p) for p in committed], shallow=False)
    assert not mismatch and not errors, f"differ from the committed {folder}/: {mismatch + errors}"
