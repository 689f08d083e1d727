"""Command line: ``python -m analysis COMMAND`` or the ``burden-shift`` console script.

- ``statements FILE... [--codebook DIR]``: attributed statements of each file, as CSV on stdout.
- ``run SEEDS_DIR --out DIR [--codebook DIR] [--period month|week]``: the whole pipeline
  over a folder of articles.
- ``codebook init DIR`` / ``codebook check DIR [--corpus FOLDER]``: start a codebook for
  a new debate / validate one and count what it finds (:mod:`analysis.codebook_tools`).
- ``render [--seeds DIR] [--codebook DIR]``: execute the numbered notebooks (what ``make all`` calls).
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

    from analysis.codebook import CodebookError, load_codebook
    from analysis.ingest import IngestError, read_document
    from analysis.statements import extract_statements

    try:
        codebook = load_codebook(args.codebook) if args.codebook else None
    except CodebookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    frames, failed = [], 0
    for name in args.files:
        try:
            document = read_document(Path(name))
        except (IngestError, OSError) as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            failed += 1
            continue
        frames.append(extract_statements(document.text, document.doc_id, codebook))
    if frames:
        pd.concat(frames, ignore_index=True).to_csv(sys.stdout, index=False)
    return 1 if failed else 0


def _run(args: argparse.Namespace) -> int:
    from analysis.pipeline import PipelineError, run_corpus

    try:
        summary = run_corpus(Path(args.seeds), Path(args.out), jobs=args.jobs, scheduler=args.scheduler,
                             sentence_sentiment=args.sentence_sentiment, codebook=args.codebook,
                             period=args.period)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{summary.articles} articles, {summary.statements} statements, {summary.failures} failures "
          f"(listed in {Path(args.out) / 'failures.csv'}); tables in {args.out}", file=sys.stderr)
    return 1 if summary.failures else 0


def _codebook_init(args: argparse.Namespace) -> int:
    from analysis.codebook_tools import init_codebook

    try:
        written = init_codebook(Path(args.folder))
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {', '.join(p.name for p in written)} into {args.folder}; read its README.md next")
    return 0


def _codebook_check(args: argparse.Namespace) -> int:
    from analysis.codebook import CodebookError
    from analysis.codebook_tools import check_codebook
    from analysis.pipeline import PipelineError

    try:
        print(check_codebook(Path(args.folder), Path(args.corpus) if args.corpus else None, jobs=args.jobs))
    except (CodebookError, PipelineError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _render(args: argparse.Namespace) -> int:
    from analysis.notebooks import render

    render(Path(args.seeds), codebook=args.codebook)
    return 0


def _html(args: argparse.Namespace) -> int:
    from analysis.notebooks import export_html

    for path in export_html(Path(args.seeds), codebook=args.codebook):
        print(path)
    return 0


CODEBOOK_HELP = "codebook folder (default: the packaged analysis/codebook; start one with 'codebook init')"
PERIOD_CHOICES = ("month", "week")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="burden-shift", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    statements = commands.add_parser("statements", help="print the attributed statements of FILE(s) as CSV")
    statements.add_argument("files", nargs="+", metavar="FILE")
    statements.add_argument("--codebook", default=None, metavar="DIR", help=CODEBOOK_HELP)
    statements.set_defaults(func=_statements)

    run = commands.add_parser("run", help="run the whole pipeline over a folder of articles")
    run.add_argument("seeds", metavar="SEEDS_DIR")
    run.add_argument("--out", required=True, metavar="DIR", help="output folder (never inside SEEDS_DIR)")
    run.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    run.add_argument("--scheduler", default=None, metavar="ADDRESS", help="dask.distributed scheduler address")
    run.add_argument("--codebook", default=None, metavar="DIR", help=CODEBOOK_HELP)
    run.add_argument("--period", choices=PERIOD_CHOICES, default="month",
                     help="periods of positions_by_period.csv (default: month)")
    run.add_argument("--sentence-sentiment", action="store_true",
                     help="also score every body sentence (sentence_sentiment.csv, for the sentiment arc); "
                          "costs about as much as TextBlob over every article again")
    run.set_defaults(func=_run)

    default_seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    render = commands.add_parser("render", help="execute the numbered notebooks")
    render.add_argument("--seeds", default=default_seeds, metavar="DIR", help="corpus folder (default: seeds/)")
    render.add_argument("--codebook", default=None, metavar="DIR", help=CODEBOOK_HELP)
    render.set_defaults(func=_render)

    html = commands.add_parser("html", help="export the rendered notebooks to HTML")
    html.add_argument("--seeds", default=default_seeds, metavar="DIR", help="corpus whose rendering to export")
    html.add_argument("--codebook", default=None, metavar="DIR", help="the codebook it was rendered with")

    codebook = commands.add_parser("codebook", help="start or check a codebook folder")
    actions = codebook.add_subparsers(dest="action", required=True)
    init = actions.add_parser("init", help="write a starting codebook for a new debate into DIR")
    init.add_argument("folder", metavar="DIR")
    init.set_defaults(func=_codebook_init)
    check = actions.add_parser("check", help="validate a codebook; with --corpus, count what it finds")
    check.add_argument("folder", metavar="DIR")
    check.add_argument("--corpus", default=None, metavar="FOLDER",
                       help="a folder of articles: statements per target and per actor")
    check.add_argument("--jobs", type=int, default=None, help="worker processes for --corpus (default: all cores)")
    check.set_defaults(func=_codebook_check)
    html.set_defaults(func=_html)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
