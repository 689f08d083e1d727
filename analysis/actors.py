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

Rules, first that applies wins:

1. implicit speaker: the speaker of an earlier statement in the same sentence;
2. pronoun: he/she -> nearest earlier person of a compatible gender (known from "Mr."/"Ms."
   or an earlier he/she), they -> group or organisation, it -> organisation; candidates are
   earlier speakers and named persons (codebook aliases, capitalised names), searched
   earlier in the same sentence, then in the same or previous paragraph (names only when
   a title introduces them or they open a sentence), then among all earlier speakers,
   then among any names in the same or previous paragraph;
3. journalists named in the byline or credits are never actors;
4. codebook alias covering the head of the phrase, longest match wins ("a Pentagon
   spokesman" is not the Pentagon);
5. bare definite description ("the official", "the senator") -> nearest earlier speaker,
   else named actor, with that head noun or title;
6. surname alone ("Landau", "Mr. Landau") -> the nearest earlier speaker, else named
   person, whose name ends with it;
7. otherwise a name derived from the phrase, typed by grammatical cues (a capitalised name
   after any titles -> person; organisation head noun or acronym -> organization; person
   head noun, singular -> anonymous_person, plural or coordinated -> anonymous_group) and
   placed in a bloc by its first nationality word, else by an earlier person it names
   ("the Trump campaign").

The head-noun and title lexicons below type phrases by their grammar; they list no
speakers. :func:`actor_table` and :func:`anonymous_share` summarise a resolved frame.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.codebook import DEFAULT_DIR, SCHEMAS, Codebook, check_reference, check_unique, read_table, split_terms
from analysis.dates import WEEKDAY_NAMES

RESOLVED_COLUMNS = ("speaker", "actor_type", "bloc", "speaker_evidence")
ANONYMOUS_TYPES = ("anonymous_person", "anonymous_group")

PERSON_NOUNS = frozenset(
    """official source diplomat spokesperson spokesman spokeswoman analyst expert person aide
    lawmaker legislator senator congressman congresswoman minister envoy adviser advisor observer
    representative negotiator leader commander officer member critic resident participant
    insider ambassador executive economist researcher scholar strategist activist witness
    employee worker veteran voter supporter opponent staffer delegate counterpart colleague
    ally partner lawyer attorney prosecutor investigator mayor governor president candidate nominee
    chairman chairwoman director secretary judge manager founder host author writer reporter
    journalist editor pollster historian professor doctor teacher student citizen protester
    protestor demonstrator user owner investor banker trader boss friend neighbor relative
    mother father wife husband son daughter democrat republican conservative liberal progressive
    commissioner chief narrator commentator blogger columnist anchor pundit consultant operative
    organizer donor fellow surrogate""".split()
)
# Nouns that are plural without -s, mapped to their singular head.
IRREGULAR_PLURALS = {"people": "person", "spokesmen": "spokesman", "spokeswomen": "spokeswoman",
                     "staff": "staff", "police": "police", "personnel": "personnel"}
GROUP_NOUNS = frozenset("staff police personnel team delegation panel crowd".split())
ORGANIZATION_NOUNS = frozenset(
    """ministry government administration commission company department office agency embassy
    parliament council union alliance party committee court bank organisation organization
    kremlin pentagon cabinet army military navy firm corporation institute congress senate
    secretariat presidency mission command headquarters board campaign network newspaper
    magazine journal station broadcaster university school hospital foundation group service
    bureau association federation coalition authority regulator watchdog center centre fund
    institution academy college club laboratory times post tribune herald guardian telegraph
    gazette""".split()
)
_PERSON_OR_GROUP = PERSON_NOUNS | GROUP_NOUNS
_HEAD_NOUNS = _PERSON_OR_GROUP | ORGANIZATION_NOUNS
# Last words of capitalised runs that name places, events or documents, not persons.
NOT_PERSON_HEADS = frozenset(
    """ocean sea river lake mountain mountains island islands street avenue square war act bill
    treaty accord agreement day week summit conference forum games cup news""".split()
)
# First words of place names ("North Korea", "New York").
PLACE_OPENERS = frozenset("north south east west new united san santa los las saint st. fort mount".split())
# Words before a name that give a role, not part of the name.
TITLE_WORDS = frozenset(
    """president vice deputy secretary minister prime foreign defense defence state general
    chancellor senator sen sens rep reps gov governor ambassador spokesman spokeswoman
    spokesperson chief commander admiral adm gen lt col colonel sgt dr mr mrs ms miss messrs
    prof former acting assistant under undersecretary envoy special adviser advisor leader
    majority minority speaker house national security director head chair chairman
    chairwoman premier pope mayor judge justice attorney rev treasury interior home finance
    economy trade energy commissioner lawyer economist moderator of for the to and""".split()
)
# Abbreviated titles spelt out, so that "the senator" can refer back to "Sen. X".
TITLE_ABBREVIATIONS = {"sen": "senator", "sens": "senator", "rep": "representative", "reps": "representative",
                       "gov": "governor", "gen": "general", "adm": "admiral", "col": "colonel",
                       "prof": "professor", "dr": "doctor"}
GENDER_TITLES = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female"}
DETERMINERS = frozenset(
    """a an the one two three four five six seven eight nine ten eleven twelve several some
    many few multiple numerous various other another all both most dozens this that these
    those more""".split()
)
WEEKDAYS = frozenset(WEEKDAY_NAMES)
# Capitalised words that open a sentence before a name ("On Monday Ruth Ellison ...").
NOT_NAMES = WEEKDAYS | frozenset(
    """on in at by but and the a an when after before while as if since last this that then also so
    even only just still yet neither either both not no every each all many most some such though
    although because whether where what how why who asked meanwhile however january february
    march april may june july august september october november december""".split()
)
PRONOUNS = {"he": ("person", "male"), "she": ("person", "female"), "they": ("group", ""), "it": ("organization", "")}
FIRST_PERSON = re.compile(r"(?:i|we|me|us)(?:['’](?:ve|m|re|d|ll))?", re.IGNORECASE)

_WORD = re.compile(r"[A-Za-z][\w.'’-]*")
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'’.-]*)(?:\s+(?:of\s+)?(?:[A-Z][\w'’.-]*))+")
# A capitalised run ending in an organisation word, or followed by one ("the Security
# Council", "the Clinton campaign").
# It opens with a capital either way: the lookahead lets the scan skip to capitals.
_ORGANIZATION_RUN = re.compile(r"(?=[A-Z])(?:The\s+)?([A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’.-]*)*)"
                               r"(?:\s+([a-z]+))?")
