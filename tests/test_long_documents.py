"""Long documents: the per-article time budget of a run (analysis/budget.py, --article-timeout),
speaker resolution over thousands of statements in one paragraph, and the indexed lookups of
speaker resolution against the scans they replaced. Nothing here is timed: the cost is
measured by benchmarks/scaling.py."""
from __future__ import annotations

import filecmp
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.actors import _compatible, _Document, _Pool, _Spans, _Surnames
from analysis.budget import OverBudget, time_budget
from analysis import pipeline
from analysis.cli import main
from analysis.ingest import MAX_SENTENCE_CHARS, split_sentences
from analysis.names import Actor, default_lexicon, surname_of
from analysis.pipeline import run_corpus
from analysis.attribution_patterns import quote_regions
from analysis.statements import MAX_UNIT_CHARS, _units, statement_records
from analysis.tables import read_table
from benchmarks.scaling import quotes


def test_a_budget_stops_work_that_runs_past_it_and_handlers_of_exception_do_not_swallow_it():
    started = time.perf_counter()
    with pytest.raises(OverBudget):
        with time_budget(0.2):
            while True:
                try:
                    sum(range(1000))
                except Exception:  # what a per-row handler does
                    pass
    assert 0.2 <= time.perf_counter() - started < 5


def test_a_budget_raises_again_when_its_exception_was_swallowed():
    swallowed = 0
    with pytest.raises(OverBudget):
        with time_budget(0.1):
            while True:
                try:
                    while True:
                        sum(range(1000))
                except OverBudget:  # lost once, as in a finaliser, which prints it and goes on
                    if swallowed:
                        raise
                    swallowed += 1
    assert swallowed == 1


def test_work_within_the_budget_is_untouched():
    with time_budget(0.2):
        value = sum(range(1000))
    time.sleep(0.4)  # a timer that fired late would raise here
    assert value == 499500
    with time_budget(0):
        time.sleep(0.01)


def test_twenty_thousand_quotes_in_one_paragraph_each_get_a_speaker():
    text = quotes(300_000)
    rows = statement_records(text)
    assert len(rows) == 20_000 == text.count(" said.")
    he = [row for row in rows if row["speaker_text"] == "he"]
    assert he and all(row["speaker"] in ("Li", "Wu", "Ng") for row in he if row["speaker"])
    # "he" is the nearest name before it, not only a name seen somewhere earlier
    named = [row for row in rows if row["speaker_text"] in ("Li", "Wu", "Ng")]
    for row in he[:200]:
        before = [n for n in named if n["speaker_start"] < row["speaker_start"]]
        assert row["speaker"] == (before[-1]["speaker"] if before else "")


def test_a_run_without_sentence_end_is_cut_at_spaces_into_bounded_sentences():
    text = "Officials said that " + "the plan and the budget, " * 4_000 + "end."
    spans = split_sentences(text)
    assert len(spans) > 1 and all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(text[end] == " " for _, end in spans[:-1])  # cut where a space is
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    rows = statement_records(text)
    assert rows and all(row["content_end"] - row["content_start"] <= MAX_SENTENCE_CHARS for row in rows)


def test_an_unclosed_quotation_does_not_join_a_long_paragraph_into_one_unit():
    text = "“The plan works. " + "It does. " * 5_000
    paragraphs = [(0, len(text))]
    sentences = [(0, index, start, end) for index, (start, end) in enumerate(split_sentences(text))]
    units = _units(sentences, quote_regions(text, paragraphs), paragraphs)
    assert len(units) > 1 and all(unit.end - unit.start <= MAX_UNIT_CHARS for unit in units)
    assert [unit.start for unit in units[1:]] == [
        next(start for _, _, start, end in sentences if end > unit.end) for unit in units[:-1]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir: Path) -> Path:
    """The seed, the transcript of tests/hostile and one paragraph of 2,000 quotations (made
    endless by the ``endless`` fixture where a test needs an article over budget)."""
    folder = tmp_path_factory.mktemp("long")
    for path in seeds_dir.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    shutil.copy(Path(__file__).resolve().parent / "hostile" / "transcript.txt", folder / "transcript.txt")
    (folder / "quotes.txt").write_text(quotes(30_000), encoding="utf-8")
    return folder


