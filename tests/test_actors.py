"""Speaker resolution rules on small texts, each checked with the evidence that decided it."""
from __future__ import annotations

import math
import re
import shutil

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.actors import actor_table, anonymous_share, resolve_records, resolve_speakers
from analysis.names import _boundary, _terms, actor_codebook
from analysis.codebook import ACTOR_TYPES, DEFAULT_DIR


def statements(text: str, *items: tuple[str, str]) -> pd.DataFrame:
    """A statements frame for ``text``: one row per (speaker phrase, content), each found
    after the previous row's content ("" speaker = implicit)."""
    rows, cursor = [], 0
    for speaker, content in items:
        c_start = text.index(content, cursor)
        if speaker:
            s_start = text.rfind(speaker, 0, c_start)
            if s_start < cursor:
                s_start = text.index(speaker, c_start + len(content))
        else:
            s_start = -1
        rows.append({"content": content, "content_start": c_start, "content_end": c_start + len(content),
                     "speaker_text": speaker, "speaker_start": s_start,
                     "speaker_end": s_start + len(speaker) if speaker else -1})
        cursor = max(c_start + len(content), s_start + len(speaker))
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def bare_codebook(tmp_path_factory):
    """The packaged codebook with no actors, so that only the grammatical rules act."""
    folder = tmp_path_factory.mktemp("codebook")
    shutil.copy(DEFAULT_DIR / "blocs.csv", folder / "blocs.csv")
    (folder / "actors.csv").write_text("actor_id,name,type,bloc,aliases\n", encoding="utf-8")
    return actor_codebook(folder)


def one(frame: pd.DataFrame, row: int = 0) -> dict:
    return frame.iloc[row][["speaker", "actor_type", "bloc", "speaker_evidence"]].to_dict()


def test_records_resolve_like_the_frame():
    text = ("Pentagon officials said the plan stands. Mr. Smith, a senator, said it was rushed. "
            "He added that talks go on.")
    frame = statements(text, ("Pentagon officials", "the plan stands"), ("Mr. Smith, a senator", "it was rushed"),
                       ("He", "talks go on"))
    records = frame.to_dict("records")
    resolved = resolve_records(records, text)
    assert resolved == resolve_speakers(frame, text).to_dict("records")
    assert [row["speaker"] for row in resolved] == ["Pentagon officials", "Smith", "Smith"]
    assert "speaker" not in records[0]  # the caller's rows are left as they were
    assert resolve_records([], text) == []


def test_codebook_alias_behind_title_and_apposition():
    text = "U.S. Deputy Secretary of State Christopher Landau said allies must pay more."
    got = one(resolve_speakers(statements(text, ("U.S. Deputy Secretary of State Christopher Landau", "allies must pay more")), text))
    assert got["speaker"] == "Christopher Landau" and got["actor_type"] == "person" and got["bloc"] == "US"
    assert "alias 'Christopher Landau'" in got["speaker_evidence"]


def test_longest_alias_wins_and_must_cover_the_head():
    text = "Pentagon officials said the plan stands. A Pentagon spokesman said talks go on."
    got = resolve_speakers(statements(text, ("Pentagon officials", "the plan stands"),
                                      ("A Pentagon spokesman", "talks go on")), text)
    assert one(got, 0)["speaker"] == "Pentagon officials"
    assert one(got, 0)["actor_type"] == "anonymous_group"
    # "Pentagon" is an alias of the Pentagon itself, but the phrase's head is "spokesman".
    assert one(got, 1)["speaker"] == "Pentagon spokesman"
    assert one(got, 1)["actor_type"] == "anonymous_person" and one(got, 1)["bloc"] == "US"
    assert "'Pentagon'" in one(got, 1)["speaker_evidence"]


def test_named_person_outside_codebook_with_apposition(bare_codebook):
    text = "John Smith, a senator from Ohio, said the deadline is fine."
    got = one(resolve_speakers(statements(text, ("John Smith, a senator from Ohio", "the deadline is fine")), text, bare_codebook))
    assert got["speaker"] == "John Smith" and got["actor_type"] == "person" and got["bloc"] == "unknown"
    assert "capitalised name 'John Smith'" in got["speaker_evidence"]


