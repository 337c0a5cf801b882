"""The one Jinja environment of the reports: where templates come from, how values are shown.

Templates are looked up first in the network repository's ``templates/`` folder (a network
overrides a built-in template by placing a file of the same name there), then in the built-in
templates shipped with psea: ``psea_cli/templates`` in an installed psea, copied there from
the top-level ``templates/`` folder of the source tree when the wheel is built (setup.py).
Undefined names are errors, HTML templates (``*.html.j2``) are autoescaped, fixed text is
translated through psea's gettext catalogues, and numbers, amounts, dates and periods are
written in the report's language through Babel.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

import jinja2

from psea_cli import formatting, periods
from psea_cli.i18n import _, current_language, ngettext
from psea_cli.markdown_text import md_cell, md_code, md_text
from psea_cli.problems import PseaError
from psea_cli.report.shipped import BUILTIN_TEMPLATES
from psea_cli.report.template_guard import (
    MAX_SECONDS,
    BoundedSandbox,
    ContainedLoader,
    TooSlow,
    Unreadable,
    bounded,
    deadline,
)
from psea_cli.report.template_words import failure_words, jinja_words
from psea_cli.report.typography import typeset
from psea_cli.safe_input import inside


def search_path(root: Path | None) -> list[Path]:
    """The folders templates are looked up in, the network's own first (refused when it is a
    link: one to the repository itself, or to ``data/``, let a template include the case
    records and ``.git/config`` in a report)."""
    if root is None or not (root / "templates").is_dir():
        return [BUILTIN_TEMPLATES]
    if (root / "templates").is_symlink():
        raise PseaError(_("templates/ is a link; psea reads a network's templates only from a "
                          "folder of their own, never through a link (to the repository "
                          "itself or data/, a template could copy case records into a "
                          "report)"),
                        _("Replace the link with a folder holding only the templates, or "
                          "remove it to use the built-in templates."), exit_code=1)
    if not inside(root / "templates", root):
        raise PseaError(_("templates/ is a link that leads outside the repository; psea does "
                          "not read it"),
                        _("Replace the link with the folder itself, or remove it to use the "
                          "built-in templates."), exit_code=1)
    return [root / "templates", BUILTIN_TEMPLATES]


def _count(value: object) -> str:
    """A count, or the already-suppressed text (``<5``) that stands for it."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return formatting.format_number(value)


def _date(value: object) -> str:
    if isinstance(value, dt.date):
        return formatting.format_date(value)
    return formatting.format_date(dt.date.fromisoformat(str(value)))


def _period(value: object) -> str:
    period = value if isinstance(value, periods.Period) else periods.parse(str(value))
    return formatting.period_label(period)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates; a cache file it cannot read or write is not used."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except TooSlow:  # the rendering's time is up: never swallowed, or nothing stops it
            raise
        except Exception:  # a damaged cache file: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _template_cache() -> jinja2.BytecodeCache | None:
    """Compiling the report's templates takes 0.04 s; Jinja keeps the compiled code in a
    private folder of the system's temporary directory (the user's own, mode 0700, which it
    checks), under each template's checksum, so it is never stale. The file names carry psea's
    code fingerprint: templates compiled by another version, or with other settings, are not
    used. Outside the repository on purpose: nothing that arrives with a clone is ever
    executed. None under --no-cache, or when no safe folder exists."""
    from psea_cli import cache

    if not cache.is_enabled():
        return None
    try:
        return _CompiledTemplates(pattern=f"psea-{cache.code_fingerprint()[:16]}-%s.cache")
    except (RuntimeError, OSError):
        return None


def make_environment(root: Path | None) -> jinja2.Environment:
    """The environment for one rendering, in the current language (see ``psea_cli.i18n``).

    Sandboxed and immutable: a template that arrives with a clone (``templates/`` of the
    network) can show the values it is given, never reach Python's internals (``__globals__``,
    ``os``) nor change the data it shows; a refused construct is a ``SecurityError``."""
    env = BoundedSandbox(
        loader=ContainedLoader([str(p) for p in search_path(root)]),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"),
                                            default_for_string=False, default=False),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_template_cache(),
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_, ngettext=ngettext, newstyle=True)
    env.filters.update({
        "number": _count,
        "amount": formatting.format_amount,
        "percent": formatting.format_percent,
        "date": _date,
        "period": _period,
        "mdcell": md_cell,
        "md": md_text,
        "mdcode": md_code,
    })
    return env


