"""Speakers as written -> canonical actors, actor types and blocs, with the evidence.

:func:`resolve_speakers` takes a statements frame (``speaker_text``, ``speaker_start``,
``speaker_end``; -1 offsets when the speaker is implicit) and the text the offsets point
into (:func:`resolve_records` the same as a list of row dicts), and adds or fills:

- ``speaker``: the canonical actor name (a codebook actor's ``name``, the antecedent of a
  pronoun or description, or a name derived from the phrase: "Several European officials"
  -> "European officials"; "" when nothing can be said),
- ``actor_type``: person, organization, anonymous_person, anonymous_group or unknown,
- ``bloc``: a bloc id of ``blocs.csv`` or ``unknown``,
- ``speaker_evidence``: the rule and the cue that decided it.

Rules, first that applies wins (``resolve_records`` applies 1 to 7; the corpus
aggregation then joins a surname to the one full name the corpus gives it,
:func:`merge_corpus_speakers`):

1. implicit speaker: the speaker of an earlier statement in the same sentence;
2. pronoun: he/she -> nearest earlier person of a compatible gender (known from "Mr."/"Ms."
   or an earlier he/she), they -> group or organisation, it -> organisation; candidates are
   earlier speakers and named persons (codebook aliases, capitalised names), searched
   earlier in the same sentence, then in the same or previous paragraph (names only when
   a title introduces them or they open a sentence), then among all earlier speakers,
   then among any names in the same or previous paragraph;
   relative pronoun: "who" -> nearest person, "which" -> nearest organisation named or
   speaking earlier in the same sentence;
3. journalists named in the byline or credits are never actors;
4. codebook alias covering the head of the phrase, longest match wins ("a Pentagon
   spokesman" is not the Pentagon);
5. document ("the strategy document", "NATO's summit declaration") -> its owner, else the
   organisation named nearest before it in the same or previous paragraph, else the
   document itself as an organization;
   definite description ("the official", "the senator", "the four-star general", "the
   defense chief") -> nearest earlier speaker, else named actor, with that head noun or
   title among the role words around its name ("Defense Secretary X", "X, the prime
   minister"), preferring the one that fits most of the description's modifiers;
6. surname alone ("Landau", "Mr. Landau") -> the nearest earlier speaker, else named
   person, whose name ends with it (a first name: the one person whose name starts with it);
7. otherwise a name derived from the phrase, typed by grammatical cues (a capitalised name
   after any titles -> person; organisation head noun or acronym -> organization; person
   head noun, singular -> anonymous_person, plural or coordinated -> anonymous_group) and
   placed in a bloc by its first nationality word, else by an earlier person it names
   ("the Trump campaign").

Rule 3 and the named mentions that pronouns and descriptions refer back to are worked out
once per document here; how one phrase is read (rules 4 to 7) is :mod:`analysis.names`.
:func:`actor_table` and :func:`anonymous_share` summarise a resolved frame.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from analysis.codebook import Codebook, per_codebook
from analysis.ingest import segment, split_sentences
from analysis.names import (AREA_LEAD, ORGANIZATION_NOUNS, PERSON_NOUNS, PREPOSITION_BEFORE, PREPOSITIONS,
                            TITLE_ABBREVIATIONS, TITLE_WORDS, UNKNOWN, WORD, Actor, Lexicon, alias_match, default_lexicon, describe, head_noun,
                            introduced, lexicon_of, nationality_of, person_name, phrase_core, phrase_gender,
                            singular, surname_of, titles_of)

_lexicon_of = per_codebook(lexicon_of)

RESOLVED_COLUMNS = ("speaker", "actor_type", "bloc", "speaker_evidence")
ANONYMOUS_TYPES = ("anonymous_person", "anonymous_group")
PRONOUNS = {"he": ("person", "male"), "she": ("person", "female"), "they": ("group", ""), "it": ("organization", "")}
# "..., who said": a person; "..., which said": an organisation.
RELATIVE_PRONOUNS = {"who": ("person", "anonymous_person"), "which": ("organization",)}
# "the president", "the four-star general", "the bloc's commissioner": up to three modifiers, then the head.
_DEFINITE = re.compile(r"(?:the|this|that|these|those)\s+(?P<modifiers>(?:[\w'’-]+\s+){0,3}?)(?P<head>[a-z]+)", re.I)
# A document as speaker: "the strategy document", "NATO's summit declaration", "the agreement's text".
DOCUMENT_NOUNS = ("document", "statement", "declaration", "communique", "communiqué", "report", "letter", "memo",
                  "memorandum", "strategy", "text", "resolution", "directive", "release", "filing", "ruling", "order",
                  "guidance", "white paper", "paper", "review", "assessment", "proposal", "draft")
_DOCUMENT = re.compile(r"(?:(?:the|this|that|its|their|a|an)\s+)?(?:(?P<owner>[^,]+?)['’]s\s+)?(?:[\w-]+\s+){0,2}?"
                       r"(?P<head>" + "|".join(DOCUMENT_NOUNS) + r")", re.I)
# A head that stands for titles it does not spell ("the defense chief" is its secretary).
_HEAD_STANDS_FOR = {"chief": {"secretary", "minister", "head", "director", "commander", "chairman", "chairwoman"},
                    "commander": {"general", "admiral"}, "general": {"commander"}}
FIRST_PERSON = re.compile(r"(?:i|we|me|us)(?:['’](?:ve|m|re|d|ll))?", re.IGNORECASE)

# Named mentions in a document, and the words around one that tell whether it is salient.
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'’.-]*)(?:\s+(?:of\s+)?(?:[A-Z][\w'’.-]*))+")
# A capitalised run ending in an organisation word, or followed by one ("the Security
# Council", "the Clinton campaign").
# It opens with a capital either way: the lookahead lets the scan skip to capitals.
_ORGANIZATION_RUN = re.compile(r"(?=[A-Z])(?:The\s+)?([A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’.-]*)*)"
                               r"(?:\s+([a-z]+))?")
_OWNED_ORGANIZATION = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)['’]s\s+([a-z]+)")
_NOT_VERBS = frozenset("of and or nor to in on at for with from by as than that who which whose".split())
_MODIFIERS = "a an the his her their its our my your".split()
_MODIFIER_BEFORE = re.compile(r"\b(?:" + "|".join(_MODIFIERS) + r")\s+$", re.IGNORECASE)
# The longest word of _MODIFIER_BEFORE and PREPOSITION_BEFORE and the character before
# it, which tells whether the word starts at a word boundary (see _salient).
_WORD_BEFORE_WINDOW = 1 + max(map(len, _MODIFIERS + PREPOSITIONS))
# A capitalised word ("\b[A-Z][\w'’-]+\b"), the capital first so that the scan skips to capitals.
_CAPITALISED_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’-]+\b")
_CAPITALISED_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*)\s+$")
_POSSESSOR_AFTER = re.compile(r"['’]s\b")
_WORD_AFTER = re.compile(r"\s+([a-z]+)")
_ROLE_LEAD_BREAK = re.compile(r"[;:()“”\"—]")
_ROLE_APPOSITION = re.compile(r",\s+([^,.;:()]{1,80})")
_ROLE_WORDS = (PERSON_NOUNS | TITLE_WORDS) - {"of", "for", "the", "to", "and"}


# --------------------------------------------------------------------------- the document


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text)]


def _sentence_spans(text: str, paragraphs: list[tuple[int, int]], body: list[tuple[int, int]],
                    body_sentences: list[tuple[int, int, int, int]] | None) -> list[tuple[int, int]]:
    """The sentences of each paragraph; a paragraph that is the ``body[i]`` block takes the
    sentences ``body_sentences`` (``analysis.ingest.body_sentences``) gives for paragraph i
    instead of being split again."""
    known: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for paragraph, _, start, end in body_sentences or ():
        if paragraph < len(body):
            known.setdefault(body[paragraph], []).append((start, end))
    return [span for start, end in paragraphs for span in known.get((start, end)) or split_sentences(text, start, end)]


@dataclass(frozen=True)
class _Spans:
    """Sorted, disjoint ``(start, end)`` spans, looked up by offset with a binary search."""

    spans: list[tuple[int, int]]
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, spans: list[tuple[int, int]]) -> _Spans:
        return cls(spans, [start for start, _ in spans], [end for _, end in spans])

    def holds(self, offset: int) -> bool:
        """Whether a span has ``start <= offset < end``."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]

    def start_of(self, anchor: int, back: int = 0) -> int:
        """Start offset of the span ``back`` spans before the first one with
        ``start <= anchor <= end``; 0 when there is none."""
        index = bisect.bisect_left(self.ends, anchor)  # ends grow, so this is the first that can hold it
        if index < len(self.spans) and self.starts[index] <= anchor:
            return self.starts[max(0, index - back)]
        return 0