_OWNED_ORGANIZATION = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)['’]s\s+([a-z]+)")
_NAME_RUN = re.compile(r"(?:[A-Z][\w'’.-]*)(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*\s*$")
_HONORIFIC_NAME = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+([A-Z][\w'’-]*?)(?:['’]s)?$")
# A one-word name counts as a person after an honorific or a personal title ("President Obama").
_INTRODUCERS = (r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Sens|Rep|Gov|Gen|Adm|Col|Prof|President|Senator|Governor|"
                r"Minister|Secretary|Chancellor|Ambassador|Mayor|Judge|Justice|General|Admiral|Pope)\.?\s+")
_INTRODUCER_AT_END = re.compile(_INTRODUCERS + r"\Z")
_LEADING_DETERMINERS = re.compile(r"(?:(?:" + "|".join(map(re.escape, sorted(DETERMINERS))) + r"|of|\d+)\s+)*",
                                  re.IGNORECASE)
# The names coordinated before the last one ("Merkel and Macron").
_COORDINATED_NAMES_BEFORE = re.compile(r"[A-Z][\w.'’-]*\s+(?:and|&|nor)\s+(?:[A-Z][\w.]*\s+)*\Z")
_NOT_VERBS = frozenset("of and or nor to in on at for with from by as than that who which whose".split())
_MODIFIERS = "a an the his her their its our my your".split()
_MODIFIER_BEFORE = re.compile(r"\b(?:" + "|".join(_MODIFIERS) + r")\s+$", re.IGNORECASE)
_PREPOSITIONS = """of for in at from to with by about against on near under over after before between among like
    than into toward towards without behind via per including""".split()
_PREPOSITION_BEFORE = re.compile(r"\b(?:" + "|".join(_PREPOSITIONS) + r")\s+$")
# The longest word of _MODIFIER_BEFORE and _PREPOSITION_BEFORE and the character before
# it, which tells whether the word starts at a word boundary (see _salient).
_WORD_BEFORE_WINDOW = 1 + max(map(len, _MODIFIERS + _PREPOSITIONS))
_TIME = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
         r"July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
         r"today|yesterday|tonight|\d|(?:week|month|year|morning|afternoon|evening|night|weekend)\b)")
# Where the noun phrase of a speaker ends: apposition, relative clause, -ing participle,
# parenthesis, dash, social-media handle, -ly adverb ("Reid frequently"), or a time
# adverbial ("Sanders on Tuesday", "Trump this week").
_CUT = re.compile(r",|\s[-–—―]+\s|\s(?:who|whom|which|that|whose)\s|\s[a-z]+ing\b|\s\(|\s@\w|"
                  r"\s(?!(?:ally|family|rally|assembly|supply|daily|weekly|monthly)\b)[a-z]+ly\b|"
                  r"\s(?:on|in|at|last|this|next|earlier|late|early)\s+(?:the\s+)?" + _TIME)
# Where the head noun of a description ends ("sources familiar with the discussion").
_POSTMODIFIER = re.compile(
    r"\s(?:familiar|close|with|from|in|at|on|of|to|for|briefed|involved|based|speaking|near)\b", re.IGNORECASE)
