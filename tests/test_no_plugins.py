"""No pydantic plugin ever sees what psea validates, and asking for none costs nothing.

A pydantic plugin is an installed package declaring the ``pydantic`` entry point: pydantic
would hand it every value psea's validators see, case records included. A real one is
installed here (a distribution on the path, found through its entry point as pydantic finds
any), and it writes down every validator it is offered."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent

_SPY = textwrap.dedent("""\
    import os


    class Spy:
        def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind,
                                 config, plugin_settings):
            with open(os.environ["SPY_LOG"], "a", encoding="utf-8") as log:
                log.write(f"{schema_type_path.name}\\n")

            def on_success(result):
                with open(os.environ["SPY_LOG"], "a", encoding="utf-8") as log:
                    log.write(f"saw {result!r}\\n")

            class Handler:
                pass

            handler = Handler()
            handler.on_success = on_success
            return handler, handler, handler


    plugin = Spy()
    """)


@pytest.fixture
def spy(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """(an environment where the spying plugin is installed, its log)."""
    site = tmp_path / "site"
    info = site / "spy_plugin-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    (site / "spy_plugin.py").write_text(_SPY)
    log = tmp_path / "spy.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPOSITORY), str(site)]),
           "SPY_LOG": str(log), "PSEA_LANG": "en", "HOME": str(tmp_path)}
    for name in ("PYDANTIC_DISABLE_PLUGINS", "PSEA_NO_CACHE", "PSEA_ROOT"):
        env.pop(name, None)
    return env, log


def test_the_spying_plugin_sees_what_pydantic_validates_elsewhere(
        spy: tuple[dict[str, str], Path]) -> None:
    """The control: in a program of its own, pydantic loads the plugin and hands it the
    values (so the tests below can fail)."""
    env, log = spy
    program = ("import pydantic\n"
               "class Record(pydantic.BaseModel):\n"
               "    note: str\n"
               "Record(note='a value')\n")
    subprocess.run([sys.executable, "-c", program], env=env, check=True, timeout=120)
    assert "a value" in log.read_text(encoding="utf-8")


def test_no_plugin_sees_a_case_record_or_an_option(
        spy: tuple[dict[str, str], Path], shipped_network: Path) -> None:
    env, log = spy
    case = next((shipped_network / "data" / "cases").glob("*.yaml"))
    case_id = case.stem
    for args in (["validate"], ["case", "show", case_id],
                 ["report", "semester", "2021-S2", "--format", "md", "--output",
                  str(shipped_network / "report.md")]):
        run = subprocess.run([sys.executable, "-m", "psea_cli", "--root", str(shipped_network),
                              *args], env=env, capture_output=True, text=True, timeout=300,
                             check=False)
        assert run.returncode == 0, run.stderr
    assert (shipped_network / "report.md").is_file()
    assert not log.exists()  # no validator was ever offered to it


def test_validating_imports_no_package_metadata(shipped_network: Path) -> None:
    """Finding the installed plugins is what imported ``importlib.metadata`` (and read the
    entry points of every installed package): a check of every file imports neither now."""
    program = ("import sys\n"
               "sys.argv = ['psea', '--root', sys.argv[1], 'validate']\n"
               "from psea_cli import launch\n"
               "try:\n"
               "    launch.main()\n"
               "except SystemExit:\n"
               "    pass\n"
               "from psea_cli.models import Case\n"
               "print(Case.__pydantic_complete__, 'importlib.metadata' in sys.modules)\n")
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "PSEA_LANG": "en",
           "HOME": str(shipped_network.parent)}
    env.pop("PSEA_NO_CACHE", None)
    run = subprocess.run([sys.executable, "-c", program, str(shipped_network)], env=env,
                         capture_output=True, text=True, timeout=300, check=True)
    assert run.stdout.split()[-2:] == ["True", "False"]  # validators were built, no metadata
