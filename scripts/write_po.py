"""Write a .po catalogue from a Python dict of translations (msgid -> msgstr, or
(singular, plural) -> (singular, plural)). Used once per area to seed a catalogue.

    python scripts/write_po.py translations.py psea_cli/locale/fr/LC_MESSAGES/core.po
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po


def main(source: str, target: str) -> None:
    translations = runpy.run_path(source)["T"]
    path = Path(target)
    header = ""
    if path.exists():
        text = path.read_text(encoding="utf-8")
        header = text[:text.index("\n\n") + 2]  # kept as written: babel would refill it
        with path.open("rb") as handle:
            catalog = read_po(handle, locale="fr")
    else:
        catalog = Catalog(locale="fr", project="psea", charset="utf-8")
    for key, value in translations.items():
        if isinstance(value, tuple):  # CLDR gives French 3 plural forms (one, many, other)
            value = (*value, *[value[-1]] * (catalog.num_plurals - len(value)))
        catalog.add(key, value)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=False)
    if header:
        text = path.read_text(encoding="utf-8")
        path.write_text(header + text[text.index("\n\n") + 2:], encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
