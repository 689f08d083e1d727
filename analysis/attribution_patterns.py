"""Phrase grammar of attribution: reporting cues, quotations and the noun phrases of speakers.

Used by :mod:`analysis.statements`. Everything here works on plain strings with
character offsets; nothing is specific to one article.

- :func:`load_cues` turns the codebook's ``cues.csv`` into one compiled pattern.
- :func:`quote_regions` pairs quotation marks within paragraphs (and across paragraphs
  when a quotation is reopened at the start of the next one).
- :func:`subject_before` / :func:`speaker_after` find the speaker noun phrase that
  precedes or follows a cue; :func:`object_after` the addressee of "told".
- The sentence-level patterns at the end (non-responses, split quotations, quotative
  inversion, clause boundaries) are the rules :mod:`analysis.statements` applies.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.dates import WEEKDAY_NAMES

Span = tuple[int, int]

# How far (in characters) the phrase rules look around a cue; it keeps the work per cue
# constant, so that a document is processed in time linear in its length.
WINDOW = 300

OPENERS = "“«„"
# A dash after a closing quotation mark introduces its speaker ("“...” ― Jane Doe").
DASHES = ("―", "—")
CLOSERS = "”»"

AUX = {"has", "have", "had", "also", "will", "would", "could", "can", "may", "might", "should",
       "must", "does", "did", "do", "is", "are", "was", "were", "be", "been", "being", "then",
       "later", "again", "previously", "once", "often", "already", "still", "now", "just", "even",
       "earlier", "first", "too", "since", "long", "recently", "further", "separately", "similarly"}
NEGATORS = {"not", "never", "n’t", "n't", "no", "neither", "nor"}
PASSIVE_AUX = {"is", "are", "was", "were", "been", "being", "be"}
DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
               "those", "that", "such", "whose"}
QUANTIFIERS = {"one", "two", "three", "four", "five", "six", "several", "some", "many", "other",
               "another", "both", "all", "most", "few", "senior", "top", "former"}
PRONOUNS = {"he", "she", "they", "we", "i", "it", "you"}
PREPOSITIONS = {"during", "in", "on", "at", "for", "under", "with", "without", "despite", "by", "from",
                "among", "over", "like", "unlike", "after", "before", "to", "of", "about", "into"}
SUBORDINATORS = {"while", "although", "though", "as", "when", "if", "because", "since", "after",
                 "before", "once", "whereas", "unless", "until"}
# Words that cannot be inside a speaker noun phrase: walking back from the cue stops there.
NP_STOP = {"and", "but", "or", "that", "which", "who", "whom", "because", "while", "when", "if",
           "as", "than", "so", "where", "although", "though", "after", "before", "to", "not",
           "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "can",
           "may", "might", "should", "must", "did", "does", "do", "be", "been", "said", "says",
           "told", "also", "since", "there", "then", "about", "what", "how", "why", "whether",
           "by", "against", "into", "upon", "once", "until", "unless", "said:", "says:"}
# Allowed lowercase participles inside a speaker phrase ("an unnamed official").
NP_PARTICIPLES = {"unnamed", "retired", "elected", "informed", "united", "related", "based",
                  "appointed", "named", "concerned", "involved", "briefed", "speaking", "familiar"}
# Words that end a speaker phrase after an inverted cue ("said Smith on Friday").
AFTER_STOP = {"in", "on", "at", "during", "who", "which", "that", "when", "while", "adding",
              "told", "last", "this", "yesterday", "today", "tonight", "earlier", "later", "as",
              "after", "before", "via", "and", "but", "because", "to", "is", "was", "has", "had",
              "are", "were", "have", "will", "would", "could", "should", "can", "may", "might",
              "did", "does", "do", "not", "if", "so", "than", "cannot", "can’t", "can't", "won’t",
              "won't", "didn’t", "didn't", "doesn’t", "doesn't"}
WEEKDAYS = "(?:" + "|".join(name.capitalize() for name in WEEKDAY_NAMES) + ")"
# Adverbial material between a cue and its complement or the end of the sentence.
ADJUNCT_START = re.compile(
    r"\s*(?:(?:on|in|at|during|from|for|of|after|before|via|over|through|while|with|"
    r"(?:this|last|next)\s+(?:week|month|year|morning|afternoon|evening|night|weekend|spring|summer|fall|winter|time)|"
    r"earlier|later|late|early|recently|again|also|then|previously|privately|publicly|"
    r"repeatedly|yesterday|today|tonight|afterward|afterwards|overnight|already|"
    r"separately|herself|himself|themselves|itself|[a-z]{3,}ly)\b|" + WEEKDAYS + r"\b(?![’']))")
QUOTE_MARK = re.compile(r"''|``|[\"“”«»„]")
# Initials and titles that end in a period inside a name ("Ronald R. Fieldstone").
ABBREVIATION = re.compile(r"[A-Z]\.|(?:Mr|Mrs|Ms|Dr|Jr|Sr|Gov|Sen|Rep|St|Gen|Lt|Col|Sgt|Prof|Gen|Adm|Capt|U\.S)\.")
OBJECT_STOP = re.compile(r"\bthat\b|[,:;“\"]")
THAT = re.compile(r"\bthat\b")
SENTENCE_END = re.compile(r"[\s.!?;,]*$")
WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Cues:
    """Compiled reporting cues: ``pattern`` matches any cue; ``rows`` gives, per named
    group ``c{i}``, the codebook row (kind, stance, complement). ``scan`` is the same
    alternation without the named groups and with the prefixes of words of the same first
    letter factored out (:func:`_factored`), so it finds the same matches much faster."""

    pattern: re.Pattern
    rows: tuple[dict, ...]
    scan: re.Pattern

    def row(self, match: re.Match) -> dict:
        return self.rows[int(match.lastgroup[1:])]

    def finditer(self, text: str, start: int, end: int) -> Iterator[re.Match]:
        """The matches of ``pattern`` in ``text[start:end]`` (as ``pattern.finditer``), found
        with ``scan`` and matched again with ``pattern`` to name their row."""
        for hit in self.scan.finditer(text, start, end):
            yield self.pattern.match(text, hit.start(), end)


def load_cues(table: pd.DataFrame) -> Cues:
    """Compile the ``cue`` column of a cues table (one regex per row) into one pattern.
    Cues match case-sensitively on word boundaries, so "States" is never "states"."""
    rows = tuple(dict(row) for _, row in table.iterrows())
    pattern = _cue_pattern([f"(?P<c{i}>{row['cue']})" for i, row in enumerate(rows)])
    # Groups of a cue's own (a back-reference would count them) keep the named pattern for scanning.
    own_groups = any(re.compile(row["cue"]).groups for row in rows)
    return Cues(pattern, rows, pattern if own_groups else _cue_pattern(_scan_parts([row["cue"] for row in rows])))


def _cue_pattern(parts: list[str]) -> re.Pattern:
    return re.compile(r"(?<![\w’'-])(?:" + "|".join(parts) + r")(?![\w-])")


_LITERAL_WORDS = re.compile(r"[A-Za-z ]+(?:\|[A-Za-z ]+)*")


def _scan_parts(cues: list[str]) -> list[str]:
    """The alternatives of ``cues`` (regexes) in order, as one flat alternation: a cue that
    is a list of plain words ("said|says") gives its words, factored with the plain words
    around them up to the next other cue (:func:`_factored`); any other cue stays one
    alternative."""
    parts: list[str] = []
    words: list[str] = []
    for cue in cues:
        if _LITERAL_WORDS.fullmatch(cue):
            words.extend(cue.split("|"))
            continue
        parts += [_factored(words), f"(?:{cue})"] if words else [f"(?:{cue})"]
        words = []
    return parts + [_factored(words)] if words else parts


def _factored(words: list[str]) -> str:
    """The alternation of ``words`` (literal, tried in this order) with the words of the same
    first letter gathered and their shared prefix matched once ("said|told|says" ->
    "sa(?:id|ys)|told"): the same matches, but one test of a prefix per group of words
    instead of one per word. Words of different first letters never match at the same
    place, so their order does not matter; words of the same first letter keep theirs, and
    an empty word (it matches wherever any other does) keeps its place among all."""
    groups: list[list[str]] = []
    open_groups: dict[str, list[str]] = {}  # first letter -> its group since the last empty word
    for word in words:
        if not word:
            groups.append([word])
            open_groups = {}
        elif word[0] in open_groups:
            open_groups[word[0]].append(word)
        else:
            open_groups[word[0]] = [word]
            groups.append(open_groups[word[0]])
    parts = []
    for group in groups:
        prefix = os.path.commonprefix(group)
        rest = f"(?:{_factored([word[len(prefix):] for word in group])})" if len(group) > 1 else ""
        parts.append(re.escape(prefix) + rest)
    return "|".join(parts)


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    """Cues from the packaged codebook's ``cues.csv`` (validated on load)."""
    from analysis.codebook import DEFAULT_DIR, SCHEMAS, read_table

    return load_cues(read_table(DEFAULT_DIR / "cues.csv", SCHEMAS["cues.csv"]))


