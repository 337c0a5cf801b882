"""The trajectory of each indicator over the plan's periods: a sparkline beside its change."""

from __future__ import annotations

import re

from helpers import render_fixture, shipped_report


def _rows(html: str) -> list[str]:
    section = html[html.index('id="indicators"'):html.index('id="activities"')]
    return re.findall(r"<tr><th scope=\"row\">.*?</tr>", section, flags=re.DOTALL)


def test_an_indicator_with_values_in_several_periods_gets_a_sparkline_with_its_target() -> None:
    rows = _rows(shipped_report("fr"))
    with_line = [r for r in rows if 'class="spark"' in r]
    assert len(with_line) >= 20
    for row in with_line:
        assert 'role="img"' in row
        desc = re.search(r"<desc[^>]*>([^<]*)</desc>", row)
        assert desc is not None
        assert desc.group(1).count(";") >= 1  # one value per period, said in words
    targeted = [r for r in with_line if "cible" in re.search(r"<desc[^>]*>([^<]*)</desc>",
                                                             r).group(1)]
    assert targeted
    assert all('stroke-dasharray="3 2"' in r for r in targeted)


def test_an_indicator_without_two_values_gets_no_sparkline() -> None:
    html = render_fixture("en", "html")  # the fixture's plan starts in 2020: two semesters
    for row in _rows(html):
        desc = re.search(r'<desc id="spark[^>]*>([^<]*)</desc>', row)
        if desc is None:
            continue
        values = [v.split(": ")[1] for v in desc.group(1).split("; ")
                  if not v.startswith("target")]
        assert sum(1 for v in values if v != "—") >= 2
