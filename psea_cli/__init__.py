"""psea: the action plan, directory, service map and case records of a national PSEA network.

The pipeline (``pipeline.load_dataset``) reads every data file of a network repository,
parses it, builds the pydantic models, runs the cross-file checks and returns the
dataset together with every problem found. Indicators and reports take that dataset as
input; nothing after the pipeline re-reads files. The CLI (``cli``) is a thin layer that
parses options, calls the library, prints and chooses the exit code.
"""

import os

__version__ = "0.3.14"

# pydantic hands every value it validates to the plugins installed beside it (a package's
# ``pydantic`` entry point: a tracing or logging service, for instance): a case record must
# never reach one. psea runs none, and is spared the scan of every installed package's
# entry points that finding them takes.
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

SOURCE_REPOSITORY = "https://github.com/psea-network/psea"
"""Where psea's source and its release tags (``v<version>``) are published. The CI workflow and
the pre-commit configuration that ``psea init`` writes install psea from there, at the tag of
the version that wrote them (``psea init --psea-source`` names a fork or a mirror instead)."""
