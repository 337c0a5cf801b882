"""``cases.store.dump`` keeps one YAML writer for every dump (making one cost as much as a
case's dump: 40% of a dry-run import), and drops it when a dump fails half-way."""

from __future__ import annotations

import pytest

from psea_cli.cases import store


def test_one_writer_serves_every_dump(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[object] = []
    original = store._yaml

    def counted() -> object:
        made.append(original())
        return made[-1]

    monkeypatch.setattr(store, "_DUMPER", [])
    monkeypatch.setattr(store, "_yaml", counted)
    texts = [store.dump({"id": f"7KQ2M9A{n}", "status": "open"}) for n in range(5)]
    assert texts[3] == "id: 7KQ2M9A3\nstatus: open\n"
    assert len(made) == 1


def test_a_failed_dump_leaves_a_writer_that_works(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "_DUMPER", [])
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever ruamel raises
        store.dump({"id": object()})
    assert store.dump({"id": "7KQ2M9AB"}) == "id: 7KQ2M9AB\n"