_DEMONYM = re.compile(r"[a-z](?:ian|ean|can)s$")  # "Mexicans", "Koreans": a people, not a name
_POSSESSIVE = re.compile(r"['’]s?$")
# A capitalised word ("\b[A-Z][\w'’-]+\b"), the capital first so that the scan skips to capitals.
_CAPITALISED_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’-]+\b")
_CAPITALISED_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*)\s+$")
_POSSESSOR_AFTER = re.compile(r"['’]s\b")
_WORD_AFTER = re.compile(r"\s+([a-z]+)")


@dataclass
class Actor:
    """A resolved speaker or a named mention: canonical name, type, bloc, the heads and
    titles that descriptions refer back by, where it stands, and what gender is known."""

    name: str
    actor_type: str
    bloc: str
    heads: frozenset[str] = field(default_factory=frozenset)
    position: int = -1
    salient: bool = True
    gender: str = ""

    def copy(self) -> Actor:
        return Actor(self.name, self.actor_type, self.bloc, self.heads, gender=self.gender)


UNKNOWN = Actor("", "unknown", "unknown")

# --------------------------------------------------------------------------- codebook


_BOUNDARY_BEFORE, _BOUNDARY_AFTER = r"(?<![\w.])", r"(?![\w])"


def _boundary(term: str, flags: int = 0) -> re.Pattern:
    return re.compile(_BOUNDARY_BEFORE + re.escape(term) + _BOUNDARY_AFTER, flags)


@dataclass(frozen=True)
class _Scan:
    """One pattern finding where any of the terms matches: group k holds the term found
    there, which stands for ``candidates[k]``, the terms that can match at that position."""

    pattern: re.Pattern
    candidates: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class _Terms:
    """Literal terms matched on word boundaries (:func:`_boundary`), all found in one scan
    of a text instead of one scan per term. Ignore-case terms are also scanned for in the
    lower-cased text (``lowered``, without the slower ignore-case matching) when that finds
    the same positions (:func:`_lowers_exactly`)."""

    patterns: tuple[re.Pattern, ...]  # one per term
    scan: _Scan | None
    lowered: _Scan | None = None

    def finditer(self, text: str) -> list[tuple[int, list[re.Match]]]:
        """The terms found in ``text``, by index in term order, each with its matches exactly
        as its ``pattern.finditer(text)`` gives them: non-overlapping, left to right."""
        scan, scanned = self.scan, text
        if self.lowered is not None and _lowers_exactly(text):
            scan, scanned = self.lowered, text.lower()
        positions: dict[int, list[int]] = {}
        for hit in scan.pattern.finditer(scanned) if scan is not None else ():
            for index in scan.candidates[hit.lastindex - 1]:
                positions.setdefault(index, []).append(hit.start())
        found = []
        for index in sorted(positions):
            matches: list[re.Match] = []
            for start in positions[index]:
                match = self.patterns[index].match(text, start) if not matches or start >= matches[-1].end() else None
                if match:
                    matches.append(match)
            if matches:
                found.append((index, matches))
        return found


def _lowers_exactly(text: str) -> bool:
    """Whether ``text.lower()`` has the same length as ``text`` and lower-cases only ASCII
    letters: every other character has no case (digits, punctuation, curly quotes). Then an
    ignore-case match of ASCII terms in ``text`` is a match of the lower-cased terms in
    ``text.lower()`` at the same offsets, and no character folds to a letter it does not
    lower-case to (the Kelvin sign, the long s)."""
    return text.isascii() or all(c.lower() == c == c.upper() for c in set(text) if not c.isascii())


def _scan(terms: list[str], flags: int, lower: bool = False) -> _Scan:
    """The trie of ``terms`` (lower-cased and matched case-sensitively, for lower-cased
    text, if ``lower``) as one pattern, a prefix shared by several terms matched once, with
    an empty group where each term ends."""
    prefixes = [re.compile(re.escape(term), flags) for term in terms]
    trie: dict[str, dict | int] = {}
    for index, term in enumerate(term.lower() for term in terms) if lower else enumerate(terms):
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node.setdefault("", index)  # "" marks where a term ends (the first term so spelt)
    order: list[int] = []  # group k of the pattern ends term order[k]

    def alternation(node: dict) -> str:
        branches = []
        for char, child in node.items():
            if char:
                branches.append(re.escape(char) + alternation(child))
            else:
                order.append(child)
                branches.append("()" + _BOUNDARY_AFTER)
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    pattern = re.compile(_BOUNDARY_BEFORE + f"(?={alternation(trie)})", flags & ~re.IGNORECASE if lower else flags)
    candidates = tuple(tuple(i for i in range(len(terms)) if prefixes[i].match(terms[k]) or prefixes[k].match(terms[i]))
                       for k in order)
    return _Scan(pattern, candidates)


def _terms(terms: list[str], flags: int = 0) -> _Terms:
    """The scanner of ``terms``: a term found at a position stands for every term that is a
    prefix of it or has it as a prefix (the candidates, each checked with its own pattern),
    since only those can match at the same position. Ignore-case ASCII terms get the scan of
    lower-cased text too."""
    if not terms:
        return _Terms((), None)
    lowered = None
    if flags & re.IGNORECASE and _lowers_exactly("".join(terms)):
        lowered = _scan(terms, flags, lower=True)
    return _Terms(tuple(_boundary(term, flags) for term in terms), _scan(terms, flags), lowered)


