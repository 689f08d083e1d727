"""The PolNeAR benchmark's scoring on a hand-made BRAT file, and the floors the extractor
reaches on the real dev split (skipped when the split is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.polnear import (Attribution, Counts, Prediction, coverage, evaluate, is_speech, main, match,
                                read_ann, results_frame, score)

TEXT = ('Smith said the plan would fail. "It is dead," Jones said, "and buried." '
        "Voters want lower taxes. The report shows growth.")
# Smith said ... (speech); Jones split quote (speech, split content); voters want (belief);
# the report shows (not speech).
ANN = """T1\tSource 0 5\tSmith
T2\tCue 6 10\tsaid
T3\tContent 11 30\tthe plan would fail
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T4\tAttribution 6 10\tsaid
T5\tSource 46 51\tJones
T6\tCue 52 56\tsaid
T7\tContent 32 45;58 71\t"It is dead," "and buried."
E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5
T8\tAttribution 52 56\tsaid
T9\tSource 72 78\tVoters
T10\tCue 79 83\twant
T11\tContent 84 95\tlower taxes
E3\tAttribution:T12 Content:T11 Cue:T10 Source:T9
T12\tAttribution 79 83\twant
T13\tSource 97 107\tThe report
T14\tCue 108 113\tshows
T15\tContent 114 120\tgrowth
E4\tAttribution:T16 Source:T13 Cue:T14 Content:T15
T16\tAttribution 108 113\tshows
T17\tDiscard 0 5\tSmith
"""


@pytest.fixture()
def ann(tmp_path) -> Path:
    path = tmp_path / "doc_a1.ann"
    path.write_text(ANN, encoding="utf-8")
    return path


def test_spans_in_the_synthetic_file_point_at_their_words():
    assert TEXT[0:5] == "Smith" and TEXT[11:30] == "the plan would fail"
    assert TEXT[32:45] == '"It is dead,"' and TEXT[58:71] == '"and buried."'
    assert TEXT[84:95] == "lower taxes" and TEXT[114:120] == "growth"


def test_read_ann_ties_events_and_keeps_split_spans(ann):
    gold = read_ann(ann)
    assert [a.content for a in gold] == [((11, 30),), ((32, 45), (58, 71)), ((84, 95),), ((114, 120),)]
    assert gold[1].source == ((46, 51),) and gold[1].cue == ((52, 56),)


def test_speech_subset(ann):
    assert [is_speech(a, TEXT) for a in read_ann(ann)] == [True, True, False, False]
    text = 'According to Smith, growth is up. He reports: jobs. The data show "gains".'
    assert is_speech(Attribution(((20, 32),), ((0, 12),), ()), text)           # according to
    assert is_speech(Attribution(((46, 50),), ((37, 45),), ()), text)           # cue with a colon
    assert is_speech(Attribution(((66, 73),), ((61, 65),), ()), text)           # quotation in content
    assert not is_speech(Attribution(((66, 73),), ((61, 65),), ()), text.replace('"', " "))


def test_coverage_counts_characters_of_split_spans():
    assert coverage(((32, 45), (58, 71)), (32, 71)) == 1.0
    assert coverage(((32, 45), (58, 71)), (32, 45)) == 0.5
    assert coverage(((0, 10),), (20, 30)) == 0.0


def test_match_takes_the_best_unused_prediction_above_the_threshold():
    gold = [Attribution(((0, 10),), (), ()), Attribution(((20, 30),), (), ())]
    predicted = [Prediction((0, 4), None), Prediction((0, 9), None), Prediction((22, 30), None)]
    assert match(gold, predicted, 0.3) == {0: 1, 1: 2}
    assert match(gold, predicted, 0.85) == {0: 1}
    assert match(gold, [Prediction((0, 30), None)], 0.3) == {0: 0}  # one prediction, one gold


def test_score_all_and_speech(ann):
    gold = read_ann(ann)
    predicted = [
        Prediction((11, 30), (0, 5)),        # Smith: right content, right speaker
        Prediction((32, 71), (72, 78)),      # Jones: right content, wrong speaker
        Prediction((84, 95), None),          # the belief, matched, implicit speaker
        Prediction((0, 3), None),            # matches nothing
    ]
    counts = score(gold, predicted, TEXT, 0.8)
    assert vars(counts["all"]) == {"gold": 4, "predicted": 4, "matched": 3, "with_source": 3, "speaker_right": 1}
    # the prediction matched to the belief is neither right nor wrong for speech
    assert vars(counts["speech"]) == {"gold": 2, "predicted": 3, "matched": 2, "with_source": 2,
                                      "speaker_right": 1}
    figures = counts["speech"].figures()
    assert figures["precision"] == pytest.approx(2 / 3) and figures["recall"] == 1.0
    assert figures["f1"] == pytest.approx(0.8) and figures["speaker_accuracy"] == 0.5


def test_counts_add_and_empty_figures():
    total = Counts()
    total.add(Counts(gold=2, predicted=1, matched=1, with_source=1, speaker_right=1))
    total.add(Counts(gold=1, predicted=3, matched=1, with_source=1, speaker_right=0))
    assert total.figures() == {"precision": 0.5, "recall": pytest.approx(2 / 3), "f1": pytest.approx(4 / 7),
                               "speaker_accuracy": 0.5}
    assert Counts().figures() == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "speaker_accuracy": 0.0}


def test_evaluate_runs_the_extractor_on_a_split_folder(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    lead = "Ministers met in Brussels on Monday to discuss the alliance budget for next year.\n\n"
    text = lead + "Smith said the plan would fail."
    (tmp_path / "text" / "doc.txt").write_text(text, encoding="utf-8")
    s = len(lead)
    (tmp_path / "attributions" / "doc_b2.ann").write_text(
        f"T1\tSource {s} {s + 5}\tSmith\nT2\tCue {s + 6} {s + 10}\tsaid\n"
        f"T3\tContent {s + 11} {s + 30}\tthe plan would fail\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
        encoding="utf-8")
    (tmp_path / "attributions" / "doc_z9.ann").write_text("", encoding="utf-8")  # second annotator: ignored
    totals, seconds, n = evaluate(tmp_path)
    assert n == 1 and seconds >= 0
    assert vars(totals[("speech", 0.8)]) == {"gold": 1, "predicted": 1, "matched": 1, "with_source": 1,
                                             "speaker_right": 1}
    table = results_frame(totals).set_index(["subset", "overlap"])
    assert len(table) == 4 and table.loc[("speech", 0.8), "matched"] == 1
    assert table.loc[("speech", 0.8)].drop(["gold", "predicted", "matched"]).eq(1.0).all()


def test_main_rejects_a_folder_without_texts(tmp_path, capsys):
    assert main([str(tmp_path)]) == 1
    assert "no text/ folder" in capsys.readouterr().err


@pytest.mark.slow
def test_dev_split_floors(polnear_dir):
    """Floors just under the figures measured when they were set (speech subset at 30%
    overlap: P 92.3%, R 84.4%, F1 88.2%, speaker 93.7%; at 80%: F1 83.8%; all attributions
    at 30%: F1 71.1%), so that a rule change that loses ground fails here."""
    totals, seconds, n = evaluate(polnear_dir)
    assert n == 84
    speech30, speech80, all30 = (totals[k].figures() for k in
                                 (("speech", 0.3), ("speech", 0.8), ("all", 0.3)))
    assert speech30["f1"] >= 0.875
    assert speech30["precision"] >= 0.92
    assert speech30["speaker_accuracy"] >= 0.93
    assert speech80["f1"] >= 0.83
    assert all30["f1"] >= 0.70
