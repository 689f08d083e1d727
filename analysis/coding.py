"""Hand coding of a sample of statement x target pairs, and the agreement of two coders.

The text-as-data workflow: draw a sample from a corpus run, code it by hand
(``gold/CODING_GUIDE.md``), measure agreement between coders, then fit or check a scorer
against the coded sample (:mod:`analysis.learned`).

``draw_sample(corpus_out, n, seed)`` reads the ``scored_statements.csv`` of a
``burden-shift run`` output folder and draws ``n`` statement x target pairs, stratified by
bloc and by whether the rules address the target (equal shares per stratum, so that the
rare addressed pairs are not swamped), and within a stratum spread over the documents.
The coding sheet it returns (:data:`SHEET_COLUMNS`) has, per pair: ``pair_id``
(``statement_id|target``), ``statement_id``, ``doc_id``, ``speaker``, ``bloc``, ``cue``,
``previous_sentence`` (the body sentence before the statement's), ``content``, ``target``,
``proposition``, an empty ``label`` (one of :data:`LABELS`) and ``coder``, then ``stratum``
and ``weight`` (stratum size / pairs drawn from it: the inverse inclusion probability, for
estimates over the corpus). ``stratum`` names the rules' decision, so coders should hide
the columns after ``coder`` while coding.

``read_coded_sheet(path)`` validates a coded sheet; errors name the file, the row and the
column. ``agreement(sheet_a, sheet_b)`` gives percent agreement, Cohen's kappa and
Krippendorff's alpha (nominal) over the pairs both coded, with percentile bootstrap
intervals (fixed seed).
"""
from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from analysis.codebook import Codebook, load_codebook
from analysis.ingest import IngestError, body_sentences, read_document
from analysis.positions import stance_targets
from analysis.tables import read_table

LABELS = ("support", "oppose", "neutral", "not addressed")
SHEET_COLUMNS = ["pair_id", "statement_id", "doc_id", "speaker", "bloc", "cue", "previous_sentence", "content",
                 "target", "proposition", "label", "coder", "stratum", "weight"]
REQUIRED_COLUMNS = ("pair_id", "statement_id", "content", "target", "label", "coder")
AGREEMENT_COLUMNS = ["measure", "value", "ci_low", "ci_high", "n_pairs"]
DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 20251205


class CodingSheetError(ValueError):
    """A coding sheet that cannot be used; the message names the file, row and column."""


def _sentences_by_doc(corpus_out: Path, corpus: Path | None) -> dict[str, tuple[list[int], list[str]]]:
    """doc_id -> (start offsets, texts) of its body sentences: from the run's
    ``sentence_sentiment.csv`` when it wrote one, else from the articles in ``corpus``."""
    table = corpus_out / "sentence_sentiment.csv"
    out: dict[str, tuple[list[int], list[str]]] = {}
    if table.is_file():
        sentences = read_table(table).sort_values(["doc_id", "start"], kind="stable")
        for doc_id, rows in sentences.groupby("doc_id", sort=False):
            out[str(doc_id)] = (rows["start"].astype(int).tolist(), rows["text"].fillna("").astype(str).tolist())
        return out
    if corpus is None:
        raise FileNotFoundError(f"{table} not found: give the corpus folder the run read (--corpus DIR), "
                                "or run with --sentence-sentiment, so that the sheet can show the sentence "
                                "before each statement")
    documents = read_table(corpus_out / "documents.csv")
    for doc_id, path, failed in zip(documents["doc_id"], documents["path"], documents["error"].notna()):
        if failed:
            continue
        try:
            document = read_document(corpus / str(path))
        except (IngestError, OSError) as exc:
            raise FileNotFoundError(f"{corpus / str(path)}: cannot read the article of {doc_id} ({exc}); "
                                    "is --corpus the folder the run read?") from exc
        spans = body_sentences(document.text, document.blocks)
        out[str(doc_id)] = ([a for _, _, a, _ in spans], [document.text[a:b] for _, _, a, b in spans])
    return out


