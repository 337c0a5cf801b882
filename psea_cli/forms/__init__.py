"""Data entry without git: XLSForm forms generated from psea's models and network settings
(``xlsform``, ``intake``, ``focal_point``), and submissions exported by KoboToolbox or ODK
Central read back (``exports``) and imported as validated case records (``importing``).

This package sits above the domain packages (it uses ``cases`` and ``directory``), beside the
reports, and below the commands.
"""
