"""Speakers as written -> canonical actors, actor types and blocs, with the evidence.

:func:`resolve_speakers` takes a statements frame (``speaker_text``, ``speaker_start``,
``speaker_end``; -1 offsets when the speaker is implicit) and the text the offsets point
into, and adds or fills:

- ``speaker``: the canonical actor name (a codebook actor's ``name``, the antecedent of a
  pronoun or description, or a name derived from the phrase: "Several European officials"
  -> "European officials"; "" when nothing can be said),
- ``actor_type``: person, organization, anonymous_person, anonymous_group or unknown,
- ``bloc``: a bloc id of ``blocs.csv`` or ``unknown``,
- ``speaker_evidence``: the rule and the cue that decided it.

Rules, first that applies wins: implicit speaker (inherits from a statement earlier in the
same sentence); pronoun (he/she -> nearest compatible person, they -> group, it ->
organisation: first antecedents earlier in the same sentence, then speakers of earlier
statements, then names mentioned in the same or previous paragraph); codebook alias
covering the head of the phrase (longest match wins); bare definite description ("the
official", "the sources") -> nearest earlier speaker with that head noun; surname alone ->
the earlier person whose name ends with it; otherwise a name derived from the phrase,
typed by grammatical cues (named person, organisation head noun, singular or plural
anonymous head noun) and placed in a bloc by its nationality words. Journalists named in
the byline or credits are never actors.

:func:`actor_table` and :func:`anonymous_share` summarise a resolved frame.
"""
from __future__ import annotations

import re
from pathlib import Path
from dataclasses import dataclass, field

import pandas as pd

from analysis.codebook import DEFAULT_DIR, SCHEMAS, Codebook, _check_reference, _check_unique, read_table, split_terms

RESOLVED_COLUMNS = ("speaker", "actor_type", "bloc", "speaker_evidence")

# Head nouns of descriptions that stand for people speaking without a name. Kept small
# and general: they type a phrase by its grammar, they do not list speakers.
PERSON_NOUNS = frozenset(
    """official source diplomat spokesperson spokesman spokeswoman analyst expert person aide
    lawmaker legislator senator congressman congresswoman minister envoy adviser advisor observer
    representative negotiator leader commander officer member critic resident participant
    insider ambassador executive economist researcher scholar strategist activist witness
    employee worker veteran voter supporter opponent staffer delegate counterpart colleague
    ally partner spokesmen""".split()
)
# Nouns that are plural without -s, mapped to the singular head they share with it.
IRREGULAR_PLURALS = {"people": "person", "spokesmen": "spokesman", "spokeswomen": "spokeswoman",
                     "staff": "staff", "police": "police", "personnel": "personnel"}
GROUP_NOUNS = frozenset("staff police personnel team delegation panel group".split())
ORGANIZATION_NOUNS = frozenset(
    """ministry government administration commission company department office agency embassy
    parliament council union alliance party committee court bank organisation organization
    kremlin pentagon cabinet army military navy firm corporation institute congress senate
    secretariat presidency mission command headquarters board""".split()
)
# Words before a name that give a role, not part of the name.
TITLE_WORDS = frozenset(
    """president vice deputy secretary minister prime foreign defense defence state general
    chancellor senator sen rep gov governor ambassador spokesman spokeswoman spokesperson chief
    commander admiral adm gen lt col colonel sgt dr mr mrs ms prof former acting assistant
    under undersecretary envoy special adviser advisor leader majority minority speaker house
    national security director head chair chairman chairwoman king queen prince premier
    pope mayor judge justice attorney treasury interior home finance economy trade energy
    of for the to and u.s. us""".split()
)
DETERMINERS = frozenset(
    """a an the one two three four five six seven eight nine ten eleven twelve several some
    many few multiple numerous various other another all both most two-dozen dozens
    this that these those more""".split()
)
# Capitalised words that open a sentence before a name ("On Monday Ruth Ellison ...").
NOT_NAMES = frozenset(
    """on in at by but and the a an when after before while as if since last this that then also so
    asked meanwhile however monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december""".split()
)
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person",
            "they": "group", "them": "group", "it": "organization"}
