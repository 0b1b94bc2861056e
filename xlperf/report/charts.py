"""Charts for the reports as inline SVG (WeasyPrint draws it; no image files, no fetching).

Each function takes plain figures and already-translated labels and returns ``Markup``;
every label is escaped here, so a name from a workbook cannot inject markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

FONT = 'font-family="xlperf Sans, Noto Sans CJK SC, sans-serif"'
INK, MUTED, ACCENT, WARN, LIGHT = "#1F3864", "#7F7F7F", "#2E75B6", "#C00000", "#D9E1F2"


def _text(x: float, y: float, text: object, size: float = 9, anchor: str = "start",
          fill: str = INK, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}"{weight} {FONT}>{escape(text)}</text>')


def _svg(width: float, height: float, body: list[str], title: str) -> Markup:
    return Markup(f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" '
                  f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
                  f'height="{height:.0f}" role="img"><title>{escape(title)}</title>'
                  + "".join(body) + "</svg>")


def parts_chart(parts: Sequence[tuple[str, float, float]], annual: tuple[str, float],
                title: str, scale_max: float = 120.0) -> Markup:
    """Horizontal bars of the part scores (label, score, weight) and the annual score."""
    label_w, bar_w, row_h = 150.0, 300.0, 22.0
    rows = [*parts, (annual[0], annual[1], None)]
    height = row_h * len(rows) + 24
    body = []
    for tick in range(0, int(scale_max) + 1, 20):
        x = label_w + bar_w * tick / scale_max
        body.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 18:.1f}" '
                    f'stroke="{LIGHT}" stroke-width="0.6"/>')
        body.append(_text(x, height - 6, tick, 7, "middle", MUTED))
    for i, (label, value, weight) in enumerate(rows):
        y = 6 + i * row_h
        length = bar_w * max(0.0, min(value, scale_max)) / scale_max
        color = ACCENT if weight is not None else INK
        body.append(_text(label_w - 6, y + 12, label, 8.5, "end", bold=weight is None))
        body.append(f'<rect x="{label_w}" y="{y + 2:.1f}" width="{length:.1f}" height="13" '
                    f'fill="{color}"/>')
        suffix = f"  ×{weight * 100:.0f}%" if weight is not None else ""
        body.append(_text(label_w + length + 4, y + 12, f"{value:.2f}{suffix}", 8.5))
    return _svg(label_w + bar_w + 80, height, body, title)


def trend_chart(years: Sequence[tuple[int, float | None, str]],
                bands: Sequence[tuple[str, float]], title: str) -> Markup:
    """Bars of the annual score by year (year, score or None, grade), grade bands dashed."""
    width, height, left, top, bottom = 460.0, 170.0, 34.0, 14.0, 24.0
    plot_h = height - top - bottom
    lo, hi = 40.0, 110.0

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (min(max(value, lo), hi) - lo) / (hi - lo))

    body = []
    for grade, lowest in bands:
        if lo < lowest < hi:
            y = y_of(lowest)
            body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" '
                        f'stroke="{MUTED}" stroke-width="0.6" stroke-dasharray="3 3"/>')
            body.append(_text(left - 4, y + 3, f"{grade} {lowest:g}", 7, "end", MUTED))
    slot = (width - left - 8) / max(len(years), 1)
    for i, (year, value, grade) in enumerate(years):
        x = left + slot * i + slot * 0.25
        last = i == len(years) - 1
        if value is not None:
            y = y_of(value)
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.5:.1f}" '
                        f'height="{top + plot_h - y:.1f}" fill="{INK if last else ACCENT}"/>')
            body.append(_text(x + slot * 0.25, y - 3, f"{value:.1f} {grade}", 8, "middle",
                              bold=last))
        else:
            body.append(_text(x + slot * 0.25, top + plot_h - 4, grade, 9, "middle", bold=True))
        body.append(_text(x + slot * 0.25, height - 8, year, 8, "middle", MUTED))
    body.append(f'<line x1="{left}" y1="{top + plot_h:.1f}" x2="{width - 8}" '
                f'y2="{top + plot_h:.1f}" stroke="{INK}" stroke-width="0.8"/>')
    return _svg(width, height, body, title)


def distribution_chart(counts: Sequence[tuple[str, int]],
                       quotas: Sequence[tuple[str, float, float]], title: str) -> Markup:
    """Headcount by grade (bars), then each quota's actual share against its maximum."""
    width, top, bar_area = 460.0, 14.0, 110.0
    total = sum(n for _, n in counts) or 1
    most = max((n for _, n in counts), default=0) or 1
    slot = (width - 40) / max(len(counts), 1)
    body = []
    base = top + bar_area
    for i, (grade, n) in enumerate(counts):
        x = 30 + slot * i + slot * 0.2
        h = bar_area * n / most
        body.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{slot * 0.6:.1f}" '
                    f'height="{h:.1f}" fill="{ACCENT}"/>')
        body.append(_text(x + slot * 0.3, base - h - 3, f"{n} ({n / total:.0%})", 8, "middle"))
        body.append(_text(x + slot * 0.3, base + 12, grade, 9, "middle", bold=True))
    body.append(f'<line x1="24" y1="{base:.1f}" x2="{width - 8}" y2="{base:.1f}" '
                f'stroke="{INK}" stroke-width="0.8"/>')
    y = base + 26
    for label, share, limit in quotas:
        over = share > limit + 1e-12
        body.append(_text(80, y + 9, label, 8.5, "end", bold=True))
        body.append(f'<rect x="86" y="{y:.1f}" width="{300 * min(share, 1):.1f}" height="11" '
                    f'fill="{WARN if over else ACCENT}"/>')
        lx = 86 + 300 * min(limit, 1)
        body.append(f'<line x1="{lx:.1f}" y1="{y - 3:.1f}" x2="{lx:.1f}" y2="{y + 14:.1f}" '
                    f'stroke="{INK}" stroke-width="1.4"/>')
        body.append(_text(392, y + 9, f"{share:.0%} / ≤{limit:.0%}", 8.5,
                          fill=WARN if over else INK))
        y += 20
    return _svg(width, y + 4, body, title)
