"""Contacts: phones are strings in E.164 or the national plan, e-mails are well formed, an
unquoted phone is reported with the fix, and no message ever repeats the contact itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psea_cli.checks.contacts import international_form, phone_problem
from psea_cli.i18n import set_language
from psea_cli.pipeline import load_dataset


@pytest.mark.parametrize(("phone", "fine"), [
    ("+223 20 22 00 00", True),
    ("+22320220000", True),
    ("20 22 00 00", True),
    ("20.22.00.00", True),
    ("+33 1 23 45 67 89", True),  # a foreign number: only its length is checked
    ("+223 20 22 00", False),  # a Malian number with 7 digits
    ("+223 20 22 00 00 0", False),
    ("0022320220000", False),  # '00' instead of '+'
    ("2022000", False),
    ("+1234567", False),  # 7 digits after '+'
])
def test_phone_rules(phone: str, fine: bool) -> None:
    assert (phone_problem(phone, "223", 8) is None) is fine


national = st.lists(st.integers(0, 9), min_size=8, max_size=8).map(lambda ds: "".join(map(str, ds)))
separators = st.sampled_from(["", " ", ".", "-"])


@given(national, separators)
def test_any_national_number_is_accepted_and_made_international(digits: str, sep: str) -> None:
    phone = sep.join(digits[i:i + 2] for i in range(0, 8, 2))
    assert phone_problem(phone, "223", 8) is None
    assert international_form(phone, "223", 8) == "+223" + digits
    assert international_form("+223 " + phone, "223", 8) == "+223" + digits


@given(st.text(max_size=30))
def test_any_text_gets_an_answer_never_an_exception(text: str) -> None:
    problem = phone_problem(text, "223", 8)
    assert problem is None or isinstance(problem, str)
    assert isinstance(international_form(text, "223", 8), str)


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
    assert 'phone: "+223 20 22 00 00"' in problems[0].hint
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
    assert "+223 20 00 02" not in problems[0].message
    assert "8-digit national number" in problems[0].hint


@pytest.mark.parametrize("email", ["psea.alpha(at)example.org", "psea@alpha", '"@example.org"',
                                   "psea alpha@example.org"])
def test_bad_email_is_reported_without_repeating_it(valid_repo: Path, email: str) -> None:
    _set_phone(valid_repo, email, field="email")
    _dataset, problems = load_dataset(valid_repo)
    assert [(p.code, p.line) for p in problems] == [("directory.invalid-email", 15)]
    assert email.strip('"') not in problems[0].message + problems[0].hint
