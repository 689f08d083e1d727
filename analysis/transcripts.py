"""Speaker-labelled transcripts (press briefings, hearings, debates): turns -> statements.

A transcript is a text whose body paragraphs open with speaker labels: ``SECRETARY HEGSETH:``,
``MR. DOYLE:``, ``MS. OKAFOR:``, ``Q:`` / ``QUESTION:``, ``Jane Doe (Labour):``. It is
recognised from the text (:func:`is_transcript`: at least :data:`MIN_TURNS` labelled
paragraphs, a :data:`MIN_TURN_SHARE` of the body) or declared by the sidecar
(``"kind": "transcript"``; any other ``kind`` declares it is not one).

- :func:`find_turns`: each turn runs from its label to the next label; every paragraph of it
  becomes a direct statement of the labelled speaker (a long turn is split at its paragraph
  breaks, each part keeping the speaker), whose cue is the label's colon.
- :func:`resolve_transcript`: speakers of the rows of :mod:`analysis.statements`. A label
  in capitals is read as a name written normally ("MR. DOYLE" as "Mr. Doyle"), so it resolves
  through the codebook and the name rules of :mod:`analysis.actors` like any name; questions
  from the press (``Q``, ``QUESTION``, ``REPORTER``) get ``actor_type`` ``press``, which
  :mod:`analysis.positions` leaves out of positions by default. Statements reported inside
  a turn keep their own speaker and have the turn's speaker as ``channel``.
- :func:`header_metadata`: title, date and place from the paragraphs before the first turn.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from analysis.dates import find_dates

Span = tuple[int, int]

MIN_TURNS = 3
MIN_TURN_SHARE = 0.3
PRESS_LABELS = frozenset({"Q", "QUESTION", "REPORTER", "PRESS"})
PRESS = "press"
# Capitalised labels that open notes, not turns.
NOT_SPEAKERS = frozenset({"NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "UPDATE", "CORRECTION", "TRANSCRIPT",
                          "SOURCE", "SUBJECT", "TOPIC", "DATE", "TIME", "PLACE", "LOCATION", "END", "WATCH",
                          "READ MORE", "RELATED", "PHOTO", "VIDEO"})
# A label opening a paragraph: a name in capitals ("MR. DOYLE", "Q"), or a name in any case
# followed by a party or role in parentheses ("Jane Doe (Labour)"), then a colon.
TURN_LABEL = re.compile(
    r"(?P<name>[A-Z][A-Z.’'-]*(?:[ \t][A-Z][A-Z.’'-]*){0,4}(?=[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?:)"
    r"|[A-Z][\w.’'-]*(?:[ \t][A-Z][\w.’'-]*){0,4}(?=[ \t]*\([^()\n]{1,40}\)[ \t]*:))"
    r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?P<colon>:)[ \t]*(?=\S)")
_PLACE_LINE = re.compile(r"(?:Location|Place|Venue)\s*:\s*(?P<place>[^\n]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the ``name`` as written and the label's ``colon``, whether it is a
    question from the ``press``, and the content spans (``parts``), one per paragraph."""

    name: Span
    colon: Span
    press: bool
    parts: tuple[Span, ...]


def declared_transcript(metadata: dict) -> bool | None:
    """What a document's metadata says: True for ``"kind": "transcript"``, False for another
    kind, None when it says nothing."""
    kind = metadata.get("kind")
    return None if kind in (None, "") else kind == "transcript"


def turn_label(text: str, start: int, end: int) -> re.Match | None:
    """The speaker label opening ``text[start:end]``, if any."""
    match = TURN_LABEL.match(text, start, end)
    if match is None or match.group("name").upper() in NOT_SPEAKERS:
        return None
    return match


def is_transcript(text: str, paragraphs: list[Span]) -> bool:
    """Whether enough of the body ``paragraphs`` open with a speaker label."""
    labelled = sum(1 for start, end in paragraphs if turn_label(text, start, end))
    return labelled >= MIN_TURNS and labelled >= MIN_TURN_SHARE * len(paragraphs)


