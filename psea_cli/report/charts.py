"""Inline SVG charts for the HTML report: no script, no external resource, every text escaped.

Each chart is an accessible image (``role="img"`` with a ``<title>`` and a ``<desc>``, ids
derived from the name the caller gives, so output is stable) that scales to its container.
Values arrive already through disclosure control: a withheld count is a string such as ``<5``
and is drawn as a dashed bar, never as a number.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from psea_cli.formatting import format_number
from psea_cli.i18n import _

STATUS_COLOURS = {"on_track": "#2166ac", "behind": "#e66100", "no_target": "#8c8c8c",
                  "no_data": "#d9d9d9", "withheld": "#b8b8b8"}
"""Blue and orange stay distinct for colour-blind readers; grey for what cannot be judged."""


INK = {"value": ' font-weight="700" fill="#1f2328"', "label": ' fill="#1f2328"',
       "legend": ' fill="#1f2328"', "ink-light": ' font-weight="700" fill="#ffffff"',
       "ink-dark": ' font-weight="700" fill="#1f2328"', "small": ' font-size="11"',
       "muted": ' fill="#59636e" font-size="11"'}
"""Text styles as SVG presentation attributes: every renderer (browsers, WeasyPrint) honours
them, whatever it does with the page's style sheet."""

FONT = 'font-family="DejaVu Sans, Arial, sans-serif" font-size="13"'


def _frame(name: str, width: int, height: int, title: str, desc: str, body: list[str],
           cls: str = "chart") -> Markup:
    n = escape(name)
    return Markup(
        f'<svg class="{cls}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" style="max-width:{width}px" {FONT} '
        f'aria-labelledby="{n}-t {n}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{n}-t">{escape(title)}</title><desc id="{n}-d">{escape(desc)}</desc>'
        + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "middle", cls: str = "") -> str:
    klass = f' class="{cls}"{INK.get(cls, "")}' if cls else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>'
            f"{escape(text)}</text>")


def bar_chart(name: str, bars: Sequence[tuple[str, int | str]], title: str, desc: str,
              threshold: int) -> Markup:
    """Vertical bars (cases per quarter); a withheld value is a dashed bar at the threshold."""
    width, height, top, bottom, left = 460, 220, 20, 40, 10
    numbers = [v for _, v in bars if isinstance(v, int)]
    scale_max = max([*numbers, 4 * threshold, 1])  # a "<5" bar is never drawn full height
    slot = (width - 2 * left) / max(len(bars), 1)
    usable = height - top - bottom
    body = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" '
            f'y2="{height - bottom}" class="axis" stroke="#59636e"/>']
    for i, (label, value) in enumerate(bars):
        x = left + i * slot + slot * 0.2
        bar_w = slot * 0.6
        withheld = not isinstance(value, int)
        amount = threshold if withheld else int(value)
        bar_h = usable * amount / scale_max
        y = height - bottom - bar_h
        paint = ('class="bar withheld" fill="#ffffff" stroke="#2166ac" stroke-dasharray="4 3"'
                 if withheld else 'class="bar" fill="#2166ac"')
        body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" '
                    f'{paint}/>')
        shown = str(value) if withheld else format_number(amount)  # 1,150 as tables write it
        body.append(_text(x + bar_w / 2, y - 5, shown, cls="value"))
        body.append(_text(x + bar_w / 2, height - bottom + 16, label, cls="label"))
    return _frame(name, width, height, title, desc, body)


def status_chart(name: str, rows: Sequence[tuple[str, dict[str, int]]], labels: dict[str, str],
                 title: str, desc: str) -> Markup:
    """One horizontal stacked bar per result: how many indicators are in each status."""
    width, row_h, label_w = 460, 34, 96
    body: list[str] = []
    x, y_legend = 0.0, 16
    for status, colour in STATUS_COLOURS.items():
        if status == "withheld" and not any(counts.get(status) for _label, counts in rows):
            continue  # said only where a figure is withheld
        item_w = 24 + 8 * len(labels[status])
        if x and x + item_w > width:
            x, y_legend = 0.0, y_legend + 20
        body.append(f'<rect x="{x:.1f}" y="{y_legend - 10}" width="12" height="12" '
                    f'fill="{colour}"/>')
        body.append(_text(x + 16, y_legend, labels[status], anchor="start", cls="legend"))
        x += item_w
    legend_h = y_legend + 14
    height = legend_h + row_h * max(len(rows), 1) + 6
    bar_w = width - label_w - 10
    for i, (label, counts) in enumerate(rows):
        y = legend_h + i * row_h
        body.append(_text(label_w - 8, y + row_h / 2 + 4, label, anchor="end", cls="label"))
        total = sum(counts.values()) or 1
        x = float(label_w)
        for status, colour in STATUS_COLOURS.items():
            n = counts.get(status, 0)
            if not n:
                continue
            w = bar_w * n / total
            body.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 10}" '
                        f'fill="{colour}"><title>{escape(said(labels[status], format_number(n)))}'
                        '</title></rect>')
            ink = "ink-dark" if status in ("no_data", "withheld") else "ink-light"
            body.append(_text(x + w / 2, y + row_h / 2 + 4, format_number(n), cls=ink))
            x += w
    return _frame(name, width, height, title, desc, body)