def test_title_and_nationality_word_outside_codebook(bare_codebook):
    text = "German Defence Minister Boris Pistorius said Europe is ready."
    got = one(resolve_speakers(statements(text, ("German Defence Minister Boris Pistorius", "Europe is ready")), text, bare_codebook))
    assert (got["speaker"], got["actor_type"], got["bloc"]) == ("Boris Pistorius", "person", "Europe")
    assert "nationality word 'German'" in got["speaker_evidence"]


def test_surname_refers_back_to_the_full_name(bare_codebook):
    text = "Senator Jane Whitfield said the plan was rushed. Later, Whitfield said it could work."
    got = resolve_speakers(statements(text, ("Senator Jane Whitfield", "the plan was rushed"),
                                      ("Whitfield", "it could work")), text, bare_codebook)
    assert one(got, 1)["speaker"] == "Jane Whitfield" and one(got, 1)["actor_type"] == "person"
    assert "surname 'Whitfield'" in one(got, 1)["speaker_evidence"]


def test_surname_refers_back_to_a_mention_that_was_not_a_speaker(bare_codebook):
    text = "The talks were led by Anna Kowalczyk of Poland's foreign ministry. Kowalczyk said progress was slow."
    got = one(resolve_speakers(statements(text, ("Kowalczyk", "progress was slow")), text, bare_codebook))
    assert got["speaker"] == "Anna Kowalczyk"
    assert "Anna Kowalczyk" in got["speaker_evidence"]


def test_pronoun_takes_nearest_preceding_person_speaker(bare_codebook):
    text = ("Mayor Tom Baxter said roads come first. Several French officials said money was short. "
            "He said the city would wait.")
    got = resolve_speakers(statements(text, ("Mayor Tom Baxter", "roads come first"),
                                      ("Several French officials", "money was short"),
                                      ("He", "the city would wait")), text, bare_codebook)
    assert one(got, 2)["speaker"] == "Tom Baxter"
    assert "pronoun 'He'" in one(got, 2)["speaker_evidence"] and "'Tom Baxter'" in one(got, 2)["speaker_evidence"]


def test_pronoun_prefers_a_name_earlier_in_its_own_sentence(bare_codebook):
    text = ("Mayor Tom Baxter said roads come first.\n"
            "On Monday Governor Ruth Ellison toured the site, and she said repairs would start soon.")
    got = resolve_speakers(statements(text, ("Mayor Tom Baxter", "roads come first"),
                                      ("she", "repairs would start soon")), text, bare_codebook)
    assert one(got, 1)["speaker"] == "Ruth Ellison"
    assert "same sentence" in one(got, 1)["speaker_evidence"]


def test_they_takes_a_group_and_keeps_its_bloc(bare_codebook):
    text = "Several German diplomats said the target was late. They said more money would come."
    got = resolve_speakers(statements(text, ("Several German diplomats", "the target was late"),
                                      ("They", "more money would come")), text, bare_codebook)
    assert one(got, 0)["speaker"] == "German diplomats" and one(got, 0)["bloc"] == "Europe"
    assert one(got, 1)["speaker"] == "German diplomats" and one(got, 1)["actor_type"] == "anonymous_group"
    assert "pronoun 'They'" in one(got, 1)["speaker_evidence"]


def test_pronoun_without_antecedent_is_unknown(bare_codebook):
    text = "He said nothing would change."
    got = one(resolve_speakers(statements(text, ("He", "nothing would change")), text, bare_codebook))
    assert got["actor_type"] == "unknown" and got["speaker"] == ""
    assert "no compatible person antecedent" in got["speaker_evidence"]


def test_definite_description_refers_to_speaker_with_same_head(bare_codebook):
    text = ("A French diplomat said the deadline was unrealistic. Analysts said costs would rise. "
            "The diplomat said Paris would still take part.")
    got = resolve_speakers(statements(text, ("A French diplomat", "the deadline was unrealistic"),
                                      ("Analysts", "costs would rise"),
                                      ("The diplomat", "Paris would still take part")), text, bare_codebook)
    assert one(got, 2)["speaker"] == "French diplomat" and one(got, 2)["bloc"] == "Europe"
    assert "definite description 'The diplomat'" in one(got, 2)["speaker_evidence"]


