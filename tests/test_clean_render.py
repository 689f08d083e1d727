"""The rendered study anywhere: a copy of the repository outside this workspace (so without
``../shared``) stays clean after ``render`` and ``html``, and a study of another corpus with
another codebook renders notebooks that say nothing about the seed."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from analysis.notebooks import ROOT, corpus_parameters, execute, numbered_notebooks
from test_notebooks import loopback_only

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]
CORPUS = ROOT / "tests" / "data" / "coverage_corpus"
# Words of the seed article and its notes that no other corpus's rendering may contain.
SEED_ONLY = ("Reuters", "Landau", "Slattery", "srnnews", "5 Dec 2025", "On the seed article", "Washington speaks")


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args], cwd=folder,
                          check=True, capture_output=True, text=True).stdout


def test_a_copy_without_shared_stays_clean_after_make_all(tmp_path):
    """The working tree's tracked files, committed in a fresh repository under the system's
    temporary folder, rendered as ``make all`` does."""
    copy = tmp_path / "burden-shift"
    for name in _git(ROOT, "ls-files", "-z").split("\0"):
        if name and (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    assert not (copy.parent / "shared").exists()  # no benchmark data beside this copy
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-q", "-m", "copy")
    env = {**os.environ, "PYTHONPATH": str(copy)}
    for command in ("render", "html"):
        subprocess.run([sys.executable, "-m", "analysis", command], cwd=copy, env=env, check=True,
                       capture_output=True)
    assert _git(copy, "status", "--porcelain") == ""


def test_another_corpus_and_codebook_render_without_the_seed(own_codebook, tmp_path):
    parameters, _ = corpus_parameters(CORPUS, own_codebook)
    parameters.update(RESULTS=str(tmp_path / "results"), FIGURES=str(tmp_path / "figures"))
    with loopback_only():
        for path in numbered_notebooks():
            execute(path, parameters, tmp_path / "notebooks" / path.name)
    for path in sorted((tmp_path / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, f"{path.name}: {errors[0].get('evalue')}"
        text = nbformat.writes(nb)
        assert not [word for word in SEED_ONLY if word in text], path.name
    scored = (tmp_path / "results" / "scored_statements.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "stance_troop_withdrawal" in scored and "stance_burden_shift" not in scored
    assert (tmp_path / "figures" / "fig_stance_over_time.png").is_file()
    assert "2026-03" in (tmp_path / "figures" / "fig_stance_over_time.csv").read_text(encoding="utf-8")
