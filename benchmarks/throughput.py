"""Throughput and memory of the whole pipeline against TextBlob sentiment alone.

Run ``python -m benchmarks.throughput --n 2000 --polnear ../shared/benchmarks/polnear-dev --jobs 2``.

Builds a corpus of N articles in a temporary folder by cycling through the texts at hand (the
seeds, plus the PolNeAR dev texts when a path is given), writing one file at a time. Then
measures, each in a fresh interpreter whose process tree (workers included) is sampled for
its resident memory:

- ``textblob``: ``TextBlob(text).sentiment`` of every article, nothing else;
- ``serial``: ``run_corpus(..., jobs=1)``, the whole pipeline in one process;
- ``parallel``: ``run_corpus(..., jobs=J)``.

Prints articles/s, words/s and peak RSS per phase, the whole pipeline's throughput per core
as a share of TextBlob alone, and the parallel speed-up. Targets on a 2-core machine: share
>= 0.25, speed-up >= 1.6, peak memory flat in N (under 1 GB at 20,000 articles).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
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


def run_phase(phase: str, corpus: Path, out: Path, jobs: int) -> dict:
    """Do one phase in this process; returns seconds and counts."""
    if phase == "textblob":
        from textblob import TextBlob

        start = time.perf_counter()
        articles = 0
        for path in sorted(corpus.glob("*.txt")):
            TextBlob(path.read_text(encoding="utf-8")).sentiment
            articles += 1
        return {"seconds": time.perf_counter() - start, "articles": articles, "statements": 0, "failures": 0}
    from analysis.pipeline import run_corpus

    start = time.perf_counter()
    summary = run_corpus(corpus, out, jobs=1 if phase == "serial" else jobs, progress=False)
    return {"seconds": time.perf_counter() - start, "articles": summary.articles,
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


def report(results: dict[str, dict], words: int, jobs: int) -> None:
    print(f"{'phase':<10} {'articles':>8} {'seconds':>8} {'articles/s':>11} {'words/s':>10} "
          f"{'peak RSS MB':>12} {'statements':>10}")
    for phase, result in results.items():
        seconds = result["seconds"]
        print(f"{phase:<10} {result['articles']:>8} {seconds:>8.1f} {result['articles'] / seconds:>11.1f} "
              f"{words / seconds:>10.0f} {result['peak_rss'] / 2**20:>12.0f} {result['statements']:>10}")
    base = results["textblob"]["seconds"]
    if "serial" in results:
        print(f"whole pipeline, 1 core:  {base / results['serial']['seconds']:.3f} of TextBlob-alone throughput")
    if "parallel" in results:
        print(f"whole pipeline, per core with {jobs} workers: "
              f"{base / results['parallel']['seconds'] / jobs:.3f} of TextBlob-alone throughput (one core)")
    if "serial" in results and "parallel" in results:
        print(f"parallel speed-up with {jobs} workers: "
              f"{results['serial']['seconds'] / results['parallel']['seconds']:.2f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=500, help="articles in the corpus")
    parser.add_argument("--polnear", type=Path, default=None, help="PolNeAR dev folder (its text/ is added)")
    parser.add_argument("--jobs", type=int, default=psutil.cpu_count() or 1, help="workers of the parallel phase")
    parser.add_argument("--phases", default="textblob,serial,parallel", help="comma-separated phases to run")
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
        results = {phase: measure(phase, corpus, Path(scratch) / f"out_{phase}", args.jobs)
                   for phase in args.phases.split(",")}
    report(results, words, args.jobs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
