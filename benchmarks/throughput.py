"""Throughput and memory of the whole pipeline against TextBlob sentiment alone.

Run ``python -m benchmarks.throughput --n 2000 --polnear ../shared/benchmarks/polnear-dev --jobs 2``.

Builds a corpus of N articles in a temporary folder by cycling through the texts at hand (the
seeds, plus the PolNeAR dev texts when a path is given), writing one file at a time. Then
measures, each in a fresh interpreter whose process tree (workers included) is sampled for
its resident memory (the sum over the processes, so pages that forked workers share with
their parent count more than once: an upper bound):

- ``textblob``: ``TextBlob(text).sentiment`` of every article, nothing else;
- ``serial``: ``run_corpus(..., jobs=1)``, the whole pipeline in one process (``burden-shift
  run``: ingestion, statements, scores, timeline, then positions and networks);
- ``parallel``: ``run_corpus(..., jobs=J)``;
- ``sentences``: the serial run with ``sentence_sentiment=True`` (``--sentence-sentiment``:
  TextBlob over every body sentence as well), reported beside the default;
- ``stages``: milliseconds per article of each step, to show where the time goes (the step
  marked * runs only with ``--sentence-sentiment``).

Each timed phase runs ``--repeat`` times (default 3), the phases in turn; the run of median
duration is reported, with the highest peak memory. Prints articles/s, words/s and peak RSS
per phase (with the time of the end-of-run aggregation, timed again on its own), the whole
pipeline's throughput per core as a share of TextBlob alone (and the 1-core share of every
round), the parallel speed-up, and whether the serial and parallel runs wrote identical
files. Targets on a 2-core machine: share >= 0.25, speed-up >= 1.6, peak memory flat in N
(under 1 GB at 20,000 articles).

``--aggregate-n M`` also measures the end of a run at the scale of M articles without
processing them all: the statements tables of the last run are repeated (under new document
ids) up to M articles, and the aggregation step (actors, positions, networks) is timed and
its peak memory sampled. Per-article work streams, so its memory does not depend on N;
the aggregation is the part that grows with the corpus.
"""
from __future__ import annotations

import argparse
import csv
import filecmp
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SAMPLE_SECONDS = 0.05


def source_texts(polnear: Path | None) -> list[Path]:
    """The article files to cycle through: the seeds, then the PolNeAR dev texts."""
    paths = sorted(SEEDS.glob("*.txt"))
    if polnear is not None:
        paths += sorted((polnear / "text").glob("*.txt"))
    return paths


def build_corpus(folder: Path, n: int, sources: list[Path]) -> int:
    """Write ``n`` article files into ``folder`` (one at a time, cycling through ``sources``);
    returns the total number of words."""
    texts = [path.read_text(encoding="utf-8") for path in sources]
    words = [len(text.split()) for text in texts]
    total = 0
    for index in range(n):
        which = index % len(texts)
        (folder / f"{index:06d}_{sources[which].stem[:40]}.txt").write_text(texts[which], encoding="utf-8")
        total += words[which]
    return total