def test_anonymous_singular_and_plural(bare_codebook):
    text = ("The meeting, recounted by five sources familiar with the discussion, was tense. "
            "One source said it ended early. Analysts and diplomats said little changed.")
    got = resolve_speakers(statements(text, ("five sources familiar with the discussion", "was tense"),
                                      ("One source", "it ended early"),
                                      ("Analysts and diplomats", "little changed")), text, bare_codebook)
    assert one(got, 0)["speaker"] == "sources familiar with the discussion"
    assert one(got, 0)["actor_type"] == "anonymous_group" and "plural head noun 'sources'" in one(got, 0)["speaker_evidence"]
    assert one(got, 1)["speaker"] == "source" and one(got, 1)["actor_type"] == "anonymous_person"
    assert "singular head noun 'source'" in one(got, 1)["speaker_evidence"]
    assert one(got, 2)["actor_type"] == "anonymous_group" and one(got, 2)["bloc"] == "unknown"
    assert one(got, 2)["speaker"] == "analysts and diplomats"


def test_organisation_by_head_noun_and_by_capital_city(bare_codebook):
    text = "The Polish government said it would buy tanks. Moscow said the move was hostile."
    got = resolve_speakers(statements(text, ("The Polish government", "it would buy tanks"),
                                      ("Moscow", "the move was hostile")), text, bare_codebook)
    assert (one(got, 0)["speaker"], one(got, 0)["actor_type"], one(got, 0)["bloc"]) == (
        "Polish government", "organization", "Europe")
    assert (one(got, 1)["actor_type"], one(got, 1)["bloc"]) == ("organization", "Russia")
    assert "'Moscow'" in one(got, 1)["speaker_evidence"]


def test_unknown_head_outside_codebook(bare_codebook):
    text = "The crowd roared. The noise said spending rose."
    got = one(resolve_speakers(statements(text, ("The noise", "spending rose")), text, bare_codebook))
    assert got["actor_type"] == "unknown" and got["bloc"] == "unknown" and got["speaker"] == "noise"


def test_a_document_with_no_issuing_body_is_itself_the_speaker(bare_codebook):
    text = "The report said spending rose."
    got = one(resolve_speakers(statements(text, ("The report", "spending rose")), text, bare_codebook))
    assert (got["speaker"], got["actor_type"], got["bloc"]) == ("report", "organization", "unknown")
    assert "no issuing body named" in got["speaker_evidence"]


def test_journalist_in_byline_is_never_an_actor(bare_codebook):
    text = ("By Anna Berg\n\nPARIS, Jan 5 (Reuters) - Talks resumed on Monday. "
            "Anna Berg said the talks resumed.\n\n(Reporting by Anna Berg; Editing by Tom Hale)")
    got = one(resolve_speakers(statements(text, ("Anna Berg", "the talks resumed")), text, bare_codebook))
    assert got["speaker"] == "" and got["actor_type"] == "unknown"
    assert "journalist" in got["speaker_evidence"]


def test_implicit_speaker_inherits_within_the_sentence(bare_codebook):
    text = "Senator Jane Whitfield said costs rose and added that the plan would slip."
    got = resolve_speakers(statements(text, ("Senator Jane Whitfield", "costs rose"),
                                      ("", "the plan would slip")), text, bare_codebook)
    assert one(got, 1)["speaker"] == "Jane Whitfield"
    assert "implicit" in one(got, 1)["speaker_evidence"]


@pytest.mark.parametrize("frame", [
    pd.DataFrame(),
    pd.DataFrame({"speaker_text": [None, float("nan"), "", "  "], "speaker_start": [-1, -1, -1, -1]}),
    pd.DataFrame({"speaker_text": ["he", "the official", "X"], "speaker_start": ["a", None, 10 ** 9]}),
])
def test_never_raises_and_always_gives_the_columns(frame):
    got = resolve_speakers(frame, "")
    assert {"speaker", "actor_type", "bloc", "speaker_evidence"} <= set(got.columns)
    assert len(got) == len(frame)
    assert set(got["actor_type"]) <= set(ACTOR_TYPES)


def test_actor_table_and_anonymous_share():
    frame = pd.DataFrame({"speaker": ["Donald Trump", "Donald Trump", "European officials", "U.S. official"],
                          "actor_type": ["person", "person", "anonymous_group", "anonymous_person"],
                          "bloc": ["US", "US", "Europe", "US"]})
    table = actor_table(frame)
    actors = table[table["level"] == "actor"].set_index("name")
    blocs = table[table["level"] == "bloc"].set_index("name")
    assert actors.loc["Donald Trump", "n_statements"] == 2 and actors.loc["Donald Trump", "share"] == 0.5
    assert blocs.loc["US", "n_statements"] == 3 and blocs.loc["Europe", "share"] == 0.25
    assert anonymous_share(frame) == 0.5
    assert math.isnan(anonymous_share(frame.iloc[:0]))


