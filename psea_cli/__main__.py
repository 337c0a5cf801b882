"""Entry point for ``python -m psea_cli``."""

from psea_cli.launch import main

main()
