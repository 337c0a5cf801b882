"""What a report can be and where its built-in templates are, known without importing Jinja
or the models (the warm path of ``psea report`` needs these, not the engine)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _builtin_templates() -> Path:
    """``psea_cli/templates`` in an installed psea (the build copies them there, see setup.py),
    else the top-level ``templates/`` of the source checkout psea runs from."""
    installed = _PACKAGE / "templates"
    return installed if installed.is_dir() else _PACKAGE.parent / "templates"


BUILTIN_TEMPLATES = _builtin_templates()
"""The templates shipped with psea."""

FORMATS = ("md", "html", "pdf")
"""The formats of ``psea report``."""


def format_for(output_format: str | None, output: str | None) -> str:
    """The report's format: ``--format`` when given, else the one the ``--output`` file's
    name says (``r.html``, ``r.pdf``), else Markdown."""
    if output_format is not None:
        return output_format
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    return suffix if suffix in FORMATS else "md"
