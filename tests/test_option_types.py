"""One parser per kind of value typed on the command line (a day, a day with a time, a month, a
language), shared by every command: a refused value is a usage error (exit 2), in the user's
language, that never repeats what was typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from psea_cli import option_types
from psea_cli.cli import app
from psea_cli.i18n import set_language

TYPED = "2020-07-15-Fatoumata"  # a date typed with a name by mistake: never to be repeated

DATES = [
    ["case", "add", "--received", TYPED, "--channel", "hotline", "--region", "Mopti", "--sex",
     "female", "--age-group", "adult", "--allegation", "sexual_abuse"],
    ["case", "add", "--received", "2020-07-15", "--channel", "hotline", "--region", "Mopti",
     "--sex", "female", "--age-group", "adult", "--allegation", "sexual_abuse",
     "--incident-month", TYPED],
    ["case", "event", "7KQ2M9AB", "acknowledged", "--date", TYPED],
    ["case", "overdue", "--as-of", TYPED],
    ["directory", "check", "--as-of", TYPED],
    ["services", "matrix", "--as-of", TYPED],
    ["indicators", "2020", "--as-of", TYPED],
    ["audit", "--as-of", TYPED],
    ["meeting", "add", "--date", TYPED],
]
LANGUAGES = [
    ["--lang", "Fatoumata", "validate"],
    ["validate", "--lang", "Fatoumata"],
    ["report", "semester", "--lang", "Fatoumata"],
    ["indicators", "2020", "--lang", "Fatoumata"],
    ["directory", "--lang", "Fatoumata"],
    ["changes", "--lang", "Fatoumata"],
]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("args", DATES + LANGUAGES, ids=[" ".join(a[:3]) for a in DATES + LANGUAGES])
def test_a_refused_value_is_a_usage_error_that_does_not_repeat_it(
        runner: CliRunner, valid_repo: Path, args: list[str], lang: str) -> None:
    set_language(lang)
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", lang, *args])
    if "--lang" in args:  # the bad --lang replaces the good one
        result = runner.invoke(app, ["--root", str(valid_repo), *args])
    assert result.exit_code == 2, (args, result.stderr)
    assert result.stdout == ""
    assert "Fatoumata" not in result.stderr
    assert "2020-07-15-" not in result.stderr
    if lang == "fr" and "--lang" not in args:
        assert result.stderr.startswith("erreur : valeur invalide pour --")
    elif "--lang" not in args:
        assert result.stderr.startswith("error: invalid value for --")
    assert any(advice in result.stderr for advice in (
        "YYYY-MM", "AAAA-MM", "choose one of: fr, en", "choisissez parmi : fr, en")), result.stderr


def test_a_bad_language_is_named_with_the_choices(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "report", "semester", "--lang", "de"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid value for --lang: choose one of: fr, en")


@pytest.mark.parametrize(("text", "value"), [
    ("2020-07-15", dt.date(2020, 7, 15)),
    (" 2020-07-15 ", dt.date(2020, 7, 15)),
])
def test_day_reads_iso_days(text: str, value: dt.date) -> None:
    assert option_types.day(text) == value


@pytest.mark.parametrize("text", ["2020-02-30", "15/07/2020", "2020-7-15", "20200715",
                                  "2020-07-15T14:30", "hier", ""])
def test_day_refuses_anything_else(text: str) -> None:
    with pytest.raises(typer.BadParameter) as caught:
        option_types.day(text, "--as-of")
    assert text.strip() == "" or text not in caught.value.format_message()


def test_day_or_time_reads_a_time_too() -> None:
    assert option_types.day_or_time("2020-07-15") == dt.date(2020, 7, 15)
    assert option_types.day_or_time("2020-07-15T14:30") == dt.datetime(2020, 7, 15, 14, 30)
    assert option_types.day_or_time("2020-07-15 14:30:05") == dt.datetime(2020, 7, 15, 14, 30, 5)
    with pytest.raises(typer.BadParameter):
        option_types.day_or_time("2020-07-15T25:00")


def test_month_reads_a_month_or_unknown() -> None:
    assert option_types.month("2020-07") == "2020-07"
    assert option_types.month("Unknown") == "unknown"
    for text in ("2020-13", "2020-7", "juillet"):
        with pytest.raises(typer.BadParameter):
            option_types.month(text)


def test_language_takes_any_case_of_a_supported_code() -> None:
    assert option_types.language("FR") == "fr"
    assert option_types.language(" en ") == "en"
    assert option_types.optional_language(None) is None
    with pytest.raises(typer.BadParameter):
        option_types.language("bm")  # a language of the network, not of psea's messages


@pytest.mark.parametrize("text", ["2026-02-31", "2021-02-29", "2021-01-15T25:00"])
def test_a_well_written_day_that_does_not_exist_is_said_so(text: str) -> None:
    with pytest.raises(typer.BadParameter) as caught:
        option_types.day_or_time(text, "--received")
    assert "does not exist in the calendar" in caught.value.format_message()
