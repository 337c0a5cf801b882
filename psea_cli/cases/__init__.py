"""Anonymised SEA case records: ids, the case store, note screening, SOP rules and deadlines.

The record itself is ``psea_cli.models.case.Case``; this package holds what the ``psea case``
commands and the ``cases`` checks need around it. Nothing here prints. The package import is
kept light (no pydantic): ``vocabulary`` feeds the commands' help texts.
"""
