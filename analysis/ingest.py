"""Raw news text -> documents: labelled blocks, body paragraphs and sentences.

Every span is a pair of character offsets into the decoded text of the file (the text a
:class:`Document` holds), so ``text[start:end]`` is exactly what was labelled.

Blocks (``segment``) carry one of these labels, each with the rule that gave it (``reason``):
``headline``, ``byline``, ``dateline``, ``heading``, ``body``, ``credits``, ``boilerplate``.
Nothing is dropped: every non-blank paragraph is one block (the dateline prefix of the first
body paragraph is its own block, the rest of that paragraph is body).

Frames:
- ``documents_frame``: doc_id, path, n_chars, authors, place, date, agency, outlet (the
  sidecar's ``outlet``, "" without one), error
- ``blocks_frame``: doc_id, block, label, start, end, reason, text
- ``sentences_frame``: doc_id, paragraph, sentence, start, end, text (paragraph and sentence
  are 0-based within the document body; start/end are offsets into the raw text)
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from analysis.dates import MONTH_NAME, find_dates, resolve_dates
from analysis.transcripts import declared_transcript, header_metadata, is_transcript

# --------------------------------------------------------------------------- sentences

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
# A terminator run (with any closing quotes/brackets right after it) and the whitespace
# after it; or a run of whitespace holding a line break. Consuming the whole whitespace
# run keeps the scan linear even on long runs of blank lines.
_CANDIDATE = re.compile(
    r"(?P<punct>(?:[.!?…]+)[" + re.escape(_CLOSERS) + r"]*)(?P<ws>\s+|$)"
    # starting only where a run of spaces starts: tried from inside a long run without a line
    # break, it would scan the rest of the run from every position of it
    r"|(?P<nl>(?<![^\S\n])[^\S\n]*\n\s*)"
)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# Prose sentences stay far below this (the longest of the PolNeAR dev texts has 889
# characters); a longer run without a sentence end (a list, a table, a transcript without
# punctuation) is cut into pieces of this size, so that the work per statement, whose
# content and context are sentences, stays bounded.
MAX_SENTENCE_CHARS = 2_000
# A balanced quotation on one line: terminators inside it do not end the sentence around
# it ("“You work hard. You pay your taxes,” she said." is one sentence), as in pysbd.
_QUOTATION = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"|''[^'\n]*(?:'(?!')[^'\n]*)*''")
_LAST_TOKEN = re.compile(r"(\S+)$")
_FIRST_WORD = re.compile(r"[" + re.escape(_OPENERS) + r"]*([A-Za-z][\w'’-]*)")

# Abbreviations after which a period never ends a sentence (titles, initials).
_TITLES = frozenset(
    """mr mrs ms messrs dr sen sens rep reps gov lt col gen gens sgt capt cmdr adm maj
    prof rev st mt ft pres hon supt insp det cpl pvt vs v cf e.g i.e approx""".split()
)
# Abbreviations that never end a sentence when a number follows ("Dec. 5", "No. 10").
_BEFORE_NUMBER = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec no nos art sec vol pp p fig ch""".split()
)
# Abbreviations that may end a sentence ("... in the U.S. The ..."): a boundary only when
# the next word is a common sentence opener or a line break follows.
_AMBIGUOUS = frozenset(
    """inc corp co ltd llc plc bros jr sr etc al ala ariz ark calif colo conn del fla ga
    ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt
    wash wis wyo""".split()
)
_DOTTED = re.compile(r"^(?:[a-z]\.)+[a-z]$")  # u.s, a.m, d.c
_STARTERS = frozenset(
    """a an the he she it they we i you his her its their our my this that these those
    there here but and or so yet if when while as after before since although though
    because in on at for from by with without during under over some many most several
    few no none all both each every one two three four five six seven eight nine ten
    meanwhile however still also instead then now later earlier asked according what who
    why how where which mr mrs ms dr""".split()
)
_SPEECH_VERB = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|asked|asks|told|tells|added|adds|wrote|writes|"
    r"replied|continued|tweeted|noted|insisted|declared|explained|stated|argued|responded|"
    r"recalled|warned|quipped|joked)\b"
)


