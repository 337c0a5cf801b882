"""Compare YAML parsers for psea's bulk path on the files of a benchmark repository.

    python benchmarks/parsers.py benchmarks/out/cases-10000            # the table of docs/performance.md
    python benchmarks/parsers.py REPO --extra-path /tmp/site            # candidates installed elsewhere

For each parser that can be imported: the time to parse every ``.yaml`` file of the repository
into Python data (best of ``--runs``, in one process, the garbage collector paused as psea
pauses it), beside two floors measured in the same run (reading the bytes, and ``json.loads``
of the same records); then how it reads a set of probes that tell YAML 1.1 from YAML 1.2 and a
careful parser from a careless one (``yes``, ``0o12``, dates, duplicate keys, tags, aliases,
error positions). A parser that is not installed is skipped, never an error.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Parser = Callable[[str], Any]

PROBES: dict[str, str] = {
    "yes": "a: yes\n",
    "on": "a: on\n",
    "0o12": "a: 0o12\n",
    "012": "a: 012\n",
    "1_000": "a: 1_000\n",
    "date": "a: 2021-05-01\n",
    "bad date": "a: 2021-13-45\n",
    "duplicate key": "a: 1\na: 2\n",
    "tag !!python": "a: !!python/object/apply:os.getcwd []\n",
    "tag !custom": "a: !custom x\n",
    "alias": "a: &x [1, 2]\nb: *x\n",
    "error position": "a: 1\nb: [1, 2\nc: 3\n",
}


def _files(repo: Path) -> list[str]:
    texts = []
    for folder, _dirs, names in os.walk(repo / "data"):
        for name in names:
            if name.endswith(".yaml"):
                texts.append((Path(folder) / name).read_text(encoding="utf-8"))
    return texts


def _candidates() -> dict[str, Parser]:
    found: dict[str, Parser] = {}
    try:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        found[f"PyYAML {yaml.__version__} CSafeLoader"] = lambda t: yaml.load(t, Loader=loader)
        from psea_cli import yamlio

        found["psea careful path (libyaml compose + builder)"] = yamlio.parse_careful
        found["psea bulk path (yaml-rs where it reads alike, else careful)"] = yamlio.parse
    except (ImportError, AttributeError):
        pass
    try:
        import yaml_rs

        dup = yaml_rs.DuplicateKeyPolicy.Error
        found[f"yaml-rs {yaml_rs.__version__}"] = lambda t: yaml_rs.loads(
            t, parse_datetime=False, duplicate_key_policy=dup)
    except ImportError:
        pass
    try:
        import yaml12

        found[f"py-yaml12 {getattr(yaml12, '__version__', '')}"] = yaml12.parse_yaml
    except ImportError:
        pass
    try:
        import fast_yaml

        found[f"fastyaml-rs {fast_yaml.__version__}"] = fast_yaml.safe_load
    except ImportError:
        pass
    try:
        import rustyyaml

        found[f"rustyyaml {rustyyaml.__version__}"] = rustyyaml.safe_load
    except ImportError:
        pass
    try:
        import ryml

        def _tree(text: str) -> Any:
            return ryml.parse_in_arena(text.encode())

        found["rapidyaml (tree only, no Python data)"] = _tree
    except ImportError:
        pass
    try:
        from ruamel.yaml import YAML

        safe = YAML(typ="safe")
        found["ruamel.yaml safe (C)"] = safe.load
    except ImportError:
        pass
    return found


def _best(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
        gc.enable()
    return best


def _probe(parse: Parser, text: str) -> str:
    try:
        value = parse(text)
    except Exception as exc:  # what each parser raises is part of the comparison
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return f"refused ({type(exc).__name__}: {first[:60]})"
    return repr(value)[:70]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--extra-path", action="append", default=[])
    parser.add_argument("--slow", action="store_true", help="also time ruamel.yaml (slow)")
    options = parser.parse_args()
    sys.path[:0] = options.extra_path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    texts = _files(options.repo)
    candidates = _candidates()
    import yaml

    records = [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts]
    jsons = [json.dumps(r, default=str) for r in records]
    paths = []
    for folder, _dirs, names in os.walk(options.repo / "data"):
        paths += [Path(folder) / n for n in names if n.endswith(".yaml")]
    floors = {
        "floor: read the bytes of every file": _best(options.runs, lambda: [
            p.read_bytes() for p in paths]),
        "floor: json.loads of the same records": _best(options.runs, lambda: [
            json.loads(j) for j in jsons]),
    }
    json_floor = floors["floor: json.loads of the same records"]
    from psea_cli import yamlfast

    taken = sum(yamlfast.takes(t) for t in texts)
    print(f"{len(texts):,} files, {sum(map(len, texts)) / 1e6:.1f} MB, best of {options.runs}; "
          f"psea's bulk path takes {taken:,} of them\n")
    print("| parser | parse all files | × json.loads floor |")
    print("|---|---:|---:|")
    for name, seconds in floors.items():
        print(f"| {name} | {seconds:.2f} s | {seconds / json_floor:.1f}× |")
    for name, parse in candidates.items():
        if name.startswith("ruamel") and not options.slow:
            continue
        try:
            seconds = _best(options.runs, lambda parse=parse: [parse(t) for t in texts])
        except Exception as exc:
            print(f"| {name} | fails on these files: {type(exc).__name__} | |")
            continue
        print(f"| {name} | {seconds:.2f} s | {seconds / json_floor:.1f}× |")
    print()
    names = list(candidates)
    print("| probe | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for probe, text in PROBES.items():
        print(f"| `{text.strip()!r}` ({probe}) | "
              + " | ".join(_probe(candidates[n], text).replace("|", "\\|") for n in names) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
