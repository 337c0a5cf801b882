"""pydantic's plugin loader, never imported: psea runs no pydantic plugin.

A pydantic *plugin* is any installed package that declares the ``pydantic`` entry point (a
tracing or logging service, for instance): pydantic hands it every value its validators see.
A case record must never reach one, so ``psea_cli/__init__.py`` turns them all off
(``PYDANTIC_DISABLE_PLUGINS``, pydantic's own switch). pydantic still imports its loader to
read that switch, and the loader imports ``importlib.metadata`` (with ``email`` and
``zipfile``) at its top: 20 to 25 ms of every run that builds a validator, on a 2-core
laptop, for an answer psea already knows.

pydantic asks in one place, ``pydantic.plugin._schema_validator.create_schema_validator``,
which imports ``get_plugins`` from ``pydantic.plugin._loader`` each time it builds a
validator: ``install`` puts a module there whose ``get_plugins`` returns nothing (or, when
pydantic's own loader was imported already, replaces its function). The models install it
before any of their validators is built: ``psea validate`` builds no other. (A command that
goes through typer, which reads options through pydantic validators of its own, imports the
loader first: the models then replace its function.) If a pydantic release moved the
question elsewhere, the switch would still hold: tests/test_no_plugins.py installs a spying
plugin and checks it never sees a record, and that a check of every file imports no package
metadata.
"""

from __future__ import annotations

import sys
import types

LOADER = "pydantic.plugin._loader"


def no_plugins() -> tuple[()]:
    """The plugins psea's validators use: none."""
    return ()


def install() -> None:
    """Make pydantic find no plugin, from now on, in this process."""
    loader = sys.modules.get(LOADER)
    if loader is None:
        loader = types.ModuleType(LOADER, "psea: no pydantic plugin is ever loaded")
        sys.modules[LOADER] = loader
    loader.get_plugins = no_plugins  # type: ignore[attr-defined]