def _union(spans: list[tuple[int, int]]) -> _Spans:
    """The offsets covered by any of ``spans`` (which may overlap), as disjoint spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(span for span in spans if span[0] < span[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return _Spans.of(merged)


def _segments(text: str, segmented: list | None = None) -> tuple[set[str], _Spans]:
    """The journalists (names in the byline and credits, never actors) and the body spans
    (where named mentions are looked for; headlines are not), from the blocks of
    ``analysis.ingest.segment(text)`` (given as ``segmented``, or segmented here)."""
    blocks = [(b.label, b.start, b.end) for b in (segment(text) if segmented is None else segmented)]
    journalists = {m.group() for label, start, end in blocks if label in ("byline", "credits")
                   for m in _CAPITALISED_RUN.finditer(text, start, end)
                   if not re.match(r"(?:By|Reporting|Editing|Additional|Writing)\b", m.group())}
    return journalists, _Spans.of([(start, end) for label, start, end in blocks if label == "body"])


@dataclass
class _Surnames:
    """The actors of a list in position order, counted by surname and name up to a position
    that only grows (names are completed, and speakers resolved, in text order), so that
    finding who a lone surname is costs the names sharing it, not every earlier actor."""

    actors: list[Actor]
    included: int = 0
    names: dict[str, Counter] = field(default_factory=dict)  # surname -> name -> actors so called
    # surname -> person's name -> gender of its own -> [count, position, index, actor] of the nearest
    persons: dict[str, dict[str, dict[str, list]]] = field(default_factory=dict)
    firsts: dict[str, dict[str, list]] = field(default_factory=dict)  # first name -> person's name -> nearest

    def _before(self, position: int) -> None:
        while self.included < len(self.actors) and self.actors[self.included].position < position:
            index, actor = self.included, self.actors[self.included]
            surname = surname_of(actor.name)
            self.names.setdefault(surname, Counter())[actor.name] += 1
            if actor.actor_type == "person":
                nearest = self.persons.setdefault(surname, {}).setdefault(actor.name, {}).setdefault(
                    actor.gender, [0, actor.position, index, actor])
                nearest[0] += 1
                if actor.position > nearest[1]:
                    nearest[1:] = [actor.position, index, actor]
                if len(actor.name.split()) > 1:
                    last = self.firsts.setdefault(actor.name.split()[0], {}).setdefault(actor.name, [-1, index, actor])
                    if actor.position > last[0]:
                        last[:] = [actor.position, index, actor]
            self.included += 1

    def other_names(self, surname: str, name: str, position: int) -> int:
        """How many names other than ``name`` actors called ``surname`` before ``position`` have."""
        self._before(position)
        names = self.names.get(surname, {})
        return len(names) - (name in names)

    def full_name(self, actor: Actor, doc: _Document, first_names: bool = True) -> Actor | None:
        """The person before ``actor`` whose longer name ends with the one-word name of
        ``actor`` ("Landau" -> "Christopher Landau") and whose known gender does not
        contradict it ("Mrs. Clinton" is not Bill Clinton): the most often named, then the
        nearest (the first of equals); else, with ``first_names``, the one person whose
        name starts with it ("Rosalind" -> "Rosalind Achebe"); or None."""
        if actor.actor_type != "person" or len(actor.name.split()) != 1:
            return None
        self._before(actor.position)
        best, best_key = None, None
        for name, by_gender in self.persons.get(actor.name, {}).items():
            if name == actor.name:
                continue
            count, nearest = 0, None
            for own, entry in by_gender.items():
                known = doc.genders.get(name, own)
                if actor.gender and known and known != actor.gender:
                    continue
                count += entry[0]
                nearest = entry if nearest is None or (entry[1], -entry[2]) > (nearest[1], -nearest[2]) else nearest
            if nearest and (best_key is None or (count, nearest[1], -nearest[2]) > best_key):
                best, best_key = nearest[3], (count, nearest[1], -nearest[2])
        if best is None and first_names and len(self.firsts.get(actor.name, {})) == 1:
            best = next(iter(self.firsts[actor.name].values()))[2]
        return best


# Actor types a pronoun may refer to (see PRONOUNS).
_PRONOUN_CLASSES = {"person": ("person", "anonymous_person"), "group": ("anonymous_group", "organization"),
                    "organization": ("organization",)}


@dataclass
class _Pool:
    """Actors in order of position (the speakers resolved so far, or the named mentions),
    indexed by head noun, surname and pronoun class, so that a lookup costs about the
    candidates it walks past, not the number of actors before it: resolution stays linear
    in the length of a document. ``how`` names the pool in evidence ("speaker", "named")."""

    how: str
    actors: list[Actor] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    by_type: dict[str, list[int]] = field(default_factory=dict)
    by_class: dict[str, list[int]] = field(default_factory=dict)
    by_word: dict[str, list[int]] = field(default_factory=dict)  # word of _Document.heads -> actors, filled when asked
    worded: int = 0  # actors in by_word so far
    # description -> (anchor last asked at, index of the actor that fitted best before it or -1, its key)
    fitted: dict[tuple, tuple[int | None, int, tuple | None]] = field(default_factory=dict)
    with_bloc: dict[str, list[int]] = field(default_factory=dict)  # surname -> persons whose bloc is known
    first_named: dict[str, dict[str, int]] = field(default_factory=dict)  # surname -> person's name -> first position
    # (pronoun class, gender) -> index into by_class -> an earlier index to look at instead
    skips: dict[tuple[str, str], dict[int, int]] = field(default_factory=dict)
    surnames: _Surnames = field(init=False)

    def __post_init__(self) -> None:
        self.surnames = _Surnames(self.actors)

    @classmethod
    def of(cls, how: str, actors: list[Actor]) -> _Pool:
        pool = cls(how)
        for actor in actors:
            pool.add(actor)
        return pool

    def add(self, actor: Actor) -> None:
        """Append ``actor``, whose position is not before any actor's already in the pool."""
        index = len(self.actors)
        self.actors.append(actor)
        self.positions.append(actor.position)
        self.by_type.setdefault(actor.actor_type, []).append(index)
        for wanted, types in _PRONOUN_CLASSES.items():
            if actor.actor_type in types:
                self.by_class.setdefault(wanted, []).append(index)
        if actor.actor_type == "person":
            surname = surname_of(actor.name)
            self.first_named.setdefault(surname, {}).setdefault(actor.name, actor.position)
            if actor.bloc != "unknown":
                self.with_bloc.setdefault(surname, []).append(index)

    def _before(self, ids: list[int], anchor: int) -> int:
        """The last place in ``ids`` (indexes in position order) whose actor stands before ``anchor``, or -1."""
        return bisect.bisect_left(ids, anchor, key=self.positions.__getitem__) - 1

    def _first_at(self, ids: list[int], place: int, keep=lambda index: True) -> int:
        """The first place of ``ids`` with the position of ``ids[place]`` whose index ``keep`` accepts
        (``max`` over a list keeps the first of equal keys, and lookups must agree with it)."""
        position, first = self.positions[ids[place]], place
        while place > 0 and self.positions[ids[place - 1]] == position:
            place -= 1
            first = place if keep(ids[place]) else first
        return first

    def latest(self, anchor: int) -> Actor | None:
        """The last actor added before ``anchor``."""
        index = bisect.bisect_left(self.positions, anchor) - 1
        return self.actors[index] if index >= 0 else None

    def nearest_of(self, types: tuple[str, ...], anchor: int) -> int:
        """Index of the nearest actor before ``anchor`` whose type is one of ``types`` (the first of equals), or -1."""
        best = -1
        for kind in types:
            ids = self.by_type.get(kind, [])
            place = self._before(ids, anchor)
            if place >= 0:
                index = ids[self._first_at(ids, place)]
                if best < 0 or (self.positions[index], -index) > (self.positions[best], -best):
                    best = index
        return best

    def described(self, wanted: frozenset[str], roles: frozenset[str], named: tuple[str, ...], anchor: int,
                  doc: _Document) -> int:
        """Index of the actor before ``anchor`` whose heads (:meth:`_Document.heads`) hold a word
        of ``wanted`` and whose name holds every word of ``named``: the one whose heads hold most
        of ``roles``, then the nearest (the first of equals); or -1. A description asked again at
        a later anchor walks only the actors added to its range since."""
        for index in range(self.worded, len(self.actors)):
            for word in doc.heads(self.actors[index]):
                self.by_word.setdefault(word, []).append(index)
        self.worded = len(self.actors)
        key = (wanted, roles, named)
        since, best, best_key = self.fitted.get(key, (None, -1, None))
        if since is not None and anchor < since:
            since, best, best_key = None, -1, None
        walked = set()
        for word in wanted:
            ids = self.by_word.get(word, [])
            start = 0 if since is None else self._before(ids, since) + 1
            walked.update(ids[start:self._before(ids, anchor) + 1])
        for index in sorted(walked):
            actor = self.actors[index]
            if all(n in actor.name for n in named):
                fit = (len(roles & doc.heads(actor)), self.positions[index])
                if best_key is None or fit > best_key:
                    best, best_key = index, fit
        self.fitted[key] = (anchor, best, best_key)
        return best

    def latest_with_bloc(self, surname: str, anchor: int) -> int:
        """Index of the nearest person before ``anchor`` named ``surname`` whose bloc is known, or -1."""
        ids = self.with_bloc.get(surname, [])
        place = self._before(ids, anchor)
        return ids[self._first_at(ids, place)] if place >= 0 else -1

    def names_other(self, surname: str, name: str, anchor: int) -> bool:
        """Whether a person called ``surname`` but not ``name`` stands before ``anchor``."""
        return any(other != name and at < anchor for other, at in self.first_named.get(surname, {}).items())

    def nearest_compatible(self, wanted: str, gender: str, anchor: int, doc: _Document) -> int:
        """Index of the nearest actor at or after offset 0 and before ``anchor`` that a pronoun
        of class ``wanted`` and ``gender`` may refer to (the first of equals), or -1. Only for
        speakers: an actor ruled out once stays ruled out (a speaker's gender, once known,
        never changes), so it is skipped for good."""
        ids = self.by_class.get(wanted, [])
        skips = self.skips.setdefault((wanted, gender), {})

        def fits(index: int) -> bool:
            return _compatible(self.actors[index], wanted, gender, doc)

        place, passed = self._before(ids, anchor), []
        while place >= 0 and not (place not in skips and fits(ids[place])):
            passed.append(place)
            place = skips.get(place, place - 1)
        for skipped in passed:
            skips[skipped] = place
        if place < 0 or self.positions[ids[place]] < 0:
            return -1
        return ids[self._first_at(ids, place, fits)]

    def nearest_named(self, wanted: str, gender: str, anchor: int, doc: _Document, low: int,
                      salient: bool, above: int = -1) -> int:
        """Index of the nearest actor in ``[low, anchor)`` and after ``above`` that a pronoun of
        class ``wanted`` and ``gender`` may refer to (and ``salient``, if asked), or -1."""
        ids = self.by_class.get(wanted, [])
        place = self._before(ids, anchor)
        while place >= 0 and self.positions[ids[place]] >= low and self.positions[ids[place]] > above:
            actor = self.actors[ids[place]]
            if (actor.salient or not salient) and _compatible(actor, wanted, gender, doc):
                return ids[place]
            place -= 1
        return -1


