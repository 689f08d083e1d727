"""The whole pipeline over a folder of articles: ``run_corpus(seeds, out)``.

Each article is processed on its own (read -> statements -> scores -> timeline, and
sentence sentiment when asked for), a pure function of the file, in worker processes or on
a Dask cluster, which also format its rows as CSV. Per article the stages pass plain records (the ``*_records``
functions behind each stage's DataFrame function), because building a DataFrame for a
handful of rows costs more than the work that produced them. Results come back in sorted
file order and are appended to the tables as they arrive, so memory does not grow with the
corpus; the actor summary, positions and networks are computed at the end from the
statements files.

Writes into ``out`` (the names of ``results/``): ``documents.csv``, ``statements.csv``,
``scored_statements.csv``, ``timeline.csv``, ``actors.csv``, ``positions.csv``,
``positions_by_period.csv`` and ``sourcing_by_outlet.csv`` (:mod:`analysis.coverage`),
``network_*.graphml``/``network_*.csv``, and ``failures.csv`` (``path``, ``stage``,
``error``: one row per file that could not be processed, or whose processing ran past the
time budget of one article, stage ``timeout``; it is skipped, the run goes on).
With ``sentence_sentiment=True`` also ``sentence_sentiment.csv``, TextBlob over every body
sentence (the sentiment arc of notebook 05): off by default, because the positions and
networks do not read it and it costs about as much as TextBlob over the whole article again.
A codebook folder other than the packaged one (``codebook=``) is validated before any
article is read and loaded once per worker process. With ``stance_model`` (the path of a
model saved by :func:`analysis.learned.save_model`) the scored statements take the model's
stance for the targets it was trained for, with their source and confidence columns
(:mod:`analysis.scoring`). Serial, parallel and Dask runs write byte-identical files.
"""
from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis.actors import actor_table, merge_corpus_speakers
from analysis.budget import OverBudget, time_budget
from analysis.codebook import Codebook, CodebookError, load_codebook
from analysis.coverage import DEFAULT_PERIOD, positions_by_period, sourcing_by_outlet
from analysis.ingest import DOCUMENT_COLUMNS, IngestError, body_sentences, document_record, read_document
from analysis.networks import write_networks
from analysis.positions import stakeholder_positions
from analysis.scoring import SENTENCE_COLUMNS, score_records, score_statements, sentence_records
from analysis.statements import COLUMNS as STATEMENT_COLUMNS
from analysis.statements import extract_statements, statement_records
from analysis.tables import csv_text, read_table, write_table
from analysis.timeline import COLUMNS as TIMELINE_COLUMNS
from analysis.timeline import timeline_records
from analysis.transcripts import declared_transcript

FAILURE_COLUMNS = ["path", "stage", "error"]
FREE_TEXT_COLUMNS = ("content", "cue", "speaker_text", "speaker_evidence")
# The longest news features run to tens of thousands of characters. A file far beyond that
# is many articles in one, where speakers would be resolved across article boundaries: it
# is reported for splitting rather than analysed as one article.
MAX_ARTICLE_CHARS = 500_000
# Seconds of work one article may take in a run (``--article-timeout``): a news article
# takes milliseconds, a 500,000-character transcript a few seconds.
ARTICLE_TIMEOUT = 60.0
# Articles per task: small enough to balance two workers on a short corpus, large enough
# that pickling and scheduling stay cheap next to the work.
MAX_CHUNK = 16
# Tasks in flight per worker: keeps workers busy while bounding results held in memory.
TASKS_PER_WORKER = 3


class PipelineError(ValueError):
    """A run that cannot start (bad corpus or output folder); the message says how to fix it."""


@dataclass(frozen=True)
class Summary:
    """What a run did: ``articles`` processed, ``statements`` found, ``failures`` (files skipped)."""

    articles: int
    statements: int
    failures: int


# Per-article tables: attribute of :class:`Article` -> (file name, columns).
TABLES = {
    "documents": ("documents.csv", DOCUMENT_COLUMNS),
    "statements": ("statements.csv", STATEMENT_COLUMNS),
    "scored": ("scored_statements.csv", None),  # columns depend on the codebook's targets
    "sentences": ("sentence_sentiment.csv", SENTENCE_COLUMNS),
    "timeline": ("timeline.csv", TIMELINE_COLUMNS),
    "failures": ("failures.csv", FAILURE_COLUMNS),
}


@dataclass
class Article:
    """The per-article rows of one file, each a dict keyed by its table's columns: its
    documents row, and either its statements, scores, sentence sentiment and timeline, or
    (when it failed) its one failures row."""

    documents: list[dict]
    statements: list[dict] = field(default_factory=list)
    scored: list[dict] = field(default_factory=list)
    sentences: list[dict] = field(default_factory=list)
    timeline: list[dict] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)


