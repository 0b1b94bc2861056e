"""Score → grade (表-2), the veto cap (一票否决), consecutive-C, and forced-distribution quotas."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from decimal import ROUND_FLOOR, Decimal

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.scoring import tidy_percent


@dataclasses.dataclass(frozen=True)
class GradeTable:
    """Grades best first, each with the lowest score that earns it (closed below).

    ``bands`` is ``(("S", 95), ("A", 85), …, ("D", 0))``: a score of 95 is S, 94.99 is A.
    The last (worst) grade also takes every score below its own bound.
    """

    bands: tuple[tuple[str, float], ...]

    def __post_init__(self) -> None:
        bands = _bands(self.bands)
        object.__setattr__(self, "bands", bands)
        if len(bands) < 2:
            raise InputError(f"a grade table needs at least 2 grades, got {len(bands)}")
        names = [g for g, _ in bands]
        if len(set(names)) != len(names):
            raise InputError(f"grade names must be unique and not empty: {names}")
        for (g0, b0), (g1, b1) in zip(bands, bands[1:], strict=False):
            if not b1 < b0:
                raise InputError(f"grade {g1} starts at {b1:g}, which must be below {g0}'s {b0:g}:"
                                 " list grades best first with falling lower bounds")
        if in_percent_cells([b for _, b in bands]):
            raise InputError(f"grade table lowest scores look like fractions ({bands[0][1]:g} "
                             f"for {bands[0][0]}): give scores on 0–100, such as "
                             f"{bands[0][1] * 100:g}")

    @classmethod
    def read(cls, rows: Iterable[Iterable[object]]) -> tuple[GradeTable, bool]:
        """A grade table from a 2-column range of (grade, lower bound) rows, best first, and
        whether it was typed in % cells: every lowest score at most 10 (S 0.95, A 0.85), read
        as percentages (95, 85) by :func:`in_percent_cells`, as Excel shows them."""
        bands = [(inputs.text(grade, f"grade table row {i} grade"),
                  inputs.number(bound, f"grade table row {i} lower bound"))
                 for i, (grade, bound) in inputs.table_rows(rows, "grade table")]
        in_cells = in_percent_cells([b for _, b in bands])
        return cls(tuple((g, b * 100.0 if in_cells else b) for g, b in bands)), in_cells

    @classmethod
    def from_rows(cls, rows: Iterable[Iterable[object]]) -> GradeTable:
        """A grade table from a 2-column range of (grade, lower bound) rows, best first; in %
        cells (S 0.95) read as percentages (95): :meth:`read`."""
        return cls.read(rows)[0]

    @property
    def grades(self) -> tuple[str, ...]:
        """Grade names, best first."""
        return tuple(g for g, _ in self.bands)

    def grade_for(self, score: float) -> str:
        """The grade a score earns: the best grade whose lower bound it reaches. Float
        noise is tidied first (84.99999999999999 from Excel's arithmetic, shown as 85.00,
        is 85)."""
        score = tidy_percent(inputs.points(score, "score"))
        for grade, lower in self.bands:
            if score >= lower:
                return grade
        return self.bands[-1][0]

    def known(self, grade: object, what: str = "grade") -> str:
        """``grade`` normalised (stripped, upper case; 基本称职 is C in an S–D table:
        :func:`grade_in`); an unknown grade is an error."""
        name = grade_in(grade, self.grades, what)
        if name is None:
            raise InputError(f"{what} is {inputs.describe(grade)}, expected one of "
                             f"{', '.join(self.grades)}")
        return name

    def rank(self, grade: object) -> int:
        """0 for the best grade, 1 for the next, and so on."""
        return self.grades.index(self.known(grade))

    def at_or_worse(self, grade: object, than: object) -> bool:
        """True when ``grade`` is ``than`` or a worse grade."""
        return self.rank(grade) >= self.rank(than)

    def capped(self, grade: object, cap: object) -> str:
        """``grade``, but no better than ``cap``."""
        return self.grades[max(self.rank(grade), self.rank(cap))]


def _bands(bands: object) -> tuple[tuple[str, float], ...]:
    """(grade, lowest score) pairs: each grade read by :func:`grade_name`, each score a
    finite number; anything else is an InputError saying what to give."""
    return tuple((grade_name(g, "grade table grade"),
                  inputs.number(b, f"grade table lowest score of {g}"))
                 for g, b in inputs.pairs(bands, "grade table", '("S", 95)'))


def in_percent_cells(bounds: Sequence[float]) -> bool:
    """True when a grade table's lowest scores look typed in % cells (0.95 for 95%): every
    one at most 10 (:func:`inputs.typed_in_percent_cells`) and not all 0. Scores run 0–100,
    so such a table would give everyone the best grade."""
    return inputs.fractions_of_percent(bounds)


def grade_name(grade: object, what: str = "grade") -> str:
    """A grade as typed, read the one way every rule reads it (:func:`grade_spelling`);
    empty is an error."""
    return grade_spelling(inputs.text(grade, what))


def grade_spelling(grade: object) -> str:
    """How every rule spells a grade, wherever it is typed (a grade table, a coefficient
    table, a quota, History): stripped, upper case, the full-width letters of a Chinese
    input method as ASCII (Ｄ is D); blank stays "" (the tables say what is wrong with it)."""
    return inputs.typed(str(grade)).upper()


GRADE_MEANINGS = (("S", "卓越"), ("A", "优秀"), ("B", "称职"), ("C", "基本称职"), ("D", "不称职"))
"""表-2's grades and what each means (domain §4): the SOE wording of the same grades."""
_BY_MEANING = {meaning: grade for grade, meaning in GRADE_MEANINGS}
_MEANING_OF = dict(GRADE_MEANINGS)