def _opens(text: str, i: int) -> bool:
    """A straight double quote at ``i`` opens when it follows a space, a bracket or starts the text."""
    return i == 0 or text[i - 1] in " \t\n([{—–-/:"


def quote_regions(text: str, paragraphs: list[Span]) -> list[Span]:
    """Spans of quotations, marks included. A quotation left open at the end of a
    paragraph continues when the next paragraph opens with a quotation mark (the wire
    convention for multi-paragraph quotes); otherwise it ends with its paragraph."""
    regions: list[Span] = []
    open_at: int | None = None
    reopening = -1  # the mark that reopens a continued quotation is neither open nor close
    for index, (start, end) in enumerate(paragraphs):
        for mark in QUOTE_MARK.finditer(text, start, end):
            i, ch = mark.start(), mark.group(0)
            if i == reopening:
                continue
            straight = ch in ('"', "''", "``")
            # a closing mark at a word start ("”Mr. Trump ...") is a typo for an opening one
            typo = ch in CLOSERS and open_at is None and (i == start or _opens(text, i) and text[i + 1:i + 2].isalnum())
            if open_at is None and (ch in OPENERS or typo or (straight and _opens(text, i))):
                open_at = i
            elif open_at is not None and (ch in CLOSERS or straight):
                regions.append((open_at, mark.end()))
                open_at = None
        if open_at is not None:
            following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else -1
            if following >= 0 and QUOTE_MARK.match(text, following) and text[following] not in CLOSERS:
                reopening = following
            else:
                regions.append((open_at, end))
                open_at = None
    return regions


