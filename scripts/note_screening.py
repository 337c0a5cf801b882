"""The note screening's confusion table on the corpus in tests/data/notes/.

    python scripts/note_screening.py              # the installed psea's screening
    python scripts/note_screening.py --module FILE  # another version of psea_cli/cases/privacy.py
    python scripts/note_screening.py --list        # also list every miss and false positive

Caught: an identifying note that breaks at least one rule (and whether it is the expected one);
missed: one that breaks none; false positive: an ordinary note that breaks a rule.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "notes"


def corpus() -> tuple[list[tuple[str, str]], list[str]]:
    """(rule, note) identifying notes and ordinary notes."""
    identifying = []
    for line in (CORPUS / "identifying.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rule, note = line.split("\t", 1)
            identifying.append((rule, note))
    ordinary = [line for line in (CORPUS / "ordinary.txt").read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")]
    return identifying, ordinary


def _screen(module: str | None) -> Callable[[str], list[str]]:
    if module is None:
        from psea_cli.cases.privacy import screen

        return screen  # type: ignore[return-value]
    spec = importlib.util.spec_from_file_location("privacy_under_test", module)
    assert spec is not None
    assert spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded.screen  # type: ignore[no-any-return]


def table(screen: Callable[[str], list[str]]) -> dict[str, dict[str, int]]:
    identifying, ordinary = corpus()
    rows: dict[str, dict[str, int]] = {}
    for rule, note in identifying:
        row = rows.setdefault(rule, {"notes": 0, "caught": 0, "as_expected": 0, "missed": 0})
        broken = screen(note)
        row["notes"] += 1
        row["caught"] += bool(broken)
        row["as_expected"] += rule in broken
        row["missed"] += not broken
    false = sum(bool(screen(note)) for note in ordinary)
    rows["ordinary"] = {"notes": len(ordinary), "false_positives": false}
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--module", help="a privacy.py to measure instead of psea's")
    parser.add_argument("--list", action="store_true", help="list misses and false positives")
    args = parser.parse_args(argv)
    screen = _screen(args.module)
    rows = table(screen)
    print(f"{'rule':<12} {'notes':>5} {'caught':>6} {'by rule':>7} {'missed':>6}")
    total = {"notes": 0, "caught": 0, "as_expected": 0, "missed": 0}
    for rule in ("phone", "email", "coordinates", "name", "age"):
        row = rows.get(rule, {"notes": 0, "caught": 0, "as_expected": 0, "missed": 0})
        for key in total:
            total[key] += row[key]
        print(f"{rule:<12} {row['notes']:>5} {row['caught']:>6} {row['as_expected']:>7} "
              f"{row['missed']:>6}")
    print(f"{'identifying':<12} {total['notes']:>5} {total['caught']:>6} {total['as_expected']:>7} "
          f"{total['missed']:>6}")
    ordinary = rows["ordinary"]
    print(f"{'ordinary':<12} {ordinary['notes']:>5}  false positives: {ordinary['false_positives']}")
    if args.list:
        identifying, notes = corpus()
        for rule, note in identifying:
            if not screen(note):
                print(f"missed   {rule:<12} {note!r}")
        for note in notes:
            broken = screen(note)
            if broken:
                print(f"false+   {','.join(broken):<12} {note!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
