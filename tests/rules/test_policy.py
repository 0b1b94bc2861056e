"""Rules are data: the demo policy, TOML policies, round trips, bad policies."""

import dataclasses
import re

import pytest

from xlperf.errors import InputError
from xlperf.policy import (
    DEMO_POLICY,
    policy_digest,
    policy_from_mapping,
    policy_from_toml,
    policy_to_mapping,
)
from xlperf.rules.curves import Curve, StepTable
from xlperf.rules.grades import GradeTable
from xlperf.rules.scoring import ScoringDefaults, score_indicator

COMPANY_TOML = """
name = "Example SOE"

[grades]          # best first: grade = lowest score
A = 90
B = 80
C = 70
D = 0

[coefficients]
A = 1.3
B = 1.0
C = 0.5
D = 0

[coefficient_curve]
points = [[70, 0.5], [100, 1.3]]

[part_weights]
business = 50
individual = 30
duty_report = 0
democratic = 20

[democratic]
"上级" = 50
"同级" = 25
"下级" = 25
min_raters = 4

[scoring]
cap = 150
curve = [[70, 40], [100, 100], [130, 160]]

[quotas]
A = 20

[veto]
cap = "D"

[consecutive]
worst_allowed = "C"
years = 3

[bonus]
deferral_share = 0.4
"""


def test_demo_policy_is_the_guide():
    assert DEMO_POLICY.grades.bands == (("S", 95), ("A", 85), ("B", 75), ("C", 60), ("D", 0))
    assert DEMO_POLICY.coefficients.steps == (("S", 1.5), ("A", 1.2), ("B", 1.0), ("C", 0.6),
                                              ("D", 0.0))
    assert DEMO_POLICY.part_weights.as_tuple() == pytest.approx((0.4, 0.3, 0.1, 0.2))
    assert dict(DEMO_POLICY.democratic.group_weights) == pytest.approx(
        {"superior": 0.4, "peer": 0.3, "subordinate": 0.3})
    assert [(q.label, q.max_share) for q in DEMO_POLICY.quotas] == [("S", 0.1), ("S+A", 0.3)]


def test_toml_policy():
    policy = policy_from_toml(COMPANY_TOML)
    assert policy.name == "Example SOE"
    assert policy.grades.grade_for(89.99) == "B"
    # curve (70, 0.5) → (100, 1.3) at 85: 0.5 + 15 × 0.8 / 30 = 0.9
    assert policy.coefficients.coefficient_for("B", 85) == pytest.approx(0.9)
    assert policy.part_weights.as_tuple() == pytest.approx((0.5, 0.3, 0.0, 0.2))
    assert dict(policy.democratic.group_weights)["superior"] == pytest.approx(0.5)
    assert policy.democratic.min_raters == 4
    assert policy.scoring.cap == 150 and policy.scoring.floor == 0  # floor kept from demo
    assert policy.scoring.curve.value_at(85) == pytest.approx(70)
    assert policy.veto_cap == "D" and policy.consecutive_years == 3
    assert policy.bonus.deferral_share == 0.4


def test_round_trip_and_digest():
    policy = policy_from_toml(COMPANY_TOML)
    assert policy_from_mapping(policy_to_mapping(policy)) == policy
    assert policy_from_mapping(policy_to_mapping(DEMO_POLICY)) == DEMO_POLICY
    assert policy_digest(policy) != policy_digest(DEMO_POLICY)
    assert len(policy_digest(DEMO_POLICY)) == 64


@pytest.mark.parametrize(("toml", "message"), [
    ("[grades]\nS = 95\nA = 96\n", "falling lower bounds"),
    ("[part_weights]\nbusiness = 50\n", "must give all four weights; missing individual"),
    ("[part_weights]\nbusiness = 50\nindividual = 30\nduty_report = 10\ndemocratic = 5\n",
     "annual part weights add to 95%"),
    ("[scoring]\ncapp = 150\n", "unknown key"),
    ("[gradez]\nS = 1\n", "unknown key"),
    ("[grades]\nA = 90\nB = 0\n", "coefficient table grades"),
    ("[veto]\ncap = \"E\"\n", "veto cap grade"),
    ("grades = [", "not valid TOML"),
    ("[bonus]\nadvance_rate = 150\n", "expected a share from 0 to 100%"),
])
def test_bad_policies(toml, message):
    with pytest.raises(InputError, match=message):
        policy_from_toml(toml)


def test_toml_text_round_trip():
    from xlperf.policy import policy_to_toml

    for policy in (DEMO_POLICY, policy_from_toml(COMPANY_TOML)):
        assert policy_from_toml(policy_to_toml(policy)) == policy