def find_turns(text: str, paragraphs: list[Span]) -> list[Turn]:
    """The turns of the body ``paragraphs``; paragraphs before the first label belong to none."""
    turns: list[Turn] = []
    for start, end in paragraphs:
        label = turn_label(text, start, end)
        if label:
            press = label.group("name").upper() in PRESS_LABELS
            turns.append(Turn(label.span("name"), label.span("colon"), press, ((label.end(), end),)))
        elif turns:
            last = turns[-1]
            turns[-1] = Turn(last.name, last.colon, last.press, last.parts + ((start, end),))
    return turns


def speaker_phrase(label: str) -> str:
    """A label as a name is written in running text: capitals lowered after each word's
    first letter ("MR. DOYLE" -> "Mr. Doyle"); a label already in mixed case is kept."""
    return " ".join(word.capitalize() for word in label.split()) if label.isupper() else label


def resolve_transcript(records: list[dict], text: str, turns: list[Turn], resolve) -> list[dict]:
    """``records`` (statement rows in text order) with speakers resolved by ``resolve``
    (:func:`analysis.actors.resolve_records` with the document's arguments bound): turn
    rows by their label read as a name, press questions as ``press``; rows reported inside
    a turn get the turn's speaker as channel when they have none."""
    by_colon = {turn.colon[0]: turn for turn in turns}
    parts = sorted(((start, end, turn) for turn in turns for start, end in turn.parts), key=lambda part: part[:2])
    spoken = []  # (index, row) of the rows whose speaker is resolved: all but press questions
    for index, row in enumerate(records):
        turn = by_colon.get(row["cue_start"]) if row["cue"] == ":" else None
        if turn is not None and turn.press:
            continue
        if turn is not None:
            row = {**row, "speaker_text": speaker_phrase(row["speaker_text"]), "turn": row["speaker_text"]}
        else:
            holder = _part_holding(parts, row["content_start"])
            if holder is not None and not row["channel"]:
                row = {**row, "channel": text[slice(*holder.name)]}
        spoken.append((index, row))
    resolved = dict(zip((index for index, _ in spoken), resolve([row for _, row in spoken])))
    out = []
    for index, row in enumerate(records):
        if index in resolved:
            row = resolved[index]
            label = row.pop("turn", None)
            out.append({**row, "speaker_text": label, "speaker_evidence": f"transcript turn '{label}:' read as "
                        f"'{row['speaker_text']}': {row['speaker_evidence']}"} if label else row)
        else:
            label = row["speaker_text"]
            out.append({**row, "speaker": PRESS, "actor_type": PRESS, "bloc": "unknown",
                        "speaker_evidence": f"transcript turn label '{label}:' → a question from the press"})
    return out


def _part_holding(parts: list[tuple[int, int, Turn]], offset: int) -> Turn | None:
    index = bisect.bisect_right(parts, (offset, float("inf"))) - 1
    return parts[index][2] if index >= 0 and parts[index][0] <= offset < parts[index][1] else None


def header_metadata(text: str, paragraphs: list[Span]) -> dict:
    """``title``, ``date`` (ISO) and ``place`` from the paragraphs before the first turn of a
    transcript (the whole text's paragraphs, in order): the first is the title, the first
    full date is the date, a "Location:" line or else a short line without digits right
    after the date is the place. Keys without a value are left out."""
    header = []
    for start, end in paragraphs:
        if turn_label(text, start, end):
            break
        header.append(text[start:end].strip())
    found: dict = {}
    if header:
        found["title"] = header[0]
    after_date = False
    for line in header[1:]:
        days = [d for d in find_dates(line, None) if d.granularity == "day" and isinstance(d.date_start, date)]
        place = _PLACE_LINE.match(line)
        if days and "date" not in found:
            found["date"], after_date = days[0].date_start.isoformat(), True
            continue
        if "place" not in found and (place or (after_date and not re.search(r"\d", line) and len(line.split()) <= 8)):
            found["place"] = place.group("place").strip() if place else line
        after_date = False
    return found