FIRST_PERSON = frozenset("i we me us".split())

_WORD = re.compile(r"[A-Za-z][\w.'’-]*")
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'’.-]*)(?:\s+(?:of\s+)?(?:[A-Z][\w'’.-]*))+")
_CUT = re.compile(r",|\s(?:who|whom|which|that|whose)\s|\s\w+ing\b|\s\(")
_POSTMODIFIER = re.compile(
    r"\s(?:familiar|close|with|from|in|at|on|of|to|for|briefed|involved|based|speaking|who|near)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass
class Actor:
    """A resolved speaker: canonical name, type, bloc, and the head/titles used by
    descriptions that refer back to it."""

    name: str
    actor_type: str
    bloc: str
    heads: frozenset[str] = field(default_factory=frozenset)
    position: int = -1


# --------------------------------------------------------------------------- codebook cues


@dataclass(frozen=True)
class _Lexicon:
    aliases: list[tuple[re.Pattern, str, pd.Series]]  # (pattern, alias, actor row)
    nationality: list[tuple[re.Pattern, str, str]]  # (pattern, term, bloc)


def actor_codebook(folder: Path | str = DEFAULT_DIR) -> Codebook:
    """A codebook holding only the validated ``blocs.csv`` and ``actors.csv`` of ``folder``
    (other tables empty), so that speaker resolution does not depend on the stance files."""
    folder = Path(folder)
    blocs = read_table(folder / "blocs.csv", SCHEMAS["blocs.csv"])
    actors = read_table(folder / "actors.csv", SCHEMAS["actors.csv"])
    _check_unique(folder / "actors.csv", actors, "actor_id")
    _check_reference(folder / "actors.csv", actors, "bloc", set(blocs["bloc"]) | {"unknown"}, "bloc")
    empty = pd.DataFrame()
    return Codebook(folder, blocs, actors, empty, empty, empty)


def _boundary(term: str, flags: int = 0) -> re.Pattern:
    return re.compile(r"(?<![\w.])" + re.escape(term) + r"(?![\w])", flags)


def _lexicon(codebook: Codebook) -> _Lexicon:
    aliases = []
    for _, row in codebook.actors.iterrows():
        for alias in {row["name"], *split_terms(row.get("aliases", ""))}:
            aliases.append((_boundary(alias, re.IGNORECASE), alias, row))
    aliases.sort(key=lambda item: -len(item[1]))
    nationality = [(_boundary(term), term, bloc)
                   for bloc, cell in zip(codebook.blocs["bloc"], codebook.blocs["nationality_terms"])
                   for term in split_terms(cell)]
    return _Lexicon(aliases, nationality)


def _alias_match(phrase: str, lexicon: _Lexicon, head: tuple[int, int]) -> tuple[str, pd.Series] | None:
    """The longest codebook alias in ``phrase`` that covers the head of the phrase
    (``head``, a span), so that "a Pentagon spokesman" is not the Pentagon itself."""
    best = None
    for pattern, alias, row in lexicon.aliases:
        for match in pattern.finditer(phrase):
            if match.start() <= head[0] and match.end() >= head[1] and (best is None or len(match.group()) > len(best[0])):
                best = (match.group(), row)
    return best


def _nationality(phrase: str, lexicon: _Lexicon) -> tuple[str, str] | None:
    """The bloc of the first nationality word in ``phrase``: (term, bloc) or None."""
    hits = [(m.start(), term, bloc) for pattern, term, bloc in lexicon.nationality for m in pattern.finditer(phrase)]
    if not hits:
        return None
    _, term, bloc = min(hits, key=lambda hit: (hit[0], -len(hit[1])))
    return term, bloc


# --------------------------------------------------------------------------- phrase grammar


def _core(phrase: str) -> str:
    """The noun phrase without its postmodifiers: apposition, relative clause, -ing
    participle ("a NATO official speaking for the alliance" -> "a NATO official")."""
    match = _CUT.search(phrase)
    return phrase[:match.start()].strip() if match and match.start() > 0 else phrase.strip()


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
    skip = re.match(r"(?:(?:" + "|".join(map(re.escape, DETERMINERS)) + r"|of|\d+)\s+)*", core, re.IGNORECASE).end()
    cut = _POSTMODIFIER.search(core, skip)
    body = core[:cut.start()] if cut else core
    words = list(_WORD.finditer(body))
    if not words:
        return (offset, offset + len(core)), None
    return (offset + words[-1].start(), offset + words[-1].end()), None


def _singular(word: str) -> str:
    word = word.lower()
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and word[:-1] in PERSON_NOUNS | ORGANIZATION_NOUNS | GROUP_NOUNS:
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


def _person_name(core: str, lexicon: _Lexicon) -> str | None:
    """A named person at the end of ``core``: the trailing run of capitalised words less
    leading titles and nationality words ("U.S. Deputy Secretary of State Christopher
    Landau" -> "Christopher Landau"); None when the run ends in a common or group noun."""
    runs = list(re.finditer(r"(?:[A-Z][\w'’.-]*\s*)+$", core))
    if not runs:
        return None
    words = runs[-1].group().split()
    nationality_terms = {term.lower() for _, term, _ in lexicon.nationality}
    role = [i for i, w in enumerate(words) if w.lower().rstrip(".") in TITLE_WORDS or w.lower() in TITLE_WORDS
            or w.lower() in nationality_terms or (w.isupper() and len(w) > 1)]
    words = words[role[-1] + 1:] if role else words
    while words and words[0].lower().rstrip(",") in NOT_NAMES:
        words.pop(0)
    if not words:
        return None
    last = words[-1].lower()
    if last in ORGANIZATION_NOUNS or _singular(last) in PERSON_NOUNS | GROUP_NOUNS or last in nationality_terms:
        return None
    return " ".join(words)


def _lower_common(name: str) -> str:
    """Lower-case a sentence-initial capital on a common word ("Officials and analysts" ->
    "officials and analysts") so that one actor is not split by its position."""
    first, _, rest = name.partition(" ")
    if first[:1].isupper() and not first[1:2].isupper() and (
            _singular(first) in PERSON_NOUNS | GROUP_NOUNS):
        first = first.lower()
    return f"{first} {rest}".strip()


def describe(phrase: str, lexicon: _Lexicon) -> tuple[Actor, str]:
    """A speaker outside the codebook, typed and placed from the phrase alone: the actor
    and the evidence."""
    core = _core(phrase)
    words = _WORD.findall(core)
    (head_start, head_end), name = _head(phrase, lexicon)
    bloc_hit = _nationality(core, lexicon) or _nationality(phrase, lexicon)
    bloc = bloc_hit[1] if bloc_hit else "unknown"
    bloc_note = f"; nationality word '{bloc_hit[0]}' → bloc {bloc}" if bloc_hit else "; no nationality word → bloc unknown"
    if not words:
        return Actor("", "unknown", "unknown"), f"no words in speaker phrase '{phrase}'"
    head = phrase[head_start:head_end] or words[-1]
    head_single = _singular(_POSSESSIVE.sub("", head))
    if name:
        titles = frozenset(w.lower() for w in core.split()) & TITLE_WORDS
        return (Actor(name, "person", bloc, titles),
                f"capitalised name '{name}' at the head of '{core}' → person{bloc_note}")
    canonical = _lower_common(_strip_determiners(core)) or core
    if head_single in ORGANIZATION_NOUNS or (len(words) == 1 and head.isupper() and len(head) > 1):
        return (Actor(canonical, "organization", bloc, frozenset({head_single})),
                f"organisation head '{head}' → organization{bloc_note}")
    if len(words) == 1 and bloc_hit and head[:1].isupper():
        return (Actor(canonical, "organization", bloc, frozenset({head_single})),
                f"place or institution '{head}' standing for its government → organization{bloc_note}")
    heads = frozenset(_singular(w) for w in words if _singular(w) in PERSON_NOUNS | GROUP_NOUNS)
    if head_single in PERSON_NOUNS | GROUP_NOUNS:
        coordinated = " and " in f" {core.lower()} "
        group = coordinated or _is_plural(head) or head_single in GROUP_NOUNS
        kind = "anonymous_group" if group else "anonymous_person"
        reason = "coordinated heads" if coordinated else ("plural" if group else "singular")
        return (Actor(canonical, kind, bloc, heads),
                f"{reason} head noun '{head}' without a name → {kind}{bloc_note}")
    return Actor(canonical, "unknown", bloc, heads), f"no name or known head noun in '{core}' → unknown{bloc_note}"


# --------------------------------------------------------------------------- the text around


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text)]


