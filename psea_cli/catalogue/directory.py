"""The problem codes of the directory and the services (see ``psea_cli.catalogue``)."""

from __future__ import annotations

from psea_cli.catalogue.entry import Entry, Section
from psea_cli.i18n import N_
from psea_cli.problems import Severity

DIRECTORY = Section("directory", N_("Directory and services"))

ENTRIES = [
    Entry("directory.invalid-email", DIRECTORY, Severity.ERROR,
          meaning=N_("An e-mail address is not well formed."),
          fix=N_("Write `name@organisation.org`, without spaces or trailing punctuation."),
          message=N_("'{key}': {rule}"),
          hint=N_("Write an address such as psea@organisation.org.")),
    Entry("directory.invalid-phone", DIRECTORY, Severity.ERROR,
          meaning=N_("A phone number contains characters a phone number cannot have."),
          fix=N_("Only digits, spaces, `+`, dots, hyphens and brackets are allowed."),
          message=N_("'{key}': {rule}"),
          hint=N_("Write the number alone, in quotes and in international form, such as "
                  "\"{example}\"; an extension or a name has no place in it.")),
    Entry("directory.phone-not-quoted", DIRECTORY, Severity.ERROR,
          meaning=N_("A phone number is written without quotes and read as a number."),
          fix=N_('Put it between quotes: `phone: "+223 20 00 90 00"`.'),
          message=N_("the phone number is read as a number: its '+' and leading zeros are lost"),
          hint=N_("Put the phone number in quotes: phone: \"{example}\".")),
    Entry("directory.phone-format", DIRECTORY, Severity.ERROR,
          meaning=N_("A phone number follows neither E.164 nor the national plan."),
          fix=N_("Write `+`, the country code and the full national number (in Mali: "
                 "`+223` and 8 digits)."),
          message=N_("the phone number is not well formed: {rule}"),
          hint=N_("Write it with '+', the country code and the national number, grouped as the "
                  "country does, for example \"{example}\".")),
    Entry("directory.future-verification", DIRECTORY, Severity.ERROR,
          meaning=N_("A focal point or a service is verified after today."),
          fix=N_("Write the day its details were last confirmed, today at the latest "
                 "(`verified_on: 2024-05-02`)."),
          message=N_("verified_on is after today: the entry would never be flagged as out of "
                     "date"),
          hint=N_("Write the day its details were last confirmed, today at the latest.")),

]
