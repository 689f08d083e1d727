"""Rule-based stance of one statement toward every codebook target, with its evidence.

Stance is not sentiment (Bestvater & Monroe 2022): "a 2027 deadline was not realistic"
reads positive to VADER yet opposes the deadline. The rules read the codebook
(``targets.csv`` terms, ``stance_lexicon.csv`` cues, the ``stance`` of ``cues.csv``
reporting verbs) and work in this order:

1. **Addressed.** A target is addressed when one of its terms occurs in the content, or
   when the content holds an anaphor (:func:`anaphor_pattern`: "that deadline", "the plan"
   with a ``referent`` noun of ``stance_lexicon.csv``, or pronominal "this") and a term of
   the target occurs in the previous sentence. A target
   with facets (``actors``, ``domain``, ``acts`` in ``targets.csv``) is also addressed when
   what its proposition is about occurs in the content: every facet it fills in matches,
   and one clause holds an act together with the actor or the domain ("pressed European
   capitals to shoulder more of their security"); the actor may instead stand in the
   previous sentence when the content refers back with a pronoun ("they", "its").
   Otherwise its stance is NaN.
2. **Segments.** The content is cut into clauses at ``; :``, dashes and the conjunctions
   in :data:`CLAUSE_BREAK`, and a subordinate clause ("although ...") at its first comma;
   a condition ("if/unless ...," up to the next comma, or a negated relative clause
   "countries that did not spend ...") is a segment of its own.
3. **Cues in a segment.** Lexicon support/oppose cues carry their signed weight. A
   negator flips every stance cue that starts within :data:`NEGATION_WINDOW` words after
   it in the same segment ("not realistic", "not yet satisfied"), and a modal cue right
   before it ("should not", "must never"). A ``claim`` cue counts only when a negator
   scopes it, with its own weight ("the sea is not rising"; "the sea is rising" is a
   report). The segment's value is its strongest cue (largest magnitude; the strongest cue
   decides, so that "should not take over" is not cancelled by its own two cues),
   multiplied by every hedge weight (may: x0.5) and by 1 + every booster weight (highly:
   x1.5) in it.
4. **Threat.** A condition segment that is negated ("if Europe does not meet the 2027
   deadline", "unless ...", "that did not spend", "if Europe fell behind") plus an oppose
   cue (a sanction: "stop", "invade") in another segment is a threat: the condition's
   targets get +:data:`THREAT_WEIGHT` (the speaker insists on them) and the sanction
   counts only for the targets of its own segment. In a statement that addresses some
   target, a condition naming a faceted target's actor addresses that target too (the
   speaker insists the actor acts, even without a domain word).
5. **Combining.** A target's stance is the sum of the values of the segments that name it
   and of the segments that name no target (they comment on the whole statement, "... but
   our Administration means what it says"; a threat's sanction segment excepted), plus the
   reporting verb's stance from ``cues.csv``, clipped to [-1, 1]. The verb is added when the
   content has no stance of its own ("encouraged Europe to buy ...") or one of the same sign
   ("complained that they were cut out"); when the signs differ the content decides, since
   a negative verb often introduces a demand ("warned that allies must spend more",
   "complained that allies are not paying their fair share"). An addressed target with no
   cue at all is 0 (neutral). A verb marked ``doubts`` in ``cues.csv`` reverses the
   content's stance instead ("questioned whether the target was achievable").

Every step that changed a score is written into the evidence string, e.g.
``term '2027'; negator 'not' scopes 'realistic' (support +0.80 -> -0.80); verb 'said' neutral; stance -0.80``.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from analysis.codebook import Codebook, split_terms
from analysis.prefilter import Screen, ScreenSet, fold, screen

NEGATION_WINDOW = 4
THREAT_WEIGHT = 1.0

# Pronominal "this" as an anaphor: "this" before punctuation or one of these words.
_PRONOMINAL_THIS = (r"this(?=\s*(?:[,.;:!?…”\"’)]|$)|\s+(?:in|is|was|will|would|has|had|for|from|to|at|with|as|"
                    r"again|too|before|now|and|but|or)(?!\w))")
# A pronoun that lets a target's actor facet be found in the previous sentence.
_PRONOUN = screen(re.compile(r"they|them|their|themselves|its|itself", re.I))
CLAUSE_BREAK = re.compile(
    r"[;:]|\s[–—-]{1,2}\s|(?<!\w)(?:but|since|because|although|though|whereas|while)(?!\w)", re.I)
_SUBORDINATOR = re.compile(r"since|because|although|though|whereas|while", re.I)
_CONDITION = re.compile(r"(?<!\w)(?P<unless>unless)(?!\w)|(?<!\w)if(?!\w)", re.I)
_NEGATED_RELATIVE = re.compile(
    r"(?<!\w)(?:that|who|which)\s+(?:(?:do|does|did|will|would|can|could|have|has|had)\s*(?:not|n['’]t)"
    r"|(?:fail|refuse)(?:s|ed)?\s+to)(?!\w)", re.I)
_WORD = re.compile(r"\w+")
# A negator right after one of these negates it ("should not", "need not").
_MODAL = re.compile(r"should|must|ought to|need(?:s|ed)?(?: to)?|ha(?:s|ve|d) to|will|would|can|could|may|might", re.I)
STANCE_ROLES = ("support", "oppose")


@dataclass(frozen=True)
class Cue:
    """One lexicon match in the content: role, signed weight, target ('' = any), span."""

    role: str
    weight: float
    target: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Segment:
    """A clause of the content; ``condition`` for if/unless or negated relative clauses."""

    start: int
    end: int
    condition: bool = False
    unless: bool = False


@dataclass(frozen=True)
class Facets:
    """What a target's proposition is about: patterns for who should act, the domain and the
    act (an empty tuple: the target does not use that facet)."""

    actors: tuple[Screen, ...]
    domain: tuple[Screen, ...]
    acts: tuple[Screen, ...]

    def may_hold(self, passing: set[Screen], folded: str) -> bool:
        """False only if a content whose passing screens are ``passing`` (its fold:
        ``folded``) cannot be about these facets: a cheap test before scanning for them."""
        def some(group: tuple[Screen, ...]) -> bool:
            return not group or not passing.isdisjoint(group)
        return (bool(self.acts) and some(self.acts) and some(self.domain)
                and (some(self.actors) or _PRONOUN.may_match(folded)))


@dataclass(frozen=True)
class Rules:
    """The compiled codebook: target terms and facets, lexicon entries and reporting-verb
    stances, each pattern with the prefilter that skips it for texts it cannot match."""

    targets: tuple[tuple[str, tuple[Screen, ...], Facets], ...]
    lexicon: tuple[tuple[Screen, str, float, str], ...]
    verbs: tuple[tuple[Screen, float, bool], ...]  # pattern, stance, doubts its complement
    term_screens: frozenset[Screen]  # every target term
    gate_screens: frozenset[Screen]  # per faceted target its domain (its acts if it has none)
    content_screens: ScreenSet  # the target terms, gates and the anaphor, looked for in a content at once
    facet_screens: ScreenSet  # the other facets, looked for only in contents that pass a gate
    lexicon_screens: ScreenSet  # looked for only in contents that address a target
    faceted: tuple[Facets, ...]  # the facets of the targets that have them
    anaphor: Screen  # :func:`anaphor_pattern` of the codebook's referent nouns

    @property
    def target_ids(self) -> list[str]:
        return [target for target, *_ in self.targets]


def anaphor_pattern(referents: list[str]) -> re.Pattern:
    """Anaphors that take their referent from the sentence before: a demonstrative or
    definite noun phrase whose head is one of ``referents`` (regular expressions:
    "deadline", "plan"), or pronominal "this"."""
    heads = "|".join(f"(?:{r})" for r in referents)
    noun_phrase = rf"(?:this|that|these|those|such an?|the)\s+(?:{heads})(?!\w)|" if referents else ""
    return re.compile(rf"(?<!\w)(?:{noun_phrase}{_PRONOMINAL_THIS})", re.I)


def _screens(cell: str) -> tuple[Screen, ...]:
    return tuple(screen(re.compile(term, re.I)) for term in split_terms(cell))


def compile_rules(codebook: Codebook) -> Rules:
    """Compile a loaded :class:`~analysis.codebook.Codebook` into :class:`Rules`."""
    targets = tuple((row.target_id, _screens(row.terms), Facets(_screens(row.actors), _screens(row.domain),
                                                                 _screens(row.acts)))
                    for row in codebook.targets.itertuples())
    entries = [(term, row) for row in codebook.stance_lexicon.itertuples() for term in split_terms(row.term)]
    lexicon = tuple((screen(re.compile(term, re.I)), row.role, float(row.weight), row.target or "")
                    for term, row in entries if row.role != "referent")
    anaphor = screen(anaphor_pattern([term for term, row in entries if row.role == "referent"]))
    verbs = tuple((screen(re.compile(row.cue, re.I)), float(row.stance), row.doubts == "yes")
                  for row in codebook.cues.itertuples())
    terms = [s for _, group, _ in targets for s in group]
    faceted = tuple(facets for *_, facets in targets if facets.acts)
    # Domain words are rarer than acts ("run", "lead") and actors: they alone are looked
    # for in every content, the other facets only where one of them occurs.
    gates = [s for facets in faceted for s in facets.domain or facets.acts]
    others = [s for f in faceted for s in f.actors + f.domain + f.acts if s not in gates]
    return Rules(targets, lexicon, verbs, frozenset(terms), frozenset(gates), ScreenSet(terms + gates + [anaphor]),
                 ScreenSet(others), ScreenSet(s for s, *_ in lexicon), faceted, anaphor)


def find(pattern: re.Pattern, text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """Matches of ``pattern`` in ``text[start:end]`` that do not cut a word in two (an
    edge that is a letter or digit must not touch another letter or digit)."""
    return _whole_words(pattern.finditer(text, start, len(text) if end is None else end), text)


def _whole_words(matches, text: str) -> list[re.Match]:
    """The ``matches`` in ``text`` that do not cut a word in two (see :func:`find`)."""
    hits = []
    for match in matches:
        a, b = match.span()
        if a == b:
            continue
        if a > 0 and text[a].isalnum() and text[a - 1].isalnum():
            continue
        if b < len(text) and text[b - 1].isalnum() and text[b].isalnum():
            continue
        hits.append(match)
    return hits


def _find_screened(screened: Screen, text: str, folded: str, passing: set[Screen]) -> list[re.Match]:
    """:func:`find` over all of ``text`` (``folded``: its :func:`~analysis.prefilter.fold`;
    ``passing``: the screens that may match it)."""
    return _whole_words(screened.scan(text, folded), text) if screened in passing else []


def segments(content: str) -> list[Segment]:
    """Cut ``content`` into clauses, with conditions as segments of their own."""
    breaks = list(CLAUSE_BREAK.finditer(content))
    # A subordinate clause ("Although Europe should lead, ...") ends at its first comma.
    commas = [content.find(",", m.end()) for m in breaks if _SUBORDINATOR.fullmatch(m.group(0))]
    cuts = sorted({0, len(content), *(m.start() for m in breaks), *(c for c in commas if c > 0)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        position = a
        starts = sorted([(m.start(), bool(m.group("unless"))) for m in _CONDITION.finditer(content, a, b)]
                        + [(m.start(), False) for m in _NEGATED_RELATIVE.finditer(content, a, b)])
        for start, unless in starts:
            if start < position:
                continue
            comma = content.find(",", start, b)
            stop = b if comma < 0 else comma
            if start > position:
                out.append(Segment(position, start))
            out.append(Segment(start, stop, condition=True, unless=unless))
            position = stop
        if position < b:
            out.append(Segment(position, b))
    return [s for s in out if content[s.start:s.end].strip(" ,.;:–—-")]


def lexicon_cues(content: str, rules: Rules, folded: str | None = None) -> list[Cue]:
    """Every lexicon match in ``content`` (``folded``: its fold, when the caller has it);
    where matches overlap the longest wins (entries with the very same span, differing only
    by target, are all kept)."""
    folded = fold(content) if folded is None else folded
    passing = rules.lexicon_screens.passing(folded)
    found = [Cue(role, weight, target, m.start(), m.end(), m.group(0))
             for screened, role, weight, target in rules.lexicon
             for m in _find_screened(screened, content, folded, passing)]
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    kept: list[Cue] = []
    for cue in found:
        if all(cue.end <= k.start or cue.start >= k.end or (cue.start, cue.end) == (k.start, k.end) for k in kept):
            kept.append(cue)
    return sorted(kept, key=lambda c: (c.start, c.target))


def verb_stance(cue: str, rules: Rules) -> tuple[float, bool] | None:
    """The stance of reporting verb ``cue`` from ``cues.csv`` and whether it doubts its
    complement (first row whose regex matches the whole cue), or None when no row matches."""
    cue = cue.strip()
    folded = fold(cue)
    for screened, stance, doubts in rules.verbs:
        if screened.may_match(folded) and screened.pattern.fullmatch(cue):
            return stance, doubts
    return None


def _words_between(content: str, a: int, b: int) -> int:
    return len(_WORD.findall(content, a, b)) if b > a else 0


def _segment_value(content: str, segment: Segment, cues: list[Cue], target: str) -> tuple[float, list[str]]:
    """Value of one segment for ``target`` and the evidence for it."""
    inside = [c for c in cues if segment.start <= c.start < segment.end and c.target in ("", target)]
    stance_cues = [c for c in inside if c.role in STANCE_ROLES or c.role == "claim"]
    signs = {c: 1.0 for c in stance_cues}
    notes: dict[Cue, str] = {}
    for negator in (c for c in inside if c.role == "negator"):
        for scoped in stance_cues:
            after = (scoped.start >= negator.end
                     and _words_between(content, negator.end, scoped.start) <= NEGATION_WINDOW)
            modal = (scoped.end <= negator.start and _MODAL.fullmatch(scoped.text) is not None
                     and _words_between(content, scoped.end, negator.start) == 0)
            if after or modal:
                signs[scoped] = -signs[scoped]
                notes[scoped] = f"negator '{negator.text}' scopes "
    # A claim stated is no stance; denied, it counts with its own weight.
    stance_cues = [c for c in stance_cues if c.role != "claim" or signs[c] < 0]
    if not stance_cues:
        return 0.0, []
    strongest = max(stance_cues, key=lambda c: (abs(c.weight), c.start))
    denied = strongest.role == "claim"
    value = strongest.weight if denied else signs[strongest] * strongest.weight
    flipped = f" -> {value:+.2f}" if signs[strongest] < 0 and not denied else ""
    evidence = [f"{notes.get(strongest, '')}{strongest.role} '{strongest.text}' ({strongest.weight:+.2f}{flipped})"]
    for cue in inside:
        if cue.role == "hedge":
            value *= cue.weight
            evidence.append(f"hedge '{cue.text}' (x{cue.weight:.2f})")
        elif cue.role == "booster":
            value *= 1.0 + cue.weight
            evidence.append(f"booster '{cue.text}' (x{1.0 + cue.weight:.2f})")
    return value, evidence


def _addressed(content: str, folded: str, passing: set[Screen], rules: Rules,
               previous: str) -> dict[str, list[tuple[int, str]]]:
    """For each addressed target: (position in the content, how it was found) pairs."""
    anaphors = _find_screened(rules.anaphor, content, folded, passing) if previous else []
    if not rules.gate_screens.isdisjoint(passing):
        passing = passing | rules.facet_screens.passing(folded)
    if (not anaphors and rules.term_screens.isdisjoint(passing)
            and not any(facets.may_hold(passing, folded) for facets in rules.faceted)):
        return {}  # most statements: no term of any target, nor an anaphor to look back with
    previous_folded = fold(previous) if anaphors else ""
    previous_passing = rules.content_screens.passing(previous_folded) if anaphors else set()
    addressed: dict[str, list[tuple[int, str]]] = {}
    for target, screens, facets in rules.targets:
        hits = [m for s in screens for m in _find_screened(s, content, folded, passing)]
        if hits:
            addressed[target] = [(m.start(), f"term '{m.group(0)}'") for m in hits]
            continue
        about = _about(content, folded, passing, facets, previous) if facets.may_hold(passing, folded) else None
        if about:
            addressed[target] = about
            continue
        before = [m for s in screens for m in _find_screened(s, previous, previous_folded, previous_passing)]
        if before:
            anaphor = anaphors[0]
            addressed[target] = [(anaphor.start(),
                                  f"anaphor '{anaphor.group(0)}' + previous sentence term '{before[0].group(0)}'")]
    return addressed


def _about(content: str, folded: str, passing: set[Screen], facets: Facets,
           previous: str) -> list[tuple[int, str]]:
    """(position of the act, evidence) when the content is about the target's facets (see
    the module docstring), else []."""
    acts = [m for s in facets.acts for m in _find_screened(s, content, folded, passing)]
    domain = [m for s in facets.domain for m in _find_screened(s, content, folded, passing)]
    actors = [m for s in facets.actors for m in _find_screened(s, content, folded, passing)]
    if not acts or (facets.domain and not domain):
        return []
    where = ""
    if facets.actors and not actors:
        pronouns = _whole_words(_PRONOUN.finditer(content, folded), content)
        if not pronouns or not previous:
            return []
        previous_folded = fold(previous)
        before = [m for s in facets.actors for m in _whole_words(s.finditer(previous, previous_folded), previous)]
        if not before:
            return []
        where = f" (actor '{before[0].group(0)}' in the previous sentence, pronoun '{pronouns[0].group(0)}')"
    parts = segments(content)
    clause = {m: next((i for i, p in enumerate(parts) if p.start <= m.start() < p.end), -1)
              for m in acts + domain + actors}
    for act in acts:
        partners = [m for m in domain + actors if clause[m] == clause[act]]
        if partners or (where and not facets.domain):
            named = ", ".join(f"'{m.group(0)}'" for m in sorted(set(actors[:1] + domain[:1]), key=lambda m: m.start()))
            return [(act.start(), f"about: act '{act.group(0)}' with {named or 'the actor'}{where}")]
    return []


def _located(parts: list[Segment], addressed: dict[str, list[tuple[int, str]]]) -> dict[str, list[tuple[int, str]]]:
    """For each addressed target: (segment index, how it was found) pairs."""
    def segment_of(position: int) -> int:
        return next((i for i, s in enumerate(parts) if s.start <= position < s.end), len(parts) - 1)

    return {target: sorted({(segment_of(position), how) for position, how in hits})
            for target, hits in addressed.items()}


def _threats(content: str, parts: list[Segment], cues: list[Cue]) -> tuple[dict[int, str], set[int]]:
    """Threat conditions (segment index -> evidence) and the indices of their sanction segments."""
    negators = [c for c in cues if c.role == "negator" and not c.target]
    negated = [i for i, s in enumerate(parts) if s.condition and (
        s.unless or any(s.start <= n.start < s.end for n in negators)
        or _NEGATED_RELATIVE.match(content, s.start))]
    sanctions = {i: c for i, s in enumerate(parts) if not s.condition for c in cues
                 if c.role == "oppose" and not c.target and s.start <= c.start < s.end}
    if not negated or not sanctions:
        return {}, set()
    sanction_words = ", ".join(f"'{c.text}'" for c in sanctions.values())
    notes = {i: f"threat: negated condition '{content[parts[i].start:parts[i].end].strip()}' + sanction "
                f"{sanction_words} ({THREAT_WEIGHT:+.2f})" for i in negated}
    return notes, set(sanctions)


def _threat_actors(content: str, parts: list[Segment], conditions: dict[int, str],
                   rules: Rules) -> dict[str, list[tuple[int, str]]]:
    """For each faceted target whose actor a threat's negated condition names ("... if Europe
    fell behind"): (position of the actor, how it was found) pairs."""
    found: dict[str, list[tuple[int, str]]] = {}
    for target, _, facets in rules.targets:
        for i in conditions:
            actors = [m for s in facets.actors for m in find(s.pattern, content, parts[i].start, parts[i].end)]
            if actors:
                found.setdefault(target, []).append(
                    (actors[0].start(), f"threat condition names actor '{actors[0].group(0)}'"))
    return found