@pytest.fixture
def endless(monkeypatch) -> None:
    """The extraction of quotes.txt repeats for ever, so that it overruns a budget on a machine
    of any speed while real work (regular expressions, speaker resolution) is interrupted;
    worker processes forked by the run and Dask worker threads inherit the patch."""
    real = pipeline.statement_records

    def records(text, doc_id="doc", *args, **kwargs):
        while doc_id == "quotes":
            real(text, doc_id, *args, **kwargs)
        return real(text, doc_id, *args, **kwargs)

    monkeypatch.setattr(pipeline, "statement_records", records)


def test_an_article_over_budget_is_a_timeout_failure_and_the_run_goes_on(corpus: Path, tmp_path: Path, endless):
    summary = run_corpus(corpus, tmp_path / "serial", jobs=1, progress=False, article_timeout=2.0)
    size = (corpus / "quotes.txt").stat().st_size
    failures = read_table(tmp_path / "serial" / "failures.csv")
    assert list(failures.itertuples(index=False, name=None)) == [
        ("quotes.txt", "timeout", f"stopped after 2 s ({size:,} bytes): split the file, or raise --article-timeout")]
    assert (summary.articles, summary.failures) == (len(list(corpus.glob("*.txt"))) - 1, 1)
    # the other articles' rows are those of a run without the long file
    without = tmp_path / "without"
    shutil.copytree(corpus, without, ignore=shutil.ignore_patterns("quotes.txt"))
    run_corpus(without, tmp_path / "alone", jobs=1, progress=False)
    statements = read_table(tmp_path / "serial" / "statements.csv")
    assert statements.equals(read_table(tmp_path / "alone" / "statements.csv"))
    assert "transcript" in set(statements["doc_id"])
    # worker processes behave the same (the Dask path shares process_chunk with them)
    run_corpus(corpus, tmp_path / "parallel", jobs=2, progress=False, article_timeout=2.0)
    names = sorted(p.name for p in (tmp_path / "serial").iterdir())
    assert filecmp.cmpfiles(tmp_path / "serial", tmp_path / "parallel", names, shallow=False)[1:] == ([], [])


def test_cli_article_timeout(corpus: Path, tmp_path: Path, capsys, endless):
    assert main(["run", str(corpus), "--out", str(tmp_path / "out"), "--jobs", "1", "--article-timeout", "2"]) == 1
    assert "skipped quotes.txt (timeout): stopped after 2 s" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["run", str(corpus), "--out", str(tmp_path / "out"), "--article-timeout", "-1"])


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_dask_workers_stop_an_article_over_budget_alike(corpus: Path, tmp_path: Path, endless):
    distributed = pytest.importorskip("dask.distributed")
    run_corpus(corpus, tmp_path / "serial", jobs=1, progress=False, article_timeout=2.0)
    # One thread: a second thread would share the GIL with the endless article and could
    # push an ordinary one past its budget on a loaded machine.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        run_corpus(corpus, tmp_path / "dask", scheduler=cluster.scheduler_address, progress=False,
                   article_timeout=2.0)
    names = sorted(p.name for p in (tmp_path / "serial").iterdir())
    assert filecmp.cmpfiles(tmp_path / "serial", tmp_path / "dask", names, shallow=False)[1:] == ([], [])


# The indexed lookups of speaker resolution against the scans they replaced, on random pools.
GENDERS = ("", "male", "female")
TYPES = ("person", "anonymous_person", "anonymous_group", "organization", "unknown")
NAMES = ("Ann Lee", "Bo Lee", "Lee", "Cy Wu", "Wu", "Acme Corp")


