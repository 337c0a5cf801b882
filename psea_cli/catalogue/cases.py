"""The problem codes of case records and the poster (see ``psea_cli.catalogue``); the case
store's and the prevention records' are in ``case_store``, in the same section."""

from __future__ import annotations

from psea_cli.catalogue import case_store
from psea_cli.catalogue.entry import Entry, Section
from psea_cli.i18n import N_
from psea_cli.problems import Severity

CASES = Section("cases", N_("Case records (core team)"))

ENTRIES = [
    Entry("file.not-regular", CASES, Severity.ERROR,
          meaning=N_("A data file is a FIFO, a device or a socket (through a link): never read."),
          fix=N_("Replace it with an ordinary file or remove it."),
          message=N_("this is not a regular file but a {kind}; psea does not read it"),
          hint=N_("Replace it by an ordinary file (a link in the repository must point at "
                  "one) or remove it.")),
    Entry("file.link-outside", CASES, Severity.ERROR,
          meaning=N_("A data file is a link that leads outside the repository (or outside the "
                     "case store): never read."),
          fix=N_("Replace the link with the file itself, or remove it."),
          message=N_("this is a link that leads outside the repository; psea does not read it"),
          hint=N_("A file a pull request carries may point anywhere on the machine that "
                  "checks it: replace the link with the file itself, or remove it.")),
    Entry("cases.note-phone", CASES, Severity.ERROR,
          meaning=N_("A case note looks like it contains a phone number, or an identity "
                     "document's number after the document's name."),
          fix=N_("Remove it: a note holds no contact and no document number."),
          message=N_("the note looks like it contains a phone number or an identity document's "
                     "number"),
          hint=N_("Remove it: a case record never holds contact details; they stay with the "
                  "receiving agency's case worker. An amount is accepted with its currency (12 500 "
                  "000 FCFA).")),
    Entry("cases.note-email", CASES, Severity.ERROR,
          meaning=N_("A case note looks like it contains an e-mail address or a social-media"
                     " handle."),
          fix=N_("Remove it from the note."),
          message=N_("the note looks like it contains an e-mail address or a social-media handle"),
          hint=N_("Remove it: a case record never holds contact details; they stay with the "
                  "receiving agency's case worker.")),
    Entry("cases.note-coordinates", CASES, Severity.ERROR,
          meaning=N_("A case note looks like it contains a precise place: GPS coordinates, an "
                     "address, a neighbourhood or a map link."),
          fix=N_("Remove it: the region is enough."),
          message=N_("the note looks like it contains a precise place (GPS coordinates, an "
                     "address, a neighbourhood or a map link)"),
          hint=N_("Remove it: a case record gives the region (and cercle) only, never a precise "
                  "place.")),
    Entry("cases.note-name", CASES, Severity.ERROR,
          meaning=N_("A case note looks like it contains a person's name: after a title, after "
                     "nom, victime, survivante…, or after words that give one (s'appelle, her "
                     "name is)."),
          fix=N_("Remove the name: no person is named."),
          message=N_("the note looks like it contains a person's name (after a title such as Mme "
                     "or Dr, after nom, victime, survivante…, or after words that give one, such "
                     "as s'appelle or her name is)"),
          hint=N_("Remove the name: a case record never names the survivor, the complainant, a "
                  "witness or the alleged perpetrator.")),
    Entry("cases.note-age", CASES, Severity.ERROR,
          meaning=N_("A case note looks like it contains an exact age or a date of birth."),
          fix=N_("Remove it: the age group says child or adult."),
          message=N_("the note looks like it contains an exact age or a date of birth"),
          hint=N_("Remove it: a case record gives the age group (child, adult), never an age or a "
                  "date of birth. A duration is accepted (depuis 2 ans, projet de 3 ans).")),
    Entry("cases.future-date", CASES, Severity.ERROR,
          meaning=N_("A case date is after today."),
          fix=N_("Correct the date."),
          message=N_("this date is after today"),
          hint=N_("Record only what has happened; check the year and the order YYYY-MM-DD.")),
    Entry("cases.event-before-reception", CASES, Severity.ERROR,
          meaning=N_("A case event is dated before the case was received."),
          fix=N_("Correct the event's or the reception's date."),
          message=N_("this event is dated before the case was received"),
          hint=N_("Check the date: no step of the SOP comes before the reception of the complaint.")),
    Entry("cases.incident-after-reception", CASES, Severity.ERROR,
          meaning=N_("The incident month is after the month of reception."),
          fix=N_("Correct `incident_month` (or write `unknown`)."),
          message=N_("the incident month is after the month the complaint was received"),
          hint=N_("Check incident_month (YYYY-MM), or write unknown.")),
    Entry("cases.event-missing-detail", CASES, Severity.ERROR,
          meaning=N_("An event lacks its detail: a closure its reason, a referral its "
                     "service type or organisation…"),
          fix=N_("Add the detail the message names."),
          message=N_("a '{kind}' event needs '{key}'"),
          hint=N_("Add '{key}:' to the event; 'psea case event --help' lists the values.")),
    Entry("cases.event-unexpected-detail", CASES, Severity.ERROR,
          meaning=N_("An event carries a detail of another kind of event."),
          fix=N_("Remove that detail or correct the event's kind."),
          message=N_("'{key}' does not belong to a '{kind}' event"),
          hint=N_("Remove it, or correct the event's kind.")),
    Entry("cases.service-type-mismatch", CASES, Severity.ERROR,
          meaning=N_("A referral's service type differs from the type of the service it names."),
          fix=N_("Correct the type or the service id."),
          message=N_("'service' is not the type of the service given in 'service_id'"),
          hint=N_("Write the type of that service (see data/services/), or choose a service of this"
                  " type.")),
    Entry("cases.event-after-closure", CASES, Severity.ERROR,
          meaning=N_("An event follows the closure without a 'reopened' event."),
          fix=N_("Add a `reopened` event first, or correct the date."),
          message=N_("this event comes after the case was closed"),
          hint=N_("Record a 'reopened' event first (psea case event ID reopened), or correct the "
                  "date.")),
    Entry("cases.reopened-while-open", CASES, Severity.ERROR,
          meaning=N_("A case is reopened while it is not closed."),
          fix=N_("Remove the `reopened` event, or add the closure before it."),
          message=N_("the case is reopened while it is not closed"),
          hint=N_("Remove this event, or check the dates of the closure before it.")),
    Entry("cases.identity-shared-without-consent", CASES, Severity.WARNING,
          meaning=N_("The survivor's identifying details are shared without consent to it "
                     "(warning)."),
          fix=N_("Record the consent the survivor gave (`psea case consent ID --identity yes`) "
                 "or tell the coordinator; never change a recorded refusal to clear it."),
          message=N_("the survivor's identifying details are shared without their recorded consent "
                     "to it"),
          hint=N_("Identifying details leave the network only with the survivor's informed consent."
                  " Record it with 'psea case consent ID --identity yes', or tell the coordinator "
                  "why they were shared without it."),
          variants={"refused": (
              N_("the survivor's identifying details are shared, but the survivor refused it "
                 "(consent.identity: no)"),
              N_("Never change the recorded refusal to clear this warning: tell the coordinator "
                 "at once, who follows the SOP on a breach of consent."))}),
    Entry("cases.participation-without-consent", CASES, Severity.WARNING,
          meaning=N_("An investigation involves the survivor without consent to take part "
                     "(warning)."),
          fix=N_("Record the consent the survivor gave (`psea case consent ID --investigation "
                 "yes`) or tell the coordinator; never change a recorded refusal to clear it."),
          message=N_("the investigation involves the survivor without their recorded consent to "
                     "take part"),
          hint=N_("A survivor is interviewed or testifies only with informed consent. Record it "
                  "with 'psea case consent ID --investigation yes', or tell the coordinator why the"
                  " investigation involves them without it."),
          variants={"refused": (
              N_("the investigation involves the survivor, but the survivor refused to take part "
                 "(consent.investigation: no)"),
              N_("Never change the recorded refusal to clear this warning: tell the coordinator "
                 "at once, who follows the SOP on a breach of consent."))}),
    Entry("cases.affiliation-mismatch", CASES, Severity.WARNING,
          meaning=N_("The alleged perpetrator's affiliation contradicts the type the directory "
                     "gives their organisation (warning)."),
          fix=N_("Correct `perpetrator.affiliation` or `perpetrator.organisation` (`nngo` for "
                 "the staff of a national NGO), or the organisation's `type`."),
          message=N_("the alleged perpetrator's affiliation does not match the type of their "
                     "organisation in data/focal_points/"),
          hint=N_("A national NGO's staff are nngo, an international NGO's ingo, a government's "
                  "government, a UN agency's or mission's un_staff, un_mission or un_uniformed: "
                  "correct the affiliation or the organisation, or the organisation's type if "
                  "the directory has it wrong.")),
    Entry("cases.legacy-event", CASES, Severity.ERROR,
          meaning=N_("An event kind of an earlier psea version (investigation_referred); "
                     "'psea case migrate' renames it."),
          fix=N_("Run `psea case migrate`: it renames it `referred_to_entity` and says "
                 "what it changed."),
          message=N_("'{old}' is an event kind of an earlier psea version; it is now '{new}'"),
          hint=N_("Run 'psea case migrate' to rewrite the case files (comments are kept; it says "
                  "what it changed).")),
    Entry("cases.assistance-without-consent", CASES, Severity.WARNING,
          meaning=N_("A referral to assistance without the survivor's consent to it (warning)."),
          fix=N_("Record the consent the survivor gave (`psea case consent ID --assistance yes`) "
                 "or tell the coordinator; never change a recorded refusal to clear it."),
          message=N_("the survivor is referred to assistance without recorded consent to it"),
          hint=N_("SOP: referral to assistance follows the survivor's informed consent. Record it "
                  "with 'psea case consent ID --assistance yes'."),
          variants={"refused": (
              N_("the survivor is referred to assistance, but the survivor declined it "
                 "(consent.assistance: no)"),
              N_("Never change the recorded refusal to clear this warning: tell the coordinator "
                 "at once, who follows the SOP on a breach of consent."))}),
    Entry("cases.synthetic-mixed", CASES, Severity.WARNING,
          meaning=N_("Synthetic demonstration cases and real cases share the case store "
                     "(warning)."),
          fix=N_("Remove the demonstration cases (`synthetic: true`) from the real case store."),
          message=N_("the case store mixes synthetic demonstration cases ({synthetic}) with real "
                     "cases ({real})"),
          hint=N_("Remove the demonstration cases before recording real ones: psea case demo "
                  "--remove")),
    *case_store.entries(CASES),
    Entry("cases.identifying-name", CASES, Severity.ERROR,
          meaning=N_("A folder or file name in the case store looks like it names someone; "
                     "it is withheld and not read."),
          fix=N_("Rename it (`git mv`) to a neutral name such as a year."),
          message=N_("a folder or file name in the case store looks like it names someone or holds "
                     "a contact; the name is not shown here, and nothing below it was read"),
          hint=N_("Rename it (git mv) to a neutral name such as a year, or move it out of the "
                  "repository; 'ls' the case store to find it.")),
    Entry("pathway.missing-translation", CASES, Severity.WARNING,
          meaning=N_("A declared language lacks some of the referral poster's wording."),
          fix=N_("Add the texts named to `data/pathway/<language>.yaml` (`psea pathway "
                 "--wording <language>` writes the file to translate)."),
          message=N_("the referral poster has no {lang} wording for {count} text(s): {keys}"),
          hint=N_("Add them to data/pathway/{lang}.yaml (start from 'psea pathway --wording "
                  "{lang}'); until then the poster uses the network's first language for them.")),
    Entry("pathway.bad-placeholder", CASES, Severity.ERROR,
          meaning=N_("A poster text uses a {placeholder} psea does not fill there."),
          fix=N_("Keep the original text's placeholders (`{region}`, `{date}`…); write "
                 "`{{` and `}}` for a literal brace."),
          message=N_("'{key}' uses {{{name}}}, which psea does not fill in this text"),
          hint=N_("Use only {allowed} here (write {{{{ and }}}} for a literal brace).")),
    Entry("cases.identifying-comment", CASES, Severity.ERROR,
          meaning=N_("A comment or directive of a case record looks like it holds a phone "
                     "number, an e-mail, a position or a name."),
          fix=N_("Delete the comment: a record holds no comment besides the first line "
                 "psea writes."),
          message=N_("a comment of this case record looks like it holds what identifies a person "
                     "({rules}); no check reads comments, and git keeps them"),
          hint=N_("Delete the comment: a case record holds no comment besides psea's first line."),
          variants={"long": (
              N_("the comments of this case record are too long to be screened (more than "
                 "{limit} characters in one, or together eight times that); no check reads "
                 "comments, and git keeps them"),
              N_("Delete the comment: a case record holds no comment besides psea's first "
                 "line."))}),

]