@dataclass(frozen=True)
class _Lexicon:
    aliases: list[tuple[str, dict]]  # (alias, actor row), longest first
    nationality: list[tuple[str, str]]  # (term, bloc)
    nationality_terms: frozenset[str]  # lower-cased
    names: frozenset[str] = frozenset()  # canonical names of codebook actors
    alias_scan: _Terms = _terms([])
    nationality_scan: _Terms = _terms([])


def actor_codebook(folder: Path | str = DEFAULT_DIR) -> Codebook:
    """A codebook holding only the validated ``blocs.csv`` and ``actors.csv`` of ``folder``
    (other tables empty), so that speaker resolution does not depend on the stance files."""
    folder = Path(folder)
    blocs = read_table(folder / "blocs.csv", SCHEMAS["blocs.csv"])
    actors = read_table(folder / "actors.csv", SCHEMAS["actors.csv"])
    check_unique(folder / "actors.csv", actors, "actor_id")
    check_reference(folder / "actors.csv", actors, "bloc", set(blocs["bloc"]) | {"unknown"}, "bloc")
    empty = pd.DataFrame()
    return Codebook(folder, blocs, actors, empty, empty, empty)


def _lexicon(codebook: Codebook) -> _Lexicon:
    aliases = [(alias, row)
               for row in codebook.actors.to_dict("records")
               for alias in sorted({row["name"], *split_terms(row.get("aliases", ""))})]
    aliases.sort(key=lambda item: -len(item[0]))
    terms = [(term, bloc) for bloc, cell in zip(codebook.blocs["bloc"], codebook.blocs["nationality_terms"])
             for term in split_terms(cell)]
    return _Lexicon(aliases, terms, frozenset(t.lower() for t, _ in terms),
                    frozenset(codebook.actors["name"]), _terms([alias for alias, _ in aliases], re.IGNORECASE),
                    _terms([t for t, _ in terms]))


@lru_cache(maxsize=1)
def _default_lexicon() -> _Lexicon:
    """The lexicon of the packaged codebook, built once per process (a load error is not
    cached, so it is reported again on the next call)."""
    return _lexicon(actor_codebook())


def _alias_match(phrase: str, lexicon: _Lexicon, head: tuple[int, int]) -> tuple[str, dict] | None:
    """The longest codebook alias in ``phrase`` that covers the head of the phrase
    (``head``, a span), so that "a Pentagon spokesman" is not the Pentagon itself."""
    best = None
    for index, matches in lexicon.alias_scan.finditer(phrase):
        row = lexicon.aliases[index][1]
        for match in matches:
            covers = match.start() <= head[0] and match.end() >= head[1]
            if covers and (best is None or len(match.group()) > len(best[0])):
                best = (match.group(), row)
    return best


def _nationality(phrase: str, lexicon: _Lexicon) -> tuple[str, str] | None:
    """The first nationality word in ``phrase`` and its bloc, or None."""
    hits = [(m.start(), *lexicon.nationality[index]) for index, matches in lexicon.nationality_scan.finditer(phrase)
            for m in matches]
    if not hits:
        return None
    _, term, bloc = min(hits, key=lambda hit: (hit[0], -len(hit[1])))
    return term, bloc


# --------------------------------------------------------------------------- phrase grammar


def _core(phrase: str) -> str:
    """The noun phrase without its postmodifiers ("a NATO official speaking for the
    alliance" -> "a NATO official")."""
    match = _CUT.search(phrase)
    return phrase[:match.start()].strip() if match and match.start() > 0 else phrase.strip()


@lru_cache(maxsize=4096)
def _singular(word: str) -> str:
    word = _POSSESSIVE.sub("", word.lower()) if word.lower().endswith(("'s", "’s")) else word.lower()
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and word[:-1] in _HEAD_NOUNS:
        return word[:-1]
    return word


def _is_plural(word: str) -> bool:
    lower = word.lower()
    return lower in IRREGULAR_PLURALS or (lower.endswith("s") and _singular(lower) != lower)


def _strip_determiners(phrase: str) -> str:
    words = phrase.split()
    while words and (words[0].lower() in DETERMINERS or words[0].isdigit() or words[0].lower() == "of"):
        words.pop(0)
    return " ".join(words)


def _titles(phrase: str) -> frozenset[str]:
    """The role words of ``phrase``, abbreviations spelt out ("Sen." -> "senator")."""
    words = {w.lower().rstrip(".") for w in phrase.split()}
    return frozenset(TITLE_ABBREVIATIONS.get(w, w) for w in words & TITLE_WORDS) - {"of", "for", "the", "to", "and"}


