"""The climate codebook of the GWSD benchmark on sentences written for this test (not from GWSD)."""
from __future__ import annotations

import pytest

from benchmarks.gwsd_rules_dev import rules_labels

SENTENCES = [
    # concern, urgency, attribution, climate as the agent of harm
    ("Rising seas are a grave threat to coastal towns.", "agree"),
    ("Burning coal and oil is causing the planet to heat up.", "agree"),
    ("Global warming will make droughts in the south far longer.", "agree"),
    ("The ice sheets are shrinking faster than the models predicted.", "agree"),
    # denial of the change, hoax, natural causes, economic cost
    ("Global temperatures have not risen in over a decade.", "disagree"),
    ("The whole global warming scare is a hoax.", "disagree"),
    ("The recent warming is mostly natural variability in ocean currents.", "disagree"),
    ("A carbon tax would hurt the economy and cost jobs.", "disagree"),
    # measurements and policy descriptions: no stance
    ("Sea levels rose by three millimetres last year.", "neutral"),
    ("The state will continue to rely on fossil fuels for most of its power.", "neutral"),
    ("Emissions from cars fell slightly in the second quarter.", "neutral"),
]


@pytest.mark.parametrize("sentence,expected", SENTENCES)
def test_climate_rules_read_the_frame_not_the_topic(sentence, expected):
    labels, evidence = rules_labels([sentence])
    assert labels[0] == expected, evidence[0]
