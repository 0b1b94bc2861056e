"""Junk given to the rule objects and the policy reader: an InputError, never another error."""

import contextlib
import dataclasses
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlperf.errors import InputError
from xlperf.policy import DEMO_POLICY, policy_from_mapping, policy_from_toml, policy_to_mapping
from xlperf.rules.bonus import BonusRules, CoefficientTable
from xlperf.rules.curves import Curve, StepTable
from xlperf.rules.democratic import DemocraticRules
from xlperf.rules.grades import GradeTable, Quota
from xlperf.rules.scoring import ScoringDefaults, ScoringParams, score_indicator

ATOMS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(),
                  st.sampled_from(["", "abc", "40%", "1", "S", "上级", "nan", "inf"]))
JUNK = st.recursive(ATOMS, lambda inner: st.lists(inner, max_size=4)
                    | st.tuples(inner, inner), max_leaves=8)

BUILDERS = {
    "GradeTable": lambda v: GradeTable(v),
    "GradeTable row": lambda v: GradeTable((("S", v), ("D", 0))),
    "Quota": lambda v: Quota(("S",), v),
    "Quota grades": lambda v: Quota(v, 0.1),
    "DemocraticRules": lambda v: DemocraticRules(v),
    "DemocraticRules weight": lambda v: DemocraticRules((("superior", v), ("peer", 0.3),
                                                         ("subordinate", 0.3))),
    "min_raters": lambda v: DemocraticRules(min_raters=v),
    "trim_from": lambda v: DemocraticRules(trim_from=v),
    "over_achievement_rate": lambda v: BonusRules(over_achievement_rate=v),
    "over_achievement_cap": lambda v: BonusRules(over_achievement_cap=v),
    "advance_rate": lambda v: BonusRules(advance_rate=v),
    "CoefficientTable": lambda v: CoefficientTable(v),
    "Curve": lambda v: Curve(v),
    "Curve.from_rows": lambda v: Curve.from_rows(v),
    "StepTable.from_rows": lambda v: StepTable.from_rows(v),
    "ScoringParams curve": lambda v: score_indicator("curve", 90, 100, ScoringParams(curve=v)),
    "ScoringParams bands": lambda v: score_indicator("band", 90, 100, ScoringParams(bands=v)),
    "ScoringDefaults": lambda v: ScoringDefaults(rating_high=v),
    "Policy": lambda v: dataclasses.replace(DEMO_POLICY, consecutive_years=v),
}


@pytest.mark.parametrize("name", BUILDERS)
@given(value=JUNK)
def test_junk_given_to_a_rule_object_is_an_input_error(name, value):
    with contextlib.suppress(InputError):  # anything else fails the test
        BUILDERS[name](value)


# each was a TypeError, a ValueError or an AttributeError, or was accepted and failed later
@pytest.mark.parametrize(("build", "message"), [
    (lambda: policy_from_toml("[scoring]\nrating_scale = 5"),
     "scoring rating_scale is 5, expected [lowest, highest] such as [1, 5]"),
    (lambda: policy_from_toml("[scoring]\nrating_scale = [1, 3, 5]"),
     "scoring rating_scale is [1, 3, 5], expected [lowest, highest]"),
    (lambda: DemocraticRules(min_raters="3.5"), 'min_raters is "3.5", expected a whole number'),
    (lambda: BonusRules(over_achievement_rate=math.nan),
     "over_achievement_rate is nan, expected a finite number"),
    (lambda: GradeTable((("S", math.inf), ("A", 85))),
     "grade table lowest score of S is inf, expected a finite number"),
    (lambda: GradeTable((("S", math.nan), ("A", 85))),
     "grade table lowest score of S is nan, expected a finite number"),
    (lambda: GradeTable((("S", "x"), ("A", 85))),
     'grade table lowest score of S is "x", expected a number'),
    (lambda: ScoringParams(curve=((80, 50), (100, 100))), "expected a Curve"),
    (lambda: policy_from_toml("[incentives]\npayout_curve = 5"),
     "payout curve is 5, expected rows of (x, y)"),
    (lambda: policy_from_toml('[soe]\nfailed_grades = 5'),
     'failed grades is 5, expected a list of grades such as ["D", "不称职"]'),
    (lambda: policy_from_toml('[quotas]\nS = "x"'),
     'quota S share is "x", expected a share from 0 to 100%'),
])
def test_each_junk_value_says_what_to_give(build, message):
    with pytest.raises(InputError) as info:
        build()
    assert message in str(info.value)


def test_what_a_cell_holds_is_read_as_typed():
    # "10%", "3", "40%" and "1" are what a spreadsheet or a policy file gives: read, not
    # refused (they were TypeErrors and ValueErrors)
    assert Quota(("S",), "10%").max_share == pytest.approx(0.1)
    assert DemocraticRules(min_raters="3").min_raters == 3
    assert DemocraticRules((("superior", "40%"), ("peer", "30%"), ("subordinate", "30%"))
                           ).weight_of("superior") == pytest.approx(0.4)
    assert BonusRules(over_achievement_rate="1").over_achievement_rate == 1.0
    assert policy_from_toml('[soe]\nfailed_grades = "不称职"').soe.failed_grades == ("不称职",)


SECTIONS = policy_to_mapping(DEMO_POLICY)


@given(section=st.sampled_from(sorted(k for k, v in SECTIONS.items() if isinstance(v, dict))),
       data=st.data(), value=JUNK)
def test_junk_in_any_policy_setting_is_an_input_error(section, data, value):
    key = data.draw(st.sampled_from(sorted(SECTIONS[section])))
    with contextlib.suppress(InputError):
        policy_from_mapping({section: {**SECTIONS[section], key: value}})
