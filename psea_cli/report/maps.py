"""The report's map: one square per admin-1 region, placed roughly where the region lies.

A tile map reads faster than a table of p-codes and needs no shape file: each region of
``data/network.yaml`` may carry ``tile: [column, row]`` (Mali's are shipped; a network of
another country writes its own). Regions without a position are laid out in rows below the
others, so none is ever left off. Each square is coloured by a level from 0 to 4 and carries
its value as text; a region without data is drawn hatched and says so. Values arrive already
through disclosure control (a withheld count is ``x``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from markupsafe import Markup, escape

from psea_cli.report.charts import FONT, said

SHADES = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
"""Five blues from light to dark (ColorBrewer "Blues"), readable by colour-blind readers."""

TILE_W, TILE_H, GAP, COLUMNS_WHEN_UNPLACED = 88, 62, 4, 5


@dataclasses.dataclass(frozen=True)
class Tile:
    """One region's square: where it goes, what it says, how dark it is (None: no data)."""

    name: str
    column: int | None
    row: int | None
    value: str
    level: int | None
    says: str = ""
    """What the square means, for a screen reader (default: the value)."""


def _placed(tiles: Sequence[Tile]) -> list[tuple[Tile, int, int]]:
    placed = [(t, t.column, t.row) for t in tiles if t.column is not None and t.row is not None]
    taken = {(c, r) for _, c, r in placed}
    below = max((r for _, _, r in placed), default=-1) + 1
    i = 0
    for tile in tiles:
        if tile.column is not None and tile.row is not None:
            continue
        while (i % COLUMNS_WHEN_UNPLACED, below + i // COLUMNS_WHEN_UNPLACED) in taken:
            i += 1
        placed.append((tile, i % COLUMNS_WHEN_UNPLACED, below + i // COLUMNS_WHEN_UNPLACED))
        i += 1
    return [(t, int(c), int(r)) for t, c, r in placed]


FITS_AT_12, FITS_AT_10 = 12, 14
"""How many characters of a region's name fit across a square at 12 and at 10 px (DejaVu Sans,
about 7 and 6 px a character, a margin kept)."""


def _lines(name: str) -> list[str]:
    """A region's name on one line, or on two split at the space or after the hyphen that
    makes the longer line the shortest (« Federal Capital / Territory », « Nasarawa-Plateau- /
    Benue-Kogi »)."""
    if len(name) <= FITS_AT_12:
        return [name]
    cuts = [i + 1 for i, char in enumerate(name[:-1]) if char in " -"]
    if not cuts:
        return [name]
    at = min(cuts, key=lambda i: max(len(name[:i].rstrip()), len(name[i:])))
    return [name[:at].rstrip(), name[at:]]


def _name(name: str, middle: float, top: int, ink: str) -> str:
    """The square's name: at 12 px when it fits, else at 10 px on two lines; a line still too
    long is squeezed to the square's width, never drawn over the next square."""
    lines = _lines(name)
    size, fits = (12, FITS_AT_12) if len(lines) == 1 and len(name) <= FITS_AT_12 \
        else (10, FITS_AT_10)
    first = top + (22 if len(lines) == 1 else 15)
    texts = []
    for i, line in enumerate(lines):
        squeeze = (f' textLength="{TILE_W - 8}" lengthAdjust="spacingAndGlyphs"'
                   if len(line) > fits else "")
        texts.append(f'<text x="{middle}" y="{first + 12 * i}" text-anchor="middle" '
                     f'font-size="{size}" fill="{ink}"{squeeze}>{escape(line)}</text>')
    return "".join(texts)


def tile_map(name: str, tiles: Sequence[Tile], title: str, desc: str,
             legend: Sequence[tuple[int | None, str]]) -> Markup:
    """The tile map as accessible inline SVG; ``legend`` pairs a level (None: no data) with
    its meaning."""
    cells = _placed(tiles)
    columns = max((c for _, c, _ in cells), default=0) + 1
    rows = max((r for _, _, r in cells), default=0) + 1
    width = max(columns * (TILE_W + GAP) + 2 * GAP, 300)
    legend_top = rows * (TILE_H + GAP) + 10
    height = legend_top + 20 * len(legend) + 4
    n = escape(name)
    body = [f'<defs><pattern id="{n}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="#b0b7bf" stroke-width="2"/></pattern>'
            f'</defs>']
    for tile, column, row in cells:
        x, y = GAP + column * (TILE_W + GAP), row * (TILE_H + GAP)
        fill = f"url(#{n}-hatch)" if tile.level is None else SHADES[tile.level]
        ink = "#ffffff" if tile.level is not None and tile.level >= 3 else "#1f2328"
        body.append(f'<g><title>{escape(said(tile.name, tile.says or tile.value))}</title>'
                    f'<rect x="{x}" y="{y}" width="{TILE_W}" height="{TILE_H}" rx="4" '
                    f'fill="{fill}" stroke="#8c959f"/>'
                    + _name(tile.name, x + TILE_W / 2, y, ink) +
                    f'<text x="{x + TILE_W / 2}" y="{y + 46}" text-anchor="middle" '
                    f'font-size="{16 if len(tile.value) <= 6 else 11}" font-weight="700" '
                    f'fill="{ink}">{escape(tile.value)}</text>'
                    f'</g>')
    for i, (level, meaning) in enumerate(legend):
        y = legend_top + 20 * i
        fill = f"url(#{n}-hatch)" if level is None else SHADES[level]
        body.append(f'<rect x="{GAP}" y="{y}" width="14" height="14" fill="{fill}" '
                    f'stroke="#8c959f"/><text x="{GAP + 20}" y="{y + 12}" font-size="12" '
                    f'fill="#1f2328">{escape(meaning)}</text>')
    return Markup(
        f'<svg class="chart map" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" style="max-width:{width}px" {FONT} '
        f'aria-labelledby="{n}-t {n}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{n}-t">{escape(title)}</title><desc id="{n}-d">{escape(desc)}</desc>'
        + "".join(body) + "</svg>")