def target_stances(content: str, cue: str, rules: Rules, previous: str = "") -> dict[str, tuple[float, str]]:
    """Stance in [-1, 1] (NaN when not addressed) and its evidence for every target.

    ``cue`` is the reporting verb; ``previous`` the sentence before the statement's
    sentence ('' when unknown: anaphors then resolve to nothing)."""
    content = content or ""
    folded = fold(content)
    passing = rules.content_screens.passing(folded)
    addressed = _addressed(content, folded, passing, rules, previous)
    if not addressed:
        # Most statements address no target: skip the clauses and the lexicon.
        return {target: (math.nan, "") for target in rules.target_ids}
    parts = segments(content) or [Segment(0, len(content))]
    cues = lexicon_cues(content, rules, folded)
    conditions, sanctions = _threats(content, parts, cues)
    for target, hits in _threat_actors(content, parts, conditions, rules).items():
        addressed.setdefault(target, hits)
    located = _located(parts, addressed)
    addressed_segments = {i for places in located.values() for i, _ in places}
    verb, doubts = verb_stance(cue or "", rules) or (None, False)
    out: dict[str, tuple[float, str]] = {}
    for target in rules.target_ids:
        if target not in located:
            out[target] = (math.nan, "")
            continue
        own = {i for i, _ in located[target]}
        evidence = [how for _, how in located[target]]
        total = 0.0
        for i, part in enumerate(parts):
            if i in conditions and i in own:
                total += THREAT_WEIGHT
                evidence.append(conditions[i])
                continue
            if i in conditions or (i not in own and (i in addressed_segments or i in sanctions)):
                continue
            value, notes = _segment_value(content, part, cues, target)
            if notes:
                prefix = "" if i in own else "clause without target: "
                evidence.extend(prefix + n for n in notes)
            total += value
        if total and doubts:
            total = -total
            evidence.append(f"verb '{cue}' doubts its complement (stance {-total:+.2f} -> {total:+.2f})")
        elif verb is None:
            evidence.append(f"verb '{cue}' not in cues.csv")
        elif verb == 0:
            evidence.append(f"verb '{cue}' neutral")
        elif total * verb < 0:
            evidence.append(f"verb '{cue}' ({verb:+.2f}) not added: the content's own stance has the other sign")
        else:
            total += verb
            evidence.append(f"verb '{cue}' ({verb:+.2f})")
        if total == 0:
            evidence.append("no net stance: neutral")
        score = max(-1.0, min(1.0, round(total, 6)))
        evidence.append(f"stance {score:+.2f}")
        out[target] = (score, "; ".join(evidence))
    return out
