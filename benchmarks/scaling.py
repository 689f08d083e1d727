"""How the time of one article grows with its length: extraction, speakers and scores.

Run ``python -m benchmarks.scaling [--sizes 20000,58000,171000,500000] [--kinds ...]``.

Generates documents of four kinds at each size (characters), from fixed random seeds:

- ``transcript``: a briefing transcript, speaker turns ("MR. DOYLE:", "Q:") whose answers
  quote and report other people, who are referred to again by surname and pronoun;
- ``quotes``: one paragraph of short attributed quotations ("“No,” he said.", "“Ok,” Wu said."),
  15 characters each: 20,000 of them at 300,000 characters;
- ``paragraphs``: many short news paragraphs, two statements each;
- ``descriptions``: news paragraphs whose people are named once with a role and then
  referred to by description ("the minister"), relative pronoun ("who"), first name and
  document ("the alliance statement"), four statements each.

For each document it times what ``burden-shift run`` does to an article once it is read
(:func:`analysis.pipeline.process_article` on the document written to a temporary file:
reading, segmenting, statements and speakers, scores, timeline), and prints seconds,
statements and characters per second per size, then the exponent of time against size
(least squares on log time against log size) per kind. Linear cost gives 1; the target is
at most 1.15.
"""
from __future__ import annotations

import argparse
import math
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from analysis.pipeline import process_article

SIZES = (20_000, 58_000, 171_000, 500_000)
SURNAMES = ("Doyle", "Brandt", "Okafor", "Lindqvist", "Moreau", "Kowalski", "Tanaka", "Haddad", "Ferreira",
            "Novak", "Castillo", "Ahmadi", "Janssen", "Rossi", "Petrov", "Mensah", "Olsen", "Duarte")
FIRST = ("Anna", "Peter", "Grace", "Tomas", "Helen", "Marco", "Ingrid", "Samuel", "Lucia", "David")
TOPICS = ("European allies must carry more of the conventional defense burden",
          "the 2027 deadline is not realistic for most of the alliance",
          "NATO has to spend more on air defense before the summit",
          "the United States will keep its commitments to the alliance",
          "Germany and France are ready to lead the next brigade rotation",
          "the Pentagon plan was discussed with the allies in Brussels")
VERBS = ("said", "added", "argued", "told reporters", "warned", "noted")
ROLES = ("defense minister", "senator", "four-star general", "foreign minister", "party leader", "commissioner")


def _names(rng: random.Random) -> list[str]:
    """The full names of the pools, in a random order."""
    names = [f"{first} {last}" for last in SURNAMES for first in FIRST]
    rng.shuffle(names)
    return names


def transcript(size: int, seed: int = 13) -> str:
    """A briefing transcript of about ``size`` characters."""
    rng = random.Random(seed)
    people = _names(rng)
    parts = ["Transcript: Press Briefing on Alliance Burden Sharing\n\nDecember 5, 2025\n\nBrussels\n\n"]
    length = len(parts[0])
    while length < size:
        speaker = rng.choice(people).split()[-1].upper()
        other = rng.choice(people)
        turn = (f"Q: Can you say whether {rng.choice(TOPICS)}?\n\n" if rng.random() < 0.4 else "") + (
            f"MR. {speaker}: Thank you. {other} said that {rng.choice(TOPICS)}. "
            f"“We agree that {rng.choice(TOPICS)},” {other.split()[-1]} {rng.choice(VERBS)}. "
            f"He {rng.choice(VERBS)} that {rng.choice(TOPICS)}, and I think {rng.choice(TOPICS)}.\n\n")
        parts.append(turn)
        length += len(turn)
    return "".join(parts)[:size].rsplit("\n\n", 1)[0] + "\n"


def quotes(size: int, seed: int = 13) -> str:
    """One paragraph of ``size`` characters of short attributed quotations, 15 characters
    each ("“No,” he said. ", "“Ok,” Wu said. "): 20,000 of them at 300,000 characters."""
    rng = random.Random(seed)
    pieces = [f"“{word},” {who} said. " for word in ("No", "Ok") for who in ("he", "he", "Li", "Wu", "Ng")]
    return "".join(rng.choice(pieces) for _ in range(size // 15)).rstrip() + "\n"


def paragraphs(size: int, seed: int = 13) -> str:
    """Short news paragraphs of about ``size`` characters in all, two statements each."""
    rng = random.Random(seed)
    people = _names(rng)
    parts = ["Allies split over Pentagon defense plan\n\nBy Jane Writer\n\nBRUSSELS (Reuters) - "
             "European officials met on Friday to discuss the plan.\n\n"]
    length = len(parts[0])
    while True:
        first, second = rng.choice(people), rng.choice(people)
        paragraph = (f"{first} {rng.choice(VERBS)} that {rng.choice(TOPICS)}. "
                     f"“{rng.choice(TOPICS).capitalize()},” {second.split()[-1]} said.\n\n")
        if length + len(paragraph) > size:
            return "".join(parts)
        parts.append(paragraph)
        length += len(paragraph)


def descriptions(size: int, seed: int = 13) -> str:
    """News paragraphs of about ``size`` characters in all whose speakers are referred back to
    by description, relative pronoun, first name and document."""
    rng = random.Random(seed)
    people = _names(rng)
    parts = ["Allies weigh the defense plan\n\nBy Jane Writer\n\n"]
    length = len(parts[0])
    while True:
        name, role = rng.choice(people), rng.choice(ROLES)
        paragraph = (f"{role.capitalize()} {name} {rng.choice(VERBS)} that {rng.choice(TOPICS)}. "
                     f"The {rng.choice(ROLES).split()[-1]} {rng.choice(VERBS)} that {rng.choice(TOPICS)}, "
                     f"It was backed by {rng.choice(people)}, who said that {rng.choice(TOPICS)}. "
                     f"{name.split()[0]} added that {rng.choice(TOPICS)}. "
                     f"The alliance statement said that {rng.choice(TOPICS)}.\n\n")
        if length + len(paragraph) > size:
            return "".join(parts)
        parts.append(paragraph)
        length += len(paragraph)


KINDS: dict[str, Callable[[int], str]] = {"transcript": transcript, "quotes": quotes, "paragraphs": paragraphs,
                                          "descriptions": descriptions}


def timed(text: str, folder: Path) -> tuple[float, int]:
    """Seconds :func:`process_article` takes on ``text`` (written to a file in ``folder``) and
    the number of statements it finds; raises if the article failed."""
    path = folder / "article.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    article = process_article(path, folder)
    seconds = time.perf_counter() - started
    if article.failures:
        raise RuntimeError(f"generated article failed: {article.failures[0]}")
    return seconds, len(article.statements)


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Slope of log seconds against log size (least squares)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated sizes in characters")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds: " + ", ".join(KINDS))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    exponents = {}
    with tempfile.TemporaryDirectory() as folder:
        timed(paragraphs(2_000), Path(folder))  # load the codebook and lexicons before timing
        print(f"{'kind':<12} {'chars':>9} {'statements':>10} {'seconds':>8} {'chars/s':>9}")
        for kind in args.kinds.split(","):
            seconds = []
            for size in sizes:
                text = KINDS[kind](size)
                took, found = timed(text, Path(folder))
                seconds.append(took)
                print(f"{kind:<12} {len(text):>9,} {found:>10,} {took:>8.2f} {len(text) / took:>9,.0f}", flush=True)
            exponents[kind] = exponent(sizes, seconds)
    print("exponent of time against size: " + ", ".join(f"{k} {v:.2f}" for k, v in exponents.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
