"""The metric definitions in docs/indicators.md are the registry's docstrings, word for word.

``pytest tests/test_indicators_docs.py --update-golden`` rewrites them after a docstring changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from psea_cli.indicators import METRIC_NAMES, METRICS

DOCS = Path(__file__).parent.parent / "docs" / "indicators.md"
PLANS = Path(__file__).parent.parent / "data" / "plan"
START = "`manual`.\n"  # the last words of the introduction to the definitions
END = "\n## For developers"
KINDS = {"count": "a count", "percent": "a percentage", "amount": "an amount (USD)",
         "boolean": "yes / no", "days": "a number of days"}


def plan_wording() -> dict[str, list[tuple[str, str]]]:
    """{metric: [(indicator id, the plan's sentence as written)]} of the shipped plan."""
    import yaml

    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(PLANS.glob("*/plan.yaml")):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        for result in plan["results"]:
            for sub in result["sub_results"]:
                for activity in sub["activities"]:
                    for indicator in activity.get("indicators", []):
                        text = " ".join((indicator.get("plan_text") or indicator["text"]).split())
                        found.setdefault(indicator["measured_by"], []).append(
                            (indicator["id"], text))
    return found


def definitions() -> str:
    parts = []
    wording = plan_wording()
    for metric in METRICS.values():
        protected = ("; computed from case records, so protected by `--suppress` and in reports"
                     if metric.sensitive else "")
        quoted = "".join(f"> The plan's wording ({ident}, in French): « {text} »\n>\n"
                         for ident, text in wording.get(metric.name, []))
        quoted = quoted[:-2] + "\n" if quoted else ""
        parts.append(f"\n### `{metric.name}`\n\n*{KINDS[metric.unit]}{protected}.*\n\n"
                     f"{quoted}{metric.doc}\n")
    return "".join(parts)


def test_docs_define_every_metric_by_its_docstring(update_golden: bool) -> None:
    text = DOCS.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    expected = head + START + definitions() + END + tail
    if update_golden:
        DOCS.write_text(expected, encoding="utf-8")
    assert text == expected, "run pytest tests/test_indicators_docs.py --update-golden"
    for name in METRIC_NAMES:
        assert f"### `{name}`" in text


@pytest.mark.parametrize("name", METRIC_NAMES)
def test_every_percentage_states_its_numerator_and_denominator(name: str) -> None:
    metric = METRICS[name]
    if metric.unit == "percent":
        assert "Numerator" in metric.doc
        assert "Denominator" in metric.doc or "denominator" in metric.doc