@dataclass
class _Document:
    """What resolution knows about the text: spans, journalists, named mentions (and where
    each person's name ends), and the speakers resolved so far with the genders learnt."""

    text: str
    lexicon: Lexicon
    paragraphs: _Spans
    sentences: _Spans
    journalists: set[str]
    body: _Spans
    mentions: _Pool = field(default_factory=lambda: _Pool("named"))
    earlier: _Pool = field(default_factory=lambda: _Pool("speaker"))
    genders: dict[str, str] = field(default_factory=dict)
    name_ends: dict[int, int] = field(default_factory=dict)
    roles: dict[int, frozenset[str]] = field(default_factory=dict)

    def gender(self, actor: Actor) -> str:
        return self.genders.get(actor.name, actor.gender)

    def heads(self, actor: Actor) -> frozenset[str]:
        """The heads of ``actor`` and, for a named person, the role words around the name
        (:func:`_role_words`, worked out when first asked: only descriptions need them)."""
        end = self.name_ends.get(actor.position)
        if end is None:
            return actor.heads
        if actor.position not in self.roles:
            self.roles[actor.position] = _role_words(self.text, actor.position, end,
                                                     self.sentences.start_of(actor.position))
        return actor.heads | self.roles[actor.position]


def _document(text: str, lexicon: Lexicon, contents: list[tuple[int, int]], blocks: list | None,
              body_sentences: list[tuple[int, int, int, int]] | None) -> _Document:
    paragraphs = _paragraph_spans(text)
    journalists, body = _segments(text, blocks)
    sentences = _sentence_spans(text, paragraphs, body.spans, body_sentences)
    doc = _Document(text, lexicon, _Spans.of(paragraphs), _Spans.of(sentences), journalists, body)
    mentions = _mentions(text, doc)
    named = _Surnames(mentions)
    for mention in mentions:
        if mention.actor_type != "person":
            continue
        # "Mrs. Clinton" is the Hillary Clinton named before (if no other Clinton was), and
        # tells her gender.
        full = named.full_name(mention, doc, first_names=False)
        if full and named.other_names(mention.name, mention.name, mention.position) == 1:
            mention.name = full.name
            if mention.gender:
                doc.genders.setdefault(full.name, mention.gender)
    quoted = _union(contents)
    doc.mentions = _Pool.of("named", [m for m in mentions if not quoted.holds(m.position)])
    return doc


