"""Render the numbered notebooks: execute each on a fresh kernel and save it, reproducibly.

``render(seeds, codebook)`` runs ``notebooks/NN_*.ipynb`` in order. For the project's own
corpus (``seeds/``) with the packaged codebook the notebooks are rendered in place and
write ``results/`` and ``figures/``; for any other corpus folder or codebook the papermill
parameters cell is overridden (``SEEDS``, ``RESULTS``, ``FIGURES``, ``CODEBOOK``) and
everything (notebooks, tables, figures) goes to ``out/<corpus name>/``, so the committed
study is never overwritten by someone else's.

Rendering strips what changes from run to run (cell timings, papermill run metadata,
kernel versions) and joins consecutive prints of a cell into one output (their split
depends on timing), so that rerunning on the same inputs leaves ``git status`` clean.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from analysis.codebook import DEFAULT_DIR as DEFAULT_CODEBOOK
from analysis.codebook import load_codebook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_SEEDS = ROOT / "seeds"
KERNEL = "python3"
TIMEOUT_SECONDS = 1800


def numbered_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The notebooks named ``NN_*.ipynb`` in ``folder``, in pipeline order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def corpus_parameters(seeds: Path, codebook: Path | None = None) -> tuple[dict[str, str] | None, Path]:
    """Parameters to inject for ``seeds`` and the codebook folder ``codebook`` (None for the
    default corpus with the packaged codebook) and where the rendered notebooks go."""
    seeds = Path(seeds).resolve()
    codebook = Path(codebook).resolve() if codebook is not None else None
    if seeds == DEFAULT_SEEDS and codebook in (None, DEFAULT_CODEBOOK):
        return None, NOTEBOOKS
    out = ROOT / "out" / seeds.name
    parameters = {
        "SEEDS": str(seeds),
        "RESULTS": str(out / "results"),
        "FIGURES": str(out / "figures"),
    }
    if codebook is not None:
        parameters["CODEBOOK"] = str(codebook)
    return parameters, out / "notebooks"


def _strip_volatile(nb: nbformat.NotebookNode) -> None:
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    language = nb.metadata.get("language_info", {})
    language.pop("version", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)


def execute(path: Path, parameters: dict[str, str] | None, output: Path) -> Path:
    """Execute one notebook on a fresh kernel, with its working directory set to the
    notebooks folder, and write the rendered copy to ``output``."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    if parameters:
        from papermill.parameterize import parameterize_notebook

        # papermill expects the metadata its own executor would have added
        nb.metadata.setdefault("papermill", {})
        for cell in nb.cells:
            cell.metadata.setdefault("tags", [])
        nb = parameterize_notebook(nb, parameters, kernel_name=KERNEL, language="python")
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_SECONDS,
        kernel_name=KERNEL,
        record_timing=False,
        coalesce_streams=True,  # how a cell's prints are split into stream outputs depends on timing
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    _strip_volatile(nb)
    output.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, output)
    return output


def render(seeds: Path = DEFAULT_SEEDS, notebooks: list[Path] | None = None,
           codebook: Path | None = None) -> list[Path]:
    """Execute every numbered notebook for the corpus in ``seeds`` with the codebook folder
    ``codebook`` (None: the packaged one, validated first); returns the rendered paths."""
    seeds = Path(seeds)
    if not seeds.is_dir():
        raise FileNotFoundError(f"{seeds}: corpus folder not found")
    load_codebook(codebook)  # a codebook error is reported here, not in the third notebook
    parameters, out_dir = corpus_parameters(seeds, codebook)
    rendered = []
    for path in notebooks or numbered_notebooks():
        print(f"rendering {path.name}", flush=True)
        rendered.append(execute(path, parameters, out_dir / path.name))
    return rendered


def export_html(seeds: Path = DEFAULT_SEEDS, codebook: Path | None = None) -> list[Path]:
    """Write an HTML copy of each rendered notebook of the corpus in ``seeds`` (``html/``
    for the project's own corpus, ``out/<name>/html/`` otherwise), for readers without
    Jupyter; returns the written paths."""
    from nbconvert import HTMLExporter

    _, notebooks_dir = corpus_parameters(seeds, codebook)
    out_dir = notebooks_dir.parent / "html"
    exporter = HTMLExporter()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in numbered_notebooks(notebooks_dir):
        body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
        target = out_dir / f"{path.stem}.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written
