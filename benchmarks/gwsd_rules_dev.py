"""Macro-F1 of the stance rules with the climate codebook on the GWSD dev split (in-sample).

The climate codebook (``benchmarks/codebooks/climate/``) was built while reading this
split, so the figure on all of it is in-sample; the held-out test is measured
independently (``benchmarks/gwsd.py --predict``). For an estimate less flattering than
the in-sample one, the split is also reported in two halves: the even-numbered rows
(0, 2, ...), the only ones whose errors were read while revising the codebook, and the
odd-numbered rows, not read in that revision (its first version was built on all of dev,
so the odd half is not a clean held-out set either). Each sentence is scored as the content
of one statement without a reporting verb; stance above ``STANCE_THRESHOLD`` is agree,
below its negative disagree, anything else (not addressed included) neutral.

    python -m benchmarks.gwsd_rules_dev ../shared/benchmarks/gwsd-dev [--errors N]

``--errors N`` prints N misclassified sentences of the even half with their evidence.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from analysis.codebook import load_codebook
from analysis.scoring import STANCE_THRESHOLD, score_records

CLIMATE_CODEBOOK = Path(__file__).resolve().parent / "codebooks" / "climate"
LABELS = ("agree", "disagree", "neutral")


def rules_labels(sentences: list[str], threshold: float = STANCE_THRESHOLD) -> tuple[list[str], list[str]]:
    """(label, evidence) lists for ``sentences`` by the rules with the climate codebook."""
    records = [{"content": s, "cue": ""} for s in sentences]
    scored = score_records(records, codebook=load_codebook(CLIMATE_CODEBOOK))
    labels = []
    for row in scored:
        score = row["stance_climate_concern"]
        labels.append("agree" if score > threshold else "disagree" if score < -threshold else "neutral")
    return labels, [row["stance_climate_concern_evidence"] for row in scored]


def f1_table(gold: list[str], predicted: list[str]) -> pd.DataFrame:
    """Precision, recall and F1 per label, and their macro average."""
    rows = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        n_pred, n_gold = predicted.count(label), gold.count(label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append((label, n_gold, precision, recall, f1))
    table = pd.DataFrame(rows, columns=["label", "n", "precision", "recall", "f1"])
    macro = table[["precision", "recall", "f1"]].mean()
    return pd.concat([table, pd.DataFrame([("macro", len(gold), *macro)], columns=table.columns)],
                     ignore_index=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gwsd_dir", type=Path)
    parser.add_argument("--errors", type=int, default=0, help="print this many misclassified sentences")
    args = parser.parse_args(argv)
    dev = pd.read_csv(args.gwsd_dir / "gwsd_dev.csv")
    predicted, evidence = rules_labels(dev["sentence"].tolist())
    dev = dev.assign(predicted=predicted, evidence=evidence)
    print("GWSD dev split, rules with the climate codebook (IN-SAMPLE: the codebook was built on this split)")
    print(f1_table(dev["label"].tolist(), predicted).to_string(index=False, float_format="%.3f"))
    print(pd.crosstab(dev["label"].rename("gold"), dev["predicted"]))
    for name, half in (("even rows (errors read while revising)", dev.iloc[::2]),
                       ("odd rows (errors not read while revising)", dev.iloc[1::2])):
        macro = f1_table(half["label"].tolist(), half["predicted"].tolist())["f1"].iloc[-1]
        print(f"macro-F1 on the {name}: {macro:.3f} (n = {len(half)})")
    tuning = dev.iloc[::2]
    wrong = tuning[tuning["label"] != tuning["predicted"]]
    for row in wrong.head(args.errors).itertuples():
        print(f"{row.label} -> {row.predicted}: {row.sentence}\n    {row.evidence}")

if __name__ == "__main__":
    main()
