"""Every problem code psea emits, with what it means: ``CODES``, code → meaning (an ``N_`` msgid).

The catalogue itself is ``psea_cli.catalogue`` (severity, meaning, message, hint, fix, docs
anchor). A code not yet in it goes in ``NOT_YET_CATALOGUED`` (code → meaning) and keeps
working: its emitter writes message, hint and severity itself, and the fix tables list it under
"Other" until it has its entry.
"""

from __future__ import annotations

from psea_cli.catalogue import CATALOGUE

NOT_YET_CATALOGUED: dict[str, str] = {}

CODES: dict[str, str] = {**{code: e.meaning for code, e in CATALOGUE.items()},
                         **NOT_YET_CATALOGUED}
