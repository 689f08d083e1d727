"""Start and check a codebook for a new debate (``burden-shift codebook init|check``).

:func:`init_codebook` writes a complete, valid codebook folder: the language-level files of
the packaged codebook copied as a starting point (``cues.csv``; ``stance_lexicon.csv``
without its debate-specific rows, those tied to a target; ``blocs.csv`` with its
nationality words), ``actors.csv`` with only a commented example row, ``targets.csv`` with
one example row that fills every column, and a ``README.md`` saying how to fill each file.
Headers come from :data:`analysis.codebook.SCHEMAS`, so a column added there appears here.

:func:`check_codebook` validates a folder (:class:`analysis.codebook.CodebookError` names
file, line and fix) and reports what it holds; given a corpus it runs the pipeline with
that codebook and counts, per target, the statements that address it and, per actor, the
statements that resolve to it, so that a target that never fires or an alias that never
matches shows as 0.
"""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pandas as pd

from analysis.codebook import DEFAULT_DIR, SCHEMAS, Codebook, load_codebook, split_terms
from analysis.pipeline import run_corpus
from analysis.positions import side
from analysis.tables import read_table

COPIED = ("cues.csv", "blocs.csv")
# Example rows: what a researcher would write. A column without an example takes the packaged
# file's first value (the actor's bloc: one the copied blocs.csv holds).
EXAMPLES = {
    "actors.csv": {"actor_id": "jane_example", "name": "Jane Example", "type": "person",
                   "aliases": "Jane Example;Ms. Example;the example minister"},
    "blocs.csv": {"bloc": "EXAMPLE", "label": "What the bloc id stands for",
                  "nationality_terms": "Examplish;Examplians;Example City"},
    "targets.csv": {"target_id": "example_target",
                    "proposition": "One sentence a speaker can be for or against (replace this example).",
                    "terms": "example polic(?:y|ies);example (?:plan|proposal)",
                    "actors": "example countr(?:y|ies);the example government",
                    "domain": "example (?:polic(?:y|ies)|reform)",
                    "acts": "adopt\\w*;introduc\\w*;pass(?:es|ed|ing)?"},
}
README = """# Codebook: {folder}

Written by `burden-shift codebook init`. Every file is CSV (UTF-8); a list cell separates
its entries with `;`; a row whose first cell starts with `#` is a comment. Check the folder
after every edit, and against your articles:

    burden-shift codebook check {folder} --corpus path/to/articles

Then run with it: `burden-shift run ARTICLES --out OUT --codebook {folder}` or
`make all SEEDS=ARTICLES CODEBOOK={folder}`.

## targets.csv: what stance is measured toward

One row per proposition. `target_id` is a short id (it names the `stance_<target_id>`
columns); `proposition` is one sentence a speaker can be for or against; `terms` are
regular expressions (case-insensitive) that make a statement address the target: name
the policy, the deadline, the plan, in the words articles use. The example row fills
every column: replace it with your own targets. The optional `actors` (who should act),
`domain` (what the proposition is about) and `acts` (what should be done) let a statement
address the target in words no term lists: it does when an act shares a clause with an
actor or a domain word. A target whose count stays 0 in `codebook check --corpus` never
fires: widen its terms or facets.

## actors.csv: who speaks

One row per canonical actor: `actor_id`, `name` (the name used in every table), `type`
(person, organization, anonymous_person, anonymous_group or unknown), `bloc` (an id of
blocs.csv, or `unknown`), `aliases` (the surface forms that name the actor, matched as
whole words, case-insensitively). Speakers not listed still get a name, type and bloc
from the grammar of their phrase and the nationality words; list the actors you want
merged under one name (a surname, a title, an acronym). An actor at 0 in `codebook check
--corpus` was never matched: check its aliases.

## blocs.csv: the sides actors belong to

`bloc` (a short id), `label`, `nationality_terms` (words that place an unnamed speaker
in the bloc: "European officials" is Europe). Copied from the packaged codebook as a
starting point: keep, rename or replace the blocs.

## cues.csv: reporting verbs (language-level)

`cue` (a regular expression, its forms joined by `|`), `kind` (speech or belief),
`stance` (what the verb itself carries, -1..1: "praised" +0.8, "complained" -0.6),
`complement` (optional: a pattern the content must start with), `doubts` (`yes` when the
verb casts doubt on its complement: "questioned whether"). Copied as is; it holds for
English news on any topic.

## stance_lexicon.csv: support and opposition cues (language-level)

`term` (regular expression), `role` (support, oppose, claim, negator, hedge, booster,
referent: see the package README), `weight`
(-1..1), `target` (a target id for a cue that only holds for one target, or empty for
every target). Copied without the packaged debate's target-specific rows; add rows for
yours (e.g. words that doubt a deadline).

## Columns

{columns}
"""


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _general_lexicon(rows: list[list[str]]) -> list[list[str]]:
    """The lexicon rows that hold for every target (empty ``target``), each comment kept
    when a row it introduces is kept."""
    header, kept, comment = rows[0], [rows[0]], None
    target = header.index("target")
    for row in rows[1:]:
        if row and row[0].lstrip().startswith("#"):
            comment = row
        elif len(row) > target and not row[target].strip():
            kept += [comment, row] if comment else [row]
            comment = None
    return kept


def _example(name: str, packaged: list[list[str]]) -> list[str]:
    """One row filling every column of ``name``: the example values, else the first
    non-empty value of that column in the packaged file (valid by construction)."""
    header = [column.name for column in SCHEMAS[name]]
    values = dict(EXAMPLES.get(name, {}))
    columns = packaged[0]
    for column in header:
        if column not in values and column in columns:
            index = columns.index(column)
            values[column] = next((row[index] for row in packaged[1:]
                                   if len(row) > index and row[index].strip() and not row[0].startswith("#")), "")
    return [values.get(column, "") for column in header]


