"""Load and validate the codebook: the data a researcher edits, never code.

The codebook is a folder of CSV files (default: ``analysis/codebook/``):

``blocs.csv``
    ``bloc`` (id such as ``US``), ``label``, ``nationality_terms`` (``;``-separated
    words that place an unknown speaker in the bloc: "European", "German").
``actors.csv``
    ``actor_id``, ``name``, ``type`` (one of :data:`ACTOR_TYPES`), ``bloc`` (a bloc id),
    ``aliases`` (``;``-separated surface forms, matched case-insensitively on word
    boundaries).
``cues.csv``
    ``cue`` (a reporting verb or phrase: one regular expression, its forms joined by ``|``),
    ``kind`` (``speech`` or ``belief``), ``stance`` (the stance the verb itself carries,
    -1..1), ``complement`` (optional regular expression the content must start with, e.g.
    "praised X *for* ..."; without it a bare noun-phrase object is no statement).
    ``doubts`` (optional): ``yes`` for a verb that puts its complement in doubt ("questioned
    whether", "denied that"): the stance of what it reports is reversed.
``targets.csv``
    ``target_id`` (it names the ``stance_<target_id>`` columns, so it may not end in one of
    :data:`STANCE_SUFFIXES`), ``proposition`` (one sentence), ``terms`` (``;``-separated regular
    expressions that make a statement relevant to the target), and optionally what the
    proposition is about, as ``;``-separated regular expressions: ``actors`` (who should
    act: "Europe", "the continent"), ``domain`` ("defen[cs]e", "troops") and ``acts``
    ("take over", "step up"). A statement then also addresses the target when every facet
    the row fills in occurs in it and one clause holds an act with the actor or the domain
    (:mod:`analysis.stance`). ``acts`` goes with at least one of the other two; a codebook
    whose targets.csv lacks these columns loads as before.
``stance_lexicon.csv``
    ``term`` (regular expression), ``role`` (one of :data:`LEXICON_ROLES`), ``weight``
    (-1..1), ``target`` (a target id, or empty for every target). A ``claim`` is a fact the
    proposition rests on ("rising", "is real"): stating it is no stance, and its weight is
    the stance of denying it ("the sea is not rising"). A ``referent`` is a noun that after
    "this/that/the" refers to a target of the previous sentence ("that deadline"; weight unused).

Every problem is reported as :class:`CodebookError` naming the file, the line and the
fix, so that an edit that breaks the codebook is caught on load, not mid-corpus.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Callable

import pandas as pd

DEFAULT_DIR = Path(__file__).parent / "codebook"

ACTOR_TYPES = ("person", "organization", "anonymous_person", "anonymous_group", "unknown")
CUE_KINDS = ("speech", "belief")
LEXICON_ROLES = ("support", "oppose", "claim", "negator", "hedge", "booster", "referent")
# Endings of the columns beside ``stance_<target_id>`` (its evidence; with a learned model its
# source and confidence): a target id ending so would be taken for one of them.
STANCE_SUFFIXES = ("_evidence", "_source", "_confidence")
PER_CODEBOOK_ENTRIES = 8  # codebooks whose compiled form is kept (the ablation makes a few)


class CodebookError(ValueError):
    """A codebook file that cannot be used; the message names file, line and fix."""


def _error(path: Path, line: int | None, problem: str, fix: str) -> CodebookError:
    where = f"{path}, line {line}" if line is not None else str(path)
    return CodebookError(f"{where}: {problem}. Fix: {fix}")


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = True
    check: Callable[[str], str | None] | None = None  # returns a problem, or None
    in_header: bool = True  # False: a file without the column reads as if every cell were empty


def _single_regex(value: str) -> str | None:
    try:
        re.compile(value)
    except re.error as exc:
        return f"'{value}' is not a valid regular expression ({exc})"
    return None


def _regex(value: str) -> str | None:
    return next(filter(None, map(_single_regex, split_terms(value))), None)


def _number_in_unit_range(value: str) -> str | None:
    try:
        number = float(value)
    except ValueError:
        return f"'{value}' is not a number"
    return None if -1.0 <= number <= 1.0 else f"{number} is outside -1..1"


def _target_id(value: str) -> str | None:
    if value.endswith(STANCE_SUFFIXES):
        return (f"'{value}' ends like a column beside a stance column ({', '.join(STANCE_SUFFIXES)}), "
                "so its stance column would be misread")
    return None


def _one_of(choices: tuple[str, ...]) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        return None if value in choices else f"'{value}' is not one of {', '.join(choices)}"
    return check


SCHEMAS: dict[str, tuple[Column, ...]] = {
    "blocs.csv": (Column("bloc"), Column("label"), Column("nationality_terms", required=False)),
    "actors.csv": (
        Column("actor_id"),
        Column("name"),
        Column("type", check=_one_of(ACTOR_TYPES)),
        Column("bloc"),
        Column("aliases", required=False),
    ),
    "cues.csv": (
        Column("cue", check=_single_regex),
        Column("kind", check=_one_of(CUE_KINDS)),
        Column("stance", check=_number_in_unit_range),
        Column("complement", required=False, check=_single_regex),
        Column("doubts", required=False, check=_one_of(("yes",)), in_header=False),
    ),
    "targets.csv": (
        Column("target_id", check=_target_id),
        Column("proposition"),
        Column("terms", check=_regex),
        *(Column(facet, required=False, check=_regex, in_header=False) for facet in ("actors", "domain", "acts")),
    ),
    "stance_lexicon.csv": (
        Column("term", check=_regex),
        Column("role", check=_one_of(LEXICON_ROLES)),
        Column("weight", check=_number_in_unit_range),
        Column("target", required=False),
    ),
}

KEYS = {"blocs.csv": "bloc", "actors.csv": "actor_id", "targets.csv": "target_id"}


def read_table(path: Path, columns: tuple[Column, ...]) -> pd.DataFrame:
    """Read one codebook CSV, checking header, required cells and cell formats.

    Returns a DataFrame of strings with a ``line`` column (the 1-based line in the file)
    so that later checks can point at the row.
    """
    path = Path(path)
    if not path.is_file():
        raise _error(path, None, "file not found", "restore it from the repository or point to another codebook folder")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except UnicodeDecodeError as exc:
        raise _error(path, None, f"not UTF-8 text ({exc.reason})", "save the file as UTF-8 CSV") from exc
    if not rows:
        raise _error(path, 1, "the file is empty", f"add the header line: {','.join(c.name for c in columns)}")
    header = [h.strip() for h in rows[0]]
    missing = [c.name for c in columns if c.in_header and c.name not in header]
    if missing:
        raise _error(path, 1, f"header lacks column(s) {', '.join(missing)}",
                     f"the header must name: {','.join(c.name for c in columns)}")
    records = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) != len(header):
            raise _error(path, line, f"{len(row)} cells where the header has {len(header)}",
                         "quote cells that contain commas, and give every column a cell")
        record = {c.name: "" for c in columns} | {name: cell.strip() for name, cell in zip(header, row)}
        for column in columns:
            value = record[column.name]
            if column.required and not value:
                raise _error(path, line, f"column '{column.name}' is empty", f"fill in '{column.name}'")
            problem = column.check(value) if column.check and value else None
            if problem:
                raise _error(path, line, f"column '{column.name}': {problem}", f"correct '{column.name}'")
        record["line"] = line
        records.append(record)
    absent = [c.name for c in columns if c.name not in header]
    return pd.DataFrame(records, columns=[*header, *absent, "line"])


@dataclass(frozen=True)
class Codebook:
    """The validated codebook tables, one DataFrame per file."""

    folder: Path
    blocs: pd.DataFrame
    actors: pd.DataFrame
    cues: pd.DataFrame
    targets: pd.DataFrame
    stance_lexicon: pd.DataFrame

    @property
    def target_ids(self) -> list[str]:
        return list(self.targets["target_id"])


def check_unique(path: Path, table: pd.DataFrame, key: str) -> None:
    """Raise :class:`CodebookError` at the second row whose ``key`` repeats an earlier one."""
    seen: dict[str, int] = {}
    for value, line in zip(table[key], table["line"]):
        if value in seen:
            raise _error(path, line, f"duplicate {key} '{value}' (first on line {seen[value]})",
                         f"give each row its own {key}, or merge the two rows")
        seen[value] = line


def check_reference(path: Path, table: pd.DataFrame, column: str, allowed: set[str], what: str) -> None:
    """Raise :class:`CodebookError` at the first row whose ``column`` names no ``allowed`` id."""
    for value, line in zip(table[column], table["line"]):
        if value and value not in allowed:
            raise _error(path, line, f"unknown {what} '{value}' in column '{column}'",
                         f"use one of {', '.join(sorted(allowed))}, or add '{value}' to the {what} file")


def check_facets(path: Path, targets: pd.DataFrame) -> None:
    """Raise :class:`CodebookError` at the first target whose facets cannot address it: acts
    without actors or domain, or actors or domain without acts."""
    for row in targets.itertuples():
        if (row.actors or row.domain) and not row.acts:
            raise _error(path, row.line, f"target '{row.target_id}' has actors or domain but no acts",
                         "fill in 'acts' (what the actor should do), or empty 'actors' and 'domain'")
        if row.acts and not (row.actors or row.domain):
            raise _error(path, row.line, f"target '{row.target_id}' has acts but neither actors nor domain",
                         "fill in 'actors' or 'domain', or empty 'acts'")


def load_codebook(folder: str | Path | None = None) -> Codebook:
    """Load every codebook file from ``folder`` (default: the packaged codebook) and
    check cross-references: unique ids, actors' blocs and lexicon targets that exist."""
    folder = Path(folder) if folder is not None else DEFAULT_DIR
    tables = {name: read_table(folder / name, columns) for name, columns in SCHEMAS.items()}
    for name, key in KEYS.items():
        check_unique(folder / name, tables[name], key)
    check_facets(folder / "targets.csv", tables["targets.csv"])
    blocs = set(tables["blocs.csv"]["bloc"]) | {"unknown"}
    check_reference(folder / "actors.csv", tables["actors.csv"], "bloc", blocs, "bloc")
    check_reference(folder / "stance_lexicon.csv", tables["stance_lexicon.csv"], "target",
                     set(tables["targets.csv"]["target_id"]), "target")
    return Codebook(
        folder=folder,
        blocs=tables["blocs.csv"],
        actors=tables["actors.csv"],
        cues=tables["cues.csv"],
        targets=tables["targets.csv"],
        stance_lexicon=tables["stance_lexicon.csv"],
    )


def split_terms(cell: str) -> list[str]:
    """The ``;``-separated entries of a codebook cell, stripped, empties dropped.

    ``;`` rather than ``|`` separates entries so that a regular expression may use
    alternation inside one entry."""
    return [part.strip() for part in cell.split(";") if part.strip()] if cell else []


def per_codebook(build: Callable[[Codebook], object]) -> Callable[[Codebook], object]:
    """``build(codebook)`` memoised per codebook object, so that a corpus run compiles a
    researcher's codebook once per process rather than once per article. A loaded codebook
    is treated as read-only; :func:`dataclasses.replace` makes a new object, hence a new entry."""
    cache: dict[int, tuple[Codebook, object]] = {}

    @wraps(build)
    def cached(codebook: Codebook):
        hit = cache.get(id(codebook))
        if hit is None or hit[0] is not codebook:
            if len(cache) >= PER_CODEBOOK_ENTRIES:
                cache.pop(next(iter(cache)))
            hit = cache[id(codebook)] = (codebook, build(codebook))  # the codebook is kept so its id stays its own
        return hit[1]
    return cached