def test_docs_show_the_demo_policy_as_printed():
    """docs/policy.md quotes `xlperf policy`: the quoted values must be the real ones."""
    import pathlib
    import re

    from xlperf.policy import policy_to_toml

    doc = (pathlib.Path(__file__).parents[2] / "docs" / "policy.md").read_text()
    block = re.search(r"```toml\n(.*?)```", doc, re.S).group(1)
    assert policy_from_toml(block) == DEMO_POLICY
    printed = [line for line in policy_to_toml(DEMO_POLICY).splitlines() if line]
    quoted = [re.sub(r"\s+#.*", "", line) for line in block.splitlines() if line]
    assert quoted == printed


FRACTIONS_TOML = """
[grades]
S = 0.95
A = 0.85
B = 0.75
C = 0.6
D = 0

[scoring]
curve = [[0.8, 50], [1, 100], [1.2, 150]]
bands = [[0.8, 0.7], [0.9, 0.85], [1, 1]]
"""


def test_tables_written_as_fractions_are_read_as_percentages_as_excel_cells_are():
    # S 0.95 graded 40 as S (40 ≥ 0.95) and a 50% achievement scored the curve's top 150;
    # read as the workbook formulas read % cells: S 95 (40 is D), curve 80 → 50 (50% is
    # below it: 0), bands 0.9 → 0.85 both in % cells: 90% → 85 points
    policy = policy_from_toml(FRACTIONS_TOML)
    assert policy.grades == DEMO_POLICY.grades and policy.grades.grade_for(40) == "D"
    assert policy.scoring.curve == DEMO_POLICY.scoring.curve
    assert policy.scoring.bands == DEMO_POLICY.scoring.bands
    assert score_indicator("curve", 50, 100, defaults=policy.scoring) == 0
    assert score_indicator("band", 95, 100, defaults=policy.scoring) == 85


@pytest.mark.parametrize(("build", "message"), [
    (lambda: GradeTable((("S", 0.95), ("A", 0.85), ("D", 0))),
     "grade table lowest scores look like fractions (0.95 for S): give scores on 0–100, "
     "such as 95"),
    (lambda: ScoringDefaults(curve=Curve(((0.8, 50), (1, 100)))),
     "scoring curve achievements look like fractions (0.8): give achievement % on 0–100, "
     "such as 80"),
    (lambda: ScoringDefaults(bands=StepTable(((0.9, 85), (1, 100)))),
     "scoring bands achievements look like fractions (0.9)"),
])
def test_a_table_of_fractions_built_in_code_is_refused(build, message):
    with pytest.raises(InputError, match=re.escape(message)):
        build()


def test_a_policy_file_reads_each_setting_as_its_kind():
    # a score cap "120%" is 120 points (as XP_SCORE reads it), not 1.2 that would grade
    # everyone D; an extra cap "50%" is a share of 50%, and "150%" a share out of range
    from xlperf.policy import policy_from_mapping

    assert policy_from_mapping({"scoring": {"cap": "120%", "floor": "10%"}}).scoring.cap == 120
    # a cap of at most 10 is a % cell (Config's ScoreCap formatted as %): 1.2 is 120 points,
    # read once (part_score_cap 1 is 100, not 10,000)
    assert policy_from_mapping({"scoring": {"cap": 1.2}}).scoring.cap == 120
    assert policy_from_mapping({"part_score_cap": 1}).part_score_cap == 100
    assert policy_from_mapping({"part_score_cap": "100%"}).part_score_cap == 100
    assert policy_from_mapping({"bonus": {"over_achievement_cap": "50%"}}).bonus \
        .over_achievement_cap == 0.5
    with pytest.raises(InputError, match="over_achievement_cap is \"150%\""):
        policy_from_mapping({"bonus": {"over_achievement_cap": "150%"}})


def test_a_quota_named_by_the_grades_meaning_counts_that_grade():
    # 卓越 is S in the demo's S–D table (表-2): two S of five is over 10% (0 allowed)
    from xlperf.rules.grades import Quota, check_quotas

    [check] = check_quotas(["S", "S", "A", "B", "C"], [Quota.parse("卓越", 0.1)],
                           DEMO_POLICY.grades)
    assert (check.count, check.allowed, check.ok) == (2, 0, False)
    policy = dataclasses.replace(DEMO_POLICY, quotas=(Quota.parse("卓越", 0.1),))
    assert policy.quotas[0].grades == ("S",)