@cache
def codebook_at(folder: Path | None) -> Codebook | None:
    """The codebook in ``folder``, loaded once per process (None: the packaged one, which
    the stages load themselves)."""
    return load_codebook(folder) if folder is not None else None


@cache
def scored_columns(codebook: Path | None = None, stance_model: str | None = None) -> list[str]:
    """Columns of the scored statements frame under the codebook in folder ``codebook``
    (None: the packaged one) and the learned model at path ``stance_model``."""
    return list(score_statements(extract_statements("", "doc"), codebook_at(codebook), model=stance_model).columns)


def article_paths(seeds: Path) -> list[Path]:
    """The article files of ``seeds`` (``*.txt``, as :func:`analysis.ingest.read_corpus`
    reads them) in name order, so that no result depends on the order of a directory listing."""
    return sorted(path for path in seeds.glob("*.txt") if path.is_file())


@cache
def _loaded(codebook: Path | None, stance_model: str | None) -> None:
    """Load the codebook, lexicons, sentiment analysers and stance model once per process,
    so that the first article's time budget is spent on the article."""
    book = codebook_at(codebook)
    text = "Officials said on Friday that the plan would work."
    score_records(statement_records(text, codebook=book), text, codebook=book, model=stance_model)


def process_article(path: Path, seeds: Path, sentence_sentiment: bool = False,
                    codebook: Path | None = None, stance_model: str | None = None,
                    timeout: float | None = ARTICLE_TIMEOUT) -> Article:
    """Read, extract, score and date one article file (and score its sentences when
    ``sentence_sentiment``) with the codebook in folder ``codebook`` (None: the packaged
    one) and the learned model at path ``stance_model`` when given. Never raises: a file
    that fails at any stage, or whose work runs past ``timeout`` seconds (None or 0: no
    limit; stage ``timeout``), or on a worker that cannot load the codebook or model (stage
    ``setup``), comes back with its failure (stage and error) and no statements."""
    try:
        _loaded(codebook, stance_model)
    except Exception as exc:  # e.g. a Dask worker that cannot read the codebook or model the client checked
        return _failed(IngestError(path, str(exc)), path, seeds, "setup", f"{type(exc).__name__}: {exc}")
    try:
        with time_budget(timeout):
            return _process_article(path, seeds, sentence_sentiment, codebook, stance_model)
    except OverBudget:
        size = f"{path.stat().st_size:,} bytes" if path.is_file() else "size unknown"
        return _failed(IngestError(path, "timeout"), path, seeds, "timeout",
                       f"stopped after {timeout:g} s ({size}): split the file, or raise --article-timeout")


def _process_article(path: Path, seeds: Path, sentence_sentiment: bool,
                     codebook: Path | None, stance_model: str | None) -> Article:
    stage = "read"
    try:
        book = codebook_at(codebook)
        document = read_document(path)
        if len(document.text) > MAX_ARTICLE_CHARS:
            raise IngestError(path, f"{len(document.text):,} characters, more than one article can hold "
                                    f"({MAX_ARTICLE_CHARS:,}): split the file into one file per article")
        stage = "statements"
        spans = body_sentences(document.text, document.blocks)
        statements = statement_records(document.text, document.doc_id, codebook=book, blocks=document.blocks,
                                       sentences=spans, transcript=declared_transcript(document.metadata))
        stage = "scoring"
        scored = score_records(statements, document.text, codebook=book, sentences=spans, model=stance_model)
        sentences = sentence_records(document.text, document.doc_id, sentences=spans) if sentence_sentiment else []
        stage = "timeline"
        timeline = timeline_records(document, sentences=spans)
    except IngestError as exc:
        return _failed(exc, path, seeds, stage, exc.problem)
    except Exception as exc:  # a bug met on one article must not end a run over thousands
        return _failed(IngestError(path, str(exc)), path, seeds, stage, f"{type(exc).__name__}: {exc}")
    return Article([document_record(document, seeds)], statements, scored, sentences, timeline)


def _failed(error: IngestError, path: Path, seeds: Path, stage: str, problem: str) -> Article:
    documents = {**document_record(error, seeds), "error": problem}
    return Article([documents], failures=[dict(zip(FAILURE_COLUMNS, (documents["path"], stage, problem)))])


def table_columns(name: str, codebook: Path | None = None, stance_model: str | None = None) -> list[str]:
    """Columns of the per-article table ``name`` (a key of :data:`TABLES`) under the codebook
    in folder ``codebook`` and the model at ``stance_model``."""
    return TABLES[name][1] or scored_columns(codebook, stance_model)


