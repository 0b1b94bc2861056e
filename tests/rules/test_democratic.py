"""360 democratic evaluation and the duty-report panel (domain §3)."""

import pytest

from xlperf.errors import InputError
from xlperf.rules.democratic import (
    DemocraticRules,
    democratic_score,
    duty_report_score,
    group_name,
    trimmed_mean,
)


def ratings(group, *scores):
    return [(group, s) for s in scores]


def test_known_answer_with_trimming():
    # superior (3 raters, no trim): (90 + 80 + 85) / 3 = 85
    # peer (5 raters, drop 95 and 60): (80 + 70 + 75) / 3 = 75
    # subordinate (4 raters, no trim): (70 + 80 + 90 + 100) / 4 = 85
    # 85 × 40% + 75 × 30% + 85 × 30% = 34 + 22.5 + 25.5 = 82
    result = democratic_score(ratings("superior", 90, 80, 85)
                              + ratings("peer", 95, 80, 70, 75, 60)
                              + ratings("subordinate", 70, 80, 90, 100))
    assert result.score == 82
    superior, peer, subordinate = result.groups
    assert (superior.mean, superior.trimmed) == (85, False)
    assert (peer.mean, peer.trimmed, peer.raters) == (75, True, 5)
    assert subordinate.mean == 85
    assert result.warnings == ()


def test_group_with_fewer_than_3_raters_is_dropped_and_weights_renormalised():
    # peer has 2 raters → dropped; superior 40 and subordinate 30 re-normalised to 4/7, 3/7
    # superior 90, subordinate 76: 90 × 4/7 + 76 × 3/7 = (360 + 228) / 7 = 84
    result = democratic_score(ratings("上级", 90, 90, 90) + ratings("同级", 50, 60)
                              + ratings("下级", 76, 76, 76))
    assert result.score == 84
    peer = result.groups[1]
    assert peer.dropped and peer.weight == 0 and peer.raters == 2
    assert result.groups[0].weight == pytest.approx(4 / 7)
    assert result.warnings == ("360 group peer has 2 rater(s), fewer than 3: left out, other "
                               "groups re-weighted",)


def test_missing_group_is_warned_too():
    result = democratic_score(ratings("superior", 80, 80, 80) + ratings("peer", 70, 70, 70))
    # 80 × 4/7 + 70 × 3/7 = (320 + 210) / 7 = 75.714… → 75.71
    assert result.score == 75.71
    assert "subordinate has 0 rater(s)" in result.warnings[0]


def test_no_group_with_enough_raters_is_an_error():
    with pytest.raises(InputError, match="no 360 rater group has 3 or more raters"):
        democratic_score(ratings("superior", 80, 80))


def test_custom_group_weights():
    rules = DemocraticRules(group_weights=(("superior", 50), ("peer", 25), ("subordinate", 25)))
    # 80 × 50% + 60 × 25% + 100 × 25% = 40 + 15 + 25 = 80
    result = democratic_score(ratings("superior", 80, 80, 80) + ratings("peer", 60, 60, 60)
                              + ratings("subordinate", 100, 100, 100), rules)
    assert result.score == 80


def test_group_weights_must_add_to_100():
    with pytest.raises(InputError, match="360 group weights add to 90%"):
        DemocraticRules(group_weights=(("superior", 40), ("peer", 30), ("subordinate", 20)))


@pytest.mark.parametrize(("spelling", "group"), [
    ("Superior", "superior"), ("peers", "peer"), ("下级", "subordinate"), ("平级", "peer")])
def test_group_spellings(spelling, group):
    assert group_name(spelling) == group


def test_unknown_group_and_bad_rating():
    with pytest.raises(InputError, match='rater group 1 is "boss"'):
        democratic_score(ratings("boss", 80, 80, 80))
    with pytest.raises(InputError, match="expected 0 to 100"):
        democratic_score(ratings("superior", 80, 80, 180))


def test_trimmed_mean():
    assert trimmed_mean([1, 2, 3, 4]) == 2.5  # fewer than 5: plain mean
    assert trimmed_mean([1, 2, 3, 4, 100]) == 3  # drop 1 and 100: (2 + 3 + 4) / 3


def test_duty_report_panel():
    # 5 panel members: drop 95 and 70 → (85 + 80 + 90) / 3 = 85
    assert duty_report_score([95, 85, 80, 90, 70]) == 85
    # blanks at the end of an Excel range are skipped: (80 + 90) / 2 = 85
    assert duty_report_score([80, 90, None, ""]) == 85
    with pytest.raises(InputError, match="no duty-report panel scores"):
        duty_report_score([None])