@st.composite
def actor_lists(draw) -> list[Actor]:
    positions = sorted(draw(st.lists(st.integers(0, 60), min_size=0, max_size=25)))
    return [Actor(draw(st.sampled_from(NAMES)), draw(st.sampled_from(TYPES)), draw(st.sampled_from(("US", "unknown"))),
                  frozenset(draw(st.sets(st.sampled_from(("official", "minister")), max_size=2))), position,
                  draw(st.booleans()), draw(st.sampled_from(GENDERS))) for position in positions]


def _doc(genders: dict) -> _Document:
    spans = _Spans.of([])
    return _Document("", default_lexicon(), spans, spans, set(), spans, genders=genders)


@settings(max_examples=150, deadline=None)
@given(actors=actor_lists(), anchor=st.integers(0, 70), gender=st.sampled_from(("male", "female")),
       known=st.dictionaries(st.sampled_from(NAMES), st.sampled_from(("male", "female")), max_size=3))
def test_pool_lookups_equal_the_scans_they_replace(actors, anchor, gender, known):
    doc, pool = _doc(known), _Pool.of("speaker", actors)
    earlier = [a for a in actors if a.position < anchor]
    assert pool.latest(anchor) is (earlier[-1] if earlier else None)
    for types in (("person", "anonymous_person"), ("organization",)):
        having = [a for a in earlier if a.actor_type in types]
        index = pool.nearest_of(types, anchor)
        assert (pool.actors[index] if index >= 0 else None) is (max(having, key=lambda a: a.position) if having else None)
    for wanted, roles, named in (({"official"}, set(), ()), ({"official", "minister"}, {"minister"}, ()),
                                 ({"minister"}, {"official"}, ("Lee",))):
        fitting = [a for a in earlier if wanted & a.heads and all(n in a.name for n in named)]
        expected = max(fitting, key=lambda a: (len(roles & a.heads), a.position)) if fitting else None
        # asked first at an earlier anchor, as resolution does, then again
        pool.described(frozenset(wanted), frozenset(roles), named, anchor // 2, doc)
        index = pool.described(frozenset(wanted), frozenset(roles), named, anchor, doc)
        assert (pool.actors[index] if index >= 0 else None) is expected
    for wanted, wanted_gender in (("person", gender), ("group", ""), ("organization", "")):
        fitting = [a for a in earlier if _compatible(a, wanted, wanted_gender, doc)]
        index = pool.nearest_compatible(wanted, wanted_gender, anchor, doc)
        assert (pool.actors[index] if index >= 0 else None) is (
            max(fitting, key=lambda a: a.position) if fitting else None)
    assert pool.names_other("Lee", "Ann Lee", anchor) == any(
        a.actor_type == "person" and surname_of(a.name) == "Lee" and a.name != "Ann Lee" for a in earlier)
    for lone in (Actor("Lee", "person", "unknown", position=anchor, gender=gender),
                 Actor("Wu", "person", "unknown", position=anchor)):
        expected = [a for a in earlier if a.actor_type == "person" and surname_of(a.name) == lone.name
                    and a.name != lone.name and not (lone.gender and doc.gender(a) and doc.gender(a) != lone.gender)]
        counts = Counter(a.name for a in expected)
        assert _Surnames(actors).full_name(lone, doc) is (
            max(expected, key=lambda a: (counts[a.name], a.position)) if expected else None)
    # a first name alone is the one person named before whose name starts with it
    firsts = [a for a in earlier if a.actor_type == "person" and a.name.split()[0] == "Ann" and len(a.name.split()) > 1]
    first = Actor("Ann", "person", "unknown", position=anchor)
    assert _Surnames(actors).full_name(first, doc) is (max(firsts, key=lambda a: a.position) if firsts else None)
    assert _Surnames(actors).full_name(first, doc, first_names=False) is None