def _introduced(run: str, name: str) -> bool:
    """Whether ``name`` follows an honorific or personal title right before it in ``run``."""
    return any(run.endswith(tail) and _INTRODUCER_AT_END.search(run, 0, len(run) - len(tail))
               for tail in (name, name + "'s", name + "’s"))


def _gender(phrase: str) -> str:
    return next((GENDER_TITLES[w] for w in (w.lower().rstrip(".") for w in phrase.split()) if w in GENDER_TITLES), "")


def _is_role(word: str, lexicon: _Lexicon) -> bool:
    """A title, nationality word, acronym or possessor ("NBC's") before a name."""
    lower = word.lower()
    return (lower.rstrip(".") in TITLE_WORDS or lower in lexicon.nationality_terms or lower.endswith(("'s", "’s"))
            or (word.isupper() and len(word.rstrip(".")) > 1))


def _person_name(core: str, lexicon: _Lexicon) -> str | None:
    """A named person at the end of ``core``: the trailing run of capitalised words after
    its titles and nationality words ("U.S. Deputy Secretary of State Christopher Landau"
    -> "Christopher Landau"); None when the run ends in a common noun or a place, or is
    the object of a preposition ("a spokeswoman for Hillary Clinton")."""
    honorific = _HONORIFIC_NAME.search(core)
    if honorific:
        return honorific.group(1)
    run = _NAME_RUN.search(core)
    if not run or _PREPOSITION_BEFORE.search(core[:run.start()]):
        return None
    words = run.group().split()
    roles = [i for i, word in enumerate(words) if _is_role(word, lexicon)]
    words = words[roles[-1] + 1:] if roles else words
    while words and words[0].lower() in NOT_NAMES:
        words.pop(0)
    if (not words or words[0].lower() in PLACE_OPENERS or any(w.lower() in WEEKDAYS for w in words)
            or (len(words) == 1 and _DEMONYM.search(words[0]))):
        return None
    last = words[-1].lower()
    if (any(_singular(w) in ORGANIZATION_NOUNS for w in words) or last in NOT_PERSON_HEADS
            or _singular(last) in _PERSON_OR_GROUP or last in lexicon.nationality_terms):
        return None
    if words[-1].endswith(".") and len(words[-1]) > 3 and words[-1].lower() not in ("jr.", "sr."):
        words[-1] = words[-1].rstrip(".")  # a sentence's full stop, not an abbreviation
    return " ".join(words)


@lru_cache(maxsize=4096)
def _surname(name: str) -> str:
    """The last word of a person's name, generational suffixes aside ("Biden Jr." -> "Biden")."""
    words = [w for w in name.split() if w.rstrip(".,").lower() not in ("jr", "sr", "ii", "iii", "iv")]
    return words[-1] if words else name


def _head(phrase: str, lexicon: _Lexicon) -> tuple[tuple[int, int], str | None]:
    """The span of the head of ``phrase`` and the person's name when the head is one: the
    name at the end of the core phrase, else the last word before a postmodifier
    ("five sources familiar with the discussion" -> "sources")."""
    core = _core(phrase)
    offset = phrase.find(core)
    name = _person_name(core, lexicon)
    if name:
        at = offset + core.rfind(name)
        return (at, at + len(name)), name
    skip = _LEADING_DETERMINERS.match(core).end()
    cut = _POSTMODIFIER.search(core, skip)
    words = list(_WORD.finditer(core[:cut.start()] if cut else core))
    if not words:
        return (offset, offset + len(core)), None
    return (offset + words[-1].start(), offset + words[-1].end()), None


def _lower_common(name: str) -> str:
    """Lower-case a sentence-initial capital on a common noun ("Officials and analysts" ->
    "officials and analysts") so that one actor is not split by its position."""
    first, _, rest = name.partition(" ")
    if first[:1].isupper() and not first[1:2].isupper() and _singular(first) in _PERSON_OR_GROUP:
        first = first.lower()
    return f"{first} {rest}".strip()


