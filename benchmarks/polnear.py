"""PolNeAR benchmark: how well ``extract_statements`` finds attributions in annotated news.

Run ``python -m benchmarks.polnear [PATH]`` (PATH defaults to ``../shared/benchmarks/polnear-dev``,
a folder with ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` in BRAT standoff).
For each article the first ``.ann`` file in sorted order is the gold standard. The figures
are also written to :data:`RESULTS` (committed; notebook 02 shows that table, so the
rendered notebook does not depend on the split being present); ``--results PATH`` writes
them elsewhere.

Metric (the Gender Gap Tracker's quote evaluation): each gold attribution, in text order,
is matched to the unused prediction covering the largest share of the gold content's
characters, if that share exceeds the threshold (30% and, stricter, 80%).
Precision = matched / predicted, recall = matched / gold. The speaker is right when the
predicted speaker span overlaps the gold source span (counted among matched attributions
whose gold has a source).

The SPEECH subset keeps gold attributions whose cue is a verb of saying, "according to" or
a colon, or whose content holds a quotation mark. Its precision counts every prediction
except those matched to a gold attribution outside the subset (beliefs, intentions...),
which are neither right nor wrong for a speech extractor.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int]

DEFAULT_PATH = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks" / "polnear-dev"
THRESHOLDS = (0.3, 0.8)
RESULTS = Path(__file__).resolve().parent / "results" / "polnear_dev.csv"

# Verbs of saying (stems; any inflection counts): Levin's (1993) verbs of communication
# (class 37: say, tell, complain, advise, manner-of-speaking verbs) plus writing and
# posting. Fixed here, independent of the extractor's cue list, so that the subset does
# not bend towards what the extractor finds. Judgement verbs (praise, criticize, attack)
# and verbs of finding or showing are not verbs of saying.
SPEECH_STEMS = (
    "say", "said", "announc", "articulat", "claim", "confess", "confid", "convey", "declar",
    "mention", "note", "noting", "observ", "proclaim", "propos", "recount", "reiterat", "remark",
    "repeat", "report", "reveal", "state", "stating", "suggest", "add", "explain", "insist",
    "acknowledg", "confirm", "argu", "assert", "contend", "maintain", "conced", "admit", "deny",
    "deni", "predict", "testif", "comment", "respond", "repl", "answer", "recall", "emphasiz",
    "stress", "indicat", "alleg", "disclos", "conclud", "echo", "continu", "quip", "joke",
    "boast", "brag", "complain", "lament", "gripe", "warn", "caution", "advis", "urg", "demand",
    "ask", "question", "tell", "told", "inform", "assur", "remind", "promis", "vow", "pledg",
    "threaten", "shout", "yell", "whisper", "chant", "call", "write", "wrote", "written", "tweet",
    "post", "cite", "citing", "quot", "disput", "recommend", "charg",
)
_SPEECH_CUE = re.compile(r"^(?:(?:has|have|had|also|is|are|was|were|will|would|then|later|again)\s+)*"
                         r"(?:" + "|".join(SPEECH_STEMS) + r")\w*\b", re.IGNORECASE)
_QUOTE_MARKS = "\"“”‘’«»„"


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: its content, cue and source spans (possibly split)."""

    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]


@dataclass(frozen=True)
class Prediction:
    """One predicted attribution: content span and speaker span (None when implicit)."""

    content: Span
    speaker: Span | None


def _spans(field: str) -> tuple[Span, ...]:
    return tuple((int(a), int(b)) for a, b in (part.split() for part in field.split(";")))


def read_ann(path: Path) -> list[Attribution]:
    """Gold attributions of one BRAT ``.ann`` file (E lines tying Source/Cue/Content T lines).
    Attributions without content are skipped: there is nothing to match them on."""
    spans: dict[str, tuple[Span, ...]] = {}
    events: list[dict[str, str]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _label, _, where = fields[1].partition(" ")
            spans[fields[0]] = _spans(where)
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg))
    gold = []
    for event in events:
        if event.get("Content") not in spans:
            continue
        gold.append(Attribution(
            content=spans[event["Content"]],
            cue=spans.get(event.get("Cue", ""), ()),
            source=spans.get(event.get("Source", ""), ()),
        ))
    return sorted(gold, key=lambda a: a.content[0])


def is_speech(attribution: Attribution, text: str) -> bool:
    """True when the cue is a verb of saying, "according to" or a colon, or the content
    holds a quotation mark."""
    cue = " ".join(text[s:e] for s, e in attribution.cue).strip()
    content = "".join(text[s:e] for s, e in attribution.content)
    return (any(mark in content for mark in _QUOTE_MARKS) or cue.endswith(":")
            or cue.lower().startswith("according to") or bool(_SPEECH_CUE.match(cue)))


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def coverage(gold: tuple[Span, ...], predicted: Span) -> float:
    """Share of the gold content's characters inside the predicted span."""
    size = sum(e - s for s, e in gold)
    return sum(_overlap(span, predicted) for span in gold) / size if size else 0.0