def _mentions(text: str, doc: _Document) -> list[Actor]:
    """Persons and organisations named in ``text``, in text order: codebook aliases;
    organisations (a capitalised run ending in or followed by an organisation word);
    capitalised names within a sentence (two words or more, or one after a title or an
    honorific: "President Obama", "Mrs. Clinton"); and a lone surname of a person named
    before ("Clinton" after "Hillary Clinton"). A name is ``salient`` (trusted as an
    antecedent before any earlier speaker) when a title introduces it, it opens its
    sentence, or it stands like a subject (no preposition before, a lower-case word after)."""
    found: dict[tuple[int, int], Actor] = {}
    occupied = bytearray(len(text) + 1)

    def free(start: int, end: int) -> bool:
        return occupied.find(1, start, end) < 0

    def take(span: tuple[int, int]) -> None:
        occupied[span[0]:span[1]] = b"\x01" * (span[1] - span[0])

    # a sentence after a dateline ("WASHINGTON — President X ...") starts outside the body
    sentences = [(s, e) for s, e in doc.sentences.spans if doc.body.holds(s) or doc.body.holds(e - 1)]
    in_body = _Spans.of(sentences)
    before_name = TITLE_WORDS | doc.lexicon.nationality_terms
    aliases_at: dict[int, Actor] = {}
    for index, matches in doc.lexicon.alias_scan.finditer(text):
        alias, row = doc.lexicon.aliases[index]
        one_word = len(alias.split()) == 1
        for match in matches:
            start, end = match.span()
            if not free(start, end) or not in_body.holds(start):
                continue
            # A one-word alias inside another name ("Ivana Trump", "Luis Rubio") is not the actor.
            inside = one_word and _CAPITALISED_WORD_BEFORE.search(text[max(0, start - 30):start])
            if inside and inside.group(1).lower() not in before_name:
                continue
            take((start, end))
            found[(start, end)] = aliases_at[start] = Actor(
                row["name"], row["type"], row["bloc"], _heads_of(alias), start,
                _salient(text, start, end, doc.sentences.start_of(start)))
    for start, end in sentences:
        possessive = text.find("'s", start, end) >= 0 or text.find("’s", start, end) >= 0
        for match in _OWNED_ORGANIZATION.finditer(text, start, end) if possessive else ():
            # "Donald Trump's campaign": the owner may be a codebook actor already found.
            head = singular(match.group(2))
            if head in ORGANIZATION_NOUNS and free(match.start(2), match.end(2)):
                take(match.span())
                owner = aliases_at.get(match.start(1))  # found spans never overlap: one per start
                bloc = owner.bloc if owner else "unknown"
                found[match.span()] = Actor(match.group(), "organization", bloc, frozenset({head}), match.start(),
                                             _salient(text, *match.span(), start))
        for match in _ORGANIZATION_RUN.finditer(text, start, end):
            run, word = match.group(1, 2)
            head = singular(word) if word else ""
            if head in ORGANIZATION_NOUNS:  # followed by its organisation word
                span = (match.start(1), match.end(2))
            else:
                head = singular(run.rsplit(None, 1)[-1])
                span = match.span(1)
            if head in ORGANIZATION_NOUNS and free(*span):
                take(span)
                bloc_hit = nationality_of(text[span[0]:span[1]], doc.lexicon)
                found[span] = Actor(text[span[0]:span[1]], "organization", bloc_hit[1] if bloc_hit else "unknown",
                                    frozenset({head}), span[0], _salient(text, match.start(), span[1], start))
        for match in _CAPITALISED_RUN.finditer(text, start, end):
            if not free(*match.span()):
                continue
            # "Secretary of State X" is one run, "X of Poland" is X: try the whole run first.
            run = match.group()
            # "Commissioner for Defence and Space X Y": the words before the run tell that
            # it opens with the area of a title
            lead = AREA_LEAD.search(text, max(start, match.start() - 30), match.start())
            parts = (text[lead.start():match.end()],) if lead else (run, run.split(" of ")[0])
            names = [person_name(part, doc.lexicon) for part in dict.fromkeys(parts)]
            name = next((n for n in names if n and (len(n.split()) >= 2 or introduced(run, n))), None)
            if name and not any(name in j for j in doc.journalists):
                take(match.span())
                titles = titles_of(run)
                bloc_hit = nationality_of(match.group(), doc.lexicon)
                found[match.span()] = Actor(name, "person", bloc_hit[1] if bloc_hit else "unknown", titles,
                                             match.start(), _salient(text, *match.span(), start, bool(titles)),
                                             phrase_gender(match.group()))
    surnames = {surname_of(a.name) for a in found.values() if a.actor_type == "person" and len(a.name.split()) > 1}
    for index in _spans_holding(text, in_body, surnames):
        start, end = sentences[index]
        for match in _CAPITALISED_WORD.finditer(text[start:end]):
            if match.group() not in surnames:
                continue
            span = (start + match.start(), start + match.end())
            if free(*span):
                take(span)
                found[span] = Actor(match.group(), "person", "unknown", frozenset(), span[0],
                                       _salient(text, *span, start))
    mentions = [found[k] for k in sorted(found)]
    doc.name_ends = {start: end for (start, end), actor in found.items() if actor.actor_type == "person"}
    other: dict[str, Actor] = {}  # surname -> the last person so called who is not in the codebook
    for mention in mentions:
        surname = surname_of(mention.name)
        if mention.actor_type != "person":
            continue
        # A lone codebook surname ("Mr. Rubio") names the other Rubio of this article, if any.
        if mention.name in doc.lexicon.names:
            if surname in other and text.startswith(surname, mention.position):
                mention.name, mention.bloc = other[surname].name, other[surname].bloc
        if mention.name not in doc.lexicon.names:
            other[surname] = mention
    return mentions


