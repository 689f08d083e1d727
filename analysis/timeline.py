"""The dated events an article mentions, found in its text, each with its sentence.

``extract_timeline(document, doc_id, anchor_date)`` finds the date expressions of every body
sentence with :func:`analysis.dates.dates_by_span` (resolved against the dateline date, the
anchor) and returns one row per resolved mention with the columns

``doc_id``, ``date_start``, ``date_end`` (ISO dates of the period meant), ``granularity``
(day, week, month, year), ``expression`` (the date words), ``event`` (a short label, below),
``sentence`` (the sentence text), ``start``/``end`` (offsets of the expression in the text),
``rule`` (the date rule that matched).

The event label is taken from the words around the expression by one general rule, not typed
in: within the clause holding the expression (the stretch between punctuation), the up to
:data:`LABEL_WORDS` words just before it, plus the expression and the noun it modifies when it
is used as a modifier ("the 2027 deadline": the one content word right after it); function words are trimmed from both ends. When
that leaves fewer than two words (the expression is a clause of its own: ", by 2027,") the
words after it in the clause are used, and failing those the sentence's first words.
Mentions that cannot be resolved (a relative date without an anchor) are left out: they
cannot be placed on a timeline. ``timeline_records`` gives the same rows as dicts.
"""
from __future__ import annotations

import re
from datetime import date

import pandas as pd

from analysis.dates import DateMention, dates_by_span
from analysis.ingest import Block, Document, IngestError, body_sentences

COLUMNS = ["doc_id", "date_start", "date_end", "granularity", "expression", "event", "sentence",
           "start", "end", "rule"]
LABEL_WORDS = 6
_WORD = re.compile(r"[\w’'%.$-]*\w[%’']?|\$?\d[\d.,]*%?")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”–—]|\s-\s")
FUNCTION_WORDS = frozenset("""
a an the of in on at by to for from with since until till before after during and or but if that
which who whom whose this these those its his her their our was were is are be been being has have
had do does did not no also will would may might can could should must as than then so yet about
into over under through while when where there it they he she we you i
""".split())


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def _trim(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop function words from both ends."""
    first, last = 0, len(words)
    while first < last and words[first][0].lower() in FUNCTION_WORDS:
        first += 1
    while last > first and words[last - 1][0].lower() in FUNCTION_WORDS:
        last -= 1
    return words[first:last]


def _clause(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The span between the punctuation marks nearest to ``text[start:end]`` in the sentence."""
    left = max([m.end() for m in _CLAUSE_BREAK.finditer(text, sentence[0], start)], default=sentence[0])
    following = _CLAUSE_BREAK.search(text, end, sentence[1])
    return left, following.start() if following else sentence[1]


def _label(words: list[tuple[str, int, int]], text: str) -> str:
    return text[words[0][1]:words[-1][2]] if words else ""


def event_label(text: str, mention: DateMention, sentence: tuple[int, int]) -> str:
    """A short label for the event dated by ``mention`` (rule: see the module docstring)."""
    clause_start, clause_end = _clause(text, mention.start, mention.end, sentence)
    before = _words(text, clause_start, mention.start)
    after = _words(text, mention.end, clause_end)
    # "the 2027 deadline": a date directly followed by a content word modifies it
    modified = [w for w in after[:1] if w[0].lower() not in FUNCTION_WORDS and not text[mention.end:w[1]].strip()]
    if modified:
        words = _trim(before[-LABEL_WORDS:] + [(mention.expression, mention.start, mention.end)] + modified)
    else:
        words = _trim(before[-LABEL_WORDS:])
    if len(words) < 2:
        words = _trim(after[:LABEL_WORDS])
    if len(words) < 2:
        words = _trim(_words(text, sentence[0], sentence[1])[:LABEL_WORDS])
    return " ".join(_label(words, text).split())


def timeline_records(document: Document | str, *, blocks: list[Block] | None = None, doc_id: str | None = None,
                     anchor_date: date | str | None = None,
                     sentences: list[tuple[int, int, int, int]] | None = None) -> list[dict]:
    """Timeline rows (dicts with the keys :data:`COLUMNS`, see the module docstring) of a
    :class:`Document` (its id, blocks and dateline date are the defaults) or of raw text (id
    ``doc``; without an anchor only absolute dates resolve). Body sentences only, so the
    dateline's own date is not an event. ``blocks`` (``segment(text)``) or ``sentences``
    (``body_sentences(text, blocks)``) when the caller has them."""
    if isinstance(document, Document):
        text, blocks = document.text, document.blocks if blocks is None else blocks
        doc_id = doc_id or document.doc_id
        anchor_date = anchor_date or document.anchor_date
    else:
        text, doc_id = document, doc_id or "doc"
    anchor = date.fromisoformat(anchor_date) if isinstance(anchor_date, str) else anchor_date
    sentences = body_sentences(text, blocks) if sentences is None else sentences
    rows = []
    spans = [(start, end) for _, _, start, end in sentences]
    for (start, end), found in zip(spans, dates_by_span(text, anchor, spans)):
        mentions = [m for m in found if m.date_start is not None]
        if not mentions:
            continue
        sentence = " ".join(text[start:end].split())
        rows.extend({
            "doc_id": doc_id, "date_start": mention.date_start.isoformat(),
            "date_end": mention.date_end.isoformat(), "granularity": mention.granularity,
            "expression": mention.expression, "event": event_label(text, mention, (start, end)),
            "sentence": sentence, "start": mention.start, "end": mention.end, "rule": mention.rule,
        } for mention in mentions)
    return rows


def extract_timeline(document: Document | str, doc_id: str | None = None,
                     anchor_date: date | str | None = None) -> pd.DataFrame:
    """:func:`timeline_records` as a frame with the columns :data:`COLUMNS`."""
    return pd.DataFrame(timeline_records(document, doc_id=doc_id, anchor_date=anchor_date), columns=COLUMNS)


def timeline_frame(documents) -> pd.DataFrame:
    """The timelines of several documents (items that failed to read are skipped), in document
    then text order."""
    frames = [extract_timeline(d) for d in documents if not isinstance(d, IngestError)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
