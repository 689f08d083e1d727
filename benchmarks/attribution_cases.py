"""Attribution cases by failure class: how many gold statements are found, with the right speaker.

Run ``python -m benchmarks.attribution_cases [CASES]`` (CASES defaults to
``tests/data/attribution_cases.yaml``, passages written by this package's developers; see
the file's header). A gold statement is found when a predicted statement's content covers
more than 30% of the gold content's characters (as in :mod:`benchmarks.polnear`); its
speaker is right when the prediction's ``speaker`` equals the gold one, ignoring case.
A prediction whose content overlaps a ``not_statements`` span, or matches no gold
statement, is spurious. "corpus" cases run their documents as one corpus through
:func:`analysis.actors.merge_corpus_speakers` and compare each statement's speaker.

Prints one row per class: cases, gold statements, found, right speaker, spurious; with
``--verbose`` every miss.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from analysis.actors import merge_corpus_speakers
from analysis.statements import statement_records

DEFAULT_CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "attribution_cases.yaml"
CLASSES = ("description", "long_title", "never_speaker", "speech_act", "continuation", "document", "corpus")


@dataclass
class Tally:
    cases: int = 0
    gold: int = 0
    found: int = 0
    right: int = 0
    spurious: int = 0


def load_cases(path: Path = DEFAULT_CASES) -> list[dict]:
    """The cases of a YAML file (a list of mappings, see the file's header)."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _span(text: str, content: str, case_id: str) -> tuple[int, int]:
    at = text.find(content)
    if at < 0:
        raise ValueError(f"case {case_id}: gold content {content!r} is not in the text")
    return at, at + len(content)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def article(case: dict, body: str) -> str:
    """``body`` as a news file: a headline line, a blank line, then the body."""
    return f"Attribution case {case['id']}\n\n{body}"


def score_case(case: dict) -> tuple[Tally, list[str]]:
    """The tally of one case and a line per miss."""
    tally, misses = Tally(cases=1), []
    if case["class"] == "corpus":
        rows = [row for index, body in enumerate(case["docs"])
                for row in statement_records(article(case, body), f"d{index}")]
        speakers = list(merge_corpus_speakers(pd.DataFrame(rows))["speaker"]) if rows else []
        tally.gold = len(case["actors"])
        tally.found = min(len(rows), tally.gold)
        for expected, got in zip(case["actors"], speakers):
            if got.lower() == expected.lower():
                tally.right += 1
            else:
                misses.append(f"{case['id']}: speaker {got!r}, gold {expected!r}")
        return tally, misses
    text = article(case, case["text"])
    rows = statement_records(text, case["id"])
    used: set[int] = set()
    for gold in case.get("statements") or []:
        span = _span(text, gold["content"], case["id"])
        tally.gold += 1
        best, share = None, 0.3
        for index, row in enumerate(rows):
            covered = _overlap(span, (row["content_start"], row["content_end"])) / (span[1] - span[0])
            if index not in used and covered > share:
                best, share = index, covered
        if best is None:
            misses.append(f"{case['id']}: not found: {gold['content']!r}")
            continue
        used.add(best)
        tally.found += 1
        if rows[best]["speaker"].lower() == gold["speaker"].lower():
            tally.right += 1
        else:
            misses.append(f"{case['id']}: speaker {rows[best]['speaker']!r} ({rows[best]['speaker_evidence']}), "
                          f"gold {gold['speaker']!r}")
    for index, row in enumerate(rows):
        if index not in used:
            tally.spurious += 1
            misses.append(f"{case['id']}: spurious: {row['content']!r} by {row['speaker']!r}")
    return tally, misses


def run(path: Path = DEFAULT_CASES) -> tuple[dict[str, Tally], list[str]]:
    """Tallies per class (in :data:`CLASSES` order) and all misses."""
    tallies = {name: Tally() for name in CLASSES}
    misses: list[str] = []
    for case in load_cases(path):
        tally, missed = score_case(case)
        total = tallies[case["class"]]
        for field in ("cases", "gold", "found", "right", "spurious"):
            setattr(total, field, getattr(total, field) + getattr(tally, field))
        misses += missed
    return tallies, misses


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    tallies, misses = run(args.cases)
    print(f"{'class':<14} {'cases':>5} {'gold':>5} {'found':>6} {'right speaker':>14} {'spurious':>8}")
    total = Tally()
    for name, t in tallies.items():
        print(f"{name:<14} {t.cases:>5} {t.gold:>5} {t.found:>6} {t.right:>14} {t.spurious:>8}")
        for field in ("cases", "gold", "found", "right", "spurious"):
            setattr(total, field, getattr(total, field) + getattr(t, field))
    print(f"{'all':<14} {total.cases:>5} {total.gold:>5} {total.found:>6} {total.right:>14} {total.spurious:>8}")
    if args.verbose:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
