"""Our sentence splitter against pysbd on the PolNeAR dev texts: agreement and speed.

Both splitters get the same input, each paragraph of each article (``analysis.ingest.paragraphs``),
so paragraph ends (shared by construction) are not counted: a boundary is the end offset of a
sentence that is not the last of its paragraph. Prints boundary precision, recall and F1 of ours
with pysbd as reference, and characters per second of each.

    .venv/bin/python -m benchmarks.sentences [POLNEAR_TEXT_DIR] [--diff]

``--diff`` also lists every boundary only one of the two found, with its context.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from analysis.ingest import paragraphs, split_sentences

DEFAULT_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks" / "polnear-dev" / "text"


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def pysbd_boundaries(texts: list[str]) -> list[set[int]]:
    """Inner sentence boundaries pysbd finds in each text, paragraph by paragraph."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    found = []
    for text in texts:
        ends: set[int] = set()
        for start, end in paragraphs(text):
            spans = segmenter.segment(text[start:end])
            ends.update(_trimmed_end(text, start + s.start, start + s.end) for s in spans[:-1])
        found.append(ends)
    return found


def our_boundaries(texts: list[str]) -> list[set[int]]:
    """Inner sentence boundaries ``split_sentences`` finds in each text, paragraph by paragraph."""
    found = []
    for text in texts:
        ends: set[int] = set()
        for start, end in paragraphs(text):
            ends.update(e for _, e in split_sentences(text, start, end)[:-1])
        found.append(ends)
    return found


def agreement(ours: list[set[int]], reference: list[set[int]]) -> dict[str, float]:
    """Boundary precision, recall and F1 of ``ours`` against ``reference`` (pooled over texts)."""
    hits = sum(len(a & b) for a, b in zip(ours, reference))
    predicted = sum(len(a) for a in ours)
    gold = sum(len(b) for b in reference)
    precision = hits / predicted if predicted else 1.0
    recall = hits / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "ours": predicted, "pysbd": gold, "agreed": hits}


def load_texts(folder: Path) -> list[tuple[str, str]]:
    """(name, text) of every ``*.txt`` in ``folder``, sorted by name."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def _timed(function, texts: list[str]) -> tuple[list[set[int]], float]:
    began = time.perf_counter()
    result = function(texts)
    return result, time.perf_counter() - began


def main(argv: list[str]) -> int:
    positional = [a for a in argv if not a.startswith("--")]
    folder = Path(positional[0]) if positional else DEFAULT_DIR
    named = load_texts(folder)
    if not named:
        print(f"{folder}: no .txt files", file=sys.stderr)
        return 1
    texts = [text for _, text in named]
    chars = sum(len(t) for t in texts)
    ours, our_seconds = _timed(our_boundaries, texts)
    reference, pysbd_seconds = _timed(pysbd_boundaries, texts)
    scores = agreement(ours, reference)
    print(f"texts: {len(texts)}, characters: {chars}")
    print(f"inner boundaries: ours {scores['ours']}, pysbd {scores['pysbd']}, agreed {scores['agreed']}")
    print(f"precision {scores['precision']:.3f}  recall {scores['recall']:.3f}  F1 {scores['f1']:.3f}")
    print(f"speed: ours {chars / our_seconds:,.0f} chars/s ({our_seconds:.3f} s), "
          f"pysbd {chars / pysbd_seconds:,.0f} chars/s ({pysbd_seconds:.3f} s), "
          f"ratio {pysbd_seconds / our_seconds:.1f}x")
    if "--diff" in argv:
        for (name, text), a, b in zip(named, ours, reference):
            for offset in sorted(a ^ b):
                side = "ours only " if offset in a else "pysbd only"
                print(f"{side} {name[:40]:40} {text[max(0, offset - 50):offset]!r} | {text[offset:offset + 30]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