def _sentence_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    try:
        from analysis.ingest import split_sentences
        return [span for start, end in paragraphs for span in split_sentences(text, start, end)]
    except Exception:  # without the splitter, paragraphs stand in for sentences
        return paragraphs


def _journalists(text: str) -> set[str]:
    """Names in the byline and credits blocks, which are never actors."""
    try:
        from analysis.ingest import segment
        blocks = [text[b.start:b.end] for b in segment(text) if b.label in ("byline", "credits")]
    except Exception:  # a broken segmenter must not stop speaker resolution
        blocks = []
    return {m.group() for chunk in blocks for m in _CAPITALISED_RUN.finditer(chunk)
            if not re.match(r"(?:By|Reporting|Editing|Additional|Writing)\b", m.group())}


def _mentions(text: str, lexicon: _Lexicon, journalists: set[str]) -> list[Actor]:
    """Persons and organisations named in ``text`` (codebook aliases, capitalised names),
    as candidate antecedents, in text order."""
    found: dict[int, Actor] = {}
    taken: list[tuple[int, int]] = []
    for pattern, alias, row in lexicon.aliases:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            found[match.start()] = Actor(row["name"], row["type"], row["bloc"],
                                         frozenset(w.lower() for w in alias.split()), match.start())
    for match in _CAPITALISED_RUN.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        # "Secretary of State X" is one run, "X of Poland" is X: try the whole run first.
        names = [_person_name(part, lexicon) for part in (match.group(), match.group().split(" of ")[0])]
        name = next((n for n in names if n and len(n.split()) >= 2), None)
        if name and not any(name in j for j in journalists):
            bloc_hit = _nationality(match.group(), lexicon)
            found[match.start()] = Actor(name, "person", bloc_hit[1] if bloc_hit else "unknown",
                                         frozenset(w.lower() for w in match.group().split()) & TITLE_WORDS,
                                         match.start())
    return [found[k] for k in sorted(found)]