def _tokens(text: str, start: int, end: int) -> list[Span]:
    return [m.span() for m in WORD.finditer(text, start, end)]


def bare(token: str) -> str:
    """A token lowercased, without surrounding punctuation and quotation marks."""
    return token.strip(",.;:()[]“”\"'‘’").lower()


@dataclass(frozen=True)
class Subject:
    """A speaker phrase before a cue: span (or None), whether a negation sits between
    it and the cue, whether it follows a subordinator ("While X said ..."), whether the
    cue is a passive participle, and whether the phrase is a possessor ("X's demand")."""

    span: Span | None
    negated: bool = False
    subordinate: bool = False
    passive: bool = False
    possessive: bool = False


def _ends_clause(token: str) -> bool:
    """A token ending in a comma, semicolon, colon or closing quotation mark ends the
    clause before a speaker phrase."""
    return token[-1:] in ",;:\"" or token[-1:] in CLOSERS or token.endswith("''")


def _is_np_word(token: str) -> bool:
    word = bare(token)
    if not word or word in NP_STOP or token[:1] in OPENERS + '"':
        return False
    if _ends_clause(token):
        return False
    if word.endswith("ed") and word not in NP_PARTICIPLES and token[:1].islower():
        return False
    return True


def subject_before(text: str, floor: int, cue_start: int, cue_word: str) -> Subject:
    """The speaker phrase ending just before ``cue_start`` (not before ``floor``)."""
    tokens = _tokens(text, max(floor, cue_start - WINDOW), cue_start)
    i = len(tokens) - 1
    negated = passive = False
    while i >= 0:
        raw = text[slice(*tokens[i])]
        word = bare(raw)
        if _ends_clause(raw):
            break
        if word in NEGATORS or word.endswith(("n’t", "n't")) or word in ("declined", "refused", "failed"):
            negated = True  # "did not explain", "declined to say"
        elif word == "to" or word in AUX or (
                word.endswith("ly") and raw[:1].islower() and word not in ("only", "family", "italy")):
            passive = passive or word in PASSIVE_AUX
        else:
            break
        i -= 1
    if i < 0:
        return Subject(None, negated, passive=passive)
    last = text[slice(*tokens[i])]
    possessive = False
    if re.search(r"[’']s$", last):
        # "Trump’s demand (that) ..." names the speaker; "He’s claiming" is a contraction
        possessive = not (bare(last)[:-2] in PRONOUNS or cue_word.endswith("ing"))
        tokens[i] = (tokens[i][0], tokens[i][1] - 2)
    if bare(last) in DETERMINERS:
        return Subject(None, negated, passive=passive)
    j = i
    while j >= 0 and i - j < 14:
        raw = text[slice(*tokens[j])]
        word = bare(raw)
        if word == "and" and j < i and raw == "and" and j > 0:
            prev = text[slice(*tokens[j - 1])]
            nxt = bare(text[slice(*tokens[j + 1])])
            if prev[:1].isupper() and prev[-1:] not in ",;" and nxt not in PRONOUNS:
                j -= 1
                continue
            break
        if not _is_np_word(raw):
            break
        j -= 1
    first = j + 1
    if first > i:
        return Subject(None, negated, passive=passive, possessive=possessive)
    subordinate = first > 0 and bare(text[slice(*tokens[first - 1])]) in SUBORDINATORS
    lead = bare(text[slice(*tokens[first])])
    while first <= i and lead in SUBORDINATORS | {"but", "and", "so", "yet", "then"}:
        subordinate = subordinate or lead in SUBORDINATORS
        first += 1
        lead = bare(text[slice(*tokens[first])]) if first <= i else ""
    if first > i:
        return Subject(None, negated, subordinate, passive, possessive)
    return Subject((tokens[first][0], tokens[i][1]), negated, subordinate, passive, possessive)