def csv_rows(records: list[dict], columns: list[str]) -> str:
    """The ``columns`` of ``records`` as CSV text, formatted as :func:`analysis.tables.write_table`
    writes a DataFrame of them."""
    return csv_text(map(itemgetter(*columns), records))


@dataclass(frozen=True)
class Rendered:
    """One article as a worker sends it back: its rows as CSV text per table (formatting
    is done in the workers, so the writing process only appends text), its number of
    statements and its failures (path, stage, error)."""

    rows: dict[str, str]
    statements: int
    failures: list[tuple[str, str, str]]


def run_tables(sentence_sentiment: bool = False) -> list[str]:
    """The per-article tables (keys of :data:`TABLES`) a run writes."""
    return [name for name in TABLES if sentence_sentiment or name != "sentences"]


def process_chunk(paths: list[Path], seeds: Path, sentence_sentiment: bool = False,
                  codebook: Path | None = None, stance_model: str | None = None,
                  timeout: float | None = ARTICLE_TIMEOUT) -> list[Rendered]:
    """:func:`process_article` over ``paths``, rendered as CSV text: the unit of work sent to a worker."""
    rendered = []
    for path in paths:
        article = process_article(path, seeds, sentence_sentiment, codebook, stance_model, timeout)
        rows = {name: csv_rows(getattr(article, name), table_columns(name, codebook, stance_model))
                for name in run_tables(sentence_sentiment)}
        rendered.append(Rendered(rows, len(article.statements),
                                 [tuple(row[c] for c in FAILURE_COLUMNS) for row in article.failures]))
    return rendered


def check_folders(seeds: Path, out: Path) -> None:
    """Raise :class:`PipelineError` unless ``seeds`` is a folder and ``out`` lies outside it
    and does not contain it (so that no output can overwrite an input file)."""
    if not seeds.is_dir():
        raise PipelineError(f"{seeds}: corpus folder not found (give a folder of .txt articles)")
    corpus, target = seeds.resolve(), out.resolve()
    if target == corpus or corpus in target.parents:
        raise PipelineError(f"output folder {out} is inside the corpus folder {seeds}: "
                            "choose an output folder outside it, e.g. out/<corpus name>")
    if target in corpus.parents:
        raise PipelineError(f"output folder {out} contains the corpus folder {seeds}: "
                            "choose an output folder that holds no input files")


def _chunks(paths: list[Path], size: int) -> Iterator[list[Path]]:
    for start in range(0, len(paths), size):
        yield paths[start:start + size]


