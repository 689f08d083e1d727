"""Command line: ``python -m analysis COMMAND`` or the ``burden-shift`` console script.

- ``statements FILE... [--codebook DIR]``: attributed statements of each file, as CSV on stdout.
- ``run SEEDS_DIR --out DIR [--jobs N] [--scheduler ADDRESS] [--codebook DIR] [--period month|week]
  [--sentence-sentiment] [--stance-model MODEL] [--article-timeout SECONDS]``: the whole
  pipeline over a folder of articles (an article over the time budget, default 60 s, 0 = none,
  is listed in ``failures.csv`` with stage ``timeout``).
- ``codebook init DIR`` / ``codebook check DIR [--corpus FOLDER] [--jobs N]``: start a codebook
  for a new debate / validate one and count what it finds (:mod:`analysis.codebook_tools`).
- ``sample CORPUS_OUT --n N --seed S --out SHEET [--corpus DIR] [--codebook DIR]``: a coding
  sheet of statement x target pairs.
- ``agreement SHEET_A SHEET_B [--seed S]``: Cohen's kappa and Krippendorff's alpha of two coders.
- ``train SHEET... --out MODEL [--codebook DIR] [--folds K] [--seed S]``: fit the learned
  stance scorer on coded sheets.
- ``render [--seeds DIR] [--codebook DIR]``: execute the numbered notebooks (what ``make all`` calls).
- ``html [--seeds DIR] [--codebook DIR]``: export the rendered notebooks to HTML.

A file that cannot be read is reported on stderr and skipped; the exit status is 1 when
any file failed, 2 when a command cannot start (a codebook, sheet or model that does not
validate, an output folder inside the corpus), 0 otherwise.
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
    from analysis.transcripts import declared_transcript

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
        frames.append(extract_statements(document.text, document.doc_id, codebook,
                                         transcript=declared_transcript(document.metadata)))
    if frames:
        pd.concat(frames, ignore_index=True).to_csv(sys.stdout, index=False)
    return 1 if failed else 0


def _run(args: argparse.Namespace) -> int:
    from analysis.pipeline import PipelineError, run_corpus

    try:
        summary = run_corpus(Path(args.seeds), Path(args.out), jobs=args.jobs, scheduler=args.scheduler,
                             sentence_sentiment=args.sentence_sentiment, codebook=args.codebook,
                             period=args.period, stance_model=args.stance_model,
                             article_timeout=args.article_timeout)
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


def _codebook(args: argparse.Namespace):
    from analysis.codebook import load_codebook

    return load_codebook(args.codebook)


def _sample(args: argparse.Namespace) -> int:
    from analysis.coding import draw_sample
    from analysis.tables import write_table

    try:
        sheet = draw_sample(args.corpus_out, args.n, args.seed, _codebook(args), args.corpus)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_table(sheet, args.out)
    print(f"{len(sheet)} pairs from {sheet['doc_id'].nunique()} documents, "
          f"{sheet['stratum'].nunique()} strata; coding sheet in {args.out}", file=sys.stderr)
    return 0


def _agreement(args: argparse.Namespace) -> int:
    from analysis.coding import agreement

    try:
        table = agreement(args.sheet_a, args.sheet_b, seed=args.seed)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    return 0


def _train(args: argparse.Namespace) -> int:
    from analysis.coding import read_coded_sheet
    from analysis.learned import save_model, train_model

    try:
        model = train_model([read_coded_sheet(path, require_labels=False) for path in args.sheets],
                            _codebook(args), folds=args.folds, seed=args.seed)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    save_model(model, args.out)
    for target, figures in model.report.items():
        s = figures["scores"]
        print(f"{target}: {s['n']} coded pairs, {args.folds}-fold cross-validated accuracy {s['accuracy']:.3f} "
              f"[{s['accuracy_low']:.3f}, {s['accuracy_high']:.3f}], macro-F1 {s['macro_f1']:.3f} "
              f"[{s['macro_f1_low']:.3f}, {s['macro_f1_high']:.3f}], kappa {s['kappa']:.3f} "
              f"[{s['kappa_low']:.3f}, {s['kappa_high']:.3f}]; confusion (gold -> predicted): {figures['confusion']}")
    print(f"model for {', '.join(model.target_ids)} in {args.out} (metadata in {args.out}.json)", file=sys.stderr)
    return 0


CODEBOOK_HELP = "codebook folder (default: the packaged analysis/codebook; start one with 'codebook init')"
PERIOD_CHOICES = ("month", "week")


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
    run.add_argument("--stance-model", default=None, metavar="MODEL",
                     help="a model from 'burden-shift train': its stance replaces the rules' for its targets")
    run.add_argument("--article-timeout", type=_seconds, default=60.0, metavar="SECONDS",
                     help="stop an article after this many seconds and list it in failures.csv "
                          "(stage 'timeout'); 0: no limit (default: 60)")
    run.set_defaults(func=_run)

    sample = commands.add_parser("sample", help="draw a coding sheet of statement x target pairs from a run")
    sample.add_argument("corpus_out", metavar="CORPUS_OUT", help="output folder of 'burden-shift run'")
    sample.add_argument("--n", type=int, required=True, help="pairs to draw")
    sample.add_argument("--seed", type=int, required=True, help="random seed (same seed, same sheet)")
    sample.add_argument("--out", required=True, metavar="SHEET.csv")
    sample.add_argument("--corpus", default=None, metavar="DIR",
                        help="the article folder the run read (needed when it wrote no sentence_sentiment.csv)")
    sample.add_argument("--codebook", default=None, metavar="DIR", help="codebook the run used (default: packaged)")
    sample.set_defaults(func=_sample)

    agree = commands.add_parser("agreement", help="agreement of two coders' sheets (kappa, alpha, intervals)")
    agree.add_argument("sheet_a", metavar="SHEET_A")
    agree.add_argument("sheet_b", metavar="SHEET_B")
    agree.add_argument("--seed", type=int, default=20251205, help="bootstrap seed")
    agree.set_defaults(func=_agreement)

    train = commands.add_parser("train", help="fit the learned stance scorer on coded sheets")
    train.add_argument("sheets", nargs="+", metavar="CODED_SHEET")
    train.add_argument("--out", required=True, metavar="MODEL", help="model file (metadata in MODEL.json)")
    train.add_argument("--codebook", default=None, metavar="DIR", help="codebook the sheets were drawn with")
    train.add_argument("--folds", type=int, default=5, help="cross-validation folds")
    train.add_argument("--seed", type=int, default=20251205, help="cross-validation seed")
    train.set_defaults(func=_train)

    default_seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    render = commands.add_parser("render", help="execute the numbered notebooks")
    render.add_argument("--seeds", default=default_seeds, metavar="DIR", help="corpus folder (default: seeds/)")
    render.add_argument("--codebook", default=None, metavar="DIR", help=CODEBOOK_HELP)
    render.set_defaults(func=_render)

    html = commands.add_parser("html", help="export the rendered notebooks to HTML")
    html.add_argument("--seeds", default=default_seeds, metavar="DIR", help="corpus whose rendering to export")
    html.add_argument("--codebook", default=None, metavar="DIR", help="the codebook it was rendered with")
    html.set_defaults(func=_html)

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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
