"""The problem codes of the case store's own files besides case records: ``psea import``'s
ledger (see ``psea_cli.catalogue``; the store's other codes are in ``cases``)."""

from __future__ import annotations

from psea_cli.catalogue.cases import CASES
from psea_cli.catalogue.entry import Entry
from psea_cli.i18n import N_
from psea_cli.problems import Severity

ENTRIES = [
    Entry("cases.import-ledger-damaged", CASES, Severity.ERROR,
          meaning=N_("The ledger of 'psea import' (.imports.yaml in the case store) cannot be "
                     "read: damaged, or left with the marks of an unfinished git merge."),
          fix=N_("Never edit it by hand: restore it (`git checkout HEAD -- FILE`). After a "
                 "merge, keep the lines of both sides and delete only git's marks "
                 "(`<<<<<<<`, `=======`, `>>>>>>>`)."),
          message=N_("the ledger of 'psea import' is damaged: {reason}"),
          hint=N_("Never edit it by hand: restore it from git (git checkout HEAD -- {file}; an "
                  "earlier version: git log -- {file}), then import again: what was imported "
                  "is skipped."),
          variants={
              "merge": (N_("the ledger of 'psea import' holds an unfinished git merge: the "
                           "lines that start with <<<<<<<, ======= and >>>>>>> are git's marks"),
                        N_("Two imports were merged and git could not join this file: keep "
                           "the lines of both sides. Delete only git's mark lines (those that "
                           "start with <<<<<<<, ======= or >>>>>>>; and, if there is one, the "
                           "line that starts with ||||||| with the lines below it down to "
                           "=======), keep every other line, then run psea validate again. "
                           "Keeping only one side would make the next import add the other "
                           "side's submissions a second time.")),
              "twice": (N_("the ledger of 'psea import' records the same submission twice "
                           "(imported on two branches that were then merged)"),
                        N_("Find the other line that starts with the same key as this one "
                           "(the long code at its start). If both lines name the same case, "
                           "delete one of them. If they name two cases, the submission became "
                           "two case records: keep one, delete the other's line and its case "
                           "record (git rm), then run psea validate again."))}),
]
