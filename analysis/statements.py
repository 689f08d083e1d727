"""Attributed statements (who said what) from the body text of a news article.

:func:`extract_statements` returns one row per attributed statement with the columns of
:data:`COLUMNS`: ``doc_id, statement_id, kind (direct|indirect|mixed), content,
content_start, content_end, cue, cue_start, cue_end, speaker_text, speaker_start,
speaker_end`` (-1 when implicit), ``speaker, actor_type, bloc, speaker_evidence`` (from
:func:`analysis.actors.resolve_records`), ``channel`` (who relayed the statement in
nested attribution, "" if none), ``paragraph, sentence`` (0-based body indices, as in
:func:`analysis.ingest.body_sentences`; -1 for a statement in the headline). :func:`statement_records` gives the same rows as
plain dicts (no pandas, for the per-article pipeline); :func:`find_statements` gives them
with speakers unresolved.

Rules (regular expressions over sentences, constant work per cue; no parser), with the
phrase grammar in :mod:`analysis.attribution_patterns`:

- only body paragraphs and the headline (:func:`analysis.ingest.segment`) are searched,
  so bylines, datelines, credits and boilerplate never yield statements; a headline
  ("Minister says budget will double") is searched on its own, as attribution corpora
  such as PolNeAR code it;
- sentences joined by a quotation that spans them are one unit; cues inside quotations
  are ignored; a quotation reopened at the next paragraph continues; a paragraph that
  is wholly a quotation without a cue, right after a statement's paragraph, is a
  statement of the same speaker (a new speaker's cue ends the run);
- a cue (``codebook/cues.csv``) takes the noun phrase before it as speaker ("Smith said",
  "the officials have argued", "Smith, a spokesman, said") or, for quotative verbs after a
  comma or closing quotation mark, the noun phrase after it ("..., said the sources");
- content follows the cue ("said (on Friday) that ...", "said: “...”", "told Y that ...")
  or, when the cue closes its sentence, precedes it ("“...,” Landau wrote on X."), and
  spans split ("“A,” he said, “B.”") and parenthetical ("A, he said, B") attributions;
- a closing attribution after a statement that already has a speaker is its relay
  (``channel``: "X told Y that ..., the sources said"); a statement nested in another's
  content has the outer speaker as channel;
- negated cues ("did not explain", "declined to say"), passives ("recounted by"), nouns
  ("the claims") and cues whose content fails the cue's ``complement`` pattern ("bashed
  European allies") are not statements; non-responses are cut from content;
- in a speaker-labelled transcript (:mod:`analysis.transcripts`) each paragraph of a turn
  is a direct statement of the labelled speaker, and the turn's speaker is the channel of
  what is reported inside it.

Work per cue is bounded (phrase windows, sentences of at most
:data:`analysis.ingest.MAX_SENTENCE_CHARS`, units of at most :data:`MAX_UNIT_CHARS`), so a
document costs time linear in its length (``benchmarks/scaling.py``).
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

import pandas as pd

from analysis import attribution_patterns as ap
from analysis.codebook import per_codebook
from analysis.ingest import body_sentences, segment, split_sentences
from analysis.transcripts import Turn, find_turns, is_transcript, resolve_transcript

Span = tuple[int, int]

COLUMNS = ["doc_id", "statement_id", "kind", "content", "content_start", "content_end", "cue",
           "cue_start", "cue_end", "speaker_text", "speaker_start", "speaker_end", "speaker",
           "actor_type", "bloc", "speaker_evidence", "channel", "paragraph", "sentence"]

_cues_of = per_codebook(lambda codebook: ap.load_cues(codebook.cues))

# Sentences joined by a quotation stop growing at this length (the longest in the PolNeAR
# dev texts has 1,541 characters): an unclosed quotation mark must not make a whole long
# paragraph one unit, whose every statement would run to its end.
MAX_UNIT_CHARS = 5_000


@dataclass
class Unit:
    """A sentence, or several joined by a quotation running across them."""

    start: int
    end: int
    paragraph: int
    sentence: int
    paragraph_end: int


@dataclass
class Found:
    """A statement found in a unit, before it becomes a row."""

    content: tuple[int, int]
    cue: tuple[int, int]
    speaker: tuple[int, int] | None
    unit: Unit
    channel: str = ""
    cue_first: bool = True
    kind: str = ""


def _units(sentences: list[tuple[int, int, int, int]], quotes: list[tuple[int, int]],
           paragraphs: list[tuple[int, int]]) -> list[Unit]:
    """Body sentences ``(paragraph, sentence, start, end)`` joined where a quotation spans them."""
    units: list[Unit] = []
    for paragraph, index, s, e in sentences:
        crossing = _region_at(quotes, units[-1].end - 1) if units else None
        if crossing and crossing[1] > s and e - units[-1].start <= MAX_UNIT_CHARS:
            units[-1].end = e
            units[-1].paragraph_end = paragraphs[paragraph][1]
        else:
            units.append(Unit(s, e, paragraph, index, paragraphs[paragraph][1]))
    return units


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and trailing punctuation (not "!" or "?" ending a word, and never
    past a closing quotation mark)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?—–-"):
        if text[end - 1] in "!?" and end - 2 >= start and text[end - 2] not in " ":
            break
        end -= 1
    return start, end


def _region_at(quotes: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The quotation (from the sorted, disjoint ``quotes``) holding ``offset``, if any."""
    index = bisect.bisect_right(quotes, (offset, math.inf)) - 1
    return quotes[index] if index >= 0 and quotes[index][0] <= offset < quotes[index][1] else None


