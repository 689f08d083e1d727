"""Speaker phrases -> actors: the codebook's aliases and the grammar of one noun phrase.

:func:`describe` reads one speaker phrase as written ("U.S. Deputy Secretary of State
Christopher Landau", "several European officials", "a Pentagon spokesman") and returns the
actor it names with the reason: a codebook alias covering the phrase's head
(:func:`alias_match`; the longest match wins), else a name derived from the phrase, typed by
grammatical cues (a capitalised name after any titles -> person; an organisation head noun
or acronym -> organization; a person head noun, singular -> anonymous_person, plural or
coordinated -> anonymous_group) and placed in a bloc by its first nationality word.
:mod:`analysis.actors` uses these to resolve speakers across a document.

The codebook's actors (``actors.csv``: aliases, type, bloc) and nationality words
(``blocs.csv``) are loaded by :func:`lexicon_of` into a :class:`Lexicon` with one scan for
all aliases. The head-noun and title lexicons below type phrases by their grammar; they
list no speakers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.codebook import DEFAULT_DIR, SCHEMAS, Codebook, check_reference, check_unique, read_table, split_terms
from analysis.dates import WEEKDAY_NAMES

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
    organizer donor fellow surrogate general admiral colonel lieutenant sergeant soldier""".split()
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
    spokesperson chief commander admiral adm gen lt col colonel sgt maj brig capt ret dr mr mrs ms miss messrs
    prof former acting assistant under undersecretary envoy special adviser advisor leader
    majority minority speaker house national security director head chair chairman
    chairwoman premier pope mayor judge justice attorney rev treasury interior home finance
    economy trade energy commissioner lawyer economist moderator councilman councilwoman
    councilmember councilor councillor congressman congresswoman assemblyman assemblywoman
    alderman sheriff of for the to and""".split()
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

WORD = re.compile(r"[A-Za-z][\w.'’-]*")
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
PREPOSITIONS = """of for in at from to with by about against on near under over after before between among like
    than into toward towards without behind via per including""".split()
PREPOSITION_BEFORE = re.compile(r"\b(?:" + "|".join(PREPOSITIONS) + r")\s+$")
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
# An organisation named by its field: "Ministry of Health", "Bank of England".
_NAMED_BODY = re.compile(r"([A-Z][a-z]+)\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*$")
# Words of a title that the area it covers follows ("Commissioner for Defence and Space").
_AREA_BEFORE = frozenset({"of", "for", "and"})
AREA_LEAD = re.compile(r"[A-Z][\w.'’-]*\s+(?:of|for|and)\s+$")


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
class Lexicon:
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


def lexicon_of(codebook: Codebook) -> Lexicon:
    aliases = [(alias, row)
               for row in codebook.actors.to_dict("records")
               for alias in sorted({row["name"], *split_terms(row.get("aliases", ""))})]
    aliases.sort(key=lambda item: -len(item[0]))
    terms = [(term, bloc) for bloc, cell in zip(codebook.blocs["bloc"], codebook.blocs["nationality_terms"])
             for term in split_terms(cell)]
    return Lexicon(aliases, terms, frozenset(t.lower() for t, _ in terms),
                    frozenset(codebook.actors["name"]), _terms([alias for alias, _ in aliases], re.IGNORECASE),
                    _terms([t for t, _ in terms]))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon of the packaged codebook, built once per process (a load error is not
    cached, so it is reported again on the next call)."""
    return lexicon_of(actor_codebook())


def alias_match(phrase: str, lexicon: Lexicon, head: tuple[int, int]) -> tuple[str, dict] | None:
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


