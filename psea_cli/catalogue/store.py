"""The problem codes of the case store's own files besides case records: ``psea import``'s
ledger and the case figures ``psea case publish`` writes (see ``psea_cli.catalogue``; the
store's other codes are in ``cases``)."""

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
    Entry("published.other-threshold", CASES, Severity.ERROR,
          meaning=N_("Published case figures were rounded with another threshold than "
                     "network.yaml's suppression_threshold."),
          fix=N_("A key holder writes them again: `psea case publish PERIOD`."),
          message=N_("these figures were rounded to multiples of {base}, and the network's "
                     "threshold is {threshold}"),
          hint=N_("A key holder writes them again with psea case publish and the period; until "
                  "then, members without a key see no case figure for the period.")),
    Entry("published.not-rounded", CASES, Severity.ERROR,
          meaning=N_("A published case figure is not a multiple of the threshold: psea never "
                     "writes it so."),
          fix=N_("A key holder writes the file again: `psea case publish PERIOD`; never edit "
                 "it by hand."),
          message=N_("this count is not a multiple of {base}: psea publishes only rounded "
                     "counts"),
          hint=N_("Never edit published figures by hand: a key holder writes them again with "
                  "psea case publish and the period.")),
    Entry("published.wrong-quarters", CASES, Severity.ERROR,
          meaning=N_("Published case figures name other quarters than the complete quarters "
                     "of their period."),
          fix=N_("A key holder writes the file again: `psea case publish PERIOD`."),
          message=N_("these are not the quarters of {period} that ended by {day}"),
          hint=N_("Never edit published figures by hand: a key holder writes them again with "
                  "psea case publish and the period.")),
]