def _is_boundary(text: str, punct_start: int, punct: str, ws: str, nxt: int, end: int) -> bool:
    """Decide whether the terminator ``punct`` at ``punct_start`` ends a sentence, given the
    whitespace ``ws`` after it and the position ``nxt`` of the next non-space character."""
    if nxt >= end or _BLANK_LINE.search(ws):
        return True
    following = text[nxt:min(end, nxt + 60)]
    first = following.lstrip(_OPENERS)
    if not first:
        return True
    head = first[0]
    if head.islower() or head in "―—–":
        return False  # continues: "... today." ― Name; lower-case next word
    mark = punct.rstrip(_CLOSERS)
    if any(q in punct[len(mark):] for q in "\"'”’»") and _SPEECH_VERB.match(following):
        return False  # “... ?” Graham asked.
    if not mark.endswith(".") or mark.endswith(".."):
        return True
    token = _LAST_TOKEN.search(text, max(0, punct_start - 40), punct_start)
    if token is None:
        return True
    word = token.group(1).lstrip(_OPENERS)
    key = word.lower()
    if len(word) == 1 and word.isalpha() and word.isupper() and word != "I":
        return False  # an initial: "J. Smith"
    if key in _TITLES:
        return False
    if key in _BEFORE_NUMBER and head.isdigit():
        return False
    if key in _AMBIGUOUS or _DOTTED.match(key):
        if "\n" in ws:
            return True
        match = _FIRST_WORD.match(following)
        return bool(match) and match.group(1).lower() in _STARTERS
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` (offsets into ``text``, whitespace trimmed) within
    ``text[start:end]``. Rule-based: terminators . ! ? … (with closing quotes/brackets),
    abbreviations, initials and numbers; a line break before a capitalised line or a blank
    line always ends a sentence."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    spans: list[tuple[int, int]] = []
    sentence_start = start
    quotes = _QUOTATION.finditer(text, start, end)
    quote = next(quotes, None)
    for match in _CANDIDATE.finditer(text, start, end):
        while quote is not None and quote.end() <= match.start():
            quote = next(quotes, None)
        if quote is not None and quote.start() < match.start() and match.end("punct") < quote.end():
            continue
        if match.group("nl") is not None:
            nxt = match.end()
            if nxt < end and not _BLANK_LINE.search(match.group("nl")):
                first = text[nxt:min(end, nxt + 4)].lstrip(_OPENERS)
                if first and first[0].islower():
                    continue
            boundary = match.start()
        else:
            nxt = match.end()
            if not _is_boundary(text, match.start(), match.group("punct"), match.group("ws"), nxt, end):
                continue
            boundary = match.end("punct")
        _add_sentence(text, sentence_start, boundary, spans)
        sentence_start = nxt
    _add_sentence(text, sentence_start, end, spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _add_sentence(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """:func:`_add_span` in pieces of at most :data:`MAX_SENTENCE_CHARS`, broken at a space where there is one."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        _add_span(text, start, cut, spans)
        start = cut
    _add_span(text, start, end, spans)


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Block:
    """A labelled span of the raw text and the rule that labelled it."""

    label: str
    start: int
    end: int
    reason: str


LABELS = ("headline", "byline", "dateline", "heading", "body", "credits", "boilerplate")

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_DASH = r"[-–—]{1,2}"
# "WASHINGTON, Dec 5 (Reuters) –", "WASHINGTON (AP) —", "BRUSSELS —", "KYIV/MOSCOW, March 3 (Reuters) -",
# "SAN JUAN, Puerto Rico (AP) —"
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’]*(?:[ /-][A-Z][A-Z.'’]*){0,4}"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?(?=\s*(?:\(|" + _DASH + r"|,\s*" + MONTH_NAME + r")))?)"
    r"(?:,\s*(?P<date>" + MONTH_NAME + r"\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Z][A-Za-z.&'’ ]{0,30})\))?"
    r"\s*(?P<dash>" + _DASH + r")[^\S\n]*(?=[A-Z0-9“\"‘'(])"
)
# "(CNN) —" or "(Reuters) -": an outlet in brackets opening the first paragraph.
_AGENCY_ONLY = re.compile(r"\((?P<agency>[A-Z][A-Za-z.&'’ ]{1,30})\)[^\S\n]*(?:" + _DASH + r"[^\S\n]*)?")
_KNOWN_AGENCIES = re.compile(r"^(?:Reuters|AP|AFP|CNN|Bloomberg|dpa|DPA|UPI|TASS|Xinhua|ANSA|EFE|PA|BBC)$")
_BYLINE = re.compile(
    r"(?:By|BY)\s+(?P<authors>[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+and\s+|\s+&\s+)[A-Z][\w.'’-]*){0,12})"
    r"(?:,\s*(?:Reuters|Associated Press|AP|AFP|Bloomberg)|\s+\|.*)?\s*$"
)
_HEADLINE_MAX = 200
_SHORT_HEADLINE = 100
_CREDITS = re.compile(
    r"\(?\s*(?:-+\s*)?(?:(?:[Aa]dditional\s+)?[Rr]eporting|Writing|Editing|Compiled|Edited|Written)"
    r"\s+(?:by|from)\b"
)
# Weaker credit phrasings, trusted only in the last paragraphs before any page trailer.
_CLOSING_CREDITS = re.compile(r"\b(?:contributed (?:reporting|to this report)|reported from)\b")
# Page trailers: a marker that opens a paragraph of at most 400 characters; the weak ones
# ("Read more", "Recommended") only as a short line of their own, since body text may open so.
_TRAILER_START = re.compile(
    r"(?:Brought to you by\b|Editor[’']s note:|Read the rest\b|Copyright\s+(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4})"
    r"(?=[\s\S]{0,400}\Z)"
    r"|(?:Read more|Related coverage|Related stories|Recommended|More from)\b(?=.{0,60}\Z)",
    re.I,
)
_BOILERPLATE = re.compile(
    r"^(?:_{2,}\.?|\*{3,}|Follow\s+.{1,60}\s+on\s+(?:Twitter|X|Facebook|Instagram)\b.*|"
    r"Correction(?: Appended)?[.:].*|Click here\b.*|Sign up\b.*|Subscribe\b.*|"
    r"<tweet\b.*|All rights reserved.*)$",
    re.I | re.S,
)
_TIME_STAMP = re.compile(r"^\d{1,2}(?::\d{2})?\s*[ap]\.m\.$")
_SMALL_WORDS = frozenset("a an the and or but nor for of on in at to by as with from vs via per".split())


@dataclass(frozen=True)
class Dateline:
    """The place, date text and agency of a dateline, and its span."""

    start: int
    end: int
    place: str
    date: str
    agency: str


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank paragraph spans (whitespace trimmed). A text with blank lines is split at
    blank lines (a lone line break is then a wrapped line); a text without is split at
    every line break."""
    breaks = _PARAGRAPH_BREAK if _BLANK_LINE.search(text) else _LINE_BREAK
    spans: list[tuple[int, int]] = []
    position = 0
    for match in breaks.finditer(text):
        _add_span(text, position, match.start(), spans)
        position = match.end()
    _add_span(text, position, len(text), spans)
    return spans


def match_dateline(text: str, start: int, end: int) -> Dateline | None:
    """The dateline opening ``text[start:end]`` (a paragraph), or None."""
    match = _DATELINE.match(text, start, end)
    if match is not None and match.end() < end and _looks_like_place(match.group("place")):
        agency = (match.group("agency") or "").strip()
        if agency and not (_KNOWN_AGENCIES.match(agency) or agency.isupper()):
            return None
        dash_end = match.end("dash")
        return Dateline(start, dash_end, match.group("place").strip(), match.group("date") or "", agency)
    match = _AGENCY_ONLY.match(text, start, end)
    if match is not None and match.end() < end:
        agency = match.group("agency").strip()
        if _KNOWN_AGENCIES.match(agency) or agency.isupper():
            stop = match.end()
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            return Dateline(start, stop, "", "", agency)
    return None


def _looks_like_place(place: str) -> bool:
    letters = [c for c in place.split(",")[0] if c.isalpha()]
    return len(letters) >= 2


def _is_all_caps(line: str) -> bool:
    """One line with at least four letters, all upper case. Called on every paragraph, so
    it stops at the first lower-case letter rather than collecting the letters first."""
    if "\n" in line:
        return False
    letters = 0
    for character in line:
        if character.isalpha():
            if not character.isupper():
                return False
            letters += 1
    return letters >= 4


def _is_title_case(line: str) -> bool:
    """A short line whose every word of four or more letters is capitalised
    ("Joining Forces With China.") and with no sentence punctuation inside."""
    core = line.strip(" .\"'“”‘’")
    words = core.split()
    if not 1 <= len(words) <= 8 or "\n" in line or re.search(r"[.?!:;]\s", core) or core.endswith((":", "?")):
        return False
    if not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or len(w.strip(",")) < 4 or w.lower() in _SMALL_WORDS for w in words)


def _is_headline(paragraph: str, blank_line_layout: bool) -> bool:
    """Short, at most two lines (headline and deck), and either without final punctuation, or
    a first line of one sentence, or very short in a text whose paragraphs are set off by blank lines
    (a lede of several sentences on one line is body)."""
    if len(paragraph) > _HEADLINE_MAX or paragraph.count("\n") > 1:
        return False
    if not paragraph.rstrip(_CLOSERS).endswith((".", "!", "?")):
        return True
    if blank_line_layout and len(paragraph) <= _SHORT_HEADLINE:
        return True
    return len(split_sentences(paragraph.split("\n")[0])) <= 1


def segment(text: str) -> list[Block]:
    """Label every non-blank paragraph of ``text`` (offsets into ``text``); see the module
    docstring for the labels. Never raises on any string."""
    spans = paragraphs(text)
    blank_lines = _BLANK_LINE.search(text) is not None
    blocks: list[Block] = []
    lead_limit = min(len(spans), 5)
    # Only headlines and bylines (short paragraphs) may come before a dateline.
    dateline_at = None
    for i in range(lead_limit):
        if match_dateline(text, *spans[i]) and not _BYLINE.fullmatch(text, *spans[i]):
            dateline_at = i
            break
        if spans[i][1] - spans[i][0] > _HEADLINE_MAX:
            break
    trailer_at = next((i for i, span in enumerate(spans) if i and _TRAILER_START.match(text, *span)), len(spans))
    in_trailer = False
    seen_body = False
    for index, (start, end) in enumerate(spans):
        chunk = text[start:end]
        label, reason = "body", "paragraph"
        if in_trailer:
            label, reason = "boilerplate", "after the page trailer (unrelated page content)"
        elif index == trailer_at:
            in_trailer = True
            opening = " ".join(chunk.split()[:3])
            label, reason = "boilerplate", f"page trailer starting '{opening} ...' (it and all after it)"
        elif _BOILERPLATE.match(chunk):
            label, reason = "boilerplate", "separator, social-media or correction line"
        elif seen_body and len(chunk) <= 400 and _CREDITS.match(chunk):
            label, reason = "credits", "opens with 'Reporting/Editing by'"
        elif seen_body and len(chunk) <= 300 and index >= trailer_at - 2 and _CLOSING_CREDITS.search(chunk):
            label, reason = "credits", "'contributed reporting'/'reported from' in the last paragraphs"
        elif not seen_body and _BYLINE.fullmatch(chunk) and len(chunk) <= 150:
            label, reason = "byline", "'By' followed by names"
        elif index == dateline_at:
            dateline = match_dateline(text, start, end)
            blocks.append(Block("dateline", dateline.start, dateline.end, _dateline_reason(dateline)))
            body_start = dateline.end
            while body_start < end and text[body_start].isspace():
                body_start += 1
            blocks.append(Block("body", body_start, end, "first paragraph after its dateline"))
            seen_body = True
            continue
        elif not seen_body and index == 0 and len(spans) > 1 and _is_headline(chunk, blank_lines) and not _is_all_caps_label(chunk):
            label, reason = "headline", f"first paragraph, short ({len(chunk)} chars), not several sentences"
        elif _is_all_caps(chunk) and chunk[0].isalnum():
            label, reason = "heading", "all-caps line"
        elif not seen_body and dateline_at is not None and index < dateline_at and _is_headline(chunk, blank_lines):
            label, reason = "headline", "short paragraph before the dateline (subheadline)"
        elif _TIME_STAMP.match(chunk):
            label, reason = "heading", "time stamp (live-blog entry)"
        elif seen_body and _is_title_case(chunk) and index < len(spans) - 1:
            label, reason = "heading", "short title-case line between paragraphs"
        if label == "body":
            seen_body = True
        blocks.append(Block(label, start, end, reason))
    return blocks


def _is_all_caps_label(chunk: str) -> bool:
    """A one-word all-caps first line ("LETTERS.") is a section label, not a headline."""
    return _is_all_caps(chunk) and len(chunk.split()) == 1


def _dateline_reason(dateline: Dateline) -> str:
    parts = [f"place={dateline.place!r}" if dateline.place else "", f"date={dateline.date!r}" if dateline.date else "",
             f"agency={dateline.agency!r}" if dateline.agency else ""]
    return "dateline opening the first body paragraph (" + ", ".join(p for p in parts if p) + ")"


def body_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the body paragraphs of ``text`` in order (dateline prefixes excluded)."""
    return [(block.start, block.end) for block in segment(text) if block.label == "body"]


def body_sentences(text: str, blocks: list[Block] | None = None) -> list[tuple[int, int, int, int]]:
    """``(paragraph, sentence, start, end)`` of every body sentence of ``text`` (segmented
    here unless its ``blocks`` are given); both indices are 0-based within the document body,
    offsets are into ``text``."""
    blocks = segment(text) if blocks is None else blocks
    rows: list[tuple[int, int, int, int]] = []
    for paragraph, block in enumerate(b for b in blocks if b.label == "body"):
        start, end = block.start, block.end
        for first, last in split_sentences(text, start, end):
            rows.append((paragraph, len(rows), first, last))
    return rows


# --------------------------------------------------------------------------- files


class IngestError(ValueError):
    """A file that cannot be read as an article; the message starts with the file's path."""

    def __init__(self, path: str | Path, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass
class Document:
    """One article: ``text`` is the decoded file (every offset refers to it)."""

    doc_id: str
    path: Path
    text: str
    blocks: list[Block]
    metadata: dict = field(default_factory=dict)

    @property
    def anchor_date(self) -> date | None:
        """The article's date (from the dateline with a year, or the sidecar): the anchor
        for relative dates; None when unknown."""
        value = self.metadata.get("date") or ""
        return date.fromisoformat(value) if value else None


SIDECAR_SUFFIX = ".meta.json"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML = re.compile(r"\A\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)|<(?:head|body)\b[^>]*>", re.I)
# Text files may carry the odd control character; beyond this share it is not text.
_MAX_CONTROL_SHARE = 0.05


def decode(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes. A UTF-8 byte-order mark is dropped (offsets count
    from the first character after it); UTF-16/32 need their byte-order mark; bytes that are not
    UTF-8 are read as cp1252 (Latin-1 where cp1252 leaves a byte undefined). Raises
    :class:`IngestError` for binary data (NUL bytes or too many control characters)."""
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"), (b"\xef\xbb\xbf", "utf-8-sig")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"binary file: starts with a {codec} byte-order mark but does not decode ({exc.reason})") from None
            encoding = codec
            break
    else:
        if b"\x00" in data:
            raise IngestError(path, "binary file (contains NUL bytes), not text")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
    controls = sum(1 for _ in _CONTROL.finditer(text))
    if "\x00" in text or (text and controls / len(text) > _MAX_CONTROL_SHARE):
        raise IngestError(path, f"binary file ({controls} control characters in {len(text)}), not text")
    return text, encoding


def read_sidecar(path: Path) -> dict:
    """Metadata from ``NAME.meta.json`` beside the article ``NAME.txt`` ({} when absent)."""
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(path, f"metadata sidecar {sidecar.name} is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise IngestError(path, f"metadata sidecar {sidecar.name} must hold a JSON object")
    return data


def _authors(text: str, blocks: list[Block]) -> list[str]:
    for block in blocks:
        if block.label == "byline":
            names = _BYLINE.fullmatch(text[block.start:block.end]).group("authors")
            return [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s+&\s+", names) if n.strip()]
    return []


def _dateline_date(text_date: str, year_hint: int | None) -> str:
    """ISO date of a dateline's date ("Dec 5", "Sept. 26, 2016"); "" when it has no year and
    no hint gives one."""
    if not text_date:
        return ""
    mentions = find_dates(text_date, date(year_hint, 1, 1) if year_hint else None)
    if mentions and mentions[0].granularity == "day" and mentions[0].date_start:
        return mentions[0].date_start.isoformat()
    return ""


def document_metadata(text: str, blocks: list[Block], sidecar: dict, encoding: str) -> dict:
    """Authors, place, date (ISO or ""), agency from the byline and dateline, then the sidecar's
    fields on top (it is the curated record); ``encoding`` as decoded."""
    dateline = next((b for b in blocks if b.label == "dateline"), None)
    found = match_dateline(text, dateline.start, len(text)) if dateline else None
    sidecar_date = str(sidecar.get("date", ""))
    year_hint = int(sidecar_date[:4]) if re.match(r"\d{4}-\d\d-\d\d$", sidecar_date) else None
    metadata = {
        "authors": _authors(text, blocks),
        "place": found.place if found else "",
        "date": _dateline_date(found.date, year_hint) if found else "",
        "dateline_date": found.date if found else "",
        "agency": found.agency if found else "",
        "encoding": encoding,
    }
    for key, value in sidecar.items():
        if value not in ("", None, []):
            metadata[key] = value
    return metadata


def read_document(path: str | Path) -> Document:
    """Read one article file into a :class:`Document`; raises :class:`IngestError` (message:
    the path, then the problem) for an unreadable, empty, binary or HTML file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read file ({exc.strerror or exc})") from None
    text, encoding = decode(data, path)
    if not text.strip():
        raise IngestError(path, "empty file (no text)" if not text else "empty file (whitespace only)")
    if _HTML.search(text[:5000]):
        raise IngestError(path, "HTML page, not article text: save the article's text as plain .txt")
    blocks = segment(text)
    metadata = document_metadata(text, blocks, read_sidecar(path), encoding)
    if declared_transcript(metadata) is None and is_transcript(text, [(b.start, b.end) for b in blocks if b.label == "body"]):
        metadata["kind"] = "transcript"
    if declared_transcript(metadata):
        for key, value in header_metadata(text, paragraphs(text)).items():
            metadata[key] = metadata.get(key) or value
    return Document(path.stem, path, text, blocks, metadata)


def read_corpus(folder: str | Path) -> Iterator[Document | IngestError]:
    """Every ``*.txt`` article in ``folder`` in name order (``*.meta.json`` sidecars are their
    metadata); a file that cannot be read yields its :class:`IngestError` and the rest go on."""
    folder = Path(folder)
    if not folder.is_dir():
        raise IngestError(folder, "corpus folder not found")
    for path in sorted(folder.glob("*.txt")):
        try:
            yield read_document(path)
        except IngestError as exc:
            yield exc


# --------------------------------------------------------------------------- frames

DOCUMENT_COLUMNS = ["doc_id", "path", "n_chars", "authors", "place", "date", "agency", "outlet", "error"]
BLOCK_COLUMNS = ["doc_id", "block", "label", "start", "end", "reason", "text"]
SENTENCE_COLUMNS = ["doc_id", "paragraph", "sentence", "start", "end", "text"]


def _relative(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` as written (a corpus run lists the files under its
    folder), else after resolving both (a relative and an absolute spelling), else its name."""
    if root is None:
        return path.name
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    resolved, folder = path.resolve(), Path(root).resolve()
    return resolved.relative_to(folder).as_posix() if resolved.is_relative_to(folder) else path.name


def documents_frame(items: Iterable[Document | IngestError], root: str | Path | None = None) -> pd.DataFrame:
    """One row per file (read or failed; ``error`` says why it failed); ``path`` relative to
    ``root`` (the corpus folder), authors joined by "; "."""
    return pd.DataFrame([document_record(item, root) for item in items], columns=DOCUMENT_COLUMNS)


def document_record(item: Document | IngestError, root: str | Path | None = None) -> dict:
    """The :func:`documents_frame` row of one file, as a dict keyed by :data:`DOCUMENT_COLUMNS`."""
    if isinstance(item, IngestError):
        return {"doc_id": item.path.stem, "path": _relative(item.path, root), "n_chars": 0,
                "authors": "", "place": "", "date": "", "agency": "", "outlet": "", "error": item.problem}
    meta = item.metadata
    authors = meta.get("authors", [])
    return {"doc_id": item.doc_id, "path": _relative(item.path, root), "n_chars": len(item.text),
            "authors": "; ".join(authors) if isinstance(authors, list) else str(authors),
            "place": meta.get("place", ""), "date": meta.get("date", ""),
            "agency": meta.get("agency", ""), "outlet": str(meta.get("outlet") or ""), "error": ""}


def blocks_frame(documents: Iterable[Document | IngestError]) -> pd.DataFrame:
    """Every block of every document, in text order (failed files contribute nothing)."""
    rows = [
        {"doc_id": d.doc_id, "block": i, "label": b.label, "start": b.start, "end": b.end,
         "reason": b.reason, "text": d.text[b.start:b.end]}
        for d in documents if isinstance(d, Document)
        for i, b in enumerate(d.blocks)
    ]
    return pd.DataFrame(rows, columns=BLOCK_COLUMNS)


def dates_frame(documents: Iterable[Document | IngestError]) -> pd.DataFrame:
    """Every date expression in the body of every document, resolved against the document's
    :attr:`Document.anchor_date` (columns of :func:`analysis.dates.resolve_dates`)."""
    frames = [resolve_dates(d.text, [(b.start, b.end) for b in d.blocks if b.label == "body"],
                            d.anchor_date, doc_id=d.doc_id)
              for d in documents if isinstance(d, Document)]
    return pd.concat(frames, ignore_index=True) if frames else resolve_dates("", [], None)


def sentences_frame(documents: Iterable[Document | IngestError]) -> pd.DataFrame:
    """Every body sentence of every document (failed files contribute nothing)."""
    rows = [
        {"doc_id": d.doc_id, "paragraph": p, "sentence": s, "start": a, "end": b, "text": d.text[a:b]}
        for d in documents if isinstance(d, Document)
        for p, s, a, b in body_sentences(d.text, d.blocks)
    ]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