def nationality_of(phrase: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """The first nationality word in ``phrase`` and its bloc, or None."""
    hits = [(m.start(), *lexicon.nationality[index]) for index, matches in lexicon.nationality_scan.finditer(phrase)
            for m in matches]
    if not hits:
        return None
    _, term, bloc = min(hits, key=lambda hit: (hit[0], -len(hit[1])))
    return term, bloc


# --------------------------------------------------------------------------- phrase grammar


@lru_cache(maxsize=4096)  # resolving one speaker phrase asks for its core three times
def phrase_core(phrase: str) -> str:
    """The noun phrase without its postmodifiers ("a NATO official speaking for the
    alliance" -> "a NATO official")."""
    match = _CUT.search(phrase)
    return phrase[:match.start()].strip() if match and match.start() > 0 else phrase.strip()


@lru_cache(maxsize=4096)
def singular(word: str) -> str:
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
    return lower in IRREGULAR_PLURALS or (lower.endswith("s") and singular(lower) != lower)


def _strip_determiners(phrase: str) -> str:
    words = phrase.split()
    while words and (words[0].lower() in DETERMINERS or words[0].isdigit() or words[0].lower() == "of"):
        words.pop(0)
    return " ".join(words)


def titles_of(phrase: str) -> frozenset[str]:
    """The role words of ``phrase``, abbreviations spelt out ("Sen." -> "senator")."""
    words = {w.lower().rstrip(".") for w in phrase.split()}
    return frozenset(TITLE_ABBREVIATIONS.get(w, w) for w in words & TITLE_WORDS) - {"of", "for", "the", "to", "and"}


def introduced(run: str, name: str) -> bool:
    """Whether ``name`` follows an honorific or personal title right before it in ``run``."""
    return any(run.endswith(tail) and _INTRODUCER_AT_END.search(run, 0, len(run) - len(tail))
               for tail in (name, name + "'s", name + "’s"))


def phrase_gender(phrase: str) -> str:
    return next((GENDER_TITLES[w] for w in (w.lower().rstrip(".") for w in phrase.split()) if w in GENDER_TITLES), "")


def _is_role(word: str, lexicon: Lexicon) -> bool:
    """A title, nationality word, acronym or possessor ("NBC's") before a name."""
    lower = word.lower()
    return (lower.rstrip(".") in TITLE_WORDS or lower in lexicon.nationality_terms or lower.endswith(("'s", "’s"))
            or (word.isupper() and len(word.rstrip(".")) > 1))


def person_name(core: str, lexicon: Lexicon) -> str | None:
    """A named person at the end of ``core``: the trailing run of capitalised words after
    its titles and nationality words ("U.S. Deputy Secretary of State Christopher Landau"
    -> "Christopher Landau"); None when the run ends in a common noun or a place, or is
    the object of a preposition ("a spokeswoman for Hillary Clinton")."""
    honorific = _HONORIFIC_NAME.search(core)
    if honorific:
        return honorific.group(1)
    run = _NAME_RUN.search(core)
    area = bool(run) and AREA_LEAD.search(core, 0, run.start()) is not None
    if not run or (PREPOSITION_BEFORE.search(core[:run.start()]) and not area):
        return None
    words = run.group().split()
    if len(words) > 2 and singular(words[0]) in ORGANIZATION_NOUNS and words[1] in ("of", "for"):
        return None  # "Ministry of Health", "Bank of England"
    roles = [i for i, word in enumerate(words) if _is_role(word, lexicon)]
    area = area or any(words[i].lower() in _AREA_BEFORE for i in roles)
    words = words[roles[-1] + 1:] if roles else words
    if area and len(words) > 2:
        # "Under Secretary of Defense for Policy Elbridge Colby": the area the title is
        # for comes first, the name is the last two words (three with an initial)
        words = words[-3:] if re.fullmatch(r"[A-Z]\.", words[-2]) else words[-2:]
    while words and words[0].lower() in NOT_NAMES:
        words.pop(0)
    if (not words or words[0].lower() in PLACE_OPENERS or any(w.lower() in WEEKDAYS for w in words)
            or (len(words) == 1 and _DEMONYM.search(words[0]))):
        return None
    last = words[-1].lower()
    if (any(singular(w) in ORGANIZATION_NOUNS for w in words) or last in NOT_PERSON_HEADS
            or singular(last) in _PERSON_OR_GROUP or last in lexicon.nationality_terms):
        return None
    if words[-1].endswith(".") and len(words[-1]) > 3 and words[-1].lower() not in ("jr.", "sr."):
        words[-1] = words[-1].rstrip(".")  # a sentence's full stop, not an abbreviation
    return " ".join(words)


@lru_cache(maxsize=4096)
def surname_of(name: str) -> str:
    """The last word of a person's name, generational suffixes aside ("Biden Jr." -> "Biden")."""
    words = [w for w in name.split() if w.rstrip(".,").lower() not in ("jr", "sr", "ii", "iii", "iv")]
    return words[-1] if words else name


def head_noun(phrase: str, lexicon: Lexicon) -> tuple[tuple[int, int], str | None]:
    """The span of the head of ``phrase`` and the person's name when the head is one: the
    name at the end of the core phrase, else the last word before a postmodifier
    ("five sources familiar with the discussion" -> "sources")."""
    core = phrase_core(phrase)
    offset = phrase.find(core)
    name = person_name(core, lexicon)
    if name:
        at = offset + core.rfind(name)
        return (at, at + len(name)), name
    skip = _LEADING_DETERMINERS.match(core).end()
    cut = _POSTMODIFIER.search(core, skip)
    words = list(WORD.finditer(core[:cut.start()] if cut else core))
    if not words:
        return (offset, offset + len(core)), None
    return (offset + words[-1].start(), offset + words[-1].end()), None


def _lower_common(name: str) -> str:
    """Lower-case a sentence-initial capital on a common noun ("Officials and analysts" ->
    "officials and analysts") so that one actor is not split by its position."""
    first, _, rest = name.partition(" ")
    if first[:1].isupper() and not first[1:2].isupper() and singular(first) in _PERSON_OR_GROUP:
        first = first.lower()
    return f"{first} {rest}".strip()


def describe(phrase: str, lexicon: Lexicon,
             head: tuple[tuple[int, int], str | None] | None = None) -> tuple[Actor, str]:
    """A speaker phrase typed and placed by its grammar alone: the actor and the evidence
    (``head`` is ``head_noun(phrase, lexicon)`` when the caller has it already)."""
    core = phrase_core(phrase)
    words = WORD.findall(core)
    if not words:
        return UNKNOWN.copy(), f"no words in speaker phrase '{phrase}'"
    (head_start, head_end), name = head or head_noun(phrase, lexicon)
    head = phrase[head_start:head_end] or words[-1]
    head_single = singular(head)
    bloc_hit = nationality_of(core, lexicon) or nationality_of(phrase, lexicon)
    bloc = bloc_hit[1] if bloc_hit else "unknown"
    bloc_note = f"; nationality word '{bloc_hit[0]}' → bloc {bloc}" if bloc_hit else "; no nationality word → bloc unknown"
    canonical = _lower_common(_strip_determiners(core)) or core
    apposition = phrase.rsplit(",", 1)[-1].strip() if "," in phrase else ""
    appositive_name = person_name(apposition, lexicon) if _NAME_RUN.fullmatch(apposition) else None
    if appositive_name and not name and head_single in PERSON_NOUNS:
        return (Actor(appositive_name, "person", bloc, titles_of(phrase) | {head_single}, gender=phrase_gender(apposition)),
                f"apposition names the '{head}': '{appositive_name}' → person{bloc_note}")
    coordinated = name and core.endswith(name) and _COORDINATED_NAMES_BEFORE.search(core, 0, len(core) - len(name))
    if coordinated and not _is_role(coordinated.group().split()[0], lexicon):
        return Actor(canonical, "unknown", bloc), f"coordinated names in '{core}' → several persons, type unknown{bloc_note}"
    if name:
        return (Actor(name, "person", bloc, titles_of(core), gender=phrase_gender(core)),
                f"capitalised name '{name}' at the head of '{core}' → person{bloc_note}")
    lower = head.lower()
    if head[:1].isupper() and lower.endswith("s") and (lower in lexicon.nationality_terms
                                                     or lower[:-1] in lexicon.nationality_terms
                                                     or (len(words) == 1 and _DEMONYM.search(head))):
        return Actor(canonical, "anonymous_group", bloc), f"plural nationality noun '{head}' → anonymous_group{bloc_note}"
    named_body = _NAMED_BODY.match(_strip_determiners(core))
    if named_body and singular(named_body.group(1)) in ORGANIZATION_NOUNS:
        return (Actor(_strip_determiners(core), "organization", bloc, frozenset({singular(named_body.group(1))})),
                f"organisation '{named_body.group(1)}' of a named field → organization{bloc_note}")
    if head_single in ORGANIZATION_NOUNS or (head.isupper() and len(head.rstrip(".")) > 1):
        return (Actor(canonical, "organization", bloc, frozenset({head_single})),
                f"organisation head '{head}' → organization{bloc_note}")
    if len(words) == 1 and bloc_hit and head[:1].isupper():
        return (Actor(canonical, "organization", bloc, frozenset({head_single})),
                f"place or institution '{head}' standing for its government → organization{bloc_note}")
    heads = frozenset(singular(w) for w in words if singular(w) in _PERSON_OR_GROUP)
    if head_single in _PERSON_OR_GROUP:
        coordinated = re.search(r"\s(?:and|&|nor)\s", core) is not None
        group = coordinated or _is_plural(head) or head_single in GROUP_NOUNS
        kind = "anonymous_group" if group else "anonymous_person"
        reason = "coordinated heads with" if coordinated else ("plural" if group else "singular")
        return Actor(canonical, kind, bloc, heads), f"{reason} head noun '{head}' without a name → {kind}{bloc_note}"
    return Actor(canonical, "unknown", bloc, heads), f"no name or known head noun in '{core}' → unknown{bloc_note}"