def _content_after(text: str, unit: Unit, start: int, subject: ap.Subject,
                   quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Content of a cue-first statement starting at ``start``, up to the unit's end or an
    earlier boundary (end of a subordinate clause, a non-response, a coordinated verb)."""
    start, end = _trim(text, start, unit.end)
    region = _region_at(quotes, start)
    if region and region[1] >= end - 1:
        return start, max(end, region[1])
    if subject.subordinate:
        comma = _comma_outside(text, start, end, quotes)
        end = comma if comma is not None else end
    for pattern in (ap.NON_RESPONSE, ap.BUT_NEW_CLAUSE):
        cut = pattern.search(text, start, end)
        if cut and not _region_at(quotes, cut.start()):
            end = cut.start()
    if subject.possessive:
        cut = ap.COORDINATED_VP.search(text, start, end)
        end = cut.start() if cut else end
    return _trim(text, start, end)


def _comma_outside(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> int | None:
    """The first comma of ``text[start:end]`` that is not inside a quotation."""
    for match in re.finditer(",", text[start:end]):
        if not _region_at(quotes, start + match.start()):
            return start + match.start()
    return None


def _content_before(text: str, unit: Unit, speaker_start: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Content of a statement whose attribution closes the sentence: the quotation or
    clause before the comma (or closing mark) that precedes the speaker (and an "as" after
    the comma: "The port was closed, as officials said")."""
    as_clause = ap.AS_BEFORE.search(text, max(unit.start, speaker_start - 8), speaker_start)
    head_end = as_clause.start() + 1 if as_clause else speaker_start
    while head_end > unit.start and text[head_end - 1].isspace():
        head_end -= 1
    if head_end <= unit.start:
        # '“Why ...?” Vitter demanded.': the splitter ended the sentence inside the quotation
        while head_end > 0 and text[head_end - 1] in " \t":
            head_end -= 1
        region = _region_at(quotes, head_end - 1)
        return region if region and region[1] == head_end and text[head_end - 2:head_end - 1] in "?!," else None
    mark = text[head_end - 1]
    if mark in ap.CLOSERS or mark == '"' or text.startswith("''", head_end - 2):
        region = _region_at(quotes, head_end - 1)
        if region is None or (text[head_end - 2] == "." and text[speaker_start].isupper()):
            return None  # '... change.” She adds': a finished sentence, not this speaker's words
        # a quotation closing a reported clause: the clause is the content (mixed),
        # unless a colon introduces the quotation
        lead = _trim(text, unit.start, region[0])
        mixed = lead[1] > lead[0] and text[region[0] - 1:region[0]] != ":" and not text[lead[0]:region[0]].rstrip().endswith(":")
        return (lead[0] if mixed else region[0], head_end)
    if mark != ",":
        return None
    start, end = _trim(text, unit.start, head_end - 1)
    return (start, end) if end > start else None


def _statement(text: str, unit: Unit, match: re.Match, row: dict, quotes, found: list[Found],
               next_unit: Unit | None) -> Found | None:
    """Classify one cue occurrence; may extend or annotate ``found`` (nested relays)."""
    cs, ce = match.span()
    cue_word = match.group(0)
    head, head_word = _head(text, unit.start, match)
    before = text[max(unit.start, head - 40):head].rstrip()
    previous_word = before.split()[-1] if before.split() else ""
    if ap.bare(previous_word) in ap.DETERMINERS or previous_word in ("to", "without") or re.match(
            r"\s+by\b", text[ce:ce + 4]):
        return None  # a noun ("the claims"), an infinitive, an idiom ("goes without saying"), a passive
    closes = before.endswith((",", ";", '"', "''", *ap.CLOSERS))
    if cue_word.lower() == "according to":
        return _according(text, unit, (cs, ce), closes, quotes, found)
    if cue_word in ap.DASHES and not (closes and not before.endswith((",", ";"))):
        return None
    if not before and cue_word in ("Said", "Says"):
        return _said_first(text, unit, (cs, ce), quotes, row)
    subject = ap.subject_before(text, unit.start, head, head_word)
    if subject.negated or (subject.passive and cue_word.endswith("ed")):
        return None  # "did not explain", "was asked", "have been charged"
    relative = ap.RELATIVE_THEN_ADJUNCT.search(text, max(unit.start, head - 60), head)
    if relative and (subject.span is None or subject.span[0] >= relative.end(1)):
        subject = ap.Subject(relative.span(1), subject.negated)  # "..., who in 2010 said ..."
    clause = ap.relative_clause_before(text, unit.start, head)
    if clause and (subject.span is None or subject.span[0] >= clause[0][0]):
        subject = ap.Subject(clause[1], subject.negated)  # "The general who leads X said"
    if subject.span and ap.PREPOSITION_START.match(text, subject.span[0]) and not any(
            w[:1].isupper() for w in text[subject.span[0]:subject.span[1]].split()[1:]):
        return None  # "of the low demand for ...": a noun, not a cue
    if subject.span is None and closes and ap.INVERTIBLE.fullmatch(cue_word) and not _named_apposition(text, unit, head):
        speaker = _inverted_speaker(text, ce, unit.end)
        if speaker is not None:
            return _closing(text, unit, (cs, ce), speaker, cs, quotes, found)
    if subject.span is None and previous_word in ("who", "which"):  # "..., who said ...": the relative pronoun
        pronoun_end = max(unit.start, head - 40) + len(before)
        subject = ap.Subject((pronoun_end - len(previous_word), pronoun_end))
    if subject.span is None and ap.COORDINATED_BEFORE.search(before):
        # "X attacked ... and has called for ...": the coordinated verb's subject opens the sentence
        subject = ap.Subject(ap.subject_at(text, unit.start, head), subject.negated, subject.subordinate)
    if subject.span is None and head_word.endswith("ing") and (before.endswith(",") or previous_word in ap.GERUND_AFTER):
        # "..., saying ...", "... by telling ...": the participle's subject opens the sentence
        subject = ap.Subject(ap.subject_at(text, unit.start, head))
    elif subject.span is None and ap.ADVERBS_AFTER_COMMA.search(before):
        # "X, a spokesman, (then) said", "Proponents, including Y, have urged"
        comma = max(unit.start, head - 40) + ap.ADVERBS_AFTER_COMMA.search(before).start()
        subject = ap.Subject(ap.apposition_before(text, unit.start, comma))
    pos = ce
    if ap.TELL.fullmatch(cue_word):  # "told reporters that ...", but "told his aides to ..." like "urged"
        pos = ap.object_after(text, ce, unit.end)
        pos = ce if ap.TO_INFINITIVE.search(text, ce, pos) else pos
    speaker_start = subject.span[0] if subject.span else head
    # '“A,” Smith said, adding that B': a participle never closes the quotation before it
    participle = head_word.endswith("ing") and _after_comma(text, max(unit.start, head - 4), head)
    before_content = None if participle else _content_before(text, unit, speaker_start, quotes)
    quoted_before = before_content is not None and _region_at(quotes, before_content[1] - 1) is not None
    if (quoted_before and _region_at(quotes, before_content[0]) is None and _incomplete(text[slice(*before_content)])
            and _incomplete(text[_region_at(quotes, before_content[1] - 1)[0]:before_content[1]])):
        quoted_before = False  # "On “Fox News Sunday,” Pence said ...": a title in an adverbial
        before_content = None
    # an addressee only before a cue's own "that" ("agreed to a deal that ends ..." is no statement)
    that = None if quoted_before else ap.adjunct_then_that(text, pos, unit.end, not row.get("complement"))
    if that is not None:
        return _cue_first(text, unit, (cs, ce), subject, that, quotes, row)
    gap_end = _gap_end(text, pos, unit.end, quotes)
    mark = text[gap_end:gap_end + 1]
    after = gap_end + 1 if mark in ",;:" else gap_end
    if not quoted_before and not ap.only_adjuncts(text, pos, gap_end):
        return _cue_first(text, unit, (cs, ce), subject, pos, quotes, row)
    rest = _trim(text, after, unit.end)
    quote_after = mark == "," and not quoted_before and _region_at(quotes, rest[0]) is not None
    if rest[1] > rest[0] and (mark == ":" or (mark in ("“", '"') and not quoted_before)
                              or (mark == "," and before_content is None) or quote_after):
        return _cue_first(text, unit, (cs, ce), subject, after, quotes, row)
    if before_content is not None:
        closing = _closing(text, unit, (cs, ce), subject.span, speaker_start, quotes, found)
        if closing is not None and mark == "," and rest[1] > rest[0]:
            resumed = ap.SPLIT_QUOTE.match(text, gap_end) if quoted_before else None
            region = _region_at(quotes, resumed.end() - 1) if resumed else None
            if region:  # split quotation: "A," he said(, adverbials), "B."
                closing.kind = _kind(text, *closing.content, quotes)
                closing.content = (closing.content[0], max(region[1], rest[1]))
            elif not quoted_before and (_incomplete(text[slice(*closing.content)]) or _continues_clause(text, rest[0])):
                # "Acts of protest, Mr. Obama said, are acts of patriotism."
                closing.content = (closing.content[0], rest[1])
        return closing
    opens_quote = next_unit is not None and text[next_unit.start:next_unit.start + 1] in ap.OPENERS + '"'
    if next_unit is not None and (opens_quote or (mark == ":" and next_unit.paragraph > unit.paragraph)):
        # "He added:" closing its paragraph introduces the whole next one
        content = _trim(text, next_unit.start, next_unit.paragraph_end if mark == ":" else next_unit.end)
        region = _region_at(quotes, next_unit.start)
        content = (content[0], max(content[1], region[1])) if region else content
        return Found(content, (cs, ce), subject.span, unit)
    return None


def _head(text: str, floor: int, match: re.Match) -> tuple[int, str]:
    """Where the verb phrase of a cue starts, and its first word: the cue itself, or the
    verb that lends an infinitive cue its subject ("continues to insist", "went on to say")."""
    raising = ap.RAISING_TO.search(text, max(floor, match.start() - 30), match.start())
    return (raising.start(), raising.group(1).split()[0]) if raising else (match.start(), match.group(0).split()[0])


def _gap_end(text: str, start: int, end: int, quotes) -> int:
    """Where the adverbials after a cue stop: the first comma, semicolon, colon or
    quotation, skipping quoted titles after a preposition ("said on “Face the Nation”")."""
    i = start
    while i < end:
        match = ap.GAP_MARK.search(text, i, end)
        if match is None:
            return end
        region = _region_at(quotes, match.start())
        if region and region[0] == match.start() and ap.TITLE_BEFORE.search(text, max(start, match.start() - 6), match.start()):
            i = region[1]
            continue
        return match.start()
    return end


def _according(text: str, unit: Unit, cue, closes: bool, quotes, found) -> Found | None:
    """"According to X, ..." (content after the comma) or "..., according to X"."""
    speaker = ap.speaker_after(text, cue[1], unit.end)
    if speaker is None:
        return None
    if closes:
        return _closing(text, unit, cue, speaker, cue[0], quotes, found)
    comma = text.find(",", speaker[1], unit.end)
    content = _trim(text, comma + 1, unit.end) if comma >= 0 else (0, 0)
    return Found(content, cue, speaker, unit) if content[1] > content[0] else None


def _said_first(text: str, unit: Unit, cue, quotes, row) -> Found | None:
    """"Said Ellis: “...”": a sentence opening with the cue, its speaker, and a colon or
    comma before the content."""
    speaker = ap.speaker_after(text, cue[1], unit.end)
    if speaker is None or text[speaker[1]:speaker[1] + 1] not in ":,":
        return None
    return _cue_first(text, unit, cue, ap.Subject(speaker), speaker[1] + 1, quotes, row)


def _named_apposition(text: str, unit: Unit, cue_start: int) -> bool:
    """"Ivanka Trump, the nominee's daughter, noted ...": a name and a description
    between commas before the cue make it a subject, not an inversion."""
    comma = text.rfind(",", unit.start, cue_start)
    if comma < 0 or text[comma + 1:cue_start].strip():
        return False
    span = ap.apposition_before(text, unit.start, comma)
    lead = text[unit.start:span[0]].strip() if span else ""
    if span is None or (lead and not lead.endswith(",")):
        return False  # the name must open the sentence or follow an adverbial
    head, _, description = text[span[0]:span[1]].partition(",")
    first = description.split()[0] if description.split() else ""
    return head[:1].isupper() and len(head.split()) <= 4 and ap.bare(first) in ap.DETERMINERS | ap.QUANTIFIERS


def _inverted_speaker(text: str, start: int, end: int) -> Span | None:
    """The speaker after an inverted cue ("..., said the official."): a phrase opening
    with a capital, a determiner or a pronoun, after which the sentence closes."""
    speaker = ap.speaker_after(text, start, end)
    if speaker is None or not _closes_sentence(text, speaker[1], end):
        return None
    if text[speaker[0]].isupper():
        return speaker
    first = ap.bare(text[speaker[0]:speaker[1]].split()[0])
    if first in ap.DETERMINERS | ap.PRONOUNS | ap.QUANTIFIERS and _closes_sentence(text, speaker[1], end, strict=True):
        return speaker
    return None


def _incomplete(clause: str) -> bool:
    """A clause too short, or opening with a subordinator, to be a whole statement."""
    words = clause.split()
    return len(words) < ap.PARENTHETICAL_WORDS or (bool(words) and words[0].lower() in ap.INCOMPLETE_OPENERS)


def _continues_clause(text: str, start: int) -> bool:
    """After "X, he said,": a lowercase word that carries the sentence on ("are acts of
    patriotism", "for how ..."), not an apposition, relative clause or participle."""
    word = re.match(r"[a-z]+", text[start:start + 20])
    return bool(word) and word.group(0) not in ap.DETERMINERS | ap.QUANTIFIERS | ap.NOT_CONTINUING and not word.group(0).endswith("ing")


def _closes_sentence(text: str, start: int, end: int, strict: bool = False) -> bool:
    """After an inverted speaker: nothing, adverbials, or a comma and then (``strict``)
    a relative clause, apposition or participle ("..., said Smith, who ...")."""
    rest = text[start:min(end, start + ap.WINDOW)].lstrip()
    if rest.startswith(","):
        return not strict or bool(ap.AFTER_INVERTED.match(rest))
    return not rest or rest[0] in ".;!?—–-(" or ap.only_adjuncts(text, start, end)


def _cue_first(text, unit, cue, subject, start, quotes, row) -> Found | None:
    content = _content_after(text, unit, start, subject, quotes)
    if content[1] <= content[0]:
        return None
    if ap.NOT_CONTENT.match(text, content[0]) and not (subject.span and ap.RELATIVE_BEFORE.search(
            text, max(0, subject.span[0] - 8), subject.span[0])):
        return None  # "asked not to be named", "everything Trump says is a lie"; but "which he said were ..."
    complement = row.get("complement") or ""
    if complement and not re.match(complement, text[content[0]:content[1]]):
        return None
    if not complement and ap.NOT_BARE_CONTENT.match(text, content[0]):
        return None  # "continued to stay away", "asked about finances": not what was said
    return Found(content, cue, subject.span, unit)


def _closing(text, unit, cue, speaker, speaker_start, quotes, found: list[Found]) -> Found | None:
    """A statement whose attribution closes the sentence; if an earlier statement of the
    unit runs into it, the attribution is that statement's relay instead."""
    for earlier in found[-8:]:
        if earlier.unit is unit and earlier.cue_first and earlier.content[1] >= speaker_start - 2:
            comma = text.rfind(",", earlier.content[0], speaker_start)
            earlier.content = _trim(text, earlier.content[0], comma if comma > earlier.content[0] else speaker_start)
            earlier.channel = text[speaker[0]:speaker[1]] if speaker else ""
            return None
    content = _content_before(text, unit, speaker_start, quotes)
    if content is None:
        return None
    return Found(content, cue, speaker, unit, cue_first=False)


def _kind(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> str:
    """direct (the content is one quotation), mixed (holds one) or indirect (holds none)."""
    first = max(0, bisect.bisect_left(quotes, (start, -1)) - 1)
    region = next((q for q in quotes[first:first + 2] if q[0] < end and q[1] > start), None)
    if region is None:
        return "indirect"
    return "direct" if region[0] <= start and region[1] >= end - 1 else "mixed"


def statement_records(text: str, doc_id: str = "doc", codebook=None, blocks: list | None = None,
                      sentences: list[tuple[int, int, int, int]] | None = None,
                      transcript: bool | None = None) -> list[dict]:
    """Attributed statements of ``text`` as plain rows (keys :data:`COLUMNS`, in that order,
    sorted by ``content_start``) with speakers resolved by
    :func:`analysis.actors.resolve_records`; ``blocks`` (``analysis.ingest.segment(text)``)
    and ``sentences`` (``body_sentences(text, blocks)``) when the caller has them already.
    ``transcript``: whether ``text`` is a speaker-labelled transcript (:mod:`analysis.transcripts`;
    None: recognised from the text)."""
    _require_str(text)
    blocks = segment(text) if blocks is None else blocks
    sentences = body_sentences(text, blocks) if sentences is None else sentences
    paragraphs = [(b.start, b.end) for b in blocks if b.label == "body"]
    turns = find_turns(text, paragraphs) if _is_transcript(text, paragraphs, transcript) else None
    records = _found_records(text, doc_id, codebook, blocks, sentences, turns)
    if not records:
        return records
    from analysis.actors import resolve_records

    if turns is not None:
        return resolve_transcript(records, text, turns,
                                  lambda rows: resolve_records(rows, text, codebook, blocks, sentences))
    return resolve_records(records, text, codebook, blocks, sentences)


def _is_transcript(text: str, paragraphs: list[tuple[int, int]], declared: bool | None) -> bool:
    return is_transcript(text, paragraphs) if declared is None else declared


def extract_statements(text: str, doc_id: str = "doc", codebook=None, transcript: bool | None = None) -> pd.DataFrame:
    """:func:`statement_records` as a frame with the columns :data:`COLUMNS` (empty when
    there are no statements)."""
    return pd.DataFrame(statement_records(text, doc_id, codebook, transcript=transcript), columns=COLUMNS)


def _require_str(text) -> None:
    if not isinstance(text, str):
        raise TypeError(f"extract_statements expects a str, not {type(text).__name__}")


def find_statements(text: str, doc_id: str = "doc", codebook=None, blocks: list | None = None,
                    transcript: bool | None = None) -> pd.DataFrame:
    """The statements of ``text`` as the rules find them, speakers unresolved
    (``speaker`` empty, ``actor_type`` and ``bloc`` unknown); ``blocks`` is
    ``analysis.ingest.segment(text)`` when the caller has it already; ``transcript`` as in
    :func:`statement_records`."""
    _require_str(text)
    blocks = segment(text) if blocks is None else blocks
    paragraphs = [(b.start, b.end) for b in blocks if b.label == "body"]
    turns = find_turns(text, paragraphs) if _is_transcript(text, paragraphs, transcript) else None
    return pd.DataFrame(_found_records(text, doc_id, codebook, blocks, body_sentences(text, blocks), turns),
                        columns=COLUMNS)


def _found_records(text: str, doc_id: str, codebook, blocks: list,
                   sentences: list[tuple[int, int, int, int]], turns: list[Turn] | None = None) -> list[dict]:
    """The rows of :func:`find_statements`, given ``segment(text)`` and ``body_sentences(text, blocks)``;
    ``turns`` (:func:`analysis.transcripts.find_turns`) when ``text`` is a transcript."""
    table = getattr(codebook, "cues", None)
    cues = _cues_of(codebook) if table is not None and len(table) else ap.default_cues()
    paragraphs = [(b.start, b.end) for b in blocks if b.label == "body"]
    headlines = [(b.start, b.end) for b in blocks if b.label == "headline"]
    quotes = ap.quote_regions(text, sorted(headlines + paragraphs))
    units = _units(sentences, quotes, paragraphs)
    # A headline's sentences are searched on their own ("Flynn says Trump 'absolutely right' ..."),
    # outside the body's sentence numbering (-1) and never continued by a body paragraph.
    heads = [Unit(s, e, -1, -1, end) for start, end in headlines for s, e in split_sentences(text, start, end)]
    body = _search(text, units, cues, quotes)
    spoken = _turns(text, paragraphs, units) if turns is None else _transcript_turns(text, turns, units)
    speakers = {text[slice(*f.speaker)] for f in body + spoken if f.speaker}
    found = _search(text, heads, cues, quotes) + _headline_turns(text, heads, speakers) + body
    return _rows(text, doc_id, found + spoken, quotes)


def _search(text: str, units: list[Unit], cues: ap.Cues, quotes: list[tuple[int, int]]) -> list[Found]:
    """The statements found in ``units`` (consecutive sentences), in order."""
    found: list[Found] = []
    for index, unit in enumerate(units):
        next_unit = units[index + 1] if index + 1 < len(units) else None
        matches = [m for m in cues.finditer(text, unit.start, unit.end) if not _region_at(quotes, m.start())]
        if not matches and found and _continues_quote(text, found[-1], unit, quotes):
            continue
        if not matches and found and _quoted_paragraph(text, found[-1], unit, quotes):
            found.append(Found(_trim(text, unit.start, unit.end), found[-1].cue, found[-1].speaker, unit,
                               cue_first=False, kind="direct"))
            continue
        for match in matches:
            inside = [f for f in found[-8:] if f.content[0] <= match.start() < f.content[1]]
            if any(not f.cue_first for f in inside):
                continue
            statement = _statement(text, unit, match, cues.row(match), quotes, found, next_unit)
            if statement is None:
                continue
            if found and found[-1].unit is unit and _same_subject(text, *_head(text, unit.start, match)):
                _share_subject(text, found[-1], statement, match.start())
            elif not _close_earlier(text, found, statement) and inside and inside[-1].speaker:
                statement.channel = text[slice(*inside[-1].speaker)]  # relayed by the outer speaker
            found.append(statement)
    return found


def _transcript_turns(text: str, turns: list[Turn], units: list[Unit]) -> list[Found]:
    """A transcript's turns as direct statements, one per paragraph of each turn."""
    starts = [u.start for u in units]
    return [Found(_trim(text, *part), turn.colon, turn.name, units[max(0, bisect.bisect_right(starts, part[0]) - 1)],
                  cue_first=False, kind="direct")
            for turn in turns for part in turn.parts if units]


def _turns(text: str, paragraphs: list[tuple[int, int]], units: list[Unit]) -> list[Found]:
    """Transcript turns: a paragraph opening with a speaker's name in capitals and a colon
    ("PENCE: Well, look, ...") is that speaker's statement, even inside a quoted block."""
    found, starts = [], [u.start for u in units]
    for start, end in paragraphs:
        turn = ap.TURN.match(text, start, end)
        if turn and units:
            unit = units[max(0, bisect.bisect_right(starts, start) - 1)]
            cue = (turn.end("name"), turn.end("name") + 1)
            found.append(Found(_trim(text, turn.end(), end), cue, turn.span("name"), unit, cue_first=False))
    return found


def _headline_turns(text: str, heads: list[Unit], speakers: set[str]) -> list[Found]:
    """"Ostrova: Talks will resume in May": a headline sentence opening with a name and a
    colon is that name's statement when the last word of the name is a word of one of the
    body's ``speakers`` (so neither "Analysis:" nor a place is a speaker)."""
    found = []
    words = {word for speaker in speakers for word in re.findall(r"[\w’'.-]+", speaker)}
    for unit in heads:
        turn = ap.HEADLINE_TURN.match(text, unit.start, unit.end)
        if turn and turn.group("name").split()[-1] in words:
            cue = (turn.end("name"), turn.end("name") + 1)
            found.append(Found(_trim(text, turn.end(), unit.end), cue, turn.span("name"), unit, cue_first=False))
    return found


def _continues_quote(text: str, last: Found, unit: Unit, quotes) -> bool:
    """'“A,” she said. “B.”': a quotation opening the next sentence of the same
    paragraph, with no attribution of its own, continues the last quoted statement."""
    region = _region_at(quotes, unit.start)
    if region is None or last.unit.paragraph != unit.paragraph or last.speaker is None:
        return False
    if last.cue_first and _kind(text, *last.content, quotes) == "indirect":
        return False
    last.kind = last.kind or _kind(text, *last.content, quotes)
    last.content = (last.content[0], max(_trim(text, unit.start, unit.end)[1], region[1]))
    return True


def _quoted_paragraph(text: str, last: Found, unit: Unit, quotes) -> bool:
    """A paragraph that is wholly a quotation, right after the paragraph of the last
    statement, which has a speaker: it continues that speaker (the caller checked that
    it holds no cue of its own)."""
    region = _region_at(quotes, unit.start)
    if region is None or last.speaker is None or text[last.unit.paragraph_end:unit.start].strip():
        return False
    paragraph_start = text.rfind("\n", 0, unit.start) + 1
    pairs = (text[region[0]] == '"') == (text[region[1] - 1] == '"')  # not '"A, “B”' read as one
    return pairs and not text[paragraph_start:unit.start].strip() and not text[region[1]:unit.paragraph_end].strip(" .,\n")


def _same_subject(text: str, head: int, head_word: str) -> bool:
    """"X said A and warned B", "X said A, adding B": the subject of the cue whose verb
    phrase starts at ``head`` with ``head_word`` is the previous one's."""
    return bool(ap.SAME_SUBJECT.search(text, max(0, head - 30), head)) or (
        head_word.endswith("ing") and _after_comma(text, max(0, head - 4), head))


def _after_comma(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` ends with a comma, perhaps inside a closing quotation mark (',”')."""
    return text[start:end].rstrip().rstrip("\"”")[-1:] == ","


def _share_subject(text: str, earlier: Found, new: Found, cue_start: int) -> None:
    """Give ``new`` the speaker of ``earlier`` (if it has none of its own) and end
    ``earlier``'s content before it."""
    new.speaker = new.speaker or earlier.speaker
    if earlier.cue_first and earlier.content[0] < cue_start < earlier.content[1]:
        earlier.content = _trim(text, earlier.content[0], ap.SAME_SUBJECT_CUT.search(
            text, earlier.content[0], cue_start).start())


def _close_earlier(text: str, found: list[Found], new: Found) -> bool:
    """A new clause with its own speaker ("..., and he said ...") ends the content of the
    statement before it in the same unit; True when it did."""
    if not found or new.speaker is None or not new.cue_first:
        return False
    earlier = found[-1]
    if earlier.unit is new.unit and earlier.content[0] < new.speaker[0] < earlier.content[1]:
        boundary = ap.CLAUSE_BOUNDARY.search(text[earlier.content[0]:new.speaker[0]])
        if boundary:
            earlier.content = _trim(text, earlier.content[0], earlier.content[0] + boundary.start())
            return True
    return False


def _rows(text: str, doc_id: str, found: list[Found], quotes) -> list[dict]:
    """One row per distinct content span, sorted by ``content_start`` (ties keep their order)."""
    rows, seen = [], set()
    for f in found:
        (cs, ce), (qs, qe) = f.content, f.cue
        if ce <= cs or (cs, ce) in seen:
            continue
        seen.add((cs, ce))
        ss, se = f.speaker if f.speaker else (-1, -1)
        rows.append({
            "doc_id": doc_id, "statement_id": f"{doc_id}:{cs}-{ce}", "kind": f.kind or _kind(text, cs, ce, quotes),
            "content": text[cs:ce], "content_start": cs, "content_end": ce,
            "cue": text[qs:qe], "cue_start": qs, "cue_end": qe,
            "speaker_text": text[ss:se] if ss >= 0 else "", "speaker_start": ss, "speaker_end": se,
            "speaker": "", "actor_type": "unknown", "bloc": "unknown", "speaker_evidence": "",
            "channel": f.channel, "paragraph": f.unit.paragraph, "sentence": f.unit.sentence,
        })
    return sorted(rows, key=lambda row: row["content_start"])
