"""Command line: ``python -m analysis COMMAND`` or the ``burden-shift`` console script.

- ``statements FILE...``: attributed statements of each file, as CSV on stdout.
- ``run SEEDS_DIR --out DIR``: the whole pipeline over a folder of articles.
- ``render [--seeds DIR]``: execute the numbered notebooks (what ``make all`` calls).
- ``html``: export the rendered notebooks to HTML.

A file that cannot be read is reported on stderr and skipped; the exit status is 1 when
any file failed, 2 when ``run`` cannot start (e.g. an output folder inside the corpus),
0 otherwise.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _statements(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis.ingest import IngestError, read_document
    from analysis.statements import extract_statements
    from analysis.transcripts import declared_transcript

    frames, failed = [], 0
    for name in args.files:
        try:
            document = read_document(Path(name))
        except (IngestError, OSError) as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            failed += 1
            continue
        frames.append(extract_statements(document.text, document.doc_id, transcript=declared_transcript(document.metadata)))
    if frames:
        pd.concat(frames, ignore_index=True).to_csv(sys.stdout, index=False)
    return 1 if failed else 0


def _run(args: argparse.Namespace) -> int:
    from analysis.pipeline import PipelineError, run_corpus

    try:
        summary = run_corpus(Path(args.seeds), Path(args.out), jobs=args.jobs, scheduler=args.scheduler,
                             sentence_sentiment=args.sentence_sentiment, article_timeout=args.article_timeout)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{summary.articles} articles, {summary.statements} statements, {summary.failures} failures "
          f"(listed in {Path(args.out) / 'failures.csv'}); tables in {args.out}", file=sys.stderr)
    return 1 if summary.failures else 0


def _render(args: argparse.Namespace) -> int:
    from analysis.notebooks import render

    render(Path(args.seeds))
    return 0


def _html(args: argparse.Namespace) -> int:
    from analysis.notebooks import export_html

    for path in export_html(Path(args.seeds)):
        print(path)
    return 0


def _seconds(value: str) -> float:
    seconds = float(value)
    if not seconds >= 0:
        raise argparse.ArgumentTypeError(f"{value}: give a number of seconds, 0 or more (0: no limit)")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="burden-shift", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    statements = commands.add_parser("statements", help="print the attributed statements of FILE(s) as CSV")
    statements.add_argument("files", nargs="+", metavar="FILE")
    statements.set_defaults(func=_statements)

    run = commands.add_parser("run", help="run the whole pipeline over a folder of articles")
    run.add_argument("seeds", metavar="SEEDS_DIR")
    run.add_argument("--out", required=True, metavar="DIR", help="output folder (never inside SEEDS_DIR)")
    run.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    run.add_argument("--scheduler", default=None, metavar="ADDRESS", help="dask.distributed scheduler address")
    run.add_argument("--sentence-sentiment", action="store_true",
                     help="also score every body sentence (sentence_sentiment.csv, for the sentiment arc); "
                          "costs about as much as TextBlob over every article again")
    run.add_argument("--article-timeout", type=_seconds, default=60.0, metavar="SECONDS",
                     help="stop an article after this many seconds and list it in failures.csv "
                          "(stage 'timeout'); 0: no limit (default: 60)")
    run.set_defaults(func=_run)

    default_seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    render = commands.add_parser("render", help="execute the numbered notebooks")
    render.add_argument("--seeds", default=default_seeds, metavar="DIR", help="corpus folder (default: seeds/)")
    render.set_defaults(func=_render)

    html = commands.add_parser("html", help="export the rendered notebooks to HTML")
    html.add_argument("--seeds", default=default_seeds, metavar="DIR", help="corpus whose rendering to export")
    html.set_defaults(func=_html)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
