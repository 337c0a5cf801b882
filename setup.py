"""Build step: copy the top-level ``templates/`` folder into the package as ``psea_cli/templates``.

``templates/`` is where a PSEA network repository keeps its report templates, and psea's own
repository (a network repository too: it ships the Mali data) keeps the built-in ones there.
An installed psea carries them inside the package; this copy, made when a wheel is built, puts
them there without a symbolic link in git (links break a checkout on Windows). A source
checkout (editable install, ``PYTHONPATH``) reads ``templates/`` directly: see
``psea_cli/report/environment.py``. ``tests/test_install.py`` builds a wheel and checks the copy.
Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TEMPLATES = Path(__file__).resolve().parent / "templates"


class BuildWithTemplates(build_py):  # type: ignore[misc]
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads templates/ in place
        target = Path(self.build_lib) / "psea_cli" / "templates"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(TEMPLATES, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithTemplates})