def _spans_holding(text: str, spans: _Spans, words: set[str]) -> list[int]:
    """The indexes (ascending) of the ``spans`` of ``text`` that hold one of ``words``
    whole: each word looked for once in the whole text, not once in every span."""
    held = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            index = bisect.bisect_right(spans.starts, at) - 1
            if index >= 0 and at + len(word) <= spans.ends[index]:
                held.add(index)
            at = text.find(word, at + 1)
    return sorted(held)


def _salient(text: str, start: int, end: int, sentence_start: int, titled: bool = False) -> bool:
    """Whether the name at ``text[start:end]`` is not a possessor and opens its sentence, or
    stands like a subject: no preposition or determiner before it, and a title before it or
    a lower-case word (a verb, often) after it."""
    before = text[sentence_start:start]
    if _POSSESSOR_AFTER.match(text[end:end + 3]):
        return False  # a possessor ("Trump's campaign") is not the subject
    if not before.strip():
        return True
    # Both patterns are a short word, then spaces up to the end: searching the last
    # characters before those spaces finds the same (and saves a scan of the whole sentence).
    tail = before[max(0, len(before.rstrip()) - _WORD_BEFORE_WINDOW):]
    if PREPOSITION_BEFORE.search(tail) or _MODIFIER_BEFORE.search(tail):
        return False
    if titled:
        return True
    after = _WORD_AFTER.match(text[end:end + 40])
    return after is not None and after.group(1) not in _NOT_VERBS


# --------------------------------------------------------------------------- resolution


