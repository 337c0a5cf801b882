"""Contacts: phones are strings in E.164 or the national plan, e-mails are well formed, an
unquoted phone is reported with the fix, and no message ever repeats the contact itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psea_cli import phones
from psea_cli.checks.contacts import phone_problem
from psea_cli.i18n import set_language
from psea_cli.validation import load_dataset


@pytest.mark.parametrize(("phone", "network", "fine"), [
    ("+223 20 00 90 00", "223", True),  # Mali (examples use the unassigned +223 20 00 range)
    ("+223 20 00 90 19", "223", True),
    ("+22320009000", "223", True),
    ("20 00 90 00", "223", True),  # national form of the network's country
    ("20.00.90.00", "223", True),
    ("+226 20 00 66 00", "223", True),  # Burkina Faso, judged by its own plan
    ("+226 20 00 34 56", "226", True),  # the network's own country
    ("+227 20 00 27 77", "227", True),  # Niger
    ("+227 20 00 34 56", "223", True),
    ("+33 1 99 00 12 34", "223", True),  # France: 9 digits after +33 (Arcep's range for fiction)
    ("+33 6 39 98 12 34", "223", True),  # France, mobile (Arcep's range for fiction)
    ("06 39 98 12 34", "33", True),  # French national form, with its trunk 0
    ("+33 1 99 00 12", "223", False),  # France has 9 digits, not 7
    ("+33 1 99 00 12 34 1", "223", False),
    ("06 39 98 12 34", "223", False),  # a French national number in Mali's plan
    ("+223 20 00 90", "223", False),  # a Malian number with 7 digits
    ("+223 20 00 90 00 0", "223", False),
    ("+226 20 00 34 5", "223", False),
    ("0022320009000", "223", False),  # '00' instead of '+'
    ("2000900", "223", False),
    ("+999 12 34 56 78", "223", False),  # no country uses +999
])
def test_numbers_follow_their_countrys_plan(phone: str, network: str, fine: bool) -> None:
    assert (phone_problem(phone, network) is None) is fine


@pytest.mark.parametrize(("phone", "network", "e164", "shown"), [
    ("20 00 90 00", "223", "+22320009000", "+223 20 00 90 00"),
    ("+223 20.00.90.19", "223", "+22320009019", "+223 20 00 90 19"),
    ("+22620006600", "223", "+22620006600", "+226 20 00 66 00"),
    ("+227 20 00 34 56", "227", "+22720003456", "+227 20 00 34 56"),
    ("01 99 00 12 34", "33", "+33199001234", "+33 1 99 00 12 34"),
    ("+33639981234", "223", "+33639981234", "+33 6 39 98 12 34"),
    ("+223 20 00 90", "223", "+223 20 00 90", "+223 20 00 90"),  # refused: kept as written
])
def test_numbers_are_formatted_by_their_plan(phone: str, network: str, e164: str,
                                             shown: str) -> None:
    assert phones.international_form(phone, network) == e164
    assert phones.display_form(phone, network) == shown


def test_the_rule_names_the_lengths_of_the_numbers_own_plan() -> None:
    assert phone_problem("+33 1 99 00 12", "223") == (
        "a +33 number has 9 digits after the country code")
    assert phone_problem("+226 20 00 34 5", "223") == (
        "a +226 number has 8 digits after the country code")
    assert phone_problem("2000900", "223") == "a national number has 8 digits"


# Mali's plan: 8 digits; "00" starts an international number ("write '+'"), never a national one
national = st.lists(st.integers(0, 9), min_size=8, max_size=8).map(
    lambda ds: "".join(map(str, ds))).filter(lambda number: not number.startswith("00"))
separators = st.sampled_from(["", " ", ".", "-"])


@given(national, separators)
def test_any_national_number_is_accepted_and_made_international(digits: str, sep: str) -> None:
    phone = sep.join(digits[i:i + 2] for i in range(0, 8, 2))
    assert phone_problem(phone, "223") is None
    assert phones.international_form(phone, "223") == "+223" + digits
    assert phones.international_form("+223 " + phone, "223") == "+223" + digits


@given(st.text(max_size=30), st.sampled_from(["223", "226", "33", "1", "999"]))
def test_any_text_gets_an_answer_never_an_exception(text: str, network: str) -> None:
    problem = phone_problem(text, network)
    assert problem is None or isinstance(problem, str)
    assert isinstance(phones.international_form(text, network), str)
    assert isinstance(phones.display_form(text, network), str)


def _set_phone(repo: Path, value: str, field: str = "phone") -> None:
    alpha = repo / "data" / "focal_points" / "alpha.yaml"
    lines = alpha.read_text(encoding="utf-8").splitlines()
    lines = [f"    {field}: {value}" if line.startswith(f"    {field}:") else line
             for line in lines]
    alpha.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("value", ["+22320000001", "0022320000001", "20000001"])
def test_unquoted_phone_is_reported_with_the_fix(valid_repo: Path, value: str) -> None:
    _set_phone(valid_repo, value)
    _dataset, problems = load_dataset(valid_repo)
    assert [(p.code, p.line) for p in problems] == [("directory.phone-not-quoted", 16)]
    assert 'phone: "+223 20 00 90 00"' in problems[0].hint
    assert value not in problems[0].message + problems[0].hint


def test_unquoted_phone_in_french(valid_repo: Path) -> None:
    _set_phone(valid_repo, "+22320000001")
    set_language("fr")
    _dataset, problems = load_dataset(valid_repo)
    assert "guillemets" in problems[0].hint


def test_service_phone_in_the_wrong_form(valid_repo: Path) -> None:
    services = valid_repo / "data" / "services" / "mopti.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace(
        '"+223 20 00 00 02"', '"+223 20 00 02"'), encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo)
    assert [(p.file, p.line, p.code) for p in problems] == [
        ("data/services/mopti.yaml", 8, "directory.phone-format")]
    assert "+223 20 00 02" not in problems[0].message + problems[0].hint
    assert problems[0].message == ("the phone number is not well formed: a +223 number has 8 "
                                   "digits after the country code")
    # the plan's form, its first group and grouping, never a whole number someone may own
    assert '"+223 65 XX XX XX"' in problems[0].hint


def test_phone_format_problem_in_french(valid_repo: Path) -> None:
    services = valid_repo / "data" / "services" / "mopti.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace(
        '"+223 20 00 00 02"', '"+33 1 99 00 12"'), encoding="utf-8")
    set_language("fr")
    _dataset, problems = load_dataset(valid_repo)
    assert [p.message for p in problems] == [
        "le numéro de téléphone est mal formé : un numéro +33 a 9 chiffres après l'indicatif"]
    assert problems[0].hint.startswith("Écrivez-le avec « + »")
    assert "99 00 12" not in problems[0].message + problems[0].hint


@pytest.mark.parametrize("email", ["psea.alpha(at)example.org", "psea@alpha", '"@example.org"',
                                   "psea alpha@example.org"])
def test_bad_email_is_reported_without_repeating_it(valid_repo: Path, email: str) -> None:
    _set_phone(valid_repo, email, field="email")
    _dataset, problems = load_dataset(valid_repo)
    assert [(p.code, p.line) for p in problems] == [("directory.invalid-email", 15)]
    assert email.strip('"') not in problems[0].message + problems[0].hint
