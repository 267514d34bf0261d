"""Server-rendered SVG charts (no script, no CDN). Colours come from classes in admin.css."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

Series = tuple[str, Sequence[int], str]  # label, one value per column, CSS class


def _nice_max(value: int) -> int:
    """A round axis maximum at or above ``value`` (4, 10, 20, 40, 100, 200, 400…)."""
    if value <= 4:
        return 4
    magnitude = 10 ** (len(str(value)) - 1)
    return next(int(m * magnitude) for m in (1, 2, 4, 10) if m * magnitude >= value)


def columns(
    labels: Sequence[str], series: Sequence[Series], title: str, stacked: bool = False
) -> Markup:
    """Vertical columns per label: side by side, or stacked."""
    width, height, left, bottom, top = 760, 240, 44, 38, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    n = max(1, len(labels))
    if stacked:
        peak = max((sum(s[1][i] for s in series) for i in range(len(labels))), default=0)
    else:
        peak = max((v for s in series for v in s[1]), default=0)
    top_value = _nice_max(peak)
    slot = plot_w / n
    bar = max(1.0, slot * 0.8 / (1 if stacked else max(1, len(series))))
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in range(5):
        value = top_value * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{value:g}</text>"
        )
    every = max(1, -(-n // 12))
    for i, label in enumerate(labels):
        x0 = left + slot * i + slot * 0.1
        base: float = top + plot_h
        for j, (name, values, css) in enumerate(series):
            value = values[i]
            h = plot_h * value / top_value if top_value else 0
            x = x0 if stacked else x0 + bar * j
            y = base - h
            parts.append(
                f'<rect class="{escape(css)}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}"><title>{escape(label)} — {escape(name)}: {value}</title></rect>'
            )
            if stacked:
                base = y
        if i % every == 0:
            parts.append(
                f'<text class="axis" x="{left + slot * (i + 0.5):.1f}" y="{height - bottom + 16}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    legend_x = left
    for name, _, css in series:
        parts.append(
            f'<rect class="{escape(css)}" x="{legend_x}" y="{height - 12}" width="10" height="10"/>'
            f'<text class="axis" x="{legend_x + 14}" y="{height - 3}">{escape(name)}</text>'
        )
        legend_x += 24 + 7 * len(name)
    parts.append("</svg>")
    return Markup("".join(parts))


def bars(items: Sequence[tuple[str, int]], title: str, css: str = "s1") -> Markup:
    """Horizontal bars, one per item, largest value spanning the width."""
    width, row, label_w = 760, 22, 300
    height = max(1, len(items)) * row + 8
    peak = max((v for _, v in items), default=0) or 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        w = (width - label_w - 60) * value / peak
        short = label if len(label) <= 44 else label[:43] + "…"
        parts.append(
            f'<text class="axis" x="{label_w - 6}" y="{y + 14}" text-anchor="end">'
            f"{escape(short)}</text>"
            f'<rect class="{escape(css)}" x="{label_w}" y="{y + 3}" width="{w:.1f}" '
            f'height="{row - 6}">'
            f"<title>{escape(label)}: {value}</title></rect>"
            f'<text class="axis" x="{label_w + w + 6:.1f}" y="{y + 14}">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