def describe(phrase: str, lexicon: _Lexicon,
             head: tuple[tuple[int, int], str | None] | None = None) -> tuple[Actor, str]:
    """A speaker phrase typed and placed by its grammar alone: the actor and the evidence
    (``head`` is ``_head(phrase, lexicon)`` when the caller has it already)."""
    core = _core(phrase)
    words = _WORD.findall(core)
    if not words:
        return UNKNOWN.copy(), f"no words in speaker phrase '{phrase}'"
    (head_start, head_end), name = head or _head(phrase, lexicon)
    head = phrase[head_start:head_end] or words[-1]
    head_single = _singular(head)
    bloc_hit = _nationality(core, lexicon) or _nationality(phrase, lexicon)
    bloc = bloc_hit[1] if bloc_hit else "unknown"
    bloc_note = f"; nationality word '{bloc_hit[0]}' → bloc {bloc}" if bloc_hit else "; no nationality word → bloc unknown"
    canonical = _lower_common(_strip_determiners(core)) or core
    apposition = phrase.rsplit(",", 1)[-1].strip() if "," in phrase else ""
    appositive_name = _person_name(apposition, lexicon) if _NAME_RUN.fullmatch(apposition) else None
    if appositive_name and not name and head_single in PERSON_NOUNS:
        return (Actor(appositive_name, "person", bloc, _titles(phrase) | {head_single}, gender=_gender(apposition)),
                f"apposition names the '{head}': '{appositive_name}' → person{bloc_note}")
    if name and core.endswith(name) and _COORDINATED_NAMES_BEFORE.search(core, 0, len(core) - len(name)):
        return Actor(canonical, "unknown", bloc), f"coordinated names in '{core}' → several persons, type unknown{bloc_note}"
    if name:
        return (Actor(name, "person", bloc, _titles(core), gender=_gender(core)),
                f"capitalised name '{name}' at the head of '{core}' → person{bloc_note}")
    lower = head.lower()
    if head[:1].isupper() and lower.endswith("s") and (lower in lexicon.nationality_terms
                                                     or lower[:-1] in lexicon.nationality_terms
                                                     or (len(words) == 1 and _DEMONYM.search(head))):
        return Actor(canonical, "anonymous_group", bloc), f"plural nationality noun '{head}' → anonymous_group{bloc_note}"
    if head_single in ORGANIZATION_NOUNS or (head.isupper() and len(head.rstrip(".")) > 1):
        return (Actor(canonical, "organization", bloc, frozenset({head_single})),
                f"organisation head '{head}' → organization{bloc_note}")
    if len(words) == 1 and bloc_hit and head[:1].isupper():
        return (Actor(canonical, "organization", bloc, frozenset({head_single})),
                f"place or institution '{head}' standing for its government → organization{bloc_note}")
    heads = frozenset(_singular(w) for w in words if _singular(w) in _PERSON_OR_GROUP)
    if head_single in _PERSON_OR_GROUP:
        coordinated = re.search(r"\s(?:and|&|nor)\s", core) is not None
        group = coordinated or _is_plural(head) or head_single in GROUP_NOUNS
        kind = "anonymous_group" if group else "anonymous_person"
        reason = "coordinated heads with" if coordinated else ("plural" if group else "singular")
        return Actor(canonical, kind, bloc, heads), f"{reason} head noun '{head}' without a name → {kind}{bloc_note}"
    return Actor(canonical, "unknown", bloc, heads), f"no name or known head noun in '{core}' → unknown{bloc_note}"


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
    try:
        from analysis.ingest import split_sentences
        return [span for start, end in paragraphs
                for span in known.get((start, end)) or split_sentences(text, start, end)]
    except Exception:  # without the splitter, paragraphs stand in for sentences
        return paragraphs


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
    try:
        from analysis.ingest import segment
        blocks = [(b.label, b.start, b.end) for b in (segment(text) if segmented is None else segmented)]
    except Exception:  # a broken segmenter must not stop speaker resolution
        blocks = [("body", 0, len(text))]
    journalists = {m.group() for label, start, end in blocks if label in ("byline", "credits")
                   for m in _CAPITALISED_RUN.finditer(text, start, end)
                   if not re.match(r"(?:By|Reporting|Editing|Additional|Writing)\b", m.group())}
    return journalists, _Spans.of([(start, end) for label, start, end in blocks if label == "body"])


@dataclass
class _Document:
    """What resolution knows about the text: spans, journalists, named mentions, and the
    speakers resolved so far with the genders learnt."""

    lexicon: _Lexicon
    paragraphs: _Spans
    sentences: _Spans
    journalists: set[str]
    body: _Spans
    mentions: list[Actor] = field(default_factory=list)
    earlier: list[Actor] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)

    def gender(self, actor: Actor) -> str:
        return self.genders.get(actor.name, actor.gender)


def _document(text: str, lexicon: _Lexicon, contents: list[tuple[int, int]], blocks: list | None,
              body_sentences: list[tuple[int, int, int, int]] | None) -> _Document:
    paragraphs = _paragraph_spans(text)
    journalists, body = _segments(text, blocks)
    sentences = _sentence_spans(text, paragraphs, body.spans, body_sentences)
    doc = _Document(lexicon, _Spans.of(paragraphs), _Spans.of(sentences), journalists, body)
    mentions = _mentions(text, doc)
    by_surname = _by_surname(mentions)
    for mention in mentions:
        if mention.actor_type != "person":
            continue
        # "Mrs. Clinton" is the Hillary Clinton named before (if no other Clinton was), and
        # tells her gender.
        same = by_surname.get(mention.name, [])
        full = _full_name(mention, same, doc)
        if full and len({a.name for a in same if a.position < mention.position and a.name != mention.name}) == 1:
            mention.name = full.name
            if mention.gender:
                doc.genders.setdefault(full.name, mention.gender)
    quoted = _union(contents)
    doc.mentions = [m for m in mentions if not quoted.holds(m.position)]
    return doc


