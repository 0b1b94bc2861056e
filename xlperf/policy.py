"""Every tunable number in one object: grade table, coefficients, weights, curves, quotas.

:data:`DEMO_POLICY` is the demo company's policy and the default everywhere. A policy can be
read from TOML text (:func:`policy_from_toml`, see ``docs/policy.md`` for the format) or from
a mapping (a workbook's Config sheet), and written back to a mapping for the manifest.
Sections left out keep the demo values; unknown keys are errors, so a typo cannot pass
silently.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from typing import Any

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.annual import PART_SCORE_CAP, PARTS, PartWeights, checked_part_cap
from xlperf.rules.bonus import BonusRules, CoefficientTable
from xlperf.rules.china.soe import SoePayRules
from xlperf.rules.curves import Curve, StepTable
from xlperf.rules.democratic import DemocraticRules, group_weights_from
from xlperf.rules.grades import GradeTable, Quota
from xlperf.rules.incentives.defaults import (
    IncentiveRules,
    incentive_rules_from_mapping,
    incentive_rules_to_mapping,
)
from xlperf.rules.scoring import ScoringDefaults, score_table_rows

_PARTS_OF_A_POLICY = (("grades", GradeTable), ("coefficients", CoefficientTable),
                      ("part_weights", PartWeights), ("democratic", DemocraticRules),
                      ("scoring", ScoringDefaults), ("bonus", BonusRules),
                      ("incentives", IncentiveRules), ("soe", SoePayRules))


def _quotas(quotas: object) -> tuple[Quota, ...]:
    """The forced-distribution quotas: Quota objects, in a list or tuple."""
    if not isinstance(quotas, list | tuple) or not all(isinstance(q, Quota) for q in quotas):
        raise InputError(f"policy quotas are {inputs.describe(quotas)}, expected Quota objects")
    return tuple(quotas)


@dataclasses.dataclass(frozen=True)
class Policy:
    """The rules a company has chosen; the defaults are the demo company's (domain §1–4)."""

    name: str = "Demo policy"
    grades: GradeTable = GradeTable((("S", 95), ("A", 85), ("B", 75), ("C", 60), ("D", 0)))
    coefficients: CoefficientTable = CoefficientTable()
    part_weights: PartWeights = PartWeights()
    democratic: DemocraticRules = DemocraticRules()
    scoring: ScoringDefaults = ScoringDefaults()
    bonus: BonusRules = BonusRules()
    quotas: tuple[Quota, ...] = (Quota(("S",), 0.10), Quota(("S", "A"), 0.30))
    veto_cap: str = "C"  # a veto (一票否决) caps the grade here
    consecutive_worst: str = "C"  # this grade or worse …
    consecutive_years: int = 2  # … this many years running flags a review (连续两年为C)
    score_decimals: int = 2  # scores of record are rounded half-up to this many decimals
    part_score_cap: float = PART_SCORE_CAP  # a part of the annual score counts at most this
    incentives: IncentiveRules = IncentiveRules()  # long-term incentive defaults (§5)
    soe: SoePayRules = SoePayRules()  # central-SOE pay rules (§6): deferral, failed grades

    def __post_init__(self) -> None:
        for name, kind in _PARTS_OF_A_POLICY:  # an object of its own kind, or an InputError
            if not isinstance(getattr(self, name), kind):
                raise InputError(f"policy {name} is {inputs.describe(getattr(self, name))}, "
                                 f"expected a {kind.__name__}")
        object.__setattr__(self, "quotas", _quotas(self.quotas))
        for name, least in (("consecutive_years", 1), ("score_decimals", 0)):
            object.__setattr__(self, name, inputs.count(getattr(self, name),
                                                        name.replace("_", " "), least=least))
        grades = self.grades.grades
        coefficient_grades = tuple(g for g, _ in self.coefficients.steps)
        if coefficient_grades != grades:
            raise InputError(f"coefficient table grades {list(coefficient_grades)} do not match "
                             f"the grade table {list(grades)}")
        object.__setattr__(self, "veto_cap", self.grades.known(self.veto_cap, "veto cap grade"))
        object.__setattr__(self, "consecutive_worst",
                           self.grades.known(self.consecutive_worst, "consecutive-C grade"))
        object.__setattr__(self, "quotas", tuple(  # each grade as the table names it (卓越: S)
            dataclasses.replace(quota, grades=tuple(
                self.grades.known(grade, f"quota {quota.label} grade") for grade in quota.grades))
            for quota in self.quotas))
        object.__setattr__(self, "soe", self.soe.with_grades(grades))  # its grades are known
        if not 0 <= self.score_decimals <= 6:
            raise InputError(f"score decimals is {self.score_decimals}, expected 0 to 6")
        object.__setattr__(self, "part_score_cap", checked_part_cap(self.part_score_cap))


