"""The attributed-statement extractor on the seed article, on one sentence per
construction it claims to handle, and on malformed input."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis import attribution_patterns as ap
from analysis.codebook import DEFAULT_DIR, SCHEMAS, read_table
from analysis.ingest import body_sentences, segment
from analysis.statements import COLUMNS, extract_statements, statement_records

SEED = "000_d1a2afb279564811"
# A body paragraph before the sentence under test, so that the sentence is never taken
# for a headline by the segmenter.
LEAD = "Ministers met in Brussels on Monday to discuss the alliance budget for next year.\n\n"


@pytest.fixture(scope="module")
def seed_text(seeds_dir) -> str:
    return (seeds_dir / f"{SEED}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text) -> pd.DataFrame:
    return extract_statements(seed_text, SEED)


def _offsets_hold(text: str, frame: pd.DataFrame) -> None:
    for row in frame.itertuples():
        assert text[row.content_start:row.content_end] == row.content
        assert text[row.cue_start:row.cue_end] == row.cue
        if row.speaker_start >= 0:
            assert text[row.speaker_start:row.speaker_end] == row.speaker_text
        else:
            assert row.speaker_end == -1 and row.speaker_text == ""
        assert row.statement_id == f"{row.doc_id}:{row.content_start}-{row.content_end}"


def _one(sentence: str) -> pd.Series:
    """The single statement found in ``sentence`` (placed after a lead paragraph)."""
    frame = extract_statements(LEAD + sentence, "t")
    _offsets_hold(LEAD + sentence, frame)
    assert len(frame) == 1, frame[["cue", "speaker_text", "content"]]
    return frame.iloc[0]


def _row(frame: pd.DataFrame, content_start: str) -> pd.Series:
    rows = frame[frame["content"].str.startswith(content_start)]
    assert len(rows) == 1, (content_start, frame["content"].tolist())
    return rows.iloc[0]


# --- the seed article ------------------------------------------------------------------

def test_seed_columns_offsets_and_ids(seed_text, seed):
    assert list(seed.columns) == COLUMNS
    assert len(seed) == 17
    assert seed["statement_id"].is_unique
    _offsets_hold(seed_text, seed)
    assert seed["paragraph"].is_monotonic_increasing


def test_seed_reported_speech_with_title_and_that_clause(seed):
    row = _row(seed, "that a 2027 deadline was not realistic")
    assert (row.kind, row.cue, row.speaker_text) == ("indirect", "said", "Several European officials")
    assert row.content.endswith("in the short term")
    row = _row(seed, "it was “obvious” NATO allies")
    assert (row.kind, row.speaker_text) == ("mixed", "U.S. Deputy Secretary of State Christopher Landau")
    assert (row.speaker_start, row.speaker_end, row.content_end) == (4431, 4480, 4562)


def test_seed_quote_before_attribution(seed):
    row = _row(seed, "“Successive US Administrations")
    assert (row.kind, row.cue, row.speaker_text) == ("direct", "wrote", "Landau")
    assert row.content.endswith("means what it says,”")
    row = _row(seed, "“Allies have recognized")
    assert (row.kind, row.speaker_text) == ("mixed", "the official")
    assert row.content.endswith("from the U.S. to Europe")


def test_seed_content_first_with_addressee(seed):
    row = _row(seed, "The United States wants Europe")
    assert (row.cue, row.speaker_text, row.channel) == ("told", "Pentagon officials", "")
    assert row.content.endswith("by 2027")


def test_seed_nested_attribution_records_the_relay(seed):
    row = _row(seed, "that if Europe does not meet the 2027 deadline")
    assert (row.cue, row.speaker_text, row.channel) == ("told", "The U.S. officials", "the sources")
    assert row.content.endswith("coordination mechanisms")
    assert not (seed["speaker_text"] == "the sources").any()


def test_seed_anonymous_sources_keep_their_whole_phrase(seed):
    assert _row(seed, "Some officials on Capitol Hill").speaker_text == "one U.S. official"
    assert _row(seed, "European allies had begun").speaker_text == "a NATO official speaking for the alliance"
    assert _row(seed, "even that deadline").speaker_text == "Officials and analysts"


def test_seed_speech_acts_pronouns_and_nominal_cues(seed):
    assert tuple(_row(seed, "Europe to buy more")[["cue", "speaker_text"]]) == ("encouraged", "U.S. officials")
    assert tuple(_row(seed, "he would encourage Russian")[["cue", "speaker_text"]]) == ("said", "he")
    assert tuple(_row(seed, "European leaders for agreeing")[["cue", "speaker_text"]]) == ("praised", "Trump")
    assert tuple(_row(seed, "that they were largely cut out")[["cue", "speaker_text"]]) == (
        "complained", "European officials")
    row = _row(seed, "they take more responsibility")
    assert (row.cue, row.speaker_text, row.content) == (
        "demand", "U.S. President Donald Trump", "they take more responsibility for their own security")
    row = _row(seed, "it must fill gaps")
    assert (row.cue, row.speaker_text) == ("says", "The European Union")


def test_seed_non_responses_and_writer_asides_are_cut(seed):
    assert _row(seed, "European allies had begun").content.endswith("the continent’s security")
    assert _row(seed, "that European allies need to contribute").content.endswith("the NATO alliance")
    joined = " ".join(seed["content"])
    for phrase in ("respond to requests", "did not comment", "did not explain", "recounted by",
                   "bashed", "Brought to you"):
        assert phrase not in joined
    assert not seed["cue"].isin(["explain", "respond", "recounted"]).any()


def test_seed_journalists_and_mentioned_people_are_not_speakers(seed):
    speakers = " ".join(seed["speaker_text"])
    for name in ("Slattery", "Pamuk", "Stewart", "Gray", "Durfee", "Osterman", "Putin"):
        assert name not in speakers
    assert (seed["content_start"] > 64).all()  # nothing from byline or dateline


# --- one construction per sentence -----------------------------------------------------

@pytest.mark.parametrize("sentence, kind, cue, speaker, content", [
    ("Smith said the plan would fail.", "indirect", "said", "Smith", "the plan would fail"),
    ("“We will not pay,” Landau wrote on X.", "direct", "wrote", "Landau", "“We will not pay,”"),
    ('"We will not pay," Landau wrote on X.', "direct", "wrote", "Landau", '"We will not pay,"'),
    ('The minister said: "We will not pay."', "direct", "said", "The minister", '"We will not pay."'),
    ("Officials said on Friday that talks would resume.", "indirect", "said", "Officials",
     "that talks would resume"),
    ("Smith told reporters that the plan was dead.", "indirect", "told", "Smith", "that the plan was dead"),
    ("The talks had stalled, according to two diplomats.", "indirect", "according to", "two diplomats",
     "The talks had stalled"),
    ("According to the ministry, 40 people were hurt.", "indirect", "According to", "the ministry",
     "40 people were hurt"),
    ("The plan is dead, said Smith.", "indirect", "said", "Smith", "The plan is dead"),
    ("The plan is dead, said the official, who asked not to be named.", "indirect", "said", "the official",
     "The plan is dead"),
    ("Smith, a spokesman for the ministry, said the talks were over.", "indirect", "said",
     "Smith, a spokesman for the ministry", "the talks were over"),
    ("She warned that prices would rise.", "indirect", "warned", "She", "that prices would rise"),
    ("He urged Europe to spend more.", "indirect", "urged", "He", "Europe to spend more"),
    ("The minister has repeatedly argued that the budget is too small.", "indirect", "argued", "The minister",
     "that the budget is too small"),
    ("Five sources familiar with the discussion said the deadline was unrealistic.", "indirect", "said",
     "Five sources familiar with the discussion", "the deadline was unrealistic"),
    ("A U.S. official indicated that Washington was not satisfied.", "indirect", "indicated", "A U.S. official",
     "that Washington was not satisfied"),
    ("The senator tweeted that the vote was rigged.", "indirect", "tweeted", "The senator",
     "that the vote was rigged"),
    ("Merkel praised the allies for their spending.", "indirect", "praised", "Merkel",
     "the allies for their spending"),
])
def test_construction(sentence, kind, cue, speaker, content):
    row = _one(sentence)
    assert (row.kind, row.cue, row.speaker_text, row.content) == (kind, cue, speaker, content)


def test_split_quote_is_one_direct_statement():
    row = _one('"A deal is close," he said, "but not done."')
    assert (row.kind, row.speaker_text) == ("direct", "he")
    assert row.content == '"A deal is close," he said, "but not done."'


def test_quote_running_over_paragraphs():
    text = LEAD + "“We are ready to pay more.\n\n“But we want a say in how it is spent,” she said."
    row = extract_statements(text).iloc[0]
    assert row.content.startswith("“We are ready") and row.content.endswith("is spent,”")
    assert (row.kind, row.speaker_text) == ("direct", "she")


def test_quote_continued_in_next_sentence():
    row = _one("“It is over,” he said. “We lost.”")
    assert (row.kind, row.content) == ("direct", "“It is over,” he said. “We lost.”")


def test_speaker_named_then_referred_to():
    text = LEAD + "Smith, the defense minister, said the budget would grow.\n\nThe minister said it would double."
    frame = extract_statements(text)
    assert list(frame["speaker_text"]) == ["Smith, the defense minister", "The minister"]


def test_quote_opening_a_paragraph_after_a_colon():
    frame = extract_statements(LEAD + "The minister said:\n\n“We will pay.”")
    assert (frame.iloc[0].content, frame.iloc[0].speaker_text) == ("“We will pay.”", "The minister")


def test_coordinated_and_participle_cues_share_the_speaker():
    frame = extract_statements(LEAD + "Merkel said the plan was sound and warned that delays would cost money.")
    assert list(zip(frame["cue"], frame["speaker_text"], frame["content"])) == [
        ("said", "Merkel", "the plan was sound"), ("warned", "Merkel", "that delays would cost money")]
    frame = extract_statements(LEAD + "“We are ready,” Smith said, adding that the money was in place.")
    assert list(zip(frame["cue"], frame["speaker_text"])) == [("said", "Smith"), ("adding", "Smith")]


def test_parenthetical_attribution_covers_the_whole_sentence():
    row = _one("The museum, Mr. Obama said, would make visitors face uncomfortable truths.")
    assert (row.speaker_text, row.content) == (
        "Mr. Obama", "The museum, Mr. Obama said, would make visitors face uncomfortable truths")


def test_dash_attribution_and_transcript_turns():
    row = _one("“He is not fit to lead.” ― Jane Doe")
    assert (row.cue, row.speaker_text, row.content) == ("―", "Jane Doe", "“He is not fit to lead.”")
    row = _one("WALLACE: Will she be at the debate tonight?")
    assert (row.cue, row.speaker_text, row.content) == (":", "WALLACE", "Will she be at the debate tonight?")


def test_people_mentioned_inside_a_statement_are_not_speakers():
    row = _one("Trump said Putin wanted peace.")
    assert (row.speaker_text, row.content) == ("Trump", "Putin wanted peace")


@pytest.mark.parametrize("sentence", [
    "The White House did not immediately respond to a request for comment.",
    "The ministry declined to comment.",
    "The officials did not explain how progress would be measured.",
    "The minister did not say whether talks would resume.",
    "The minister declined to say whether talks would resume.",
    "The envoy was asked about the deadline.",
    "It goes without saying that the plan is costly.",
    "The message, recounted by five sources, was clear.",
    "His claims were dismissed.",
    "Nobody arrived on time for the meeting.",
])
def test_not_statements(sentence):
    assert extract_statements(LEAD + sentence).empty


def test_byline_and_credits_never_yield_statements_but_a_headline_does():
    text = ("Minister says budget will double\n\nBy Jane Doe\n\n"
            "BRUSSELS (Reuters) - The alliance met on Monday.\n\nSmith said the talks failed.\n\n"
            "(Reporting by Jane Doe; Editing by John Roe)")
    frame = extract_statements(text)
    assert list(frame["content"]) == ["budget will double", "the talks failed"]
    assert list(frame["paragraph"]) == [-1, 1] and list(frame["speaker_text"]) == ["Minister", "Smith"]


# --- bad input -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "", "   \n\n  ", "no statements here at all.", '"Unbalanced quote said Smith.',
    "“Nobody knows who said this.”", 'He said “nested ‘inner’ “double” quote” was fine.',
    "\x00\x01 said \x02", "said", "“”", '"', "” ” said “ “", "said said said, said.",
    LEAD + "“Never closed, she said.\n\nNext paragraph said nothing.",
])
def test_never_raises_and_keeps_offsets(text):
    frame = extract_statements(text, "bad")
    assert list(frame.columns) == COLUMNS
    _offsets_hold(text, frame)
    assert (frame["content"].str.len() > 0).all()


PIECES = ["said", "says", "told", "Smith", "the official", ",", ".", "“", "”", '"', "''", "\n\n", "according to",
          "―", ":", "that", "he", "warned", "and", "adding", "who", "WALLACE:", "Mr.", "R.", " ", "\x00", "did not",
          "was", "asked", "called", "a", "‘", "—", "By Jane Doe", "(Reporting by X)"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join))
def test_any_mix_of_attribution_pieces_keeps_offsets(text):
    frame = extract_statements(text, "fuzz")
    assert list(frame.columns) == COLUMNS
    _offsets_hold(text, frame)
    assert (frame["content"].str.len() > 0).all()


def test_records_are_the_frame_rows_as_plain_values(seed_text, seed):
    records = statement_records(seed_text, SEED)
    assert len(records) == len(seed) > 10
    assert records == seed.to_dict("records")
    assert all(list(row) == COLUMNS for row in records)
    offsets = ("content_start", "cue_end", "speaker_start", "sentence")
    assert all(type(row[c]) is int for row in records for c in offsets)
    assert all(type(row[c]) is str for row in records for c in ("content", "speaker", "speaker_evidence", "channel"))
    assert [row["content_start"] for row in records] == sorted(row["content_start"] for row in records)
    # the caller's segmentation gives the same rows as segmenting here
    blocks = segment(seed_text)
    assert statement_records(seed_text, SEED, blocks=blocks) == records
    assert statement_records(seed_text, SEED, blocks=blocks, sentences=body_sentences(seed_text, blocks)) == records


def test_records_of_a_text_without_statements():
    assert statement_records("") == []
    assert statement_records(LEAD + "The budget rose by two percent.", "t") == []


def test_empty_result_has_all_columns():
    frame = extract_statements("")
    assert frame.empty and list(frame.columns) == COLUMNS


def test_non_string_input_is_a_clear_error():
    with pytest.raises(TypeError, match="expects a str"):
        extract_statements(None)  # type: ignore[arg-type]


def test_cues_come_from_the_codebook(tmp_path):
    cues = read_table(DEFAULT_DIR / "cues.csv", SCHEMAS["cues.csv"])

    class Only:  # a codebook-like object holding only the cue table
        pass

    only_said = Only()
    only_said.cues = cues[cues["cue"].str.startswith("said")]
    text = LEAD + "Smith said the talks failed.\n\nJones warned that prices would rise."
    assert set(extract_statements(text, codebook=only_said)["cue"]) == {"said"}
    assert set(extract_statements(text)["cue"]) == {"said", "warned"}


_CUE_WORDS = st.lists(st.text(alphabet="abs o", min_size=0, max_size=4), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(words=_CUE_WORDS, text=st.text(alphabet="abs o-.", max_size=40))
@example(words=["s a", "s", "s o"], text="s o")  # "s" is tried before "s o", as written
def test_factored_cue_words_match_like_the_plain_alternation(words, text):
    """Gathering cue words by first letter (the prefix matched once) finds the same cues,
    in the same places, as trying the words one by one in their order."""
    plain = re.compile(r"(?<![\w’'-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")
    factored = re.compile(r"(?<![\w’'-])(?:" + ap._factored(words) + r")(?![\w-])")
    assert [m.span() for m in factored.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_cue_scan_finds_the_cues_of_the_named_pattern(seed_text):
    cues = ap.default_cues()
    text = seed_text + " It was called on, she said and says: he calls for it, according to them ― claims"
    assert cues.scan is not cues.pattern
    assert ([(m.span(), m.lastgroup) for m in cues.finditer(text, 0, len(text))]
            == [(m.span(), m.lastgroup) for m in cues.pattern.finditer(text)])


@pytest.mark.parametrize("text, content, speaker", [
    ("Ostrova: Talks with the rebels will resume in May\n\n"
     "Lena Ostrova, the foreign minister, said in Vienna that the ceasefire held.",
     "Talks with the rebels will resume in May", "Ostrova"),
    ("Port workers' union says strike will last a week\n\nThe union met on Sunday in the harbour hall.",
     "strike will last a week", "Port workers' union"),
])
def test_a_headline_names_its_speaker(text, content, speaker):
    rows = extract_statements(text)
    assert list(rows["paragraph"]).count(-1) == 1
    assert rows.iloc[0]["content"] == content and rows.iloc[0]["speaker_text"] == speaker


@pytest.mark.parametrize("text", [
    "Analysis: Talks with the rebels will resume in May\n\nLena Ostrova said in Vienna that the ceasefire held.",
    "The Latest: Talks with the rebels will resume in May\n\nLena Ostrova said in Vienna that the ceasefire held.",
    "Vienna: Talks with the rebels will resume in May\n\nLena Ostrova said in Vienna that the ceasefire held.",
])
def test_a_headline_label_before_a_colon_is_no_speaker(text):
    assert list(extract_statements(text)["paragraph"]) == [0]