def test_person_behind_preposition_is_not_the_speaker(bare_codebook):
    text = "A spokeswoman for Hillary Clinton said the campaign would respond."
    got = one(resolve_speakers(statements(text, ("A spokeswoman for Hillary Clinton", "the campaign would respond")),
                               text, bare_codebook))
    assert got["speaker"] == "spokeswoman for Hillary Clinton" and got["actor_type"] == "anonymous_person"
    assert "singular head noun 'spokeswoman'" in got["speaker_evidence"]


def test_apposition_names_the_described_speaker(bare_codebook):
    text = "One of the family's lawyers, Justin Bamberg, said the video was clear."
    got = one(resolve_speakers(statements(text, ("One of the family's lawyers, Justin Bamberg", "the video was clear")),
                               text, bare_codebook))
    assert (got["speaker"], got["actor_type"]) == ("Justin Bamberg", "person")
    assert "apposition" in got["speaker_evidence"]


def test_abbreviated_title_is_referred_back_to_by_the_title(bare_codebook):
    text = "Sen. Lindsey Graham said the plan was weak. The senator said Congress would act."
    got = resolve_speakers(statements(text, ("Sen. Lindsey Graham", "the plan was weak"),
                                      ("The senator", "Congress would act")), text, bare_codebook)
    assert one(got, 1)["speaker"] == "Lindsey Graham"
    assert "definite description 'The senator'" in one(got, 1)["speaker_evidence"]


def test_honorific_surname_and_time_adverbial(bare_codebook):
    text = ("Vice President Joseph R. Biden Jr. spoke first. Mr. Biden said talks would go on. "
            "Biden on Tuesday said they had.")
    got = resolve_speakers(statements(text, ("Mr. Biden", "talks would go on"), ("Biden on Tuesday", "they had")),
                           text, bare_codebook)
    assert list(got["speaker"]) == ["Joseph R. Biden Jr."] * 2
    assert "surname 'Biden'" in one(got, 1)["speaker_evidence"]


def test_gender_from_honorific_blocks_a_wrong_pronoun_antecedent(bare_codebook):
    text = "Ms. Rivera said the vote was close. Mr. Hale said nothing. Later she said the vote would hold."
    got = resolve_speakers(statements(text, ("Ms. Rivera", "the vote was close"), ("Mr. Hale", "nothing"),
                                      ("she", "the vote would hold")), text, bare_codebook)
    # Hale is nearer, but "Mr." makes him an impossible antecedent of "she".
    assert one(got, 2)["speaker"] == "Rivera"
    assert "pronoun 'she'" in one(got, 2)["speaker_evidence"]


def test_acronym_and_plural_nationality_nouns(bare_codebook):
    text = "The FBI said the case was closed. Americans said they were tired."
    got = resolve_speakers(statements(text, ("The FBI", "the case was closed"), ("Americans", "they were tired")),
                           text, bare_codebook)
    assert (one(got, 0)["speaker"], one(got, 0)["actor_type"]) == ("FBI", "organization")
    assert (one(got, 1)["actor_type"], one(got, 1)["bloc"]) == ("anonymous_group", "US")


def test_one_word_codebook_alias_yields_to_another_person_of_that_surname():
    # "Rubio" is an alias of Marco Rubio in the codebook, but this article names Luis Rubio.
    text = "Luis Rubio, a Mexican analyst, said tariffs would hurt. Mr. Rubio said Mexico had options."
    got = resolve_speakers(statements(text, ("Luis Rubio, a Mexican analyst", "tariffs would hurt"),
                                      ("Mr. Rubio", "Mexico had options")), text)
    assert list(got["speaker"]) == ["Luis Rubio", "Luis Rubio"]
    assert "surname 'Rubio'" in one(got, 1)["speaker_evidence"]