def _ordered(submit: Callable[[list[Path]], object], chunks: Iterable[list[Path]], window: int
             ) -> Iterator[list[Rendered]]:
    """Results of ``submit(chunk).result()`` in chunk order, at most ``window`` in flight."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _results(paths: list[Path], seeds: Path, jobs: int, scheduler: str | None,
             sentence_sentiment: bool, codebook: Path | None, stance_model: str | None,
             timeout: float | None) -> Iterator[list[Rendered]]:
    """Per-chunk results in file order: on a Dask cluster, in worker processes, or serially."""
    if scheduler is not None:
        from dask.distributed import Client

        with Client(scheduler) as client:
            workers = max(1, sum(client.nthreads().values()))
            size = max(1, min(MAX_CHUNK, len(paths) // (workers * TASKS_PER_WORKER)))
            yield from _ordered(
                lambda chunk: client.submit(process_chunk, chunk, seeds, sentence_sentiment, codebook, stance_model,
                                            timeout, pure=False),
                _chunks(paths, size), workers * TASKS_PER_WORKER)
        return
    size = max(1, min(MAX_CHUNK, len(paths) // (jobs * TASKS_PER_WORKER)))
    chunks = _chunks(paths, size)
    if jobs == 1 or len(paths) <= size:
        yield from (process_chunk(chunk, seeds, sentence_sentiment, codebook, stance_model, timeout)
                    for chunk in chunks)
        return
    # The first chunk is done here, before the workers start: where they are forked (the
    # default on Linux) they inherit the loaded lexicons and compiled codebook instead of
    # each loading them again.
    yield process_chunk(next(chunks), seeds, sentence_sentiment, codebook, stance_model, timeout)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _ordered(lambda chunk: pool.submit(process_chunk, chunk, seeds, sentence_sentiment, codebook,
                                                      stance_model, timeout),
                            chunks, jobs * TASKS_PER_WORKER)


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity where the system reports it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def run_corpus(seeds: Path, out: Path, jobs: int | None = None, scheduler: str | None = None,
               progress: bool = True, sentence_sentiment: bool = False, codebook: Path | None = None,
               period: str = DEFAULT_PERIOD, stance_model: str | Path | None = None,
               article_timeout: float | None = ARTICLE_TIMEOUT) -> Summary:
    """Run the whole pipeline over every article of ``seeds`` and write the tables listed in
    the module docstring into ``out``. ``jobs``: worker processes (default: all cores; 1 runs
    in this process); ``scheduler``: a dask.distributed scheduler address, used instead of
    local processes (its workers need this package installed and read the articles by
    path, so the corpus folder must be visible to them at the same path). Failed files are
    reported on stderr and in ``failures.csv``; ``progress`` shows a bar on stderr;
    ``sentence_sentiment`` adds ``sentence_sentiment.csv``; ``codebook``: a codebook folder
    (default: the packaged one), validated before any article is read; ``period``: ``month``
    or ``week``, the periods of ``positions_by_period.csv``; ``stance_model``: the path of a
    learned stance model (checked against the codebook before any article is read);
    ``article_timeout``: seconds one article may take (None or 0: no limit), an article over
    it is a failure of stage ``timeout`` and the run goes on."""
    seeds, out = Path(seeds), Path(out)
    check_folders(seeds, out)
    codebook = Path(codebook).resolve() if codebook is not None else None
    try:
        codebook_at(codebook)
    except CodebookError as exc:
        raise PipelineError(str(exc)) from None
    if stance_model is not None:
        stance_model = str(Path(stance_model).resolve())
        try:
            scored_columns(codebook, stance_model)
        except ValueError as exc:  # ModelError, or a codebook the model was not trained for
            raise PipelineError(str(exc)) from exc
    out.mkdir(parents=True, exist_ok=True)
    paths = article_paths(seeds)
    jobs = jobs or available_cores()
    handles = {name: (out / TABLES[name][0]).open("w", encoding="utf-8", newline="")
               for name in run_tables(sentence_sentiment)}
    if not sentence_sentiment:  # a table from an earlier run must not pass for this one's
        (out / TABLES["sentences"][0]).unlink(missing_ok=True)
    articles = statements = failures = 0
    bar = tqdm(total=len(paths), unit="article", file=sys.stderr, disable=not progress)
    try:
        for name, handle in handles.items():
            handle.write(csv_text([], header=table_columns(name, codebook, stance_model)))
        for chunk in _results(paths, seeds, jobs, scheduler, sentence_sentiment, codebook, stance_model,
                              article_timeout):
            for article in chunk:
                for name, handle in handles.items():
                    handle.write(article.rows[name])
                for path, stage, error in article.failures:
                    failures += 1
                    bar.write(f"skipped {path} ({stage}): {error}", file=sys.stderr)
                if not article.failures:
                    articles += 1
                    statements += article.statements
            bar.update(len(chunk))
    finally:
        bar.close()
        for handle in handles.values():
            handle.close()
    aggregate(out, codebook_at(codebook), period)
    return Summary(articles, statements, failures)


def read_without_free_text(path: Path) -> pd.DataFrame:
    """A statements table without its free-text columns (content, cue, speaker text,
    evidence), which no aggregate reads: they are most of its size on a large corpus.
    Cells are read as :func:`analysis.tables.read_table` reads them (only empty cells missing)."""
    header = pd.read_csv(path, nrows=0).columns
    keep = [c for c in header if c not in FREE_TEXT_COLUMNS and not c.endswith("_evidence")]
    return pd.read_csv(path, usecols=keep, keep_default_na=False, na_values=[""], encoding="utf-8")


def aggregate(out: Path, codebook: Codebook | None = None, period: str = DEFAULT_PERIOD) -> None:
    """Write ``actors.csv``, ``positions.csv``, ``positions_by_period.csv``,
    ``sourcing_by_outlet.csv`` and the network files of ``out`` from its statements and
    documents tables, a person named by surname alone counted under the one full name the
    corpus gives that surname (:func:`analysis.actors.merge_corpus_speakers`)."""
    statements = merge_corpus_speakers(read_without_free_text(out / "statements.csv"))
    write_table(actor_table(statements), out / "actors.csv")
    scored = merge_corpus_speakers(read_without_free_text(out / "scored_statements.csv"))
    documents = read_table(out / "documents.csv")
    write_table(stakeholder_positions(scored, codebook), out / "positions.csv")
    write_table(positions_by_period(scored, documents, codebook, period), out / "positions_by_period.csv")
    write_table(sourcing_by_outlet(statements, documents, codebook), out / "sourcing_by_outlet.csv")
    write_networks(scored, out, codebook)