def _compatible(actor: Actor, wanted: str) -> bool:
    if wanted == "person":
        return actor.actor_type in ("person", "anonymous_person")
    if wanted == "group":
        return actor.actor_type in ("anonymous_group", "organization")
    return actor.actor_type == "organization"


# --------------------------------------------------------------------------- resolution


def _empty(statements: pd.DataFrame) -> pd.DataFrame:
    frame = statements.copy()
    for column in RESOLVED_COLUMNS:
        frame[column] = pd.Series(dtype=object)
    return frame


def resolve_speakers(statements: pd.DataFrame, text: str, codebook: Codebook | None = None) -> pd.DataFrame:
    """Add ``speaker``, ``actor_type``, ``bloc`` and ``speaker_evidence`` to a statements
    frame (see the module docstring); rows keep their order. Never raises: a row that
    cannot be resolved gets ``unknown`` and the reason."""
    if statements is None or len(statements) == 0:
        return _empty(statements if statements is not None else pd.DataFrame())
    frame = statements.copy().reset_index(drop=True)
    text = text if isinstance(text, str) else ""
    try:
        lexicon = _lexicon(codebook if codebook is not None else actor_codebook())
    except Exception as exc:  # a broken codebook is reported per row, not raised mid-corpus
        lexicon, problem = _Lexicon([], []), f" (codebook not loaded: {exc})"
    else:
        problem = ""
    journalists = _journalists(text)
    mentions = _mentions(text, lexicon, journalists)
    paragraphs = _paragraph_spans(text)
    sentences = _sentence_spans(text, paragraphs)
    contents = [(int(s), int(e)) for s, e in zip(frame.get("content_start", []), frame.get("content_end", []))
                if _is_int(s) and _is_int(e)]
    mentions = [m for m in mentions if not any(s <= m.position < e for s, e in contents)]

    order = sorted(range(len(frame)), key=lambda i: _anchor(frame.loc[i]))
    resolved: dict[int, tuple[Actor, str]] = {}
    earlier: list[Actor] = []
    for index in order:
        row = frame.loc[index]
        try:
            actor, evidence = _resolve_one(row, lexicon, earlier, mentions, paragraphs, sentences, journalists)
        except Exception as exc:  # one odd row must not stop the document
            actor, evidence = Actor("", "unknown", "unknown"), f"resolution failed: {exc}"
        actor.position = _anchor(row)
        resolved[index] = (actor, evidence + problem)
        if actor.name:
            earlier.append(actor)
    frame["speaker"] = [resolved[i][0].name for i in range(len(frame))]
    frame["actor_type"] = [resolved[i][0].actor_type for i in range(len(frame))]
    frame["bloc"] = [resolved[i][0].bloc for i in range(len(frame))]
    frame["speaker_evidence"] = [resolved[i][1] for i in range(len(frame))]
    return frame