def _by_surname(mentions: list[Actor]) -> dict[str, list[Actor]]:
    """``mentions`` grouped by the surname of their name, in their order. A mention renamed
    after a person with a longer name keeps its surname (the longer name ends with it), so
    the groups stay right while names are being completed."""
    groups: dict[str, list[Actor]] = {}
    for mention in mentions:
        groups.setdefault(_surname(mention.name), []).append(mention)
    return groups


def _full_name(actor: Actor, pool: list[Actor], doc: _Document) -> Actor | None:
    """The person before ``actor`` in ``pool`` whose longer name ends with the one-word
    name of ``actor`` ("Landau" -> "Christopher Landau") and whose known gender does not
    contradict it ("Mrs. Clinton" is not Bill Clinton): the most often named, then the
    nearest; or None."""
    if actor.actor_type != "person" or len(actor.name.split()) != 1:
        return None
    earlier = [a for a in pool if a.actor_type == "person" and a.position < actor.position
               and _surname(a.name) == actor.name and a.name != actor.name
               and not (actor.gender and doc.gender(a) and doc.gender(a) != actor.gender)]
    if not earlier:
        return None
    counts = Counter(a.name for a in earlier)
    return max(earlier, key=lambda a: (counts[a.name], a.position))


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

    sentences = [(s, e) for s, e in doc.sentences.spans if doc.body.holds(s)]
    in_body = _Spans.of(sentences)
    before_name = TITLE_WORDS | doc.lexicon.nationality_terms
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
            found[(start, end)] = Actor(row["name"], row["type"], row["bloc"], _heads_of(alias), start,
                                        _salient(text, start, end, doc.sentences.start_of(start)))
    for start, end in sentences:
        possessive = text.find("'s", start, end) >= 0 or text.find("’s", start, end) >= 0
        for match in _OWNED_ORGANIZATION.finditer(text, start, end) if possessive else ():
            # "Donald Trump's campaign": the owner may be a codebook actor already found.
            head = _singular(match.group(2))
            if head in ORGANIZATION_NOUNS and free(match.start(2), match.end(2)):
                take(match.span())
                owner = next((a for (s, _), a in found.items() if s == match.start(1)), None)
                bloc = owner.bloc if owner else "unknown"
                found[match.span()] = Actor(match.group(), "organization", bloc, frozenset({head}), match.start(),
                                             _salient(text, *match.span(), start))
        for match in _ORGANIZATION_RUN.finditer(text, start, end):
            run, word = match.group(1, 2)
            head = _singular(word) if word else ""
            if head in ORGANIZATION_NOUNS:  # followed by its organisation word
                span = (match.start(1), match.end(2))
            else:
                head = _singular(run.rsplit(None, 1)[-1])
                span = match.span(1)
            if head in ORGANIZATION_NOUNS and free(*span):
                take(span)
                bloc_hit = _nationality(text[span[0]:span[1]], doc.lexicon)
                found[span] = Actor(text[span[0]:span[1]], "organization", bloc_hit[1] if bloc_hit else "unknown",
                                    frozenset({head}), span[0], _salient(text, match.start(), span[1], start))
        for match in _CAPITALISED_RUN.finditer(text, start, end):
            if not free(*match.span()):
                continue
            # "Secretary of State X" is one run, "X of Poland" is X: try the whole run first.
            run = match.group()
            names = [_person_name(part, doc.lexicon) for part in dict.fromkeys((run, run.split(" of ")[0]))]
            name = next((n for n in names if n and (len(n.split()) >= 2 or _introduced(run, n))), None)
            if name and not any(name in j for j in doc.journalists):
                take(match.span())
                titles = _titles(run)
                bloc_hit = _nationality(match.group(), doc.lexicon)
                found[match.span()] = Actor(name, "person", bloc_hit[1] if bloc_hit else "unknown", titles,
                                             match.start(), _salient(text, *match.span(), start, bool(titles)),
                                             _gender(match.group()))
    surnames = {_surname(a.name) for a in found.values() if a.actor_type == "person" and len(a.name.split()) > 1}
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
    by_surname = _by_surname(mentions)
    for mention in mentions:
        # A lone codebook surname ("Mr. Rubio") names the other Rubio of this article, if any.
        if mention.actor_type == "person" and mention.name in doc.lexicon.names:
            surname = _surname(mention.name)
            other = [m for m in by_surname[surname] if m.position < mention.position and m.actor_type == "person"
                     and m.name not in doc.lexicon.names and text.startswith(surname, mention.position)]
            if other:
                mention.name, mention.bloc = other[-1].name, other[-1].bloc
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
    if _PREPOSITION_BEFORE.search(tail) or _MODIFIER_BEFORE.search(tail):
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
        lexicon = _lexicon(codebook) if codebook is not None else _default_lexicon()
    except Exception as exc:  # a broken codebook is reported on every row, not raised mid-corpus
        lexicon, problem = _Lexicon([], [], frozenset()), f" (codebook not loaded: {exc})"
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
            doc.earlier.append(actor)
            if actor.gender and actor.name not in doc.genders:
                doc.genders[actor.name] = actor.gender
    return [resolved[index] for index in range(len(records))]