def match(gold: list[Attribution], predicted: list[Prediction], threshold: float) -> dict[int, int]:
    """Gold index -> prediction index: each gold attribution in turn takes the unused
    prediction with the largest coverage above ``threshold``."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for g, attribution in enumerate(gold):
        best, best_cover = None, threshold
        for p, prediction in enumerate(predicted):
            if p in used:
                continue
            cover = coverage(attribution.content, prediction.content)
            if cover > best_cover:
                best, best_cover = p, cover
        if best is not None:
            pairs[g] = best
            used.add(best)
    return pairs


@dataclass
class Counts:
    """Tallies for one subset and threshold; add them up over articles."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    with_source: int = 0
    speaker_right: int = 0

    def add(self, other: "Counts") -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        speaker = self.speaker_right / self.with_source if self.with_source else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "speaker_accuracy": speaker}


def score(gold: list[Attribution], predicted: list[Prediction], text: str,
          threshold: float) -> dict[str, Counts]:
    """Counts for ``all`` attributions and the ``speech`` subset of one article."""
    pairs = match(gold, predicted, threshold)
    speech = [is_speech(a, text) for a in gold]
    out = {"all": Counts(gold=len(gold), predicted=len(predicted)),
           "speech": Counts(gold=sum(speech),
                            predicted=len(predicted) - sum(not speech[g] for g in pairs))}
    for g, p in pairs.items():
        for name in ("all", "speech") if speech[g] else ("all",):
            counts = out[name]
            counts.matched += 1
            if gold[g].source:
                counts.with_source += 1
                speaker = predicted[p].speaker
                counts.speaker_right += bool(speaker and any(_overlap(speaker, s) for s in gold[g].source))
    return out


def articles(path: Path) -> list[tuple[str, Path]]:
    """(text, first .ann path) for every article of a PolNeAR split folder."""
    out = []
    for text_path in sorted((Path(path) / "text").glob("*.txt")):
        anns = sorted((Path(path) / "attributions").glob(f"{text_path.stem}_*.ann"))
        if anns:
            out.append((text_path.read_text(encoding="utf-8"), anns[0]))
    return out


def predictions(frame) -> list[Prediction]:
    """Predictions from a statements frame (content and speaker offsets)."""
    return [Prediction((int(cs), int(ce)), (int(ss), int(se)) if int(ss) >= 0 else None)
            for cs, ce, ss, se in zip(frame["content_start"], frame["content_end"],
                                      frame["speaker_start"], frame["speaker_end"])]


def evaluate(path: Path) -> tuple[dict[tuple[str, float], Counts], float, int]:
    """Run the extractor over a split: counts per (subset, threshold), seconds, articles."""
    from analysis.statements import extract_statements

    data = articles(path)
    started = time.perf_counter()
    frames = [extract_statements(text, f"polnear{i}") for i, (text, _) in enumerate(data)]
    elapsed = time.perf_counter() - started
    totals = {(subset, t): Counts() for subset in ("all", "speech") for t in THRESHOLDS}
    for (text, ann), frame in zip(data, frames):
        gold, predicted = read_ann(ann), predictions(frame)
        for t in THRESHOLDS:
            for subset, counts in score(gold, predicted, text, t).items():
                totals[(subset, t)].add(counts)
    return totals, elapsed, len(data)


def results_frame(totals: dict[tuple[str, float], Counts]):
    """The counts of :func:`evaluate` as a DataFrame: one row per subset and overlap
    threshold, with gold, predicted and matched counts and the figures."""
    import pandas as pd

    return pd.DataFrame([{"subset": subset, "overlap": threshold, "gold": c.gold, "predicted": c.predicted,
                          "matched": c.matched, **c.figures()} for (subset, threshold), c in totals.items()])


def seconds(path: Path) -> dict[str, float]:
    """Seconds over the split's texts for the rules alone (``find_statements``) and, for
    scale, TextBlob's pattern sentiment of each whole text."""
    from textblob import TextBlob

    from analysis.statements import find_statements

    texts = [text for text, _ in articles(path)]
    out = {}
    for name, run in (("rules", find_statements), ("textblob", lambda t: TextBlob(t).sentiment)):
        started = time.perf_counter()
        for text in texts:
            run(text)
        out[name] = time.perf_counter() - started
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--results", default=str(RESULTS), metavar="CSV", help="where to write the figures")
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not (path / "text").is_dir():
        print(f"{path}: no text/ folder; expected a PolNeAR split", file=sys.stderr)
        return 1
    totals, elapsed, n = evaluate(path)
    print(f"PolNeAR {path.name}: {n} articles, first annotator per article")
    print(f"{'subset':8} {'overlap':>7} {'gold':>6} {'pred':>6} {'match':>6} "
          f"{'P':>6} {'R':>6} {'F1':>6} {'speaker':>8}")
    for (subset, t), counts in totals.items():
        f = counts.figures()
        print(f"{subset:8} {t:>7.0%} {counts.gold:>6} {counts.predicted:>6} {counts.matched:>6} "
              f"{f['precision']:>6.1%} {f['recall']:>6.1%} {f['f1']:>6.1%} {f['speaker_accuracy']:>8.1%}")
    from analysis.tables import write_table

    print(f"written: {write_table(results_frame(totals), Path(args.results))}")
    timing = seconds(path)
    print(f"extract_statements (rules + speaker resolution): {elapsed:.2f} s for {n} articles")
    print(f"  of which the rules alone (find_statements): {timing['rules']:.2f} s")
    print(f"TextBlob sentiment (reference): {timing['textblob']:.2f} s for the same texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