DEMO_POLICY = Policy(name="Demo policy (华夏汽车 Huaxia Motor)")

_SECTIONS = {"name", "score_decimals", "part_score_cap", "grades", "coefficients",
             "coefficient_curve", "part_weights", "democratic", "scoring", "quotas", "veto",
             "consecutive", "bonus", "incentives", "soe"}


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InputError(f"policy section [{key}] must be a table of key = value")
    return value


def _only(section: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(section) - allowed)
    if unknown:
        raise InputError(f"policy section [{where}] has unknown key(s) {', '.join(unknown)}; "
                         f"known: {', '.join(sorted(allowed))}")


def _points(value: object, what: str) -> tuple[tuple[object, object], ...]:
    if not isinstance(value, list | tuple):
        raise InputError(f"{what} must be a list of [x, y] pairs")
    return tuple(tuple(p) if isinstance(p, list | tuple) else (p,) for p in value)


def _scoring(section: Mapping[str, Any], base: ScoringDefaults) -> ScoringDefaults:
    _only(section, {"floor", "cap", "per_incident", "rating_scale", "curve", "bands"}, "scoring")
    changes: dict[str, Any] = {}
    for key in ("floor", "cap", "per_incident"):  # read by ScoringDefaults: "120%" is 120
        if key in section:
            changes[key] = section[key]
    if "rating_scale" in section:
        scale = section["rating_scale"]
        if not isinstance(scale, list | tuple) or len(scale) != 2:
            raise InputError(f"scoring rating_scale is {inputs.describe(scale)}, expected "
                             "[lowest, highest] such as [1, 5]")
        low, high = (inputs.number(v, "scoring rating_scale") for v in scale)
        changes.update(rating_low=low, rating_high=high)
    for key, kind in (("curve", Curve), ("bands", StepTable)):  # 0.8 read as 80%, as in Excel
        if key in section:
            what = f"scoring {key}"
            changes[key] = kind.from_rows(score_table_rows(_points(section[key], what), what),
                                          what)
    return dataclasses.replace(base, **changes)


def _democratic(section: Mapping[str, Any], base: DemocraticRules) -> DemocraticRules:
    settings = {k: section[k] for k in ("min_raters", "trim_from") if k in section}
    weights = {k: v for k, v in section.items() if k not in settings}
    changes: dict[str, Any] = {k: int(inputs.count(v, f"democratic {k}"))
                               for k, v in settings.items()}
    if weights:
        changes["group_weights"] = group_weights_from(weights)
    return dataclasses.replace(base, **changes)