def _is_int(value) -> bool:
    try:
        int(value)
    except (TypeError, ValueError):
        return False
    return True


def _anchor(row: pd.Series) -> int:
    """Where a statement's speaker stands in the text (its content when implicit)."""
    for column in ("speaker_start", "content_start", "cue_start"):
        value = row.get(column, -1)
        if _is_int(value) and int(value) >= 0:
            return int(value)
    return -1


def _resolve_one(row, lexicon, earlier, mentions, paragraphs, sentences, journalists) -> tuple[Actor, str]:
    phrase = str(row.get("speaker_text", "") or "").strip()
    phrase = phrase if phrase.lower() not in ("nan", "none") else ""
    anchor = _anchor(row)
    if not phrase:
        start = _span_start(anchor, sentences)
        same = [a for a in earlier if start <= a.position < anchor]
        if same:
            a = same[-1]
            return _copy(a), f"implicit speaker → speaker '{a.name}' of the earlier statement in the same sentence"
        return Actor("", "unknown", "unknown"), "no speaker in the text (implicit) and none earlier in the sentence"
    lower = phrase.lower()
    if lower in PRONOUNS:
        return _pronoun(phrase, PRONOUNS[lower], anchor, earlier, mentions, paragraphs, sentences)
    if lower in FIRST_PERSON:
        return Actor("", "unknown", "unknown"), f"first-person pronoun '{phrase}' without a quoted speaker → unknown"
    core = _core(phrase)
    if any(core == j or core in j.split() for j in journalists):
        return Actor("", "unknown", "unknown"), f"'{core}' is a journalist named in the byline or credits → never an actor"
    alias = _alias_match(phrase, lexicon, _head(phrase, lexicon)[0])
    if alias:
        surface, actor_row = alias
        return (Actor(actor_row["name"], actor_row["type"], actor_row["bloc"], _heads_of(surface)),
                f"alias '{surface}' of codebook actor {actor_row['actor_id']}")
    definite = re.fullmatch(r"(?:the|this|that|these|those)\s+(?:same\s+|two\s+|three\s+|other\s+)?([a-z]+)", core, re.I)
    if definite:
        head = _singular(definite.group(1))
        for a in reversed(earlier):
            if head in a.heads and a.position < anchor:
                return _copy(a), (f"definite description '{core}' → nearest earlier speaker with head "
                                  f"'{head}': '{a.name}'")
    surname = re.fullmatch(r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?([A-Z][\w'’-]+)", core)
    if surname:
        last = surname.group(1)
        for pool, how in ((earlier, "speaker"), (mentions, "person named")):
            for a in sorted(pool, key=lambda a: a.position, reverse=True):
                if a.actor_type == "person" and a.position < anchor and a.name.split()[-1] == last and a.name != last:
                    return _copy(a), f"surname '{last}' → earlier {how} '{a.name}'"
    actor, evidence = describe(phrase, lexicon)
    if actor.bloc == "unknown" and actor.actor_type != "person":
        words = set(_WORD.findall(core))
        for a in sorted(earlier + mentions, key=lambda a: a.position, reverse=True):
            if a.actor_type == "person" and a.bloc != "unknown" and a.position < anchor and a.name.split()[-1] in words:
                actor.bloc = a.bloc
                evidence = evidence.replace("; no nationality word → bloc unknown", "") + f"; modifier '{a.name.split()[-1]}' names earlier person '{a.name}' → bloc {a.bloc}"
                break
    return actor, f"not in codebook: {evidence}"


def _heads_of(surface: str) -> frozenset[str]:
    return frozenset(_singular(w) for w in surface.split()) - {"the", "a", "an"}


def _copy(actor: Actor) -> Actor:
    return Actor(actor.name, actor.actor_type, actor.bloc, actor.heads)


def _pronoun(phrase, wanted, anchor, earlier, mentions, paragraphs, sentences) -> tuple[Actor, str]:
    """Nearest compatible antecedent: earlier in the same sentence (speakers or names),
    then speakers of earlier statements, then names in the same or previous paragraph."""
    sentence_start = _span_start(anchor, sentences)
    pool = [(a, "speaker") for a in earlier] + [(m, "mention") for m in mentions]
    pool = [(a, how) for a, how in pool if 0 <= a.position < anchor and _compatible(a, wanted)]
    in_sentence = [(a, how) for a, how in pool if a.position >= sentence_start]
    if in_sentence:
        a, how = max(in_sentence, key=lambda item: item[0].position)
        where = "speaker" if how == "speaker" else "named"
        return _copy(a), (f"pronoun '{phrase}' → nearest preceding {wanted} {where} earlier in the same sentence: "
                          f"'{a.name}' (offset {a.position})")
    speakers = [a for a, how in pool if how == "speaker"]
    if speakers:
        a = max(speakers, key=lambda a: a.position)
        return _copy(a), f"pronoun '{phrase}' → nearest preceding {wanted} speaker '{a.name}' (offset {a.position})"
    window = _span_start(anchor, paragraphs, back=1)
    named = [a for a, how in pool if how == "mention" and a.position >= window]
    if named:
        a = max(named, key=lambda a: a.position)
        return _copy(a), f"pronoun '{phrase}' → {wanted} '{a.name}' named in the same or previous paragraph"
    return Actor("", "unknown", "unknown"), f"pronoun '{phrase}' with no compatible {wanted} antecedent → unknown"


def _span_start(anchor: int, spans: list[tuple[int, int]], back: int = 0) -> int:
    """Start offset of the span ``back`` spans before the one holding ``anchor``."""
    for index, (start, end) in enumerate(spans):
        if start <= anchor < end + 1:
            return spans[max(0, index - back)][0]
    return 0


# --------------------------------------------------------------------------- summaries


def actor_table(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements per actor and per bloc: ``level`` (actor|bloc), ``name``, ``actor_type``,
    ``bloc``, ``n_statements``, ``share`` (of all statements)."""
    columns = ["level", "name", "actor_type", "bloc", "n_statements", "share"]
    if statements is None or len(statements) == 0:
        return pd.DataFrame(columns=columns)
    frame = statements.assign(speaker=statements["speaker"].fillna("").replace("", "(unresolved)"))
    total = len(frame)
    actors = (frame.groupby(["speaker", "actor_type", "bloc"], dropna=False).size()
              .reset_index(name="n_statements").rename(columns={"speaker": "name"}))
    actors.insert(0, "level", "actor")
    blocs = frame.groupby("bloc", dropna=False).size().reset_index(name="n_statements")
    blocs = blocs.assign(level="bloc", name=blocs["bloc"], actor_type="")
    table = pd.concat([actors, blocs[columns[:-1]]], ignore_index=True)
    table["share"] = table["n_statements"] / total
    table = table.sort_values(["level", "n_statements", "name"], ascending=[True, False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def anonymous_share(statements: pd.DataFrame) -> float:
    """Share of statements whose actor is anonymous (anonymous_person or anonymous_group);
    NaN for no statements."""
    if statements is None or len(statements) == 0:
        return float("nan")
    return float(statements["actor_type"].isin(["anonymous_person", "anonymous_group"]).mean())
