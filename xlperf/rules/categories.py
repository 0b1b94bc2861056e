"""The indicator categories of an executive's contract (domain guide §1), with their names.

The template's Config sheet lists them (the ``CategoryList`` of the Indicators sheet's
validation) and the appraisal report names its subtotals with them. The core itself accepts
any category text: subtotals follow whatever categories a contract uses.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Category:
    """One category: its key (what the workbook holds), English and Chinese names, and the
    part of the annual score its indicators usually count toward."""

    key: str
    english: str
    chinese: str
    part: str  # "business" or "individual"


CATEGORIES = (
    Category("financial", "Financial results", "财务指标", "business"),
    Category("risk", "Risk", "风险系数", "business"),
    Category("sustainable", "Sustainable development", "持续发展规划", "business"),
    Category("personal", "Personal capability", "个人能力素养", "business"),
    Category("team", "Team management", "团队管理", "business"),
    Category("unit", "Own unit's targets", "分管业务", "individual"),
    Category("projects", "Key projects", "重点工作", "individual"),
    Category("okr", "OKR", "OKR", "individual"),
)