def test_pronoun_passes_over_a_name_after_a_preposition(bare_codebook):
    text = ("Ex-general speaks out\n\nRetired Gen. Norman Ham spoke on Monday about his career.\n\n"
            "Ham made it clear he had misgivings about the army under President Barack Obama.\n\n"
            "“It was demoralizing,” he told the host.")
    got = one(resolve_speakers(statements(text, ("he", "“It was demoralizing,”")), text, bare_codebook))
    assert got["speaker"] == "Norman Ham"
    assert "pronoun 'he'" in got["speaker_evidence"] and "'Norman Ham'" in got["speaker_evidence"]


def test_demonym_plural_is_a_group_not_a_name(bare_codebook):
    text = "Mexicans said the wall was an insult."
    got = one(resolve_speakers(statements(text, ("Mexicans", "the wall was an insult")), text, bare_codebook))
    assert got["actor_type"] == "anonymous_group"
    assert "plural nationality noun 'Mexicans'" in got["speaker_evidence"]


def test_definite_description_falls_back_to_a_titled_mention(bare_codebook):
    text = "The plan was drafted for President Maria Lopez last year. The president said it would pass."
    got = one(resolve_speakers(statements(text, ("The president", "it would pass")), text, bare_codebook))
    assert got["speaker"] == "Maria Lopez" and got["actor_type"] == "person"
    assert "definite description 'The president'" in got["speaker_evidence"] and "named actor" in got["speaker_evidence"]


def test_they_and_it_refer_to_a_named_organisation(bare_codebook):
    text = ("Sanctions vote\n\nThe Security Council met on Friday. The Clinton campaign welcomed the vote.\n\n"
            "It said the sanctions were overdue.")
    got = one(resolve_speakers(statements(text, ("It", "the sanctions were overdue")), text, bare_codebook))
    assert (got["speaker"], got["actor_type"]) == ("Clinton campaign", "organization")
    assert "pronoun 'It'" in got["speaker_evidence"]


_WORDS = st.sampled_from(["He", "she", "they", "it", "the official", "Mr.", "Landau", "Sen.", "U.S.", "European",
                          "officials", "Trump", "said", ",", "“", "\n\n", "Ms. Rivera", "By Anna Berg", "(Reuters)",
                          "the", "of", "and", "NATO", "Pentagon", "’s", "five", "sources", "—", "é", ""])


@settings(max_examples=60, deadline=None)
@given(words=st.lists(_WORDS, max_size=40), cuts=st.lists(st.tuples(st.integers(-5, 300), st.integers(-5, 300)),
                                                          max_size=6))
def test_any_text_and_spans_resolve_without_raising(words, cuts):
    text = " ".join(words)
    frame = pd.DataFrame({"speaker_text": [text[max(a, 0):max(b, 0)] for a, b in cuts],
                          "speaker_start": [a for a, _ in cuts], "speaker_end": [b for _, b in cuts],
                          "content_start": [b for _, b in cuts], "content_end": [b + 5 for _, b in cuts]})
    got = resolve_speakers(frame, text)
    assert len(got) == len(frame)
    assert set(got["actor_type"]) <= set(ACTOR_TYPES)
    # Rows are resolved by the rules, not rescued by the guard against unexpected errors.
    assert all(isinstance(e, str) and e and not e.startswith("resolution failed") for e in got["speaker_evidence"])


_TERM_TEXT = st.lists(st.sampled_from(["NATO", "nato", "the", "The", "Pentagon", "pentagon’s", "U.S.", "us", "US",
                                       "officials", "official", "Kremlin", "\u212aremlin", "\u017fenate", "Senate",
                                       "\u0130", "é", "“", "—", "-", ".", " ", "\n", "x"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(parts=_TERM_TEXT, ignore_case=st.booleans())
def test_term_scan_finds_what_each_term_pattern_finds(parts, ignore_case):
    """One trie scan (of the lower-cased text when that is exact, the Kelvin sign and the
    long s being the cases where it is not) finds each term where its own pattern does."""
    terms = ["the Pentagon", "Pentagon", "NATO officials", "NATO official", "NATO", "US", "U.S.", "Kremlin", "Senate"]
    flags = re.IGNORECASE if ignore_case else 0
    text = "".join(parts)
    scanner = _terms(terms, flags)
    assert (scanner.lowered is not None) == ignore_case
    found = {index: [m.span() for m in matches] for index, matches in scanner.finditer(text)}
    expected = {index: spans for index, term in enumerate(terms)
                if (spans := [m.span() for m in _boundary(term, flags).finditer(text)])}
    assert found == expected
