"""Entry point for ``python -m psea_cli``."""

from psea_cli.cli import main

main()
