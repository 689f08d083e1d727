"""The failure classes of attribution on unseen articles (issue #12), each on sentences
written for these tests, plus the benchmark of ``tests/data/attribution_cases.yaml``."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.actors import merge_corpus_speakers
from analysis.statements import statement_records
from benchmarks.attribution_cases import CLASSES, load_cases, run


def statements(body: str) -> list[dict]:
    """The statements of a news file with a headline and ``body``."""
    return statement_records("Headline\n\n" + body, "t")


def speaker_of(rows: list[dict], content: str) -> dict:
    """The row whose content holds ``content``."""
    return next(row for row in rows if content in row["content"])


# --------------------------------------------------------------------------- one actor across a corpus


def corpus(*bodies: str) -> pd.DataFrame:
    return pd.DataFrame([row for i, body in enumerate(bodies) for row in statement_records(f"H\n\n{body}", f"d{i}")])


def test_a_surname_joins_the_one_full_name_of_the_corpus():
    frame = merge_corpus_speakers(corpus("Alexus Grynkewich said the flank needed air defense.",
                                         "Grynkewich said Russia was rebuilding faster than expected."))
    assert list(frame["speaker"]) == ["Alexus Grynkewich", "Alexus Grynkewich"]
    assert "the corpus names one person of that surname" in frame["speaker_evidence"].iloc[1]


def test_a_surname_two_people_share_stays_apart():
    frame = merge_corpus_speakers(corpus("Hillary Clinton said the Midwest would decide it.",
                                         "Bill Clinton said the economy mattered most.",
                                         "Clinton said the race was close."))
    assert list(frame["speaker"]) == ["Hillary Clinton", "Bill Clinton", "Clinton"]


def test_merging_an_empty_corpus_is_empty():
    assert merge_corpus_speakers(pd.DataFrame(columns=["speaker", "actor_type", "bloc"])).empty


# --------------------------------------------------------------------------- the benchmark


def test_the_benchmark_scores_every_class():
    tallies, _ = run()
    assert set(tallies) == set(CLASSES)
    assert sum(t["cases"] for t in tallies.values()) == len(load_cases())
    assert all(t["found"] <= t["gold"] and t["right"] <= t["found"] for t in tallies.values())


# --------------------------------------------------------------------------- never speakers


@pytest.mark.parametrize("body, content, speaker", [
    ("The bill was drafted by Senator Alan Pruitt, who said it would lower drug prices.", "lower drug", "Alan Pruitt"),
    ("Praise came from Rebecca Stone of the Atlantic Council, who said the timeline was realistic.",
     "timeline", "Rebecca Stone"),
    ("The figures come from the Kiel Institute, which said European aid had overtaken American aid.",
     "European aid", "Kiel Institute"),
    ("The treaty was signed by Senator Alan Pruitt, who in 2019 said it would never pass.", "never pass", "Alan Pruitt"),
    ("The bill came from Senator Alan Pruitt, who chairs the panel said it would pass.", "would pass", "Alan Pruitt"),
])
def test_a_relative_pronoun_is_its_antecedent(body, content, speaker):
    row = speaker_of(statements(body), content)
    assert row["speaker"] == speaker and "relative pronoun" in row["speaker_evidence"]


def test_a_relative_pronoun_without_antecedent_is_unknown():
    row = speaker_of(statements("It was a day on which officials, who said little, kept quiet about the talks."), "little")
    assert row["speaker"] == "" and "relative pronoun 'who'" in row["speaker_evidence"]


@pytest.mark.parametrize("body, content, speaker, actor_type", [
    ("The four-star general who leads U.S. Naval Forces Europe said he expected fewer ships.", "fewer ships",
     "four-star general", "anonymous_person"),
    ("The envoy who has led the talks since June said a deal was near.", "deal", "envoy", "anonymous_person"),
    ("An officer who spoke on condition of anonymity said the drill was cut short.", "drill", "officer",
     "anonymous_person"),
    ("The negotiator who is leading the Finnish team said the text was almost final.", "text", "negotiator",
     "anonymous_person"),
    ("The agency that oversees arms exports said it had blocked two licences.", "licences", "agency", "organization"),
    ("Delegates who attended the closed session said the mood had turned sour.", "mood", "delegates",
     "anonymous_group"),
    ("The admiral, who has led the Baltic patrol group since March, said the patrols would go on.", "patrols",
     "admiral", "anonymous_person"),
])
def test_a_relative_clause_before_the_cue_is_never_the_speaker(body, content, speaker, actor_type):
    row = speaker_of(statements(body), content)
    assert (row["speaker"], row["actor_type"]) == (speaker, actor_type)


def test_the_noun_phrase_before_a_relative_clause_resolves_like_a_description():
    rows = statements("Gen. Harriet Kowal took over the southern command in May.\n\n"
                      "The four-star general who leads the southern command said her staff was drafting plans.")
    row = speaker_of(rows, "drafting plans")
    assert row["speaker_text"] == "The four-star general" and row["speaker"] == "Harriet Kowal"


@pytest.mark.parametrize("body", [
    "She argues that officials at the ministry said the budget was short.",
    "They believe that officials at the ministry said the budget was short.",
])
def test_that_after_a_verb_opens_its_complement_not_a_relative_clause(body):
    said = next(row for row in statements(body) if row["cue"] == "said")
    assert said["speaker_text"] == "officials at the ministry"


# --------------------------------------------------------------------------- speech acts beyond "said"


@pytest.mark.parametrize("body, content", [
    ("The foreign minister reaffirmed that her government would meet the target.", "her government would meet"),
    ("Officials in Rome cast the budget as a break with years of austerity.", "the budget as a break"),
    ("The senator mused that the treaty might not survive another election.", "the treaty might not survive"),
    ("The envoy pressed allied capitals to buy more air defense systems.", "buy more air defense"),
    ("The prime minister made it clear that troops would stay until spring.", "troops would stay"),
    ("The spokesman dismissed the report as a fabrication.", "the report as a fabrication"),
    ("The chancellor rejected the idea that Berlin was dragging its feet.", "Berlin was dragging its feet"),
    ("The admiral signaled that the fleet would return to the Baltic.", "the fleet would return"),
    ("The governor is talking about a ban on new coal plants.", "a ban on new coal plants"),
    ("Farm groups argue that the quota will ruin small dairies.", "the quota will ruin"),
    ("Nurses warn that wards will close by winter.", "wards will close"),
    ("Both parties agreed that the vote should wait until spring.", "the vote should wait"),
    ("The union's charter states that strikes need a two-thirds vote.", "strikes need a two-thirds"),
    ("The auditors concluded that the ministry had overpaid its suppliers.", "the ministry had overpaid"),
    ("“We will not pay for a war we did not start,” the open letter reads.", "We will not pay"),
    ("“The ward stays open,” read the notice on the hospital door.", "The ward stays open"),
    ("The mayor accused the regional council, which owns the depot, of hiding the repair bill.",
     "hiding the repair bill"),
    ("The opposition branded the reform a “tax on pensioners.”", "tax on pensioners"),
    ("Ex-minister calls pension reform ‘a theft from the young’", "pension reform ‘a theft"),
    ("The state audit found that the agency had lost track of 300 laptops.", "the agency had lost track"),
    ("The appeals court ruled on Tuesday that the ban was unconstitutional.", "the ban was unconstitutional"),
    ("The governor proclaimed a “new era of clean water” for the county.", "new era of clean water"),
    ("The candidate exhorted her supporters to “vote early and bring a friend.”", "vote early"),
    ("The envoy rallied donors in Geneva, tweeting, “The pledges must arrive before the frost.”", "pledges must"),
])
def test_speech_acts_from_the_codebook(body, content):
    assert any(content in row["content"] for row in statements(body))


@pytest.mark.parametrize("body", [
    "The minister cast a vote against the bill.",
    "The court dismissed the case on Friday.",
    "The voters rejected the measure by a wide margin.",
    "The lights signaled the start of the race.",
    "The coach is talking about which players to sign.",
    "The two leaders agreed a ceasefire on Sunday.",
    "The minister reads the morning papers before breakfast.",
    "The committee accused nobody.",
    "Police found a second bag near the station.",
    "The lost wallet found near the station that morning belonged to a tourist.",
    "The king proclaimed a holiday.",
    "Both sides agreed to a deal that ends the war.",
])
def test_a_speech_act_without_its_complement_is_no_statement(body):
    assert statements(body) == []


@pytest.mark.parametrize("body, content, speaker", [
    ("The minister continues to insist that the levy will fall on the rich.", "the levy will fall", "The minister"),
    ("The senator appeared to suggest that the ban could be lifted.", "the ban could be lifted", "The senator"),
    ("The mayor went on to say that buses would be free in August.", "buses would be free", "The mayor"),
    ("“The deal is dead,” Okafor said, going on to say that talks could resume next year.", "talks could resume",
     "Okafor"),
])
def test_a_verb_lends_its_subject_to_an_infinitive_cue(body, content, speaker):
    row = next(row for row in statements(body) if content in row["content"])
    assert row["speaker_text"] == speaker


@pytest.mark.parametrize("body, content, speaker", [
    ("Tenants complain bitterly that the rents have doubled.", "that the rents have doubled", "Tenants"),
    ("The envoy explained to the committee that the money had run out.", "that the money had run out",
     "The envoy"),
    ("Said Ellison: “I do not buy a word of it.”", "“I do not buy a word of it.”", "Ellison"),
    ("The border crossing stayed shut for a week, as customs officials have said.",
     "The border crossing stayed shut for a week", "customs officials"),
    ("The mayor said nothing would change before the election.", "nothing would change before the election",
     "The mayor"),
])
def test_adverbs_inversion_and_as_clauses(body, content, speaker):
    row = next(row for row in statements(body) if row["content"] == content)
    assert row["speaker_text"] == speaker


@pytest.mark.parametrize("body, content, speaker", [
    ("In a statement, the insurer said: \"Claims rose by a third after the floods,\" adding that premiums would follow.",
     "that premiums would follow", "the insurer"),
    ("A group of farmers wrote to the ministry, calling for a pause on the quota.", "a pause on the quota",
     "A group of farmers"),
    ("Residents continued to call for a public inquiry into the fire.", "a public inquiry into the fire", "Residents"),
])
def test_a_participle_after_a_quotation_and_calling_for(body, content, speaker):
    row = next(row for row in statements(body) if row["content"] == content)
    assert row["speaker_text"] == speaker


@pytest.mark.parametrize("body", [
    "The mayor said nothing about the budget.",
    "Asked twice, the mayor said nothing.",
])
def test_saying_nothing_is_no_statement(body):
    assert statements(body) == []


def test_an_infinitive_cue_after_another_verb_is_no_statement():
    assert statements("The mayor wants to say that buses would be free in August.") == []


# --------------------------------------------------------------------------- names behind long titles


@pytest.mark.parametrize("body, content, speaker", [
    ("Under Secretary of State for Arms Control Nadia Ferrand said the treaty was dead.", "treaty", "Nadia Ferrand"),
    ("Commissioner for Trade and Security Piotr Zalewski said tariffs would rise. He said talks would go on.",
     "talks", "Piotr Zalewski"),
    ("Director of National Intelligence Carla Brooks told senators that the threat had grown.", "threat",
     "Carla Brooks"),
    ("Col. Ivo Hartmann, a retired planner, said the brigade lacked fuel.", "brigade", "Ivo Hartmann"),
    ("State Senator Rosalind Achebe filed a bill. Rosalind said rents had doubled.", "rents", "Rosalind Achebe"),
])
def test_the_person_behind_a_long_title(body, content, speaker):
    assert speaker_of(statements(body), content)["speaker"] == speaker


def test_a_first_name_two_people_share_stays_a_first_name():
    rows = statements("Anna Berg and Anna Kovac met on Monday. Later, Anna said the deal was done.")
    assert speaker_of(rows, "deal")["speaker"] == "Anna"


def test_a_spokeswoman_for_a_person_is_not_that_person():
    row = speaker_of(statements("A spokeswoman for Hillary Clinton said the trip was cancelled."), "trip")
    assert row["speaker"] == "spokeswoman for Hillary Clinton"


# --------------------------------------------------------------------------- speakers named by description


@pytest.mark.parametrize("body, content, speaker, fits", [
    ("ROME — President Lucia Ferri opened the session.\n\nThe president said the budget was balanced.",
     "budget", "Lucia Ferri", "with head 'president'"),
    ("Adm. Kurt Vollmer visited the port.\n\nThe four-star admiral said the fleet was ready.", "fleet",
     "Kurt Vollmer", "with head 'admiral'"),
    ("Interior Minister Sofia Lind met police chiefs.\n\nThe interior chief said arrests had doubled.", "arrests",
     "Sofia Lind", "described as interior, minister"),
    ("The union's trade commissioner, Marek Novak, flew to Ottawa.\n\nThe bloc's commissioner said tariffs would fall.",
     "tariffs", "Marek Novak", "with head 'commissioner'"),
])
def test_a_description_refers_to_the_person_it_fits(body, content, speaker, fits):
    row = speaker_of(statements(body), content)
    assert row["speaker"] == speaker and fits in row["speaker_evidence"]


def test_a_description_nobody_fits_stays_anonymous():
    rows = statements("Mayor Pia Holm spoke first.\n\nThe senior defense official said the base would close.")
    assert speaker_of(rows, "base")["speaker"] == "senior defense official"
    rows = statements("Senator Ada Wolff spoke first.\n\nThe Ohio senator said the plant would close.")
    assert speaker_of(rows, "plant")["speaker"] == "Ohio senator"


# --------------------------------------------------------------------------- documents and institutions


@pytest.mark.parametrize("body, content, speaker", [
    ("The Pentagon published its posture review on Friday.\n\nThe review said two brigades would leave Romania.",
     "brigades", "Pentagon"),
    ("NATO's summit communique said allies would double ammunition output.", "ammunition", "NATO"),
    ("The Bank of England's statement said rates would stay on hold.", "rates", "Bank of England"),
    ("Pete Hegseth's memo said the cuts would start in March.", "cuts", "Pete Hegseth"),
    ("Rain fell all week.\n\nThe court filing says the contract was void.", "contract", "court filing"),
])
def test_a_document_speaks_for_the_body_that_issued_it(body, content, speaker):
    row = speaker_of(statements(body), content)
    assert row["speaker"] == speaker and row["actor_type"] in ("organization", "person")
    assert "document" in row["speaker_evidence"]


# --------------------------------------------------------------------------- quote continuations


def test_a_quoted_paragraph_continues_the_speaker_before_it():
    rows = statements("Councilwoman Dana Price said the stadium would drain the budget.\n\n"
                      "\u201cWe are handing a billionaire a blank check.\u201d\n\n"
                      "\u201cAnd the libraries will close early.\u201d")
    assert [row["speaker"] for row in rows] == ["Dana Price"] * 3
    assert rows[1]["kind"] == "direct" and rows[1]["content"].startswith("\u201cWe are")


def test_a_new_cue_or_a_narrative_paragraph_ends_the_run():
    rows = statements("\u201cThe deadline is not realistic,\u201d a European diplomat said.\n\n"
                      "\u201cIt is a fantasy,\u201d said Dmitry Peskov.\n\n"
                      "The ministers met again on Friday.\n\n"
                      "\u201cNobody knows what comes next.\u201d")
    assert [row["speaker"] for row in rows] == ["European official", "Dmitry Peskov"]


@pytest.mark.parametrize("body, content", [
    ("The minister spoke for an hour, stressing that the border would stay open.", "the border would stay open"),
    ("The general answered questions, conceding that the drills had gone badly.", "the drills had gone badly"),
])
def test_a_participle_cue_after_a_comma(body, content):
    row = speaker_of(statements(body), content)
    assert row["speaker_text"].lower().startswith("the ")


# --------------------------------------------------------------------------- the subject of a cue far from it


@pytest.mark.parametrize("body, content, speaker_text", [
    ("The minister attacked the plan on Monday and has called for a new vote in parliament.", "a new vote",
     "The minister"),
    ("The governor agreed, but also contended that the budget was too small.", "the budget was too small",
     "The governor"),
    ("The senator began by saying that the bill would pass easily.", "the bill would pass", "The senator"),
    ("In March, several mayors wrote to the ministry, arguing that the rules were unfair.", "the rules were unfair",
     "several mayors"),
    ("Meanwhile, the agency attacked the report, saying it was wrong.", "it was wrong", "the agency"),
    ("Lena Dahl, the head of the union, forcefully told reporters that the strike would go on.", "the strike",
     "Lena Dahl, the head of the union"),
])
def test_the_subject_of_a_coordinated_or_participle_cue(body, content, speaker_text):
    assert speaker_of(statements(body), content)["speaker_text"] == speaker_text


@pytest.mark.parametrize("body, content", [
    ("The opposition called the budget vote in parliament a betrayal of voters.", "the budget vote"),
    ("The mayor called Mr. Kern's proposal \"a dead end\" for the city.", "a dead end"),
    ("Critics call them \"paper brigades\" that exist only on charts.", "paper brigades"),
])
def test_calling_something_something_is_a_statement(body, content):
    assert any(content in row["content"] for row in statements(body))


@pytest.mark.parametrize("body", ["The minister called the police to report a theft.", "She called a meeting on Friday."])
def test_calling_without_a_predicate_is_no_statement(body):
    assert statements(body) == []


def test_a_possessor_s_claim_that_is_a_statement():
    row = speaker_of(statements("Fact-checkers examined the minister's claim that crime had halved."), "crime had halved")
    assert row["speaker_text"] == "the minister"
    assert statements("The claim that crime had halved was false.") == []


def test_a_quoted_clause_after_an_adverbial_is_a_statement():
    rows = statements("With thousands of voting systems, \u201cthere is no single point of failure at all,\u201d he said.")
    assert rows and "no single point of failure" in rows[0]["content"]
    assert statements("On \u201cFace the Nation,\u201d Pence said taxes would fall.")[0]["content"] == "taxes would fall"