def policy_from_mapping(data: Mapping[str, Any], base: Policy = DEMO_POLICY) -> Policy:
    """A policy from a mapping shaped like the TOML file; missing sections keep ``base``'s."""
    _only(data, _SECTIONS, "top level")
    changes: dict[str, Any] = {}
    if "name" in data:
        changes["name"] = inputs.text(data["name"], "policy name")
    if "score_decimals" in data:
        changes["score_decimals"] = inputs.count(data["score_decimals"], "score_decimals")
    if "part_score_cap" in data:
        changes["part_score_cap"] = data["part_score_cap"]  # read once, by Policy
    if (grades := _section(data, "grades")) is not None:
        changes["grades"] = GradeTable.from_rows(grades.items())
    coefficients = _section(data, "coefficients")
    curve = _section(data, "coefficient_curve")
    if coefficients is not None or curve is not None:
        steps = tuple(coefficients.items()) if coefficients else base.coefficients.steps
        curve_obj = base.coefficients.curve
        if curve is not None:
            _only(curve, {"points"}, "coefficient_curve")
            curve_obj = Curve.from_rows(_points(curve.get("points"), "coefficient curve"),
                                        "coefficient curve")
        changes["coefficients"] = CoefficientTable(steps, curve_obj)
    if (weights := _section(data, "part_weights")) is not None:
        _only(weights, set(PARTS), "part_weights")
        missing = [p for p in PARTS if p not in weights]
        if missing:
            raise InputError(f"policy section [part_weights] must give all four weights; "
                             f"missing {', '.join(missing)}")
        changes["part_weights"] = PartWeights.from_values([weights[p] for p in PARTS])
    if (democratic := _section(data, "democratic")) is not None:
        changes["democratic"] = _democratic(democratic, base.democratic)
    if (scoring := _section(data, "scoring")) is not None:
        changes["scoring"] = _scoring(scoring, base.scoring)
    if (quotas := _section(data, "quotas")) is not None:
        changes["quotas"] = tuple(Quota.parse(label, share) for label, share in quotas.items())
    if (veto := _section(data, "veto")) is not None:
        _only(veto, {"cap"}, "veto")
        changes["veto_cap"] = veto.get("cap", base.veto_cap)
    if (consecutive := _section(data, "consecutive")) is not None:
        _only(consecutive, {"worst_allowed", "years"}, "consecutive")
        changes["consecutive_worst"] = consecutive.get("worst_allowed", base.consecutive_worst)
        changes["consecutive_years"] = inputs.count(
            consecutive.get("years", base.consecutive_years), "consecutive years",
            least=1)
    if (bonus := _section(data, "bonus")) is not None:
        known = {f.name for f in dataclasses.fields(BonusRules)}
        _only(bonus, known, "bonus")
        # read by BonusRules, each as its kind ("50%" is a share of 50%, not 0.5 read again)
        changes["bonus"] = dataclasses.replace(base.bonus, **bonus)
    if (incentives := _section(data, "incentives")) is not None:
        changes["incentives"] = incentive_rules_from_mapping(incentives, base.incentives)
    if (soe := _section(data, "soe")) is not None:
        changes["soe"] = SoePayRules.from_mapping({**base.soe.to_mapping(), **soe})
    return dataclasses.replace(base, **changes)


def policy_from_toml(text: str, base: Policy = DEMO_POLICY) -> Policy:
    """A policy from the text of a TOML policy file (see ``docs/policy.md``)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"policy file is not valid TOML: {error}") from None
    return policy_from_mapping(data, base)


def policy_to_mapping(policy: Policy) -> dict[str, Any]:
    """The policy as a plain mapping in the TOML file's shape (round-trips)."""
    s = policy.scoring
    data: dict[str, Any] = {
        "name": policy.name,
        "score_decimals": policy.score_decimals,
        "part_score_cap": policy.part_score_cap,
        "grades": dict(policy.grades.bands),
        "coefficients": dict(policy.coefficients.steps),
        "part_weights": dict(zip(PARTS, policy.part_weights.as_tuple(), strict=True)),
        "democratic": {**dict(policy.democratic.group_weights),
                       "min_raters": policy.democratic.min_raters,
                       "trim_from": policy.democratic.trim_from},
        "scoring": {"floor": s.floor, "cap": s.cap, "per_incident": s.per_incident,
                    "rating_scale": [s.rating_low, s.rating_high],
                    "curve": [list(p) for p in s.curve.points],
                    "bands": [list(p) for p in s.bands.steps]},
        "quotas": {q.label: q.max_share for q in policy.quotas},
        "veto": {"cap": policy.veto_cap},
        "consecutive": {"worst_allowed": policy.consecutive_worst,
                        "years": policy.consecutive_years},
        "bonus": dataclasses.asdict(policy.bonus),
        "incentives": incentive_rules_to_mapping(policy.incentives),
        "soe": policy.soe.to_mapping(),
    }
    if policy.coefficients.curve is not None:
        data["coefficient_curve"] = {"points": [list(p) for p in policy.coefficients.curve.points]}
    return data


def policy_digest(policy: Policy, scoring_tables: Mapping[str, Any] | None = None) -> str:
    """sha256 of the policy's canonical JSON: names the exact rules a result was made with.
    A workbook's named scoring tables (Config's tblScoringTables, read by its indicators)
    are rules too: given, they are part of the digest."""
    rules: Any = policy_to_mapping(policy)
    if scoring_tables:
        rules = {"rules": rules, "scoring_tables": scoring_tables}
    canonical = json.dumps(rules, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def policy_to_toml(policy: Policy) -> str:
    """The policy as TOML text that :func:`policy_from_toml` reads back to the same policy."""
    data = policy_to_mapping(policy)
    lines = [f"{key} = {_toml_value(value)}" for key, value in data.items()
             if not isinstance(value, dict)]
    for section, table in data.items():
        if isinstance(table, dict):
            lines += ["", f"[{section}]"]
            lines += [f"{_toml_key(k)} = {_toml_value(v)}"
                      for k, v in table.items()]
    return "\n".join(lines) + "\n"