def spellings(name: str) -> tuple[str, ...]:
    """A grade name (as :func:`grade_name` reads it) and the other spelling of the same
    表-2 grade (:data:`GRADE_MEANINGS`): ``("卓越", "S")`` for 卓越, ``("C", "基本称职")`` for
    C; any other name alone (``("良好",)``). For rules that keep lists of grade words (the
    SOE check's passing and failed grades), so that every word the grade table knows counts."""
    other = _BY_MEANING.get(name) or _MEANING_OF.get(name)
    return (name, other) if other else (name,)


def grade_in(grade: object, grades: Sequence[str], what: str = "grade") -> str | None:
    """``grade`` (read by :func:`grade_name`) as one of ``grades``, or None when it is none
    of them. Grades S, A, B, C, D (表-2) are also known by their Chinese meanings
    (:data:`GRADE_MEANINGS`: 基本称职 is C, 不称职 D), as the SOE check reads them; a table
    with other grades (优秀/良好/合格) knows only its own names."""
    name = grade_name(grade, what)
    if name in grades:
        return name
    if name.endswith("级") and name[:-1].strip() in grades:  # "B级", as grades are said
        return name[:-1].strip()
    if tuple(grades) == tuple(g for g, _ in GRADE_MEANINGS):
        return _BY_MEANING.get(name)
    return None


def grade_after_veto(grade: str, vetoed: bool, table: GradeTable, cap: str) -> str:
    """A veto (一票否决) caps the grade at ``cap`` whatever the score; no veto leaves it."""
    return table.capped(grade, cap) if vetoed else table.known(grade)


def consecutive_flag(grades: Sequence[object], table: GradeTable, worst_allowed: str = "C",
                     years: int = 2) -> bool:
    """True when the latest ``years`` grades are all ``worst_allowed`` or worse (连续两年为C).

    ``grades`` run oldest first and end with the current year, one per calendar year. Blanks
    before the first grade or after the last are left out (a range wider than the history);
    a blank between two grades is a year without appraisal and breaks the run, as the batch
    counts calendar years (C, blank, C is not two years running).
    """
    if years < 1:
        raise InputError(f"years is {years}, expected 1 or more")
    run = [None if inputs.is_blank(g) else table.known(g, f"history grade {i}")
           for i, g in enumerate(grades, start=1)]
    while run and run[-1] is None:
        run.pop()
    latest = run[-years:]
    return len(latest) == years and all(
        g is not None and table.at_or_worse(g, worst_allowed) for g in latest)


@dataclasses.dataclass(frozen=True)
class Quota:
    """At most ``max_share`` of the executives may have one of ``grades`` (S+A ≤ 30%)."""

    grades: tuple[str, ...]
    max_share: float

    def __post_init__(self) -> None:
        grades = self.grades.split("+") if isinstance(self.grades, str) else self.grades
        try:
            names = tuple(grade_name(g, "quota grade") for g in grades)
        except TypeError:  # not a list of grades: Quota(5, …)
            raise InputError(f"quota grades are {inputs.describe(self.grades)}, expected "
                             'grades such as ("S", "A")') from None
        object.__setattr__(self, "grades", names)
        if not self.grades:
            raise InputError("a quota needs at least one grade")
        share = inputs.number(self.max_share, f"quota {self.label} share")  # 0.1 or "10%"
        if not 0 <= share <= 1:
            raise InputError(f"quota {self.label} share is {share:g}, expected 0–100%")
        object.__setattr__(self, "max_share", share)

    @property
    def label(self) -> str:
        """``S+A``."""
        return "+".join(self.grades)

    @classmethod
    def parse(cls, label: str, share: object) -> Quota:
        """A quota from a label such as ``"S+A"`` and a share (``0.3`` or ``30``)."""
        return cls(tuple(inputs.typed(label).replace(" ", "").split("+")),  # Ｓ＋Ａ too
                   float(inputs.share(share, f"quota {label} share")))


@dataclasses.dataclass(frozen=True)
class QuotaCheck:
    """How a set of grades stands against one quota."""

    quota: Quota
    count: int
    allowed: int
    total: int

    @property
    def ok(self) -> bool:
        """True when the count is within the quota."""
        return self.count <= self.allowed

    def __str__(self) -> str:
        state = "ok" if self.ok else "over quota"
        return (f"{self.quota.label}: {self.count} of {self.total}, at most {self.allowed} "
                f"({self.quota.max_share:.0%}) — {state}")


def check_quotas(grades: Sequence[object], quotas: Sequence[Quota],
                 table: GradeTable) -> tuple[QuotaCheck, ...]:
    """Each quota against the grades given (blanks skipped).

    The allowed count is the share of the headcount rounded down (10% of 12 is 1), computed
    in decimal so that 30% of 10 is exactly 3.
    """
    known = [table.known(g, f"grade {i}") for i, g in enumerate(grades, start=1)
             if not inputs.is_blank(g)]
    checks = []
    for quota in quotas:
        counted = {table.known(g, f"quota {quota.label} grade") for g in quota.grades}  # 卓越: S
        share = Decimal(format(quota.max_share, ".15g"))
        allowed = int((share * len(known)).to_integral_value(rounding=ROUND_FLOOR))
        count = sum(1 for g in known if g in counted)
        checks.append(QuotaCheck(quota, count, allowed, len(known)))
    return tuple(checks)