def _empty(statements: pd.DataFrame | None) -> pd.DataFrame:
    frame = statements.copy() if statements is not None else pd.DataFrame()
    for column in RESOLVED_COLUMNS:
        frame[column] = pd.Series(dtype=object)
    return frame


def _is_int(value) -> bool:
    try:
        int(value)
    except (TypeError, ValueError):
        return False
    return True


def _anchor(row: dict) -> int:
    """Where a statement's speaker stands in the text (its content when implicit)."""
    for column in ("speaker_start", "content_start", "cue_start"):
        value = row.get(column, -1)
        if _is_int(value) and int(value) >= 0:
            return int(value)
    return -1


def resolve_speakers(statements: pd.DataFrame, text: str, codebook: Codebook | None = None,
                     blocks: list | None = None) -> pd.DataFrame:
    """Add ``speaker``, ``actor_type``, ``bloc`` and ``speaker_evidence`` to a statements
    frame (see the module docstring; :func:`resolve_records` on its rows); rows keep their
    order. Never raises: a row that cannot be resolved gets ``unknown`` and the reason."""
    if statements is None or len(statements) == 0:
        return _empty(statements)
    frame = statements.copy().reset_index(drop=True)
    resolved = resolve_records(frame.to_dict("records"), text, codebook, blocks)
    for column in RESOLVED_COLUMNS:
        frame[column] = [row[column] for row in resolved]
    return frame


def resolve_records(records: list[dict], text: str, codebook: Codebook | None = None, blocks: list | None = None,
                    sentences: list[tuple[int, int, int, int]] | None = None) -> list[dict]:
    """The statement rows ``records`` (``speaker_text``, ``speaker_start``, ``speaker_end``,
    ``content_start``, ``content_end`` as in the statements frame), in the same order, with
    ``speaker``, ``actor_type``, ``bloc`` and ``speaker_evidence`` set (new dicts; keys
    missing from a row are added after its own). ``blocks`` is
    ``analysis.ingest.segment(text)`` and ``sentences`` is
    ``analysis.ingest.body_sentences(text, blocks)`` when the caller has them already.
    Never raises."""
    if not records:
        return []
    text = text if isinstance(text, str) else ""
    problem = ""
    try:
        lexicon = _lexicon_of(codebook) if codebook is not None else default_lexicon()
    except Exception as exc:  # a broken codebook is reported on every row, not raised mid-corpus
        lexicon, problem = Lexicon([], [], frozenset()), f" (codebook not loaded: {exc})"
    contents = [(int(row["content_start"]), int(row["content_end"])) for row in records
                if _is_int(row.get("content_start")) and _is_int(row.get("content_end"))]
    doc = _document(text, lexicon, contents, blocks, sentences)
    resolved: dict[int, dict] = {}
    anchors = [_anchor(row) for row in records]
    for index in sorted(range(len(records)), key=anchors.__getitem__):
        row = records[index]
        try:
            actor, evidence = _resolve_one(row, doc)
        except Exception as exc:  # one odd row must not stop the document
            actor, evidence = UNKNOWN.copy(), f"resolution failed: {exc}"
        actor.position = anchors[index]
        resolved[index] = {**row, "speaker": actor.name, "actor_type": actor.actor_type, "bloc": actor.bloc,
                           "speaker_evidence": evidence + problem}
        if actor.name:
            doc.earlier.add(actor)
            if actor.gender and actor.name not in doc.genders:
                doc.genders[actor.name] = actor.gender
    return [resolved[index] for index in range(len(records))]


def _resolve_one(row: dict, doc: _Document) -> tuple[Actor, str]:
    phrase = str(row.get("speaker_text", "") or "").strip()
    phrase = "" if phrase.lower() in ("nan", "none") else phrase
    anchor = _anchor(row)
    if not phrase:
        same = doc.earlier.latest(anchor)
        if same and same.position >= doc.sentences.start_of(anchor):
            return same.copy(), f"implicit speaker → speaker '{same.name}' of an earlier statement in the same sentence"
        return UNKNOWN.copy(), "no speaker in the text (implicit) and none earlier in the sentence"
    if phrase.lower() in PRONOUNS:
        return _pronoun(phrase, anchor, doc)
    if phrase.lower() in RELATIVE_PRONOUNS:
        return _relative(phrase, anchor, doc)
    if FIRST_PERSON.fullmatch(phrase):
        return UNKNOWN.copy(), f"first-person pronoun '{phrase}' outside a quotation → unknown"
    core = phrase_core(phrase)
    if any(core == j or core in j.split() for j in doc.journalists):
        return UNKNOWN.copy(), f"'{core}' is a journalist named in the byline or credits → never an actor"
    phrase_head = head_noun(phrase, doc.lexicon)
    alias = alias_match(phrase, doc.lexicon, phrase_head[0])
    if alias and len(alias[0].split()) == 1 and any(
            pool.names_other(alias[0], alias[1]["name"], anchor) for pool in (doc.mentions, doc.earlier)):
        alias = None  # another person of that surname is named here ("Luis Rubio", not Marco)
    if alias:
        surface, entry = alias
        return (Actor(entry["name"], entry["type"], entry["bloc"], _heads_of(surface) | titles_of(phrase)),
                f"alias '{surface}' of codebook actor {entry['actor_id']}")
    document = _DOCUMENT.fullmatch(core) or _DOCUMENT.fullmatch(phrase)  # "filing" is cut off as a participle
    if document:
        return _document_speaker(document, anchor, doc)
    definite = _DEFINITE.fullmatch(core)
    if definite:
        described = _described(definite, anchor, doc)
        if described:
            return described
    actor, evidence = describe(phrase, doc.lexicon, phrase_head)
    actor.position = anchor
    for pool, how in ((doc.earlier, "speaker"), (doc.mentions, "person named")):
        full = pool.surnames.full_name(actor, doc)
        if full:
            found = full.copy()
            found.gender = actor.gender or doc.gender(full)
            return found, f"surname '{actor.name}' → earlier {how} '{full.name}'"
    if actor.bloc == "unknown" and actor.actor_type != "person":
        # the nearest such person; of equals, speakers before mentions, each in their order
        nearest = [(pool.positions[index], -rank, -index, pool.actors[index])
                   for rank, pool in enumerate((doc.earlier, doc.mentions)) for word in set(WORD.findall(core))
                   if (index := pool.latest_with_bloc(word, anchor)) >= 0]
        if nearest:
            a = max(nearest, key=lambda item: item[:3])[3]
            actor.bloc = a.bloc
            evidence = (evidence.replace("; no nationality word → bloc unknown", "")
                        + f"; modifier '{surname_of(a.name)}' names earlier person '{a.name}' → bloc {a.bloc}")
    return actor, f"not in codebook: {evidence}"