def scale_tables(source: Path, target: Path, n_source: int, n_target: int) -> None:
    """Write ``documents.csv``, ``statements.csv`` and ``scored_statements.csv`` of
    ``n_target`` articles into ``target`` by repeating those of ``source`` (``n_source``
    articles) under new document ids, row by row."""
    target.mkdir()
    copies = -(-n_target // n_source)
    for name, ids in (("documents.csv", 1), ("statements.csv", 2), ("scored_statements.csv", 2)):
        with (target / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            for copy in range(copies):
                with (source / name).open(encoding="utf-8", newline="") as rows:
                    reader = csv.reader(rows)
                    header = next(reader)
                    if copy == 0:
                        writer.writerow(header)
                    for row in reader:
                        row[:ids] = [f"{copy}_{value}" for value in row[:ids]]  # doc_id (, statement_id)
                        writer.writerow(row)


def stage_times(corpus: Path, limit: int = 200) -> dict[str, float]:
    """Seconds per article of each step of :func:`analysis.pipeline.process_article` (the
    record functions it calls, in its order and with its arguments), of formatting the rows
    as CSV, and of TextBlob alone, over the first ``limit`` articles of ``corpus`` (after one
    untimed article, so that loading and caching are not counted)."""
    from textblob import TextBlob

    from analysis.ingest import body_sentences, read_document
    from analysis.pipeline import Article, csv_rows, run_tables, table_columns
    from analysis.scoring import score_records, sentence_records
    from analysis.statements import statement_records
    from analysis.timeline import timeline_records

    totals: dict[str, float] = {}

    def timed(name: str, function: Callable, *args, **kwargs):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        totals[name] = totals.get(name, 0.0) + time.perf_counter() - start
        return result

    paths = sorted(corpus.glob("*.txt"))[:limit]
    for index, path in enumerate([paths[0], *paths]):
        document = timed("read_document", read_document, path)
        text, doc_id = document.text, document.doc_id
        timed("TextBlob alone", lambda: TextBlob(text).sentiment)
        spans = timed("body_sentences", body_sentences, text, document.blocks)
        statements = timed("statement_records", statement_records, text, doc_id, blocks=document.blocks,
                           sentences=spans)
        scored = timed("score_records", score_records, statements, text, sentences=spans)
        sentences = timed("sentence_records *", sentence_records, text, doc_id, sentences=spans)
        timeline = timed("timeline_records", timeline_records, document, sentences=spans)
        article = Article([], statements, scored, sentences, timeline)
        timed("rows as CSV", lambda: [csv_rows(getattr(article, name), table_columns(name))
                                      for name in run_tables()])
        timed("sentence rows as CSV *", lambda: csv_rows(article.sentences, table_columns("sentences")))
        if index == 0:
            totals.clear()  # the untimed first article: loading and caching
    return {name: seconds / len(paths) for name, seconds in totals.items()}


def run_phase(phase: str, corpus: Path, out: Path, jobs: int) -> dict:
    """Do one phase in this process; returns seconds and counts."""
    if phase == "stages":
        return {"seconds": 0.0, "aggregation": 0.0, "articles": 0, "statements": 0, "failures": 0,
                "stages": stage_times(corpus)}
    if phase == "aggregate":
        from analysis.pipeline import aggregate

        start = time.perf_counter()
        aggregate(corpus)
        return {"seconds": time.perf_counter() - start, "aggregation": 0.0, "articles": 0, "statements": 0,
                "failures": 0}
    if phase == "textblob":
        from textblob import TextBlob

        start = time.perf_counter()
        articles = 0
        for path in sorted(corpus.glob("*.txt")):
            TextBlob(path.read_text(encoding="utf-8")).sentiment
            articles += 1
        return {"seconds": time.perf_counter() - start, "aggregation": 0.0, "articles": articles,
                "statements": 0, "failures": 0}
    from analysis.pipeline import aggregate, run_corpus

    start = time.perf_counter()
    summary = run_corpus(corpus, out, jobs=jobs if phase == "parallel" else 1, progress=False,
                         sentence_sentiment=phase == "sentences")
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    aggregate(out)  # again, to tell the serial end of the run from the per-article work
    return {"seconds": seconds, "aggregation": time.perf_counter() - start, "articles": summary.articles,
            "statements": summary.statements, "failures": summary.failures}


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of ``process`` and all its descendants, in bytes."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass  # a worker that just exited
    return total


def measure(phase: str, corpus: Path, out: Path, jobs: int) -> dict:
    """Run ``phase`` in a fresh interpreter and sample its process tree's memory meanwhile."""
    command = [sys.executable, "-m", "benchmarks.throughput", "--phase", phase, "--corpus", str(corpus),
               "--out", str(out), "--jobs", str(jobs)]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    handle = psutil.Process(child.pid)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, tree_rss(handle))
            except psutil.Error:
                return
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    done.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"phase {phase} failed (exit {child.returncode})")
    return {**json.loads(output.strip().splitlines()[-1]), "peak_rss": peak}