def _columns_text() -> str:
    return "\n".join(f"- `{name}`: " + ", ".join(f"`{c.name}`" + ("" if c.required else " (optional)")
                                               for c in columns)
                     for name, columns in SCHEMAS.items())


def init_codebook(folder: Path) -> list[Path]:
    """Write a starting codebook into ``folder`` (created; it must not hold files yet) and
    return the written paths. Raises FileExistsError for a folder that holds files."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} already holds files: give a new or empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    texts = {name: (DEFAULT_DIR / name).read_text(encoding="utf-8") for name in COPIED}
    lexicon = _rows(DEFAULT_DIR / "stance_lexicon.csv")
    texts["stance_lexicon.csv"] = _csv(_general_lexicon(lexicon))
    blocs = _rows(DEFAULT_DIR / "blocs.csv")
    texts["blocs.csv"] = _csv([blocs[0], _commented(_example("blocs.csv", blocs)), *blocs[1:]])
    actors = _rows(DEFAULT_DIR / "actors.csv")
    texts["actors.csv"] = _csv([[c.name for c in SCHEMAS["actors.csv"]],
                                _commented(_example("actors.csv", actors))])
    targets = _rows(DEFAULT_DIR / "targets.csv")
    texts["targets.csv"] = _csv([[c.name for c in SCHEMAS["targets.csv"]], _example("targets.csv", targets)])
    texts["README.md"] = README.format(folder=folder.name, columns=_columns_text())
    written = []
    for name in [*SCHEMAS, "README.md"]:
        path = folder / name
        path.write_text(texts[name], encoding="utf-8")
        written.append(path)
    return written


def _commented(row: list[str]) -> list[str]:
    return [f"# example: {row[0]}", *row[1:]]


def _shared_aliases(codebook: Codebook) -> list[str]:
    """Aliases (case-insensitive) listed under more than one actor: the first actor wins them."""
    owners: dict[str, set[str]] = {}
    for row in codebook.actors.to_dict("records"):
        for alias in {row["name"], *split_terms(row.get("aliases", ""))}:
            owners.setdefault(alias.lower(), set()).add(row["actor_id"])
    return [f"alias '{alias}' is listed under {', '.join(sorted(ids))}"
            for alias, ids in sorted(owners.items()) if len(ids) > 1]


def describe_codebook(codebook: Codebook) -> str:
    """What a codebook holds: counts per file and warnings (aliases shared by actors)."""
    roles = codebook.stance_lexicon["role"].value_counts() if len(codebook.stance_lexicon) else pd.Series(dtype=int)
    lines = [f"codebook {codebook.folder}: valid",
             f"  {len(codebook.targets)} target(s): {', '.join(codebook.target_ids)}",
             f"  {len(codebook.actors)} actor(s), {len(codebook.blocs)} bloc(s), {len(codebook.cues)} cue(s)",
             "  stance lexicon: " + (", ".join(f"{n} {role}" for role, n in roles.items()) or "empty")]
    lines += [f"  warning: {problem}" for problem in _shared_aliases(codebook)]
    return "\n".join(lines)


def corpus_counts(scored: pd.DataFrame, codebook: Codebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per target (``target``, ``statements`` addressing it, ``support``, ``neutral``,
    ``oppose``) and per codebook actor (``actor_id``, ``name``, ``statements`` resolved to
    it), from a scored statements table made with ``codebook``."""
    targets = []
    for target in codebook.target_ids:
        stance = pd.to_numeric(scored[f"stance_{target}"], errors="coerce").dropna()
        sides = stance.map(side).value_counts()
        targets.append({"target": target, "statements": len(stance),
                        **{s: int(sides.get(s, 0)) for s in ("support", "neutral", "oppose")}})
    said = scored["speaker"].fillna("").astype(str).value_counts()
    actors = pd.DataFrame({"actor_id": codebook.actors["actor_id"], "name": codebook.actors["name"],
                           "statements": [int(said.get(name, 0)) for name in codebook.actors["name"]]})
    return pd.DataFrame(targets, columns=["target", "statements", "support", "neutral", "oppose"]), actors


def check_codebook(folder: Path, corpus: Path | None = None, jobs: int | None = None) -> str:
    """Validate the codebook in ``folder`` (raises CodebookError) and describe it; with
    ``corpus``, also run the pipeline over it with this codebook and count statements per
    target and per actor, and list the most frequent speakers the codebook does not name."""
    codebook = load_codebook(folder)
    report = [describe_codebook(codebook)]
    if corpus is None:
        return report[0]
    with tempfile.TemporaryDirectory() as scratch:
        summary = run_corpus(Path(corpus), Path(scratch), jobs=jobs, codebook=Path(folder))
        scored = read_table(Path(scratch) / "scored_statements.csv")
    targets, actors = corpus_counts(scored, codebook)
    others = scored.loc[~scored["speaker"].isin(codebook.actors["name"]), "speaker"].dropna()
    report += [f"\ncorpus {corpus}: {summary.articles} article(s), {summary.statements} statement(s), "
               f"{summary.failures} failure(s)",
               "\nstatements addressing each target (0: the target never fires; widen its terms):",
               targets.to_string(index=False),
               "\nstatements resolved to each codebook actor (0: no alias matched):",
               actors.to_string(index=False) if len(actors) else "  (no actors in actors.csv)",
               "\nmost quoted speakers not in actors.csv (candidates for new actors or aliases):",
               others.value_counts().head(10).rename_axis("speaker").rename("statements").to_string()
               if len(others) else "  (none)"]
    return "\n".join(report)
