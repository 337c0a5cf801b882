"""The problem codes of reading: files, YAML and the shape of the fields (see ``psea_cli.catalogue``)."""

from __future__ import annotations

from psea_cli.catalogue.entry import Entry, Section
from psea_cli.i18n import N_
from psea_cli.problems import Severity

READING = Section("reading", N_("Reading the file and YAML syntax"))

SCHEMA = Section("schema", N_("Shape of the fields (schema)"))

_FORM = N_("'{key}' does not have the expected form")

ENTRIES = [
    Entry("file.empty", READING, Severity.ERROR,
          meaning=N_("The file is empty or holds only comments."),
          fix=N_("Fill it in from the folder's example, or delete it."),
          message=N_("the file is empty"),
          hint=N_("Fill the file in, or delete it if it is not needed.")),
    Entry("file.binary", READING, Severity.ERROR,
          meaning=N_("The file contains binary data (NUL bytes)."),
          fix=N_("You probably uploaded a Word or PDF document: replace it with a "
                 "`.yaml` text file."),
          message=N_("the file contains binary data"),
          hint=N_("Data files are plain text; restore the file from git history.")),
    Entry("file.encoding", READING, Severity.ERROR,
          meaning=N_("The file is not UTF-8 text."),
          fix=N_("Save it again as UTF-8 (VS Code: bottom right, *Save with Encoding → UTF-8*)."),
          message=N_("the file is not valid UTF-8"),
          hint=N_("Save the file as UTF-8 (in Excel or Notepad: \"UTF-8\" encoding).")),
    Entry("file.too-large", READING, Severity.ERROR,
          meaning=N_("The file is larger than 5 MB."),
          fix=N_("A data file is small: check that it is not another document."),
          message=N_("the file is larger than 5 MB"),
          hint=N_("A data file holds one organisation, plan or case; split it.")),
    Entry("file.unreadable", READING, Severity.ERROR,
          meaning=N_("The file cannot be read (a dangling link, permissions)."),
          fix=N_("Replace the link with the file itself, or fix its permissions."),
          message=N_("the file cannot be read ({reason})"),
          hint=N_("Check the file's permissions.")),
    Entry("file.ignored", READING, Severity.WARNING,
          meaning=N_("A data folder holds a file psea does not read (not .yaml)."),
          fix=N_("Rename it to `.yaml` if it holds YAML data, or move it out of `data/`."),
          message=N_("psea does not read this file: data files are .yaml files"),
          hint=N_("Rename it to .yaml if it holds data in YAML, or move it out of data/.")),
    Entry("yaml.syntax", READING, Severity.ERROR,
          meaning=N_("The file is not valid YAML."),
          fix=N_("Look at the line given and the one before: a missing colon after a "
                 "key, an unclosed quote, a shifted indentation."),
          message=N_("the file is not valid YAML"),
          hint=N_("Check the indentation and the ':' after each key on this line and the "
                  "line before."),
          variants={
              "key": (N_("a key must be plain text"),
                      N_("Write keys as plain words followed by a colon.")),
              "unclosed": (N_("a bracket or quote opened here is never closed"),
                           N_("Close it on the same line: [a, b] or \"text\".")),
              "escape": (N_("a backslash (\\) between double quotes starts an escape YAML "
                            "does not know"),
                         N_("Put the text between single quotes ('Bureau\\Bamako'), or "
                            "double the backslash (\\\\).")),
              "control": (N_("this line holds an invisible control character ({character}), "
                             "which YAML does not allow"),
                          N_("Retype the text of this line: the character often comes with a "
                             "copy from a word processor or a PDF (a line break typed with "
                             "Shift+Enter, for example).")),
          }),
    Entry("yaml.tab", READING, Severity.ERROR,
          meaning=N_("A tab character is used for indentation."),
          fix=N_("Replace tabs with spaces (two per level)."),
          message=N_("a tab character is used for indentation"),
          hint=N_("Indent with spaces only (2 spaces per level).")),
    Entry("yaml.duplicate-key", READING, Severity.ERROR,
          meaning=N_("The same key appears twice in one mapping."),
          fix=N_("Keep the key once, with the right value."),
          message=N_("this key appears twice in the same mapping"),
          hint=N_("Keep one of the two entries and delete the other.")),
    Entry("yaml.forbidden-tag", READING, Severity.ERROR,
          meaning=N_("A YAML tag such as !!python/object is used; it is never executed."),
          fix=N_("Remove the tag: data files hold only text, numbers, lists and keys."),
          message=N_("this YAML tag is not allowed in data files"),
          hint=N_("Remove the tag starting with '!'; write the plain value.")),
    Entry("yaml.alias", READING, Severity.ERROR,
          meaning=N_("Anchors and aliases (&a, *a) are used; an alias bomb is never expanded."),
          fix=N_("Copy the value instead of using an alias."),
          message=N_("anchors and aliases (&name, *name) are not allowed"),
          hint=N_("Write each value out in full; do not use '&' and '*'.")),
    Entry("yaml.too-deep", READING, Severity.ERROR,
          meaning=N_("The file nests too deeply."),
          fix=N_("Go back to the example's structure: a few levels are enough."),
          message=N_("the file nests too deeply"),
          hint=N_("Data files need only a few levels of indentation.")),
    Entry("yaml.multiple-documents", READING, Severity.ERROR,
          meaning=N_("The file holds more than one YAML document."),
          fix=N_("Keep one document: remove the extra `---` lines or split into two files."),
          message=N_("the file holds more than one YAML document"),
          hint=N_("Remove the '---' separator; one file holds one document.")),
    Entry("schema.unknown-key", SCHEMA, Severity.ERROR,
          meaning=N_("A key the schema does not know (a typo, or a forbidden field)."),
          fix=N_("Correct the spelling (keys are English: `acronym`, not `sigle`) or "
                 "remove the line."),
          message=N_("unknown key '{key}'"),
          hint=N_("Remove it or correct its spelling; see the schema for the keys allowed here."),
          variants={
              "case": (N_("this key is not part of a case record (names, contacts and free "
                          "text are never recorded)"),
                       N_("Remove the line; only the fields of the case schema are allowed.")),
              "unshown": (N_("this key is not one the schema knows (it is not repeated here: "
                             "it is no plain name of a field)"),
                          N_("Remove the line at this place, or correct the key; see the "
                             "schema for the keys allowed here.")),
              "not-text": (N_("this key reads as a number, a date or true/false, not as the "
                              "name of a field (it is not repeated here)"),
                           N_("Remove the line at this place: keys are field names such as "
                              "'region' (see the schema for the keys allowed here)."))}),
    Entry("schema.missing-field", SCHEMA, Severity.ERROR,
          meaning=N_("A required key is missing."),
          fix=N_("Add it; the message says which (for example `role` for a focal point)."),
          message=N_("required key '{key}' is missing"),
          hint=N_("Add '{key}:' with a value to this entry.")),
    Entry("schema.invalid-choice", SCHEMA, Severity.ERROR,
          meaning=N_("A value is not one of the allowed choices."),
          fix=N_("Use one of the values listed after the arrow, exactly, lowercase and "
                 "in English (`focal_point`, `alternate`…)."),
          message=N_("'{key}' is not one of the allowed values"),
          hint=N_("Use one of: {choices}.")),
    Entry("schema.invalid-date", SCHEMA, Severity.ERROR,
          meaning=N_("A date is not a valid YYYY-MM-DD date, or its year is out of the "
                     "range psea reads (a typo)."),
          fix=N_("Write `2024-05-02` (not `02/05/2024`); check that the day exists and its "
                 "year."),
          message=N_("'{key}' is not a valid date"),
          hint=N_("Write dates as YYYY-MM-DD, for example 2020-07-15, and check that the day "
                  "exists (there is no 30 February)."),
          variants={"time-zone": (N_("'{key}': {rule}"),
                                  N_("Write the local time without a zone, for example "
                                     "2020-07-15T14:30.")),
                    "range": (N_("'{key}' is not a date between {first} and {last}"),
                              N_("Check the year: a PSEA network's records, plans and "
                                 "memberships fall between {first} and {last} (0219 or 2091 "
                                 "is a typo for 2019)."))}),
    Entry("schema.invalid-format", SCHEMA, Severity.ERROR,
          meaning=N_("A value does not have the expected form (id, p-code…)."),
          fix=N_("Ids in lowercase letters, digits and hyphens (`ngo-example`); p-codes "
                 "like `ML05` for a region, `ML0501` for an admin-2 area (its region's p-code "
                 "followed by digits)."),
          message=_FORM,
          hint=N_("Check the form of this value against the schema."),
          variants={
              "id": (_FORM, N_("Use lowercase letters, digits and hyphens only, for example "
                               "save-the-children.")),
              "pcode": (_FORM, N_("Use the p-code of the region as listed under regions in "
                                  "data/network.yaml, not its name.")),
              "admin2": (_FORM, N_("Use the p-code of the area at the {level} level (its "
                                   "region's p-code followed by digits), as listed under its "
                                   "region's admin2 in data/network.yaml if it is there, not "
                                   "its name.")),
              "language": (_FORM, N_("Use a two- or three-letter language code such as fr, "
                                     "en, bm.")),
              "country": (_FORM, N_("Use a three-letter country code such as MLI.")),
              "case-id": (_FORM, N_("A case id is eight characters from 0-9 and A-Z without "
                                    "I, L, O, U; let 'psea case add' create it.")),
              "month": (_FORM, N_("Write the month as YYYY-MM (2020-07) or unknown.")),
              "period": (_FORM, N_("Write a period as 2020, 2020-S2 or 2020-Q3.")),
              "area-word": (_FORM, N_("Write the word focal points use for the admin-2 areas, "
                                      "such as cercle, province or département: letters, with "
                                      "spaces, hyphens, apostrophes or full stops between "
                                      "them; no digit, sign or line break, at most 60 "
                                      "characters. One word per key: the English one goes in "
                                      "admin2_name_en."))}),
    Entry("schema.not-text", SCHEMA, Severity.ERROR,
          meaning=N_("A value YAML reads as a number where text is expected."),
          fix=N_('Put it between quotes: `"2020"`.'),
          message=N_("'{key}' is read as a number, not as text"),
          hint=N_("Put the value in quotes.")),
    Entry("schema.control-character", SCHEMA, Severity.ERROR,
          meaning=N_("A text holds a control character (an escape, a bell, a line break in a "
                     "name): printed, it would drive the terminal or break the line."),
          fix=N_("Retype the text without it; only notes and narratives may span several "
                 "lines."),
          message=N_("'{key}' holds a control character (an escape, a line break or another "
                     "invisible character)"),
          hint=N_("Retype this text without it (a name, a title, an e-mail, a phone or an "
                  "address is one line); notes and narratives may hold line breaks and tabs "
                  "only.")),
    Entry("schema.wrong-type", SCHEMA, Severity.ERROR,
          meaning=N_("A list, mapping, number or text where another kind is expected."),
          fix=N_("Compare with the example: a list is written `[fr, bm]` or with "
                 "hyphens, a text alone on its line."),
          variants={
              "mapping": (N_("'{key}' must be a mapping of keys and values"),
                          N_("Write 'key: value' lines indented under it, not a list or a "
                             "single value.")),
              "list": (N_("'{key}' must be a list"),
                       N_("Write one '- item' line per element, indented under it.")),
              "number": (N_("'{key}' must be a number"),
                         N_("Write it in digits (2, not two), without quotes, spaces or currency: "
                           "\"2\" and true are not read as numbers (the schema and editors "
                           "refuse them).")),
              "file": (N_("the file must be a mapping of keys and values, not a list or a "
                          "single value"),
                       N_("Start the file with 'key: value' lines as in the other files of "
                          "this folder.")),
              "boolean": (N_("'{key}' must be true or false"),
                          N_("Write true or false, without quotes: yes, no, on, off, y, n, 1 "
                             "and 0 are not read as true or false (the schema and editors "
                             "refuse them too)."))}),
    Entry("schema.too-long", SCHEMA, Severity.ERROR,
          meaning=N_("A text is longer than allowed."),
          fix=N_("Shorten it (a note fits in a few sentences)."),
          message=N_("'{key}' is too long"),
          hint=N_("Shorten it; notes hold at most 280 characters."),
          variants={"limit": (N_("'{key}' is too long: at most {limit} characters or items"),
                              N_("Shorten it."))}),
    Entry("schema.too-short", SCHEMA, Severity.ERROR,
          meaning=N_("A text or list is empty where it must not be."),
          fix=N_("Fill in the value, or remove the key if it is optional."),
          message=N_("'{key}' is empty or has too few elements"),
          hint=N_("Fill it in.")),
    Entry("schema.out-of-range", SCHEMA, Severity.ERROR,
          meaning=N_("A number is outside its allowed range."),
          fix=N_("Correct the number; the message gives the limits."),
          message=N_("'{key}' is out of the allowed range"),
          hint=N_("Allowed: {rule}.")),
    Entry("schema.invalid-value", SCHEMA, Severity.ERROR,
          meaning=N_("Any other invalid value."),
          fix=N_("Read the message after the arrow and compare with the example."),
          message=N_("'{key}' has an invalid value"),
          hint=N_("Check this value against the schema."),
          variants={"forms": (N_("'{key}' has an invalid value"),
                              N_("Check this value against the schema: a number, true or false, "
                                 "or one of the words allowed here."))}),
    Entry("schema.start-after-end", SCHEMA, Severity.ERROR,
          meaning=N_("A period, membership or age range starts after it ends."),
          fix=N_("Swap or correct the two dates (or ages)."),
          hint=N_("Put the start before the end."),
          variants={"custom": (N_("'{key}': {rule}"), N_("Put the start before the end.")),
                    "plan": (N_("the plan starts after it ends"), N_("Put the start before the end.")),
                    "activity": (N_("the activity starts after it ends"),
                                 N_("Put the start before the end."))}),

]