# Words that open a new clause, so a relative pronoun before them is not the cue's; "since",
# "after", "as" ... are left out because a relative clause takes them as prepositions.
CLAUSE_OPENERS = {"but", "or", "while", "although", "though", "because", "if", "when", "whereas", "unless"}


def relative_clause_before(text: str, floor: int, cue_start: int) -> tuple[Span, Span] | None:
    """A subject relative clause between a noun phrase and a cue ("The general who leads X
    said", "Officials that attended the talks said"): the span of its relative pronoun and
    that of the speaker, the noun phrase before it (the pronoun itself after a comma, as in
    "X, who leads Y said"), or None. The pronoun must follow a noun-phrase word (not a
    personal pronoun) and open a verb phrase; for "that" and "which" the word before is no
    verb form in -s and the verb phrase is an auxiliary or a verb form in -s/-ed plus at
    least one more word, so that "the plan that critics said" and "she argues that
    officials said" keep their clauses."""
    tokens = _tokens(text, max(floor, cue_start - 120), cue_start)
    if not tokens or bare(text[slice(*tokens[-1])]) in PREPOSITIONS | DETERMINERS:
        return None  # "who was under questioning": the cue is a noun
    for i in range(len(tokens) - 1, max(-1, len(tokens) - 13), -1):
        raw = text[slice(*tokens[i])]
        if _ends_clause(raw):
            return None
        word = bare(raw)
        if raw not in ("who", "that", "which"):
            if word in CLAUSE_OPENERS or raw[:1] in OPENERS + '"' or raw in ("--", *DASHES, "–"):
                return None
            continue
        if i == 0 or i == len(tokens) - 1:
            return None
        previous, verb = text[slice(*tokens[i - 1])], text[slice(*tokens[i + 1])]
        if not verb[:1].islower() or bare(verb) in DETERMINERS | PRONOUNS | QUANTIFIERS:
            return None  # "which he said", "who Smith called": an object relative
        verb_form = bare(verb) in AUX | PASSIVE_AUX or (
            re.fullmatch(r"[a-z]+(?:[^s]s|ed)", bare(verb)) is not None and i + 2 < len(tokens))
        if raw in ("who", "which") and previous.endswith(","):
            return (tokens[i], tokens[i]) if verb_form else None  # "..., which state media claimed"
        if not _is_np_word(previous) or bare(previous) in PRONOUNS | PREPOSITIONS:
            return None  # "much of which can be credited": the pronoun is an object
        if raw != "who" and (re.fullmatch(r"[a-z]+[^s]s", previous) or not verb_form):
            return None  # "She argues that officials ...": "that" after a verb opens its complement
        antecedent = subject_before(text, floor, tokens[i][0], "said").span
        if antecedent and bare(text[slice(*_tokens(text, *antecedent)[0])]) in PRONOUNS:
            return None  # "They believe that officials ..."
        return tokens[i], antecedent or tokens[i]
    return None


