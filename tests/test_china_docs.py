"""docs/china.md restates some data: check that it still says what the code does."""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

from xlperf.rules.china import tax_tables, trap

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "china.md").read_text(encoding="utf-8")


def _table_rows(header: str) -> list[list[str]]:
    """The body rows of the markdown table whose header row starts with ``header``."""
    lines = DOC.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def _amount(text: str) -> D:
    return D(text.replace(",", ""))


def test_the_documented_trap_table_is_the_computed_one():
    rows = _table_rows("| edge | nets | trapped bonuses | break-even |")
    documented = [(_amount(edge), _amount(net), _amount(even)) for edge, net, _, even in rows]
    computed = [(r.edge, r.edge_net, r.break_even) for r in trap.bonus_trap_ranges("2025-06-30")]
    assert documented == computed
    spans = [tuple(_amount(x) for x in span.split(" – ")) for _, _, span, _ in rows]
    assert spans == [(r.first_trapped, r.last_trapped)
                     for r in trap.bonus_trap_ranges("2025-06-30")]


def test_the_documented_bonus_table_is_the_monthly_table():
    rows = _table_rows("| bonus ÷ 12 up to | rate | quick deduction | bonus up to |")
    documented = [(None if upper == "above" else _amount(upper), D(rate.rstrip("%")) / 100,
                   _amount(qd)) for upper, rate, qd, _ in rows]
    assert documented == [(b.upper, b.rate, b.quick_deduction)
                          for b in tax_tables.MONTHLY_TABLE.brackets]


def test_every_breach_rule_id_is_documented():
    source = "".join(p.read_text(encoding="utf-8")
                     for p in (ROOT / "xlperf" / "rules" / "china").glob("*.py"))
    ids = set(re.findall(r'"((?:csrc|soe)\.[a-z_]+)"', source))
    assert ids, "no rule ids found"
    missing = sorted(i for i in ids if f"`{i}`" not in DOC)
    assert not missing, f"rule ids missing from docs/china.md: {missing}"
