"""Every problem code psea emits, with what it means. Codes are stable: tools and people rely on them.

Each code has a bad-file example in ``tests/gallery/`` (a test enforces it) and is listed in
the problem-code table of docs/problem-codes.md (generated from this dict by ``scripts/problem_codes.py``).
"""

from __future__ import annotations

from psea_cli.i18n import N_

CODES: dict[str, str] = {
    # Reading files
    "file.empty": N_("The file is empty or holds only comments."),
    "file.binary": N_("The file contains binary data (NUL bytes)."),
    "file.encoding": N_("The file is not UTF-8 text."),
    "file.too-large": N_("The file is larger than 5 MB."),
    "file.unreadable": N_("The file cannot be read (a dangling link, permissions)."),
    "file.ignored": N_("A data folder holds a file psea does not read (not .yaml)."),
    "file.not-regular": N_("A data file is a FIFO, a device or a socket (through a link): "
                           "never read."),
    # YAML
    "yaml.syntax": N_("The file is not valid YAML."),
    "yaml.tab": N_("A tab character is used for indentation."),
    "yaml.duplicate-key": N_("The same key appears twice in one mapping."),
    "yaml.forbidden-tag": N_("A YAML tag such as !!python/object is used; it is never executed."),
    "yaml.alias": N_("Anchors and aliases (&a, *a) are used; an alias bomb is never expanded."),
    "yaml.too-deep": N_("The file nests too deeply."),
    "yaml.multiple-documents": N_("The file holds more than one YAML document."),
    # Schema
    "schema.unknown-key": N_("A key the schema does not know (a typo, or a forbidden field)."),
    "schema.missing-field": N_("A required key is missing."),
    "schema.invalid-choice": N_("A value is not one of the allowed choices."),
    "schema.invalid-date": N_("A date is not a valid YYYY-MM-DD date."),
    "schema.invalid-format": N_("A value does not have the expected form (id, p-code…)."),
    "schema.not-text": N_("A value YAML reads as a number where text is expected."),
    "schema.wrong-type": N_("A list, mapping, number or text where another kind is expected."),
    "schema.too-long": N_("A text is longer than allowed."),
    "schema.too-short": N_("A text or list is empty where it must not be."),
    "schema.out-of-range": N_("A number is outside its allowed range."),
    "schema.invalid-value": N_("Any other invalid value."),
    "schema.start-after-end": N_("A period, membership or age range starts after it ends."),
    # References and consistency
    "ref.unknown-region": N_("A p-code is not among the regions of network.yaml."),
    "ref.area-outside-region": N_("A case's admin-2 p-code is not an area of its region (its "
                             "p-code, or the region's admin2 list in network.yaml)."),
    "ref.unknown-organisation": N_("An organisation id has no file in data/focal_points/."),
    "ref.unknown-service": N_("A service id is not in data/services/."),
    "ref.duplicate-id": N_("Two entries share an id."),
    "ref.file-name-mismatch": N_("A file or folder is not named after the id it holds."),
    # Plan and progress
    "plan.missing-file": N_("A plan folder has no plan.yaml."),
    "plan.unknown-responsible": N_("A responsible actor is neither an organisation nor a group."),
    "plan.unknown-metric": N_("measured_by names no computed metric."),
    "plan.budget-both": N_("A budget gives both an amount and another funding source."),
    "plan.budget-total-mismatch": N_("Activity budgets do not add up to the stated total."),
    "plan.period-outside-plan": N_("An activity's period goes beyond the plan's period."),
    "plan.target-outside-plan": N_("A target is set for a period outside the plan."),
    "plan.target-without-source": N_("A target does not say whether the plan states it, the "
                                     "network decided it (meeting, day) or it is an example "
                                     "(warning)."),
    "progress.period-outside-plan": N_("A progress file's period is outside the plan."),
    "progress.unknown-activity": N_("A progress entry names an activity the plan does not have."),
    "progress.ongoing-done": N_("An ongoing activity (continuous in the plan) is marked done "
                                "for good (warning)."),
    "progress.unknown-indicator": N_("A progress entry names an indicator the plan does not have."),
    "progress.computed-indicator": N_("A value is recorded for an indicator that is computed."),
    "progress.invalid-fraction": N_("A percent's numerator and denominator are incomplete or "
                                    "inconsistent."),
    # Directory and services
    "directory.invalid-email": N_("An e-mail address is not well formed."),
    "directory.invalid-phone": N_("A phone number contains characters a phone number cannot have."),
    "directory.phone-not-quoted": N_("A phone number is written without quotes and read as a "
                                     "number."),
    "directory.phone-format": N_("A phone number follows neither E.164 nor the national plan."),
    # Cases
    "cases.note-phone": N_("A case note looks like it contains a phone number."),
    "cases.note-email": N_("A case note looks like it contains an e-mail address or a "
                           "social-media handle."),
    "cases.note-coordinates": N_("A case note looks like it contains GPS coordinates or a map "
                                 "link."),
    "cases.note-name": N_("A case note looks like it contains a name after a civility title."),
    "cases.future-date": N_("A case date is after today."),
    "cases.event-before-reception": N_("A case event is dated before the case was received."),
    "cases.incident-after-reception": N_("The incident month is after the month of reception."),
    "cases.event-missing-detail": N_("An event lacks its detail: a closure its reason, a "
                                     "referral its service type or organisation…"),
    "cases.event-unexpected-detail": N_("An event carries a detail of another kind of event."),
    "cases.service-type-mismatch": N_("A referral's service type differs from the type of the "
                                      "service it names."),
    "cases.event-after-closure": N_("An event follows the closure without a 'reopened' event."),
    "cases.reopened-while-open": N_("A case is reopened while it is not closed."),
    "cases.identity-shared-without-consent": N_("The survivor's identifying details are "
                                                "shared without consent to it (warning)."),
    "cases.participation-without-consent": N_("An investigation involves the survivor without "
                                              "consent to take part (warning)."),
    "cases.legacy-event": N_("An event kind of an earlier psea version "
                             "(investigation_referred); 'psea case migrate' renames it."),
    "cases.assistance-without-consent": N_("A referral to assistance without the survivor's "
                                           "consent to it (warning)."),
    "cases.synthetic-mixed": N_("Synthetic demonstration cases and real cases share the case "
                                "store (warning)."),
    "cases.stray-file": N_("The case store holds a file that is not a case record (a "
                           "spreadsheet, a document…)."),
    "cases.clear-record": N_("A case record is in clear where the network requires encrypted "
                             "records."),
    "cases.sealed-malformed": N_("An encrypted case record is damaged: not psea's envelope, "
                                 "age's armor or age's header."),
    "cases.sealed-unexpected": N_("An encrypted case record, but network.yaml lists no "
                                  "recipients."),
    "cases.sealed-stale": N_("An encrypted case record is not encrypted to network.yaml's "
                             "current recipients (run 'psea case rekey')."),
    # Prevention records
    "records.identifying-note": N_("A record's free text looks like it names or locates a "
                                   "person (phone, e-mail, coordinates, titled name)."),
    "records.future-date": N_("A record is dated after today."),
    "records.unknown-activity": N_("A record names an activity the plan does not have."),
    "records.duplicate-session": N_("One session is recorded in two files; it is counted once "
                                    "(warning)."),
    "records.action-closing-date": N_("An action point done or dropped lacks its closing day, "
                                      "or an open one has one."),
    "records.check-before-setup": N_("A complaint mechanism's check is dated before its "
                                     "set-up."),
    "records.invalid-rating": N_("An agency assessment rates a standard, or overall, outside "
                                 "its framework."),
    "records.rating-mismatch": N_("An agency assessment's overall rating does not follow from "
                                  "its ratings (warning)."),
    # Hardening: the listing of the data folders
    "file.name-encoding": N_("A file or folder name is not valid UTF-8; it is not read."),
    "network.cases-dir": N_("cases_dir cannot be the case store (absolute, the repository "
                            "itself, control characters); data/cases is checked instead."),
    "cases.store-missing": N_("The case store cases_dir names does not exist (warning)."),
    "cases.outside-store": N_("data/cases holds files while the case store is elsewhere."),
    "cases.leftover-temporary": N_("An interrupted 'psea case' command left its temporary "
                                   "file in the case store."),
    "cases.identifying-name": N_("A folder or file name in the case store looks like it names "
                                 "someone; it is withheld and not read."),
    # Referral-pathway poster wording
    "pathway.missing-translation": N_("A declared language lacks some of the referral poster's "
                                      "wording."),
    "pathway.bad-placeholder": N_("A poster text uses a {placeholder} psea does not fill there."),
    "cases.identifying-comment": N_("A comment or directive of a case record looks like it holds "
                                    "a phone number, an e-mail, a position or a name."),
}
