"""The problem codes of the case store (files that are not records, records in clear or sealed
wrongly, ``cases_dir``, names) and of the prevention records, in the section of the cases (see
``psea_cli.catalogue``)."""

from __future__ import annotations

from psea_cli.catalogue import records
from psea_cli.catalogue.entry import Entry, Section
from psea_cli.i18n import N_
from psea_cli.problems import Severity

_CASES_DIR_HINT = N_("Write the folder of the case records relative to the repository, such as "
                     "data/cases or ../psea-cases (a separate repository beside this one).")


def entries(section: Section) -> list[Entry]:
    """The case store's entries, in ``section``."""
    return [
        Entry("cases.stray-file", section, Severity.ERROR,
              meaning=N_("The case store holds a file that is not a case record (a spreadsheet, "
                         "a document…)."),
              fix=N_("Take it out of the repository before any commit (if already staged: "
                     "`git rm --cached FILE`); record cases with `psea case add`."),
              message=N_("this file is not a case record, and the case store holds only anonymised case"
                         " records"),
              hint=N_("Take it out of the repository before committing it (if it is already staged: git"
                      " rm --cached FILE); record cases with 'psea case add'.")),
        Entry("cases.clear-record", section, Severity.ERROR,
              meaning=N_("A case record is in clear where the network requires encrypted records."),
              fix=N_("A key holder runs `psea case encrypt` before committing; if it was "
                     "committed already, git history keeps it: tell the coordination, who "
                     "decides whether to rewrite the history (`git filter-repo`); everyone "
                     "then clones the repository again."),
              message=N_("this case record is not encrypted, and the network requires case records to "
                         "be encrypted"),
              hint=N_("Run 'psea case encrypt' before committing; if it was ever committed in clear, "
                      "see 'psea case encrypt --help' about the history.")),
        Entry("cases.sealed-malformed", section, Severity.ERROR,
              meaning=N_("An encrypted case record is damaged: not psea's envelope, age's armor "
                         "or age's header, or a content your key opens and finds damaged."),
              fix=N_("Restore it from git (`git checkout -- FILE`); never edit an `.age` "
                     "file by hand."),
              message=N_("this file is not an encrypted case record as psea writes it (its envelope, "
                         "armor, age header or content is damaged)"),
              hint=N_("Restore it from git ('git checkout -- FILE'), or ask the core team to write the "
                      "case again with 'psea case add'.")),
        Entry("cases.sealed-unexpected", section, Severity.ERROR,
              meaning=N_("An encrypted case record, but network.yaml lists no recipients."),
              fix=N_("Restore `case_encryption` in `data/network.yaml`, or a key holder runs"
                     " `psea case decrypt`."),
              message=N_("this case record is encrypted, but data/network.yaml lists no recipients"),
              hint=N_("Restore case_encryption in data/network.yaml, or have a key holder run 'psea "
                      "case decrypt'.")),
        Entry("cases.sealed-stale", section, Severity.ERROR,
              meaning=N_("An encrypted case record is not encrypted to network.yaml's current "
                         "recipients (check who changed them, then 'psea case rekey "
                         "--recipients-changed')."),
              fix=N_("Check the change of recipients (`git log -p data/network.yaml`) with the "
                     "key holders; if they confirm it, a key holder runs `psea case rekey "
                     "--recipients-changed` (one commit)."),
              message=N_("this case record is not encrypted to the current recipients of "
                         "data/network.yaml"),
              hint=N_("Run 'git pull' first: the list it was encrypted to may be committed since. "
                      "Then see who changed the recipients with 'git log -p data/network.yaml' "
                      "and check the change with the network's key holders; if they confirm it, "
                      "a key holder runs 'psea case rekey --recipients-changed' (one commit "
                      "re-encrypts every record to the current list).")),
        *records.entries(section),
        Entry("file.name-encoding", section, Severity.ERROR,
              meaning=N_("A file or folder name is not valid UTF-8; it is not read."),
              fix=N_("Rename it (`git mv`) with a name typed on this computer."),
              message=N_("this name is not valid UTF-8 (shown with '\ufffd'); psea does not read it"),
              hint=N_("Rename it with a name typed on this computer (git mv), or remove it."),
              variants={"withheld": (
                  N_("a name in the case store is not valid UTF-8; psea does not read it, nor "
                     "print it (it may name someone)"),
                  N_("Find it with 'git status' or your file manager and rename it with the "
                     "case's id (git mv), or remove it."))}),
        Entry("network.cases-dir", section, Severity.ERROR,
              meaning=N_("cases_dir cannot be the case store (absolute, the repository itself, "
                         "control characters); data/cases is checked instead."),
              fix=N_("Write a folder relative to the repository, such as `../psea-cases`."),
              message=N_("cases_dir must be a folder name of at most 255 characters, without "
                         "control characters"),
              hint=_CASES_DIR_HINT,
              variants={
                  "absolute": (N_("cases_dir must be relative to the repository, not an absolute "
                                  "path"), _CASES_DIR_HINT),
                  "unresolved": (N_("cases_dir cannot be resolved to a folder"), _CASES_DIR_HINT),
                  "repository": (N_("cases_dir points at the repository itself or a folder holding "
                                    "it: every file there would be read as a case record"),
                                 _CASES_DIR_HINT),
                  "far": (N_("cases_dir leads out of the folder that holds the repository: the "
                             "case store is the repository's own folder or one beside it"),
                          _CASES_DIR_HINT),
                  "hidden": (N_("cases_dir names a hidden folder (its name starts with a dot): "
                                "settings of this computer, not a case store"), _CASES_DIR_HINT)}),
        Entry("cases.store-missing", section, Severity.WARNING,
              meaning=N_("The case store is not here: the folder cases_dir names does not exist, is a "
                         "file or is empty, or data/cases is a link that leads nowhere (warning); no "
                         "case figure is shared but published ones."),
              fix=N_("Clone it there before checking, or correct `cases_dir`."),
              message=N_("the case store {folder} (cases_dir) does not exist: its case records were not"
                         " checked"),
              hint=N_("Clone the case store there before checking it, or correct cases_dir."),
              variants={
                  "link": (N_("the case store {folder} is a link that leads nowhere: no case record "
                              "was read"),
                           N_("Make the link lead to the case store, or replace it with the "
                              "folder itself.")),
                  "file": (N_("the case store {folder} (cases_dir) is a file, not a folder: no case "
                              "record was read"),
                           N_("Correct cases_dir in data/network.yaml, or move the file away.")),
                  "empty": (N_("the case store {folder} (cases_dir) is empty, as if it were not "
                               "cloned here: no case record was read"),
                            N_("Clone the case store there (a git submodule: git submodule update "
                               "--init), or correct cases_dir; before the first case is recorded, "
                               "this warning can stay.")),
              }),
        Entry("cases.outside-store", section, Severity.ERROR,
              meaning=N_("data/cases holds files while the case store is elsewhere."),
              fix=N_("Record cases with `psea case` and take this file out of the repository."),
              message=N_("this file is in data/cases, but the case store is {folder}: it is not "
                         "checked, and git would keep it"),
              hint=N_("Move case records to the case store with 'psea case' commands, and take this "
                      "file out of the repository.")),
        Entry("cases.leftover-temporary", section, Severity.ERROR,
              meaning=N_("An interrupted 'psea case' command left its temporary file in the case"
                         " store."),
              fix=N_("Delete it, then check with `psea case list` that the case is recorded."),
              message=N_("a temporary file left by an interrupted 'psea case' command; it may hold a "
                         "whole case record"),
              hint=N_("Delete it (rm FILE); then check with 'psea case list' that the case you were "
                      "recording is there, and record it again if not.")),
    ]