def median_run(runs: list[dict]) -> dict:
    """The run of median duration, with the highest peak memory of all runs."""
    ordered = sorted(runs, key=lambda run: run["seconds"])
    return {**ordered[len(ordered) // 2], "peak_rss": max(run["peak_rss"] for run in runs)}


def report(results: dict[str, dict], words: int, jobs: int) -> None:
    print(f"{'phase':<10} {'articles':>8} {'seconds':>8} {'of which aggregation':>21} {'articles/s':>11} "
          f"{'words/s':>10} {'peak RSS MB':>12} {'statements':>10}")
    for phase, result in results.items():
        if phase in ("aggregate", "stages"):
            continue
        seconds = result["seconds"]
        print(f"{phase:<10} {result['articles']:>8} {seconds:>8.1f} {result['aggregation']:>21.1f} "
              f"{result['articles'] / seconds:>11.1f} {words / seconds:>10.0f} {result['peak_rss'] / 2**20:>12.0f} "
              f"{result['statements']:>10}")
    base = results["textblob"]["seconds"] if "textblob" in results else None
    if base and "serial" in results:
        print(f"whole pipeline, 1 core:  {base / results['serial']['seconds']:.3f} of TextBlob-alone throughput")
    if base and "parallel" in results:
        print(f"whole pipeline, per core with {jobs} workers: "
              f"{base / results['parallel']['seconds'] / jobs:.3f} of TextBlob-alone throughput (one core)")
    if base and "sentences" in results:
        print(f"with --sentence-sentiment, 1 core: {base / results['sentences']['seconds']:.3f} "
              "of TextBlob-alone throughput")
    if "serial" in results and "parallel" in results:
        serial, parallel = results["serial"], results["parallel"]
        per_article = (serial["seconds"] - serial["aggregation"]) / (parallel["seconds"] - parallel["aggregation"])
        print(f"parallel speed-up with {jobs} workers: {serial['seconds'] / parallel['seconds']:.2f}x "
              f"(per-article work alone: {per_article:.2f}x)")
    if "stages" in results:
        print("milliseconds per article, by step (one process; * only with --sentence-sentiment):")
        for name, seconds in results["stages"]["stages"].items():
            print(f"  {name:<20} {1000 * seconds:7.2f}")
    if "aggregate" in results:
        result = results["aggregate"]
        print(f"aggregation at {result['articles']} articles ({result['statements']} statements): "
              f"{result['seconds']:.1f} s, peak RSS {result['peak_rss'] / 2**20:.0f} MB")


def identical_outputs(first: Path, second: Path) -> bool:
    """Whether two output folders hold the same files with the same bytes."""
    names = sorted(p.name for p in first.iterdir())
    if names != sorted(p.name for p in second.iterdir()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    return not mismatch and not errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=500, help="articles in the corpus")
    parser.add_argument("--polnear", type=Path, default=None, help="PolNeAR dev folder (its text/ is added)")
    parser.add_argument("--jobs", type=int, default=psutil.cpu_count() or 1, help="workers of the parallel phase")
    parser.add_argument("--phases", default="textblob,serial,parallel,sentences,stages",
                        help="comma-separated phases to run (stages: time per stage)")
    parser.add_argument("--repeat", type=int, default=3, metavar="R",
                        help="runs of each timed phase, interleaved; the median run is reported")
    parser.add_argument("--aggregate-n", type=int, default=0, metavar="M",
                        help="also time the aggregation step at the scale of M articles")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # internal: run one phase, print JSON
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.corpus, args.out, args.jobs)))
        return 0
    sources = source_texts(args.polnear)
    with tempfile.TemporaryDirectory(prefix="burden-shift-bench-") as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        words = build_corpus(corpus, args.n, sources)
        print(f"corpus: {args.n} articles from {len(sources)} source texts, {words} words; "
              f"{psutil.cpu_count()} cores, parallel phase with {args.jobs} workers")
        phases = args.phases.split(",")
        # Rounds of every phase in turn, so that a slow spell of a shared machine hits all
        # phases alike rather than one of them.
        samples: dict[str, list[dict]] = {phase: [] for phase in phases if phase != "stages"}
        for _ in range(max(1, args.repeat)):
            for phase in samples:
                samples[phase].append(measure(phase, corpus, Path(scratch) / f"out_{phase}", args.jobs))
        results = {phase: median_run(runs) for phase, runs in samples.items()}
        if "stages" in phases:
            results["stages"] = measure("stages", corpus, Path(scratch) / "out_stages", args.jobs)
        if "textblob" in samples and "serial" in samples:
            shares = [t["seconds"] / s["seconds"] for t, s in zip(samples["textblob"], samples["serial"])]
            print(f"whole pipeline, 1 core, per round: {' '.join(f'{share:.3f}' for share in shares)} "
                  f"of TextBlob-alone throughput (median {sorted(shares)[len(shares) // 2]:.3f})")
        runs = [Path(scratch) / f"out_{phase}" for phase in phases if phase in ("serial", "parallel")]
        if len(runs) == 2:
            same = identical_outputs(*runs)
            print(f"serial and parallel outputs byte-identical: {'yes' if same else 'NO'}")
        if args.aggregate_n and runs:
            scaled = Path(scratch) / "scaled"
            scale_tables(runs[-1], scaled, args.n, args.aggregate_n)
            with (scaled / "statements.csv").open(encoding="utf-8", newline="") as handle:
                rows = sum(1 for _ in csv.reader(handle)) - 1
            results["aggregate"] = {**measure("aggregate", scaled, scaled, args.jobs),
                                    "articles": -(-args.aggregate_n // args.n) * args.n, "statements": rows}
    report(results, words, args.jobs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