def _resolve_one(row: dict, doc: _Document) -> tuple[Actor, str]:
    phrase = str(row.get("speaker_text", "") or "").strip()
    phrase = "" if phrase.lower() in ("nan", "none") else phrase
    anchor = _anchor(row)
    if not phrase:
        start = doc.sentences.start_of(anchor)
        same = [a for a in doc.earlier if start <= a.position < anchor]
        if same:
            return same[-1].copy(), f"implicit speaker → speaker '{same[-1].name}' of an earlier statement in the same sentence"
        return UNKNOWN.copy(), "no speaker in the text (implicit) and none earlier in the sentence"
    if phrase.lower() in PRONOUNS:
        return _pronoun(phrase, anchor, doc)
    if FIRST_PERSON.fullmatch(phrase):
        return UNKNOWN.copy(), f"first-person pronoun '{phrase}' outside a quotation → unknown"
    core = _core(phrase)
    if any(core == j or core in j.split() for j in doc.journalists):
        return UNKNOWN.copy(), f"'{core}' is a journalist named in the byline or credits → never an actor"
    phrase_head = _head(phrase, doc.lexicon)
    alias = _alias_match(phrase, doc.lexicon, phrase_head[0])
    if alias and len(alias[0].split()) == 1 and any(
            m.actor_type == "person" and _surname(m.name) == alias[0] and m.name != alias[1]["name"]
            for m in doc.mentions + doc.earlier if m.position < anchor):
        alias = None  # another person of that surname is named here ("Luis Rubio", not Marco)
    if alias:
        surface, entry = alias
        return (Actor(entry["name"], entry["type"], entry["bloc"], _heads_of(surface) | _titles(phrase)),
                f"alias '{surface}' of codebook actor {entry['actor_id']}")
    definite = re.fullmatch(r"(?:the|this|that|these|those)\s+(?:same\s+|two\s+|three\s+|other\s+)?([a-z]+)", core, re.I)
    if definite:
        head = TITLE_ABBREVIATIONS.get(_singular(definite.group(1)), _singular(definite.group(1)))
        for pool, how in ((doc.earlier, "speaker"), (doc.mentions, "named actor")):
            matches = [a for a in pool if head in a.heads and a.position < anchor]
            if matches:
                a = max(matches, key=lambda a: a.position)
                return a.copy(), f"definite description '{core}' → nearest earlier {how} with head '{head}': '{a.name}'"
    actor, evidence = describe(phrase, doc.lexicon, phrase_head)
    actor.position = anchor
    for pool, how in ((doc.earlier, "speaker"), (doc.mentions, "person named")):
        full = _full_name(actor, pool, doc)
        if full:
            found = full.copy()
            found.gender = actor.gender or doc.gender(full)
            return found, f"surname '{actor.name}' → earlier {how} '{full.name}'"
    if actor.bloc == "unknown" and actor.actor_type != "person":
        words = set(_WORD.findall(core))
        for a in sorted(doc.earlier + doc.mentions, key=lambda a: a.position, reverse=True):
            if a.actor_type == "person" and a.bloc != "unknown" and a.position < anchor and _surname(a.name) in words:
                actor.bloc = a.bloc
                evidence = (evidence.replace("; no nationality word → bloc unknown", "")
                            + f"; modifier '{_surname(a.name)}' names earlier person '{a.name}' → bloc {a.bloc}")
                break
    return actor, f"not in codebook: {evidence}"


def _heads_of(surface: str) -> frozenset[str]:
    return frozenset(_singular(w) for w in surface.split()) - {"the", "a", "an"}


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
    pool = [(a, "speaker") for a in doc.earlier] + [(m, "named") for m in doc.mentions]
    pool = [(a, how) for a, how in pool if 0 <= a.position < anchor and _compatible(a, wanted, gender, doc)]
    sentence_start = doc.sentences.start_of(anchor)
    window = doc.paragraphs.start_of(anchor, back=1)
    steps = (
        ([p for p in pool if p[0].position >= sentence_start and p[0].salient], "earlier in the same sentence"),
        ([p for p in pool if p[0].position >= window and p[0].salient], "in the same or previous paragraph"),
        ([p for p in pool if p[1] == "speaker"], "of an earlier statement"),
        ([p for p in pool if p[0].position >= window], "in the same or previous paragraph"),
    )
    for candidates, where in steps:
        if candidates:
            a, how = max(candidates, key=lambda item: item[0].position)
            if gender:
                doc.genders.setdefault(a.name, gender)
            found = a.copy()
            found.gender = doc.gender(a)
            return found, (f"pronoun '{phrase}' → nearest preceding {wanted} {how} {where}: "
                           f"'{a.name}' (offset {a.position})")
    return UNKNOWN.copy(), f"pronoun '{phrase}' with no compatible {wanted} antecedent → unknown"


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
