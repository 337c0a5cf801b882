"""The report's annex: every computed metric with its definition, beside the plan's own
sentence for each indicator of the plan it measures."""

from __future__ import annotations

from typing import Any

from psea_cli.dataset import PlanBundle
from psea_cli.i18n import N_, _, current_language
from psea_cli.indicators.registry import METRICS
from psea_cli.indicators.titles import metric_title
from psea_cli.models import Network
from psea_cli.report import words

_IN_LANGUAGE = {"fr": N_("The plan's wording ({id}, in French):"),
                "en": N_("The plan's wording ({id}, in English):")}


def _wording_said(network: Network | None) -> str:
    """« The plan's wording (1.1-a): », naming the language the plan is written in (the
    network's first) when the report is in another: a Nigerian plan in English was said to be
    « in French »."""
    written = network.languages[0] if network is not None and network.languages else "fr"
    if written == current_language() or written not in _IN_LANGUAGE:
        return _("The plan's wording ({id}):")
    return _(_IN_LANGUAGE[written])


def metric_definitions(bundle: PlanBundle, network: Network | None) -> list[dict[str, Any]]:
    """Every computed metric with its definition: the metric function's docstring, in the
    report's language, beside the plan's own sentence (as written) for each indicator of the
    plan it measures."""
    wording: dict[str, list[dict[str, str]]] = {}
    for _activity, indicator in bundle.plan.value.indicators():
        wording.setdefault(indicator.measured_by, []).append(
            {"id": indicator.id, "text": " ".join((indicator.plan_text or indicator.text).split())})
    definitions = []
    said = _wording_said(network)
    for name in METRICS:
        doc = _(METRICS[name].definition).replace("``", "`")
        title = metric_title(name)
        plan = wording.get(name, [])
        quoted = _("; ").join(f"{said.format(id=w['id'])} « {w['text']} »" for w in plan)
        parts = words.definition_parts(doc)
        plain = "".join(f"*{p['text']}*" if p["em"] else p["text"] for p in parts)  # no code
        definitions.append({"name": name, "title": title, "doc": doc, "parts": parts,
                            "plan": [{"said": said.format(id=w["id"]), "text": w["text"]}
                                     for w in plan],
                            "cells": [f"{title} ({name})",
                                      f"{quoted} — {plain}" if quoted else plain]})
    return sorted(definitions, key=lambda d: d["title"].casefold())
