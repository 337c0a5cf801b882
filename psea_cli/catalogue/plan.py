"""The problem codes of references between files, the plan and progress (see ``psea_cli.catalogue``)."""

from __future__ import annotations

from psea_cli.catalogue.entry import Entry, Section
from psea_cli.i18n import N_
from psea_cli.problems import Severity

REFERENCES = Section("references", N_("References between files"))

PLAN = Section("plan", N_("Action plan and progress (coordination)"))

ENTRIES = [
    Entry("ref.unknown-region", REFERENCES, Severity.ERROR,
          meaning=N_("A p-code is not among the regions of network.yaml."),
          fix=N_("Use the p-code of a region listed in `data/network.yaml` (Mopti = "
                 "`ML05`); ask the coordination to add a missing region."),
          message=N_("this region p-code is not among the regions of data/network.yaml"),
          hint=N_("Use a p-code listed under 'regions' in data/network.yaml, such as "
                  "{example}.")),
    Entry("ref.area-outside-region", REFERENCES, Severity.ERROR,
          meaning=N_("A case's admin-2 p-code is not an area of its region (its p-code, or "
                     "the region's admin2 list in network.yaml)."),
          fix=N_("Use the p-code of a cercle of the region (ML05 → ML0501…), or leave it out."),
          message=N_("this admin-2 p-code is not an area of the case's region"),
          hint=N_("Use the p-code of a cercle of the region (ML05 → ML0501…), as listed under the "
                  "region's admin2 in data/network.yaml if it is there, or leave it out.")),
    Entry("ref.unknown-organisation", REFERENCES, Severity.ERROR,
          meaning=N_("An organisation id has no file in data/focal_points/."),
          fix=N_("Correct the id, or create the organisation's file first."),
          message=N_("organisation '{org}' has no file in data/focal_points/"),
          hint=N_("Add data/focal_points/{org}.yaml or correct the id."),
          variants={
              "case": (N_("this organisation has no file in data/focal_points/"),
                       N_("Use an organisation id of data/focal_points/, or leave it out.")),
              "event": (N_("this organisation has no file in data/focal_points/"),
                        N_("Use an organisation id of data/focal_points/.")),
              "row": (N_("no organisation of data/focal_points/ has this id, name or acronym"),
                      N_("Write the organisation's id in the 'Organisation id' column, as in "
                         "the other rows; a new organisation is added as a YAML file first."))}),
    Entry("ref.unknown-service", REFERENCES, Severity.ERROR,
          meaning=N_("A service id is not in data/services/."),
          fix=N_("Correct the service id, or add the service."),
          message=N_("this service id is not in data/services/"),
          hint=N_("Use an id listed by 'psea services', or leave it out.")),
    Entry("ref.duplicate-id", REFERENCES, Severity.ERROR,
          meaning=N_("Two entries share an id."),
          fix=N_("Give one of them another id (`fp-2` for the second focal point)."),
          message=N_("{what} '{id}' is used twice (also in {file})"),
          hint=N_("Give each entry its own id."),
          variants={"same_file": (N_("{what} '{id}' is used twice (also at line {line})"),
                                  N_("Give each entry its own id.")),
                    "period": (N_("period {period} already has a progress file ({file})"),
                               N_("Keep one progress file per period, named after it.")),
                    "case": (N_("this case id is used by another case file too ({file})"),
                             N_("Each case has its own id; record the case again with 'psea "
                                "case add'."))}),
    Entry("ref.file-name-mismatch", REFERENCES, Severity.ERROR,
          meaning=N_("A file or folder is not named after the id it holds."),
          fix=N_("Rename the file (`unfpa.yaml` for `id: unfpa`) or correct the `id`."),
          message=N_("the file name does not match the id '{id}'"),
          hint=N_("Rename the file to {id}.yaml, or correct the id."),
          variants={
              "plan": (N_("the plan folder is not named after the plan id '{id}'"),
                  N_("Rename the folder to data/plan/{id}/, or correct the id.")),
              "period": (N_("the file name does not match the period '{period}'"),
                  N_("Rename the file to {period}.yaml.")),
              "case": (N_("the case file is not named after its id"),
                  N_("Rename the file after the id it holds.")),
              "wording": (N_("a wording file is named after its language code"),
                  N_("Rename it to the ISO 639 code of its language, e.g. bm.yaml."))}),
    Entry("plan.missing-file", PLAN, Severity.ERROR,
          meaning=N_("A plan folder has no plan.yaml."),
          fix=N_("Add `plan.yaml` to the folder, or remove the folder."),
          message=N_("this plan folder has no plan.yaml"),
          hint=N_("Add plan.yaml to the folder, or remove the folder.")),
    Entry("plan.unknown-responsible", PLAN, Severity.ERROR,
          meaning=N_("A responsible actor is neither an organisation nor a group."),
          fix=N_("Use the id of an organisation or of a group of `data/network.yaml`."),
          message=N_("responsible '{actor}' is neither an organisation of data/focal_points/ nor a "
                     "group of data/network.yaml"),
          hint=N_("Add data/focal_points/{actor}.yaml, add a group with this id to network.yaml, or"
                  " correct the id.")),
    Entry("plan.unknown-metric", PLAN, Severity.ERROR,
          meaning=N_("measured_by names no computed metric."),
          fix=N_("Write `manual` (value entered in the progress files) or the name of a "
                 "metric psea knows."),
          message=N_("'{name}' is not a computed metric"),
          hint=N_("Write manual, or one of the metrics listed by 'psea indicators --help'.")),
    Entry("plan.delay-unit", PLAN, Severity.ERROR,
          meaning=N_("An indicator measured by a median delay (median_days_…) has another unit "
                     "than days, or one with the unit days is not measured by such a median."),
          fix=N_("Write `unit: days` for a `median_days_…` metric (its target is then met at "
                 "most: « au plus 10 jours »); give any other metric its own unit."),
          message=N_("indicator {id} is measured by {metric}, a median number of days: its "
                     "unit must be days"),
          hint=N_("Write unit: days. A delay's target is met when the median is at most the "
                  "target; read as a count it would be cut to whole days and judged the wrong "
                  "way."),
          variants={
              "not-delay": (N_("indicator {id} has the unit days, a delay, but {metric} is not "
                               "a median delay"),
                            N_("Give the unit of its metric (count, percent…), or measure it by "
                               "median_days_to_entity_referral, "
                               "median_days_to_investigation_opened or "
                               "median_days_to_investigation_concluded."))}),
    Entry("plan.budget-both", PLAN, Severity.ERROR,
          meaning=N_("A budget gives both an amount and another funding source."),
          fix=N_("Keep `amount_usd` or `funded_elsewhere`, not both."),
          message=N_("'{key}': {rule}"),
          hint=N_("Keep amount_usd, or funded_elsewhere when another source pays.")),
    Entry("plan.budget-total-mismatch", PLAN, Severity.WARNING,
          meaning=N_("Activity budgets do not add up to the stated total."),
          fix=N_("Correct an amount or `stated_total_usd`."),
          message=N_("the activities' budgets add up to {total} USD, not the stated {stated} USD"),
          hint=N_("Correct an activity's amount_usd or the stated total.")),
    Entry("plan.too-long", PLAN, Severity.ERROR,
          meaning=N_("The plan spans more than ten years (its start or end year is probably "
                     "a typo)."),
          fix=N_("Check the years of `start` and `end`; a longer strategy is several plans."),
          message=N_("the plan spans more than {years} years"),
          hint=N_("Check the years of start and end: an action plan covers a few years; "
                  "write a longer strategy as several plans.")),
    Entry("plan.period-outside-plan", PLAN, Severity.WARNING,
          meaning=N_("An activity's period goes beyond the plan's period."),
          fix=N_("Bring the period within the plan's dates."),
          message=N_("the activity's period goes beyond the plan's period"),
          hint=N_("Check the dates; the plan runs {start} to {end}.")),
    Entry("plan.target-outside-plan", PLAN, Severity.ERROR,
          meaning=N_("A target is set for a period outside the plan."),
          fix=N_("Correct the target's period (`2020-S2`, `2021`…)."),
          message=N_("target period {period} is outside the plan's period"),
          hint=N_("Use a period between {start} and {end}.")),
    Entry("plan.target-without-source", PLAN, Severity.WARNING,
          meaning=N_("A target does not say whether the plan states it, the network decided "
                     "it (meeting, day) or it is an example (warning)."),
          fix=N_("Add `target_source: {kind: plan, reference: \"the plan's words\"}`, "
                 "`{kind: network, reference: \"Network meeting, 2020-03-12\"}` or "
                 "`{kind: example}`."),
          message=N_("indicator {id} has targets but does not say where they come from"),
          hint=N_("Add target_source: kind plan (with the plan's words), network (with the meeting "
                  "and day of the decision) or example."),
          variants={
              "no-decision": (N_("indicator {id}: the network's targets name no decision"),
                              N_("Add reference: the meeting and the day the network decided "
                                 "them (Réunion du réseau, 2020-03-12)."))}),
    Entry("progress.period-outside-plan", PLAN, Severity.ERROR,
          meaning=N_("A progress file's period is outside the plan."),
          fix=N_("Correct `period` or the file name."),
          message=N_("period {period} is outside the plan's period"),
          hint=N_("Use a period between {start} and {end}.")),
    Entry("progress.unknown-activity", PLAN, Severity.ERROR,
          meaning=N_("A progress entry names an activity the plan does not have."),
          fix=N_("Use an activity number of the plan (`1.1.3`)."),
          message=N_("activity {id} is not in the plan"),
          hint=N_("Use an activity id listed by 'psea plan'.")),
    Entry("progress.ongoing-done", PLAN, Severity.WARNING,
          meaning=N_("An ongoing activity (continuous in the plan) is marked done for good "
                     "(warning)."),
          fix=N_("Say how it ran in the period: `in_progress`, `delayed`, `not_started` "
                 "or `cancelled`."),
          message=N_("activity {id} is ongoing (continuous in the plan): it cannot be done for good"),
          hint=N_("Say how it ran in this period: in_progress when it ran, delayed when it fell "
                  "behind, not_started or cancelled.")),
    Entry("progress.unknown-indicator", PLAN, Severity.ERROR,
          meaning=N_("A progress entry names an indicator the plan does not have."),
          fix=N_("Use an indicator id of the plan (`1.1-a`)."),
          message=N_("indicator {id} is not in the plan"),
          hint=N_("Use an indicator id listed by 'psea plan'.")),
    Entry("progress.computed-indicator", PLAN, Severity.WARNING,
          meaning=N_("A value is recorded for an indicator that is computed."),
          fix=N_("Remove the value: psea computes it from the data."),
          message=N_("indicator {id} is computed from the data; a value recorded here is ignored"),
          hint=N_("Remove this entry, or set measured_by: manual in the plan.")),
    Entry("progress.identifying-text", PLAN, Severity.ERROR,
          meaning=N_("A text of the plan or of a progress file (an activity's title, note, "
                     "indicator source, narrative) looks like it identifies a person or names a "
                     "case."),
          fix=N_("Remove it: the report to the HCT names no person and no case."),
          message=N_("this text, printed in the report, looks like it contains {what}"),
          hint=N_("Remove it: the report to the humanitarian country team gives counts, never a "
                  "person's name, contact, age or place, nor a case id.")),
    Entry("progress.invalid-fraction", PLAN, Severity.ERROR,
          meaning=N_("A percent's numerator and denominator are incomplete or inconsistent."),
          fix=N_("Give both, with the numerator at most the denominator."),
          message=N_("'{key}': {rule}"),
          hint=N_("Give numerator and denominator, the numerator not above the denominator.")),

]