def _described(definite: re.Match, anchor: int, doc: _Document) -> tuple[Actor, str] | None:
    """The earlier speaker, else named actor, that a definite description ("the senator",
    "the four-star general", "the defense chief") refers to: one whose heads hold the
    description's head (or a title the head stands for); with modifiers ("defense"), the
    one whose heads hold most of them, then the nearest; a capitalised modifier must be
    in its name. None when no one fits."""
    word = singular(definite.group("head"))
    head = TITLE_ABBREVIATIONS.get(word, word)
    modifiers = [m for m in definite.group("modifiers").split() if m.lower() not in ("same", "other", "two", "three")]
    if modifiers and head not in PERSON_NOUNS | TITLE_WORDS:
        return None  # "the Trump campaign" is not any campaign named before
    wanted = {head} | _HEAD_STANDS_FOR.get(head, set())
    named = [m for m in modifiers if m[:1].isupper() and not m.endswith(("'s", "’s"))]
    roles = {singular(m) for m in modifiers if not m[:1].isupper()}
    for pool, how in ((doc.earlier, "speaker"), (doc.mentions, "named actor")):
        index = pool.described(frozenset(wanted), frozenset(roles), tuple(named), anchor, doc)
        if index >= 0:
            a = pool.actors[index]
            fits = sorted((wanted | roles) & doc.heads(a))
            how = f"{how} with head '{head}'" if fits == [head] else f"{how} described as {', '.join(fits)}"
            return a.copy(), f"definite description '{definite.group()}' → nearest earlier {how}: '{a.name}'"
    return None


def _document_speaker(document: re.Match, anchor: int, doc: _Document) -> tuple[Actor, str]:
    """A document as speaker ("the strategy document", "NATO's summit declaration"): its
    owner when the phrase names one that is a person or organisation; without an owner,
    the organisation named or speaking nearest before it in the same or previous
    paragraph (the body that issued it); else the document itself, as an organisation."""
    head = document.group("head").lower()
    owner = document.group("owner")
    if owner:
        actor, evidence = _resolve_one({"speaker_text": owner, "speaker_start": anchor}, doc)
        if actor.actor_type in ("person", "organization"):
            return actor, f"document '{document.group()}' issued by its owner: {evidence}"
    else:
        window = doc.paragraphs.start_of(anchor, back=1)
        issuer = _nearest_of((doc.earlier, doc.mentions), ("organization",), window, anchor)
        if issuer:
            return issuer.copy(), (f"document '{document.group()}' → the organisation named nearest before it in the same "
                                   f"or previous paragraph: '{issuer.name}'")
    name = re.sub(r"^(?:the|this|that|its|their)\s+", "", document.group(), flags=re.I)
    return (Actor(name, "organization", "unknown", frozenset({head})),
            f"document '{document.group()}' with no issuing body named → the document itself, as an organization")


def _nearest_of(pools: tuple[_Pool, ...], types: tuple[str, ...], low: int, anchor: int) -> Actor | None:
    """The nearest actor in ``[low, anchor)`` of the ``pools`` whose type is one of ``types``:
    of equals, the first pool's, each pool's first; or None."""
    found = [(pool.positions[index], -rank, -index, pool.actors[index]) for rank, pool in enumerate(pools)
             if (index := pool.nearest_of(types, anchor)) >= 0 and pool.positions[index] >= low]
    return max(found, key=lambda item: item[:3])[3] if found else None


def _role_words(text: str, start: int, end: int, sentence_start: int) -> frozenset[str]:
    """Role words (titles, person nouns) around the name at ``text[start:end]``: in the
    words just before it ("Defense Secretary Pete Hegseth"), in a description set off
    before it ("the Commission's defense commissioner, Andrius Kubilius") and in an
    apposition after it ("Jan Wilk, the prime minister,")."""
    before = text[max(sentence_start, start - 80):start]
    lead = _ROLE_LEAD_BREAK.split(before)[-1]
    parts = lead.rsplit(",", 2)
    chunk = parts[-1] if parts[-1].strip() else (parts[-2] if len(parts) > 1 else "")
    after = _ROLE_APPOSITION.match(text, end, end + 82)
    words = chunk.split()[-5:] + (after.group(1).split()[:8] if after else [])
    found = set()
    for word in words:
        word = singular(word.rstrip("."))
        found.add(TITLE_ABBREVIATIONS.get(word, word))
    return frozenset(found & _ROLE_WORDS)


def _heads_of(surface: str) -> frozenset[str]:
    return frozenset(singular(w) for w in surface.split()) - {"the", "a", "an"}


def _compatible(actor: Actor, wanted: str, gender: str, doc: _Document) -> bool:
    if wanted == "person":
        known = doc.gender(actor)
        return actor.actor_type in ("person", "anonymous_person") and (not known or known == gender)
    if wanted == "group":
        return actor.actor_type in ("anonymous_group", "organization")
    return actor.actor_type == "organization"