def _previous(sentences: dict[str, tuple[list[int], list[str]]], doc_id: str, start: int) -> str:
    """The body sentence before the one holding offset ``start`` ('' for the first)."""
    starts, texts = sentences.get(doc_id, ([], []))
    index = bisect_right(starts, start) - 1
    return texts[index - 1] if index > 0 else ""


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Split ``n`` into equal shares per stratum, none above its size; what a small stratum
    cannot take goes to the others (strata in sorted order take the remainder first)."""
    take = dict.fromkeys(sizes, 0)
    left = min(n, sum(sizes.values()))
    while left:
        open_strata = sorted(k for k in sizes if take[k] < sizes[k])
        share = max(1, left // len(open_strata))
        for key in open_strata:
            extra = min(share, sizes[key] - take[key], left)
            take[key] += extra
            left -= extra
            if not left:
                break
    return take


def _spread(rows: pd.DataFrame, k: int, rng: np.random.Generator) -> pd.DataFrame:
    """``k`` random rows of ``rows``, taken round-robin over its documents in random order,
    so that no document contributes more than its share."""
    shuffled = rows.iloc[rng.permutation(len(rows))]
    documents = shuffled["doc_id"].unique()
    order = dict(zip(documents[rng.permutation(len(documents))], range(len(documents))))
    ranked = shuffled.assign(_rank=shuffled.groupby("doc_id", sort=False).cumcount(),
                             _doc=shuffled["doc_id"].map(order))
    return ranked.sort_values(["_rank", "_doc"], kind="stable").head(k).drop(columns=["_rank", "_doc"])


def draw_sample(corpus_out: str | Path, n: int, seed: int, codebook: Codebook | None = None,
                corpus: str | Path | None = None) -> pd.DataFrame:
    """A coding sheet (:data:`SHEET_COLUMNS`) of ``n`` statement x target pairs drawn from
    the run in ``corpus_out`` (see the module docstring); ``codebook``: the one the run used
    (its propositions are shown to the coder); ``corpus``: the article folder, needed only
    when the run wrote no ``sentence_sentiment.csv``. Same inputs and seed, same sheet."""
    corpus_out = Path(corpus_out)
    table = corpus_out / "scored_statements.csv"
    if not table.is_file():
        raise FileNotFoundError(f"{table} not found: give the output folder of 'burden-shift run'")
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    codebook = codebook if codebook is not None else load_codebook()
    scored = read_table(table)
    targets = stance_targets(scored, codebook)
    if scored.empty or not targets:
        raise ValueError(f"{table}: no statement x target pair to draw ({len(scored)} statements, "
                         f"{len(targets)} stance columns): run over articles with attributed statements, "
                         "with the codebook the run used (--codebook)")
    propositions = dict(zip(codebook.targets["target_id"], codebook.targets["proposition"]))
    scored["bloc"] = scored["bloc"].fillna("unknown").astype(str)
    pairs = pd.concat([scored.assign(target=t, _addressed=scored[f"stance_{t}"].notna()) for t in targets],
                      ignore_index=True).sort_values(["statement_id", "target"], kind="stable")
    pairs["stratum"] = pairs["bloc"] + "|" + np.where(pairs["_addressed"], "addressed", "not addressed")
    rng = np.random.default_rng(seed)
    groups = dict(tuple(pairs.groupby("stratum", sort=True)))
    take = allocate({k: len(v) for k, v in groups.items()}, n)
    drawn = pd.concat([_spread(groups[k], take[k], rng).assign(weight=len(groups[k]) / take[k])
                       for k in sorted(groups) if take[k]], ignore_index=True)
    sentences = _sentences_by_doc(corpus_out, Path(corpus) if corpus is not None else None)
    drawn["previous_sentence"] = [_previous(sentences, str(d), int(s))
                                  for d, s in zip(drawn["doc_id"], drawn["content_start"])]
    drawn["pair_id"] = drawn["statement_id"] + "|" + drawn["target"]
    drawn["proposition"] = drawn["target"].map(propositions)
    drawn["label"] = ""
    drawn["coder"] = ""
    return drawn[SHEET_COLUMNS].sort_values(["doc_id", "statement_id", "target"], kind="stable",
                                            ignore_index=True)


def _fail(path: Path | str, row: int | None, column: str | None, problem: str, fix: str) -> CodingSheetError:
    where = str(path)
    if row is not None:
        where += f", row {row} (line {row + 1})"
    if column is not None:
        where += f", column '{column}'"
    return CodingSheetError(f"{where}: {problem}. Fix: {fix}")


def read_coded_sheet(path: str | Path, require_labels: bool = True) -> pd.DataFrame:
    """A coded sheet as a DataFrame of text cells (``label`` lower-cased and stripped).

    Raises :class:`CodingSheetError` naming the file, the row (1 = first after the header)
    and the column when a required column is missing, a ``pair_id`` repeats, ``content`` or
    ``target`` is empty, or a label is not one of :data:`LABELS` (empty labels are errors
    only with ``require_labels``; a label needs a ``coder``)."""
    path = Path(path)
    if not path.is_file():
        raise _fail(path, None, None, "file not found", "give the path of a sheet written by 'burden-shift sample'")
    try:
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise _fail(path, None, None, f"not a readable UTF-8 CSV file ({exc})", "save the sheet as UTF-8 CSV") from exc
    missing = [c for c in REQUIRED_COLUMNS if c not in sheet.columns]
    if missing:
        raise _fail(path, None, ", ".join(missing), "column(s) missing from the header",
                    "keep the columns of the sheet 'burden-shift sample' wrote")
    sheet["label"] = sheet["label"].str.strip().str.lower()
    sheet["coder"] = sheet["coder"].str.strip()
    seen: dict[str, int] = {}
    for row, record in enumerate(sheet.to_dict("records"), start=1):
        for column in ("pair_id", "content", "target"):
            if not record[column].strip():
                raise _fail(path, row, column, "empty cell", f"restore '{column}' from the sheet as drawn")
        if record["pair_id"] in seen:
            raise _fail(path, row, "pair_id", f"'{record['pair_id']}' repeats row {seen[record['pair_id']]}",
                        "code each pair once per sheet")
        seen[record["pair_id"]] = row
        label = record["label"]
        if not label and require_labels:
            raise _fail(path, row, "label", "no label", f"code the pair as one of {', '.join(LABELS)}")
        if label and label not in LABELS:
            raise _fail(path, row, "label", f"'{label}' is not a label", f"use one of {', '.join(LABELS)}")
        if label and not record["coder"]:
            raise _fail(path, row, "coder", "a label without a coder", "put the coder's initials in 'coder'")
    return sheet


def _alpha(a: np.ndarray, b: np.ndarray) -> float:
    """Krippendorff's alpha (nominal) of two coders' label codes; NaN when only one value occurs."""
    if len(np.unique(np.concatenate([a, b]))) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=np.vstack([a, b]).astype(float),
                                    level_of_measurement="nominal"))


def _kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two label-code sequences; NaN when chance agreement is 1."""
    if len(np.unique(np.concatenate([a, b]))) < 2:
        return float("nan")
    return float(cohen_kappa_score(a, b))


