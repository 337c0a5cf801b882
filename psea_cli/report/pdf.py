"""The HTML report as a PDF file, through WeasyPrint (the optional ``pdf`` extra).

WeasyPrint lays out the same self-contained HTML the browser shows, with its print style: A4,
page numbers in the margin, the table of contents with page numbers. It fetches nothing: the
report holds no external resource, and any address a network's own template might name is
refused rather than read from the disk or the network. WeasyPrint is imported only here and
only when a PDF is asked for, so a machine without it runs every other command.
"""

from __future__ import annotations

import logging
from typing import Any, NoReturn

from psea_cli.i18n import _
from psea_cli.problems import PseaError

INSTALL_HINT = ("pip install 'psea[pdf]'")


def available() -> bool:
    """Whether WeasyPrint and the system libraries it needs (Pango) can be loaded."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError("the report reads no external resource")


def fetcher(weasyprint: Any) -> Any:
    """WeasyPrint's resource fetcher, allowed no protocol at all (``file:``, ``http:``…):
    a class from WeasyPrint 66 on, a function before."""
    if hasattr(weasyprint, "URLFetcher"):
        return weasyprint.URLFetcher(allowed_protocols=(), fail_on_errors=False)
    return _refuse


def require() -> Any:
    """The WeasyPrint module; ``PseaError`` with the way to install the extra when it is
    missing."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise PseaError(
            _("PDF output needs WeasyPrint, which is not installed ({reason})").format(
                reason=type(exc).__name__),
            _("Install the optional extra with: {command} (on Linux, WeasyPrint also needs the "
              "Pango library; see the README). Or write HTML and print it from a browser.")
            .format(command=INSTALL_HINT)) from None
    return weasyprint


def html_to_pdf(html: str) -> bytes:
    """The PDF of ``html``, laid out on A4 with the report's print style."""
    weasyprint = require()
    log = logging.getLogger("weasyprint")
    level = log.level
    log.setLevel(logging.ERROR)  # its notes on CSS it skips (screen-only rules) are not news
    try:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher(weasyprint))
        pdf: bytes = document.write_pdf()
    finally:
        log.setLevel(level)
    return pdf