def subject_at(text: str, start: int, end: int) -> Span | None:
    """The noun phrase opening ``text[start:end]`` ("The European Union has set ... and
    says ..."): the subject of a cue in a coordinated verb phrase."""
    end = min(end, start + WINDOW)
    tokens = _tokens(text, start, end)
    if tokens and (bare(text[slice(*tokens[0])]) in SUBORDINATORS | PREPOSITIONS
                   or re.fullmatch(r"[A-Z][a-z]+(?:ed|ing)", text[slice(*tokens[0])])):
        comma = text.find(",", start, end)  # "During a speech, Trump ...", "Chastened, the party ..."
        tokens = _tokens(text, comma + 1, end) if comma >= 0 else []
    if tokens and text[slice(*tokens[0])].endswith(","):
        tokens = tokens[1:]  # "Meanwhile, it attacked ..."
    taken: list[Span] = []
    for index, (a, b) in enumerate(tokens):
        raw = text[a:b]
        if not _is_np_word(raw) or bare(raw) in AUX or (raw[:1].islower() and bare(raw) not in DETERMINERS | QUANTIFIERS
                                                         and not taken):
            break
        following = bare(text[slice(*tokens[index + 1])]) if index + 1 < len(tokens) else ""
        if (raw[:1].islower() and taken and bare(text[slice(*taken[-1])]) not in DETERMINERS | QUANTIFIERS
                and following in DETERMINERS | PREPOSITIONS | {"that"}):
            break  # "The senator began by ...": a verb after the noun phrase
        taken.append((a, b))
        if len(taken) >= 8:
            return None
    return (taken[0][0], taken[-1][1]) if taken else None


def apposition_before(text: str, floor: int, comma: int) -> Span | None:
    """For "Smith, a spokesman for X, said": the span "Smith, a spokesman for X" that
    ends at the comma at ``comma`` (the one just before the cue); the description
    alone when no name precedes it."""
    previous = text.rfind(",", max(floor, comma - WINDOW), comma)
    chunk_start = previous + 1 if previous >= 0 else floor
    chunk = text[chunk_start:comma]
    if not chunk.strip() or len(chunk.split()) > 25 or any(m in chunk for m in OPENERS + CLOSERS + '"'):
        return None
    head = subject_before(text, floor, previous, "said").span if previous >= 0 else None
    start = head[0] if head else chunk_start + len(chunk) - len(chunk.lstrip())
    return (start, comma)


def speaker_after(text: str, start: int, end: int) -> Span | None:
    """The speaker phrase right after an inverted cue ("..., said the official on Friday")."""
    tokens = _tokens(text, start, min(end, start + WINDOW))
    taken: list[Span] = []
    for a, b in tokens:
        raw = text[a:b]
        word = bare(raw)
        if not word or (word in AFTER_STOP and taken) or word in ("that", "who", "which") or raw[:1] in OPENERS + '"':
            break
        if taken and not _is_np_word(raw.rstrip(",.;:!?")):
            break
        if re.fullmatch(WEEKDAYS, word.capitalize()):
            break
        taken.append((a, b))
        if (raw[-1:] in ",.;:!?" and not ABBREVIATION.fullmatch(raw)) or raw[-1:] in CLOSERS or len(taken) >= 12:
            break
    if not taken:
        return None
    first, last = taken[0][0], taken[-1][1]
    while last > first and text[last - 1] in ",.;:!?":
        last -= 1
    if bare(text[first:last]) in PRONOUNS | DETERMINERS or not text[first:last].strip():
        return (first, last) if bare(text[first:last]) in PRONOUNS else None
    return (first, last)


