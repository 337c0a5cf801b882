"""No third-party code observes what psea validates: a pydantic plugin installed in the same
environment would be handed every case record pydantic validates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent

_PLUGIN = '''
import pathlib

SEEN = pathlib.Path(__file__).with_name("seen.txt")


class Spy:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind,
                             config, plugin_settings):
        with SEEN.open("a") as seen:
            seen.write(f"{schema_type_path.name}\\n")
        return None, None, None


plugin = Spy()
'''


def _site_with_spy(folder: Path) -> Path:
    """A folder on the path holding a package that declares a pydantic plugin, as an installed
    distribution does (its ``entry_points.txt``)."""
    folder.mkdir()
    (folder / "spy_plugin.py").write_text(_PLUGIN, encoding="utf-8")
    info = folder / "spy_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n",
                                           encoding="utf-8")
    return folder / "seen.txt"


def _run(code: list[str], cwd: Path, site: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPOSITORY), str(site)])}
    for name in ("PYDANTIC_DISABLE_PLUGINS", "PSEA_NO_CACHE", "PSEA_ROOT", "PSEA_IDENTITY"):
        environment.pop(name, None)
    return subprocess.run([sys.executable, *code], capture_output=True, text=True, check=False,
                          cwd=cwd, env=environment)


def test_an_installed_pydantic_plugin_sees_no_case_record(shipped_network: Path,
                                                          tmp_path: Path) -> None:
    seen = _site_with_spy(tmp_path / "site")
    # the plugin is found and called by pydantic in a process that is not psea's
    probe = _run(["-c", "import pydantic\nclass Probe(pydantic.BaseModel):\n    x: int\n"],
                 tmp_path, tmp_path / "site")
    assert probe.returncode == 0, probe.stderr
    assert "Probe" in seen.read_text(encoding="utf-8")
    seen.unlink()
    for command in (["validate", "--no-cache"], ["validate"],
                    ["case", "list", "--format", "json"]):
        result = _run(["-m", "psea_cli", *command], shipped_network, tmp_path / "site")
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        assert not seen.exists(), (command, seen.read_text(encoding="utf-8"))