def agreement(sheet_a: str | Path | pd.DataFrame, sheet_b: str | Path | pd.DataFrame,
              resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Agreement of two coders over the pairs (``pair_id``) both labelled: rows
    ``percent agreement``, ``cohen kappa``, ``krippendorff alpha`` with columns
    :data:`AGREEMENT_COLUMNS` (95% percentile bootstrap over pairs, ``resamples`` draws,
    fixed ``seed``). Sheets are paths (validated by :func:`read_coded_sheet`) or frames."""
    a, b = (read_coded_sheet(s, require_labels=False) if not isinstance(s, pd.DataFrame) else s
            for s in (sheet_a, sheet_b))
    both = a[a["label"] != ""].merge(b[b["label"] != ""], on="pair_id", suffixes=("_a", "_b"))
    if both.empty:
        raise ValueError("the two sheets have no labelled pair_id in common: give two codings of the same sample")
    codes = {label: i for i, label in enumerate(LABELS)}
    x = both["label_a"].map(codes).to_numpy()
    y = both["label_b"].map(codes).to_numpy()
    measures = {"percent agreement": lambda p, q: float(np.mean(p == q)), "cohen kappa": _kappa,
                "krippendorff alpha": _alpha}
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(x), size=(resamples, len(x)))
    rows = []
    for name, measure in measures.items():
        boot = np.array([measure(x[i], y[i]) for i in draws])
        low, high = (np.nanpercentile(boot, [2.5, 97.5]) if np.isfinite(boot).any() else (np.nan, np.nan))
        rows.append((name, measure(x, y), float(low), float(high), len(x)))
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