def object_after(text: str, start: int, end: int) -> int:
    """End of the addressee after "told" ("told diplomats in Washington this week"):
    the offset where "that", a colon, a comma, a quotation or the sentence end begins."""
    stop = OBJECT_STOP.search(text, start, end)
    return stop.start() if stop else end


def adjunct_then_that(text: str, start: int, end: int, addressee: bool = False) -> int | None:
    """Offset of "that" when the text after a cue is adverbial material followed by
    "that" ("said on Friday that", "said during a rally in Michigan that"), or with
    ``addressee`` an addressee ("yelled to the officers that")."""
    gap = text[start:min(end, start + WINDOW)]
    match = THAT.search(gap)
    if not match:
        return None
    between = gap[:match.start()]
    if not between.strip():
        return start + match.start()
    if any(m in between for m in OPENERS + '",;:') or len(between.split()) > 12:
        return None
    adjunct = ADJUNCT_START.match(between) or (addressee and ADDRESSEE.match(between))
    return start + match.start() if adjunct else None


# "to reporters", "to the officers": whom a cue was addressed to, never "to build ...".
ADDRESSEE = re.compile(r"\s*to\s+(?:the|a|an|his|her|their|its|our|reporters|journalists|him|them|us|me|[A-Z])\b")


def only_adjuncts(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` holds nothing but adverbials and final punctuation
    (the cue closes its sentence: "..., Landau wrote on X.")."""
    if end - start > WINDOW:
        return False
    gap = text[start:end]
    if SENTENCE_END.fullmatch(gap):
        return True
    if THAT.search(gap) or any(m in gap for m in OPENERS + '":'):
        return False
    return bool(ADJUNCT_START.match(gap)) and len(gap.split()) <= 12


# --- sentence-level patterns used by analysis.statements ---------------------------

TELL = re.compile(r"told|tells|tell|telling")
NON_RESPONSE = re.compile(
    r",?\s+(?:but|and)\s+(?:\w+\s+)?(?:did not|didn[’']t|declined|would not|wouldn[’']t|refused|"
    r"could not|couldn[’']t|has not|hasn[’']t|have not|had not|gave no|offered no)\b")
# ", but it's not clear ..." / ", but he refused ...": the writer or the speaker's
# own later act takes over; such clauses are rarely part of what was said.
BUT_NEW_CLAUSE = re.compile(r",\s+but\s+(?:it|it[’']s|there|he|she|they)\b")
COORDINATED_VP = re.compile(r"\s+and\s+(?:has|have|had|is|are|was|were|will|would)\b")
# A clause shorter than this before a comma-enclosed attribution is the first half of
# the statement, not all of it ("The museum, he said, would make visitors ...").
PARENTHETICAL_WORDS = 6
# A transcript turn: a paragraph opening with a speaker's name in capitals and a colon.
TURN = re.compile(r"[\"“]?(?P<name>[A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){0,3}):\s+(?=\S)")
# A headline opening with a name of one to three capitalised words and a colon ("Ostrova: Talks
# will resume in May"); it is the speaker only when the body quotes it too (not "Analysis:").
HEADLINE_TURN = re.compile(r"(?P<name>[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}):\s+(?=\S)")
# "..., as officials have said": the clause before the comma is what they said.
AS_BEFORE = re.compile(r",\s+as\s+$")
TITLE_BEFORE = re.compile(r"\b(?:on|in|at|to|with|of)\s+$")
# What may follow an inverted speaker after a comma: a relative clause, an apposition,
# a participle or an adverbial ("..., said Smith, who ...", "..., said Smith, the minister").
AFTER_INVERTED = re.compile(r",\s*(?:who|which|whose|a|an|the|his|her|their|its|adding|saying|citing|according|"
                            r"in|on|at|during|when|as|after|before|speaking|referring|[A-Z0-9])\b")
INCOMPLETE_OPENERS = SUBORDINATORS | PREPOSITIONS | {"instead"}
# After "“A,” he said": adverbials up to a comma, then the quotation that resumes.
SPLIT_QUOTE = re.compile(r",(?:[^,“\"]{0,80},)?\s*(?:but\s+|and\s+)?(?:[“\"]|'')")
# Content cannot open with a negation or a finite verb: the cue was inside a relative
# clause or a noun phrase ("everything Trump says is ...", "asked not to be named").
NOT_CONTENT = re.compile(r"(?:not|is|are|was|were|has|have|had|will|would|can|could|should)\b|"
                         r"nothing\b(?!\s+(?:would|will|could|can|has|had|was|is|should|must)\b)")
# A cue in a verb phrase coordinated with an earlier one ("and has called", "but also contended").
COORDINATED_BEFORE = re.compile(r"\b(?:and|but)(?:\s+(?:has|have|had|also|then|later|will|would|is|are|was|were))*$")
# A comma, then only adverbs or auxiliaries up to a cue ("X, the chief, forcefully told").
ADVERBS_AFTER_COMMA = re.compile(r",(?:\s+(?:[a-z]+ly|has|have|had|also|then|later|again|will|would))*$")
# A relative pronoun, then an adverbial, before a cue ("who in 2010 said", "which on Friday said").
RELATIVE_THEN_ADJUNCT = re.compile(r"\b(who|which)\s+(?:(?:in|on|at|during|last|this|earlier|later)\s+[\w’'-]+"
                                   r"(?:\s+[\w’'-]+)?|[a-z]+ly|also|then|later|once)\s+$")
# A verb that lends its subject to an infinitive cue after it ("continues to insist", "appeared to
# suggest", "went on to say"); group 1 stands for the cue when its subject is looked for.
RAISING_TO = re.compile(r"\b(continu(?:e|es|ed|ing)|appear(?:s|ed|ing)?|seem(?:s|ed|ing)?|"
                        r"(?:go|goes|went|going)\s+on|proceed(?:s|ed|ing)?)\s+to\s+$")
# Prepositions before a gerund cue whose subject is the sentence's ("began by saying").
GERUND_AFTER = {"by", "before", "after", "while", "when", "in"}
SAME_SUBJECT = re.compile(r"[\w”\"’.,]\s+(?:and|but)\s+(?:\w+ly\s+|also\s+|then\s+)?$")
SAME_SUBJECT_CUT = re.compile(r",?\s*(?:(?:and|but)\s+(?:\w+ly\s+|also\s+|then\s+)?|)$")
# Verbs that allow quotative inversion ("..., said Smith"); "..., called Smith" is not one.
INVERTIBLE = re.compile(
    r"said|says|added|adds|asked|asks|wrote|writes|explained|explains|noted|notes|continued|continues|"
    r"told|tells|recalled|recalls|argued|argues|insisted|insists|replied|replies|responded|warned|warns|"
    r"declared|conceded|cautioned|quipped|joked|tweeted|stated|observed|acknowledged|admitted|remarked|"
    r"predicted|suggested|reported|announced|confirmed|commented|complained|demanded|reads|read|according to|―|—")
GAP_MARK = re.compile(r"[,;:“\"]")
TO_INFINITIVE = re.compile(r"\s\bto\s+[a-z]")
NOT_BARE_CONTENT = re.compile(r"(?:about|of|with|by|in|to)\b")
PREPOSITION_START = re.compile(r"(?:of|for|with|in|on|at|to|from|by|into|about)\b")
NOT_CONTINUING = {"which", "who", "whose", "where", "when", "as", "while", "after", "before", "according",
                  "and", "but", "though", "although", "because", "since", "if", "so"}
RELATIVE_BEFORE = re.compile(r"\b(?:which|that|who|what)\s+$")
CLAUSE_BOUNDARY = re.compile(r"(?:,\s*(?:and|but)|;)\s*$")
