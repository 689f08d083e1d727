"""Attribution cases by failure class: how many gold statements are found, with the right speaker.

Run ``python -m benchmarks.attribution_cases [CASES]`` (CASES defaults to
``tests/data/attribution_cases.yaml``, passages written by this package's developers; see
the file's header). A gold statement is found when a predicted statement's content covers
more than 30% of the gold content's characters (as in :mod:`benchmarks.polnear`); its
speaker is right when the prediction's ``speaker`` equals the gold one, ignoring case.
A prediction that matches no gold statement is spurious (a case's ``not_statements``
name, for the reader, texts that must not be one). "corpus" cases run their documents as one corpus through
:func:`analysis.actors.merge_corpus_speakers` and compare each statement's speaker.

Prints one row per class: cases, gold statements, found, right speaker, spurious; with
``--verbose`` every miss.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import pandas as pd
import yaml

from analysis.actors import merge_corpus_speakers
from analysis.statements import statement_records
from benchmarks.polnear import Attribution, Prediction, match

DEFAULT_CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "attribution_cases.yaml"
CLASSES = ("description", "long_title", "never_speaker", "speech_act", "continuation", "document", "corpus")


def load_cases(path: Path = DEFAULT_CASES) -> list[dict]:
    """The cases of a YAML file (a list of mappings, see the file's header)."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def article(case: dict, body: str) -> str:
    """``body`` as a news file: a headline line, a blank line, then the body."""
    return f"Attribution case {case['id']}\n\n{body}"


def _gold(text: str, content: str, case_id: str) -> Attribution:
    at = text.find(content)
    if at < 0:
        raise ValueError(f"case {case_id}: gold content {content!r} is not in the text")
    return Attribution(((at, at + len(content)),), (), ())


def _score_corpus(case: dict) -> tuple[Counter, list[str]]:
    rows = [row for index, body in enumerate(case["docs"])
            for row in statement_records(article(case, body), f"d{index}")]
    speakers = list(merge_corpus_speakers(pd.DataFrame(rows))["speaker"]) if rows else []
    tally = Counter(cases=1, gold=len(case["actors"]), found=min(len(rows), len(case["actors"])))
    misses = []
    for expected, got in zip(case["actors"], speakers):
        tally["right"] += got.lower() == expected.lower()
        if got.lower() != expected.lower():
            misses.append(f"{case['id']}: speaker {got!r}, gold {expected!r}")
    return tally, misses


def score_case(case: dict) -> tuple[Counter, list[str]]:
    """The tally of one case (cases, gold, found, right, spurious) and a line per miss."""
    if case["class"] == "corpus":
        return _score_corpus(case)
    text = article(case, case["text"])
    rows = statement_records(text, case["id"])
    golds = case.get("statements") or []
    pairs = match([_gold(text, g["content"], case["id"]) for g in golds],
                  [Prediction((row["content_start"], row["content_end"]), None) for row in rows], 0.3)
    tally = Counter(cases=1, gold=len(golds), found=len(pairs), spurious=len(rows) - len(pairs))
    misses = []
    for index, gold in enumerate(golds):
        row = rows[pairs[index]] if index in pairs else None
        if row is None:
            misses.append(f"{case['id']}: not found: {gold['content']!r}")
        elif row["speaker"].lower() == gold["speaker"].lower():
            tally["right"] += 1
        else:
            misses.append(f"{case['id']}: speaker {row['speaker']!r} ({row['speaker_evidence']}), "
                          f"gold {gold['speaker']!r}")
    misses += [f"{case['id']}: spurious: {row['content']!r} by {row['speaker']!r}"
               for index, row in enumerate(rows) if index not in set(pairs.values())]
    return tally, misses


def run(path: Path = DEFAULT_CASES) -> tuple[dict[str, Counter], list[str]]:
    """Tallies per class (in :data:`CLASSES` order) and all misses."""
    tallies = {name: Counter() for name in CLASSES}
    misses: list[str] = []
    for case in load_cases(path):
        tally, missed = score_case(case)
        tallies[case["class"]].update(tally)
        misses += missed
    return tallies, misses


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    tallies, misses = run(args.cases)
    print(f"{'class':<14} {'cases':>5} {'gold':>5} {'found':>6} {'right speaker':>14} {'spurious':>8}")
    for name, tally in [*tallies.items(), ("all", sum(tallies.values(), Counter()))]:
        print(f"{name:<14} {tally['cases']:>5} {tally['gold']:>5} {tally['found']:>6} {tally['right']:>14} "
              f"{tally['spurious']:>8}")
    if args.verbose:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