def coverage_heatmap(name: str, regions: Sequence[str], types: Sequence[str],
                     counts: Sequence[Sequence[int]], title: str, desc: str) -> Markup:
    """Regions × service types; each cell holds the number of active services, gaps marked."""
    cell_w, cell_h, label_w = 70, 26, 130
    longest = 7.8 * max((len(t) for t in types), default=0)  # rotated labels need room
    head_h = int(20 + longest * 0.5)
    width = int(label_w + cell_w * max(len(types) - 1, 0) + cell_w / 2 + longest * 0.87 + 8)
    height = head_h + cell_h * max(len(regions), 1) + 4
    body: list[str] = []
    for j, kind in enumerate(types):
        x = label_w + j * cell_w + cell_w / 2
        body.append(f'<text transform="translate({x:.1f},{head_h - 6}) rotate(-30)" '
                    f'class="label" fill="#1f2328">{escape(kind)}</text>')
    top = max((n for row in counts for n in row), default=1) or 1
    for i, region in enumerate(regions):
        y = head_h + i * cell_h
        body.append(_text(label_w - 6, y + cell_h / 2 + 4, region, anchor="end", cls="label"))
        for j, n in enumerate(counts[i]):
            x = label_w + j * cell_w
            if n == 0:
                fill, mark = "#f4c7c3", "0"
            else:
                shade = 0.35 + 0.65 * n / top
                fill, mark = f"rgba(33,102,172,{shade:.2f})", format_number(n)
            body.append(f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" '
                        f'height="{cell_h - 2}" fill="{fill}"/>')
            ink = "ink-dark" if n == 0 or n / top < 0.5 else "ink-light"
            body.append(_text(x + cell_w / 2, y + cell_h / 2 + 4, mark, cls=ink))
    return _frame(name, width, height, title, desc, body)


def sparkline(name: str, points: Sequence[tuple[str, float | None]], target: float | None,
              title: str, desc: str) -> Markup:
    """A small line over the plan's periods (a gap where a period has no value), the last
    value marked, the target as a dashed line; read by screen readers from its description."""
    width, height, pad = 120, 34, 4
    numbers = [v for _, v in points if v is not None]
    low = min([*numbers, *([target] if target is not None else []), 0.0])
    high = max([*numbers, *([target] if target is not None else []), 1.0])
    span = (high - low) or 1.0
    step = (width - 2 * pad) / max(len(points) - 1, 1)

    def y(value: float) -> float:
        return height - pad - (height - 2 * pad) * (value - low) / span

    body: list[str] = []
    if target is not None:
        body.append(f'<line x1="{pad}" y1="{y(target):.1f}" x2="{width - pad}" '
                    f'y2="{y(target):.1f}" stroke="#e66100" stroke-width="1.2" '
                    f'stroke-dasharray="3 2"/>')
    run: list[str] = []
    for i, (_label, value) in enumerate(points):
        if value is None:
            if len(run) > 1:
                body.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="#2166ac" '
                            f'stroke-width="1.6"/>')
            run = []
            continue
        run.append(f"{pad + i * step:.1f},{y(value):.1f}")
        last = i == len(points) - 1
        body.append(f'<circle cx="{pad + i * step:.1f}" cy="{y(value):.1f}" '
                    f'r="{2.6 if last else 1.6}" fill="#2166ac"/>')
    if len(run) > 1:
        body.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="#2166ac" '
                    f'stroke-width="1.6"/>')
    return _frame(name, width, height, title, desc, body, cls="spark")


def sparkline_key(first: str, last: str) -> Markup:
    """The legend of the small lines of the indicator tables, said once beside them (a reader
    of the printed page has no tooltip): the periods they cover, the blue line with its last
    point larger, and the target's dashed orange line, each drawn as in the lines."""
    line = ('<svg class="spark-key" viewBox="0 0 28 12" width="28" height="12" '
            'aria-hidden="true" xmlns="http://www.w3.org/2000/svg">'
            '<polyline points="2,9 12,5 24,7" fill="none" stroke="#2166ac" stroke-width="1.6"/>'
            '<circle cx="2" cy="9" r="1.6" fill="#2166ac"/><circle cx="12" cy="5" r="1.6" '
            'fill="#2166ac"/><circle cx="24" cy="7" r="2.6" fill="#2166ac"/></svg>')
    target = ('<svg class="spark-key" viewBox="0 0 28 12" width="28" height="12" '
              'aria-hidden="true" xmlns="http://www.w3.org/2000/svg">'
              '<line x1="2" y1="6" x2="26" y2="6" stroke="#e66100" stroke-width="1.2" '
              'stroke-dasharray="3 2"/></svg>')
    intro = _("The small lines of the “{column}” column ({first} – {last}):").format(
        column=_("Change"), first=first, last=last)
    return Markup("{intro} {line}\u00a0{value}{sep}{target}\u00a0{goal}").format(
        intro=intro, line=Markup(line), sep=_("; "),
        value=_("the indicator's value in each period, the last one the larger dot"),
        target=Markup(target), goal=_("its target (dashed orange line)"))


def said(name: str, value: str) -> str:
    """``On track: 3`` (``En bonne voie : 3`` in French)."""
    return _("{name}: {value}").format(name=name, value=value)