def _pronoun(phrase: str, anchor: int, doc: _Document) -> tuple[Actor, str]:
    """Nearest compatible antecedent: speakers or salient names earlier in the same
    sentence, then in the same or previous paragraph, then speakers of any earlier
    statement, then any name in the same or previous paragraph. A he/she resolution
    teaches the antecedent's gender."""
    wanted, gender = PRONOUNS[phrase.lower()]
    sentence_start = doc.sentences.start_of(anchor)
    window = doc.paragraphs.start_of(anchor, back=1)
    # Speakers are salient and come before mentions of the same position, so the nearest
    # salient candidate is the nearest speaker unless a salient name stands after it.
    speaker = doc.earlier.nearest_compatible(wanted, gender, anchor, doc)
    nearest = (doc.earlier, speaker) if speaker >= 0 else None
    named = doc.mentions.nearest_named(wanted, gender, anchor, doc, min(sentence_start, window), salient=True,
                                       above=doc.earlier.positions[speaker] if speaker >= 0 else -1)
    if named >= 0:
        nearest = (doc.mentions, named)
    position = nearest[0].positions[nearest[1]] if nearest else -1
    if position >= sentence_start:
        where = "earlier in the same sentence"
    elif position >= window:
        where = "in the same or previous paragraph"
    elif speaker >= 0:
        nearest, where = (doc.earlier, speaker), "of an earlier statement"
    else:
        named = doc.mentions.nearest_named(wanted, gender, anchor, doc, window, salient=False)
        nearest, where = ((doc.mentions, named), "in the same or previous paragraph") if named >= 0 else (None, "")
    if nearest:
        pool, index = nearest
        a = pool.actors[index]
        if gender:
            doc.genders.setdefault(a.name, gender)
        found = a.copy()
        found.gender = doc.gender(a)
        return found, (f"pronoun '{phrase}' → nearest preceding {wanted} {pool.how} {where}: "
                       f"'{a.name}' (offset {a.position})")
    return UNKNOWN.copy(), f"pronoun '{phrase}' with no compatible {wanted} antecedent → unknown"


# --------------------------------------------------------------------------- the corpus


def corpus_surnames(statements: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    """One-word person speakers of a corpus (``speaker``, ``actor_type``, ``doc_id``) that
    name one person: surname -> (full name, its actor type, its bloc), when exactly one
    full name (two words or more) of a person speaker in the corpus ends with that surname.
    A surname two full names share ("Clinton": Hillary and Bill) is left out."""
    if statements is None or len(statements) == 0:
        return {}
    persons = statements[statements["actor_type"] == "person"]
    names = persons["speaker"].dropna().astype(str)
    full: dict[str, set[str]] = {}
    for name in set(names):
        if len(name.split()) > 1:
            full.setdefault(surname_of(name), set()).add(name)
    lone = {name for name in set(names) if len(name.split()) == 1}
    found = {}
    for surname in sorted(lone):
        if len(full.get(surname, ())) == 1:
            name = next(iter(full[surname]))
            row = persons[persons["speaker"] == name].iloc[0]
            found[surname] = (name, str(row["actor_type"]), str(row["bloc"]))
    return found


def merge_corpus_speakers(statements: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``statements`` in which a person speaker named by surname alone carries
    the one full name the corpus gives that surname (:func:`corpus_surnames`), with its
    type and bloc, so that a person is counted once; ``speaker_evidence``, when present,
    says so. Rows keep their order."""
    names = corpus_surnames(statements)
    if not names:
        return statements.copy() if statements is not None else statements
    frame = statements.copy()
    hit = (frame["actor_type"] == "person") & frame["speaker"].isin(list(names))
    targets = frame.loc[hit, "speaker"].map(names)
    for column, part in (("speaker", 0), ("actor_type", 1), ("bloc", 2)):
        frame.loc[hit, column] = targets.map(lambda target: target[part])
    if "speaker_evidence" in frame.columns:
        frame.loc[hit, "speaker_evidence"] = (frame.loc[hit, "speaker_evidence"].fillna("").astype(str)
                                              + "; the corpus names one person of that surname → "
                                              + frame.loc[hit, "speaker"])
    return frame


def _relative(phrase: str, anchor: int, doc: _Document) -> tuple[Actor, str]:
    """A relative pronoun's antecedent: the nearest person ("who") or organisation
    ("which") named or speaking earlier in the same sentence; unknown when there is none."""
    types = RELATIVE_PRONOUNS[phrase.lower()]
    start = doc.sentences.start_of(anchor)
    antecedent = _nearest_of((doc.mentions, doc.earlier), types, start, anchor)
    if not antecedent:
        return UNKNOWN.copy(), f"relative pronoun '{phrase}' with no {types[0]} earlier in the sentence → unknown"
    found = antecedent.copy()
    found.gender = doc.gender(antecedent)
    return found, f"relative pronoun '{phrase}' → nearest {types[0]} earlier in the sentence: '{antecedent.name}'"


# --------------------------------------------------------------------------- summaries


def actor_table(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements per actor and per bloc: ``level`` (actor|bloc), ``name``, ``actor_type``,
    ``bloc``, ``n_statements``, ``share`` (of all statements)."""
    columns = ["level", "name", "actor_type", "bloc", "n_statements", "share"]
    if statements is None or len(statements) == 0:
        return pd.DataFrame(columns=columns)
    frame = statements.assign(speaker=statements["speaker"].fillna("").replace("", "(unresolved)"))
    actors = (frame.groupby(["speaker", "actor_type", "bloc"], dropna=False).size()
              .reset_index(name="n_statements").rename(columns={"speaker": "name"}))
    actors.insert(0, "level", "actor")
    blocs = frame.groupby("bloc", dropna=False).size().reset_index(name="n_statements")
    blocs = blocs.assign(level="bloc", name=blocs["bloc"], actor_type="")
    table = pd.concat([actors, blocs[columns[:-1]]], ignore_index=True)
    table["share"] = table["n_statements"] / len(frame)
    table = table.sort_values(["level", "n_statements", "name"], ascending=[True, False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def anonymous_share(statements: pd.DataFrame) -> float:
    """Share of statements whose actor is anonymous (anonymous_person or anonymous_group);
    NaN for no statements."""
    if statements is None or len(statements) == 0:
        return float("nan")
    return float(statements["actor_type"].isin(ANONYMOUS_TYPES).mean())