def render_template(root: Path | None, name: str, context: dict[str, Any]) -> str:
    """Render template ``name`` in the document's language (``lang`` in ``context``, else
    the current one), with its typography (``typography.typeset``: French spaces, whatever
    wrote the text); a broken template becomes a ``PseaError`` naming file and line."""
    env = make_environment(root)
    language = str(context.get("lang") or current_language())
    try:
        with deadline():
            return typeset(bounded(env.get_template(name).generate(context)), name, language)
    except jinja2.TemplateSyntaxError as exc:
        if isinstance(exc.__cause__, TooSlow):  # time was up while Jinja read a string
            raise _out_of_bounds(exc.__cause__, root, name) from None
        where = exc.filename or exc.name or name
        raise PseaError(
            _("template {file}, line {line}: {reason}").format(
                file=where, line=exc.lineno, reason=jinja_words(exc)),
            _("Fix the template, or remove it from the repository's templates/ folder to use "
              "the built-in one."), exit_code=1) from None
    except Unreadable as exc:
        raise PseaError(str(exc), _(
            "Save the template as UTF-8 text of at most 1 MB inside the repository's "
            "templates/ folder, or remove it to use the built-in one."), exit_code=1) from None
    except jinja2.exceptions.SecurityError as exc:
        file, line = _template_position(exc)
        raise PseaError(
            _("template {file}, line {line}: refused: {reason}").format(
                file=file or name, line=line or "?", reason=jinja_words(exc)),
            _("Report templates may only show the values they are given; remove the "
              "construct, or remove the template from the repository's templates/ folder to "
              "use the built-in one."), exit_code=1) from None
    except jinja2.TemplateNotFound as exc:
        file, line = _template_position(exc)
        if file is not None:  # included by a template: the template is wrong, not psea
            raise PseaError(
                _("template {file}, line {line}: no template named {name}").format(
                    file=file, line=line or "?", name=exc.name),
                _("Name a template of the repository's templates/ folder or a built-in one "
                  "(see docs/report.md)."), exit_code=1) from None
        raise PseaError(_("report template {name} not found").format(name=exc.name),
                        _("Reinstall psea; the built-in templates ship with it.")) from None
    except RecursionError as exc:  # {% extends %} or {% include %} of itself, a macro's loop
        file, line = _template_position(exc)
        raise PseaError(
            _("template {file}, line {line}: {reason}").format(
                file=file or name, line=line or "?",
                reason=_("it includes or extends itself, a macro calls itself without end, or "
                         "an expression has brackets inside brackets too many times")),
            _("A template of the repository's templates/ folder replaces the built-in one of "
              "the same name, which it cannot extend: copy the built-in template and change "
              "the copy, or remove it to use the built-in one."), exit_code=1) from None
    except (TooSlow, OverflowError, MemoryError) as exc:
        raise _out_of_bounds(exc, root, name) from None
    except jinja2.UndefinedError as exc:
        file, line = _template_position(exc)
        raise PseaError(
            _("template {file}, line {line}: {reason}").format(
                file=file or name, line=line or "?", reason=jinja_words(exc)),
            _("The template uses a name the report does not provide; see docs/report.md for "
              "the names available."), exit_code=1) from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError,
            AssertionError, RuntimeError,  # truncate(1), cycler().next()
            jinja2.TemplateError) as exc:  # a template's own mistake (its values are not shown)
        file, line = _template_position(exc)
        reason = jinja_words(exc) if isinstance(exc, jinja2.TemplateError) \
            else failure_words(exc)
        raise PseaError(
            _("template {file}, line {line}: {reason}").format(
                file=file or name, line=line or "?", reason=reason),
            _("Fix the template, or remove it from the repository's templates/ folder to use "
              "the built-in one."), exit_code=1) from None


def _out_of_bounds(exc: BaseException, root: Path | None, name: str) -> PseaError:
    """The error of a rendering stopped by its time or memory bound (``template_guard``)."""
    file, line = _template_position(exc)
    reason = (_("it took more than {n} seconds").format(n=MAX_SECONDS)
              if isinstance(exc, TooSlow) else _("a value would be too large to show"))
    return PseaError(
        _("template {file}, line {line}: refused: {reason}").format(
            file=file or name, line=line or "?", reason=reason),
        _("psea's own template could not show this data in time or room: a text of the "
          "data may be far too long (a progress file's narrative, an activity's note); "
          "shorten it. If the data is ordinary, report it to the psea maintainers.")
        if _built_in(file, root, name) else
        _("Report templates may only show the values they are given; remove the "
          "construct, or remove the template from the repository's templates/ folder to "
          "use the built-in one."), exit_code=1)


def _built_in(file: str | None, root: Path | None, name: str) -> bool:
    """Whether the template at ``file`` is one psea ships, not the network's; when the error
    was met outside any template's lines (``file`` None), whether the network has no
    template ``name`` of its own."""
    try:
        if file is not None:
            return Path(file).resolve().is_relative_to(BUILTIN_TEMPLATES.resolve())
        return root is None or not (root / "templates" / name).exists()
    except (OSError, ValueError, RuntimeError):
        return False


def _template_position(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line a rendering error happened at.

    Jinja rewrites the traceback so that template frames carry the template's file and line.
    """
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
