"""Prevention records: sessions, meetings and action points, complaint mechanisms, risk and
agency assessments. ``rules`` judges them (for ``psea validate`` and before a command
writes), ``views`` answers the coordinator's weekly questions, ``frameworks`` holds the
agency standards, ``counting`` the figures the indicators and the report take from them."""
