"""The note screening: what identifies a person is refused, dates, amounts and counts are not."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psea_cli.cases.privacy import screen

WORDS = st.sampled_from(["orientée", "vers", "le", "centre", "suivi", "plainte", "reçue",
                         "transport", "payé", "par", "réseau", "référée", "survivante",
                         "the", "case", "was", "referred", "follow-up", "pending"])
TEXT = st.lists(WORDS, max_size=6).map(" ".join)


@pytest.mark.parametrize("note", [
    "76 12 34 56", "appeler le 76123456 demain", "+223 76123456", "+223 76 12 34 56",
    "0022376123456", "00223 76 12 34 56", "(+223) 76 12 34 56", "76-12-34-56", "76.12.34.56",
    "fixe 20 22 00 00", "+33 6 12 34 56 78", "06 12 34 56 78", "+1 (555) 123-4567",
    "(555) 123-4567", "12 500 000",  # a long bare number may be a phone: write the currency
])
def test_phone_numbers_are_refused(note: str) -> None:
    assert screen(note) == ["phone"]


@pytest.mark.parametrize("note", [
    "écrire à aminata.d@example.org", "fatou (at) gmail . com", "contact [at] ong-mali.org",
    "WhatsApp @fatou_92",
])
def test_email_addresses_and_handles_are_refused(note: str) -> None:
    assert screen(note) == ["email"]


@pytest.mark.parametrize("note", [
    "près du point 14.4974, -4.1983", "14.4974 N 4.1983 W", "14° 29' 51\" N", "14°29′N",
    "14,4974° N", "lat: 14.49", "GPS 14,4974", "coordonnées (14.5", "https://maps.google.com/?q=x",
    "goo.gl/maps/abc", "///index.home.raft",
])
def test_gps_coordinates_and_map_links_are_refused(note: str) -> None:
    assert screen(note) == ["coordinates"]


@pytest.mark.parametrize("note", [
    "signalé par Mme Traoré", "M. Keita est venu", "M.Keita", "Mlle Coulibaly", "Dr Diallo",
    "Me Sangaré, avocat", "le Capitaine Dupont", "Colonel X", "Mr Smith", "Mrs Brown",
    "El Hadj Touré", "Hadja Aminata", "Monsieur Diarra",
])
def test_names_after_a_civility_title_are_refused(note: str) -> None:
    assert screen(note) == ["name"]


@pytest.mark.parametrize("note", [
    "orientée le 2020-07-15, 5 000 FCFA de transport", "15/07/2020", "du 2020-07-15 au 2020-07-20",
    "2020-07-15/2020-07-20", "12/05/2020 - 15/06/2020", "2019-2021", "2019 2020 2021",
    "12 500 000 FCFA", "USD 1,500,000", "$1,500,000", "25000000 FCFA", "1.500.000,50 FCFA",
    "3 survivantes", "vu à 14:30", "14h30", "38.55 °C", "5.000, 2.500 FCFA", "30.000, 15.000",
    "M. le maire", "Mme la directrice", "Me voici", "la Dr. est absente", "",
    "plainte reçue par la ligne verte, suivi en cours", "2 enfants, 1 adulte",
])
def test_harmless_notes_pass(note: str) -> None:
    assert screen(note) == []


def test_several_rules_are_reported_in_a_fixed_order() -> None:
    assert screen("Mme X, 76 12 34 56, x@y.org, 14.4974, -4.1983") == [
        "phone", "email", "coordinates", "name"]


MALIAN_PREFIX = st.sampled_from(["20", "21", "44", "50", "60", "65", "66", "70", "73", "76",
                                 "78", "79", "82", "89", "90", "95", "99"])
SIX_DIGITS = st.integers(0, 999_999).map(lambda n: f"{n:06d}")


@st.composite
def malian_numbers(draw: st.DrawFn) -> str:
    digits = draw(MALIAN_PREFIX) + draw(SIX_DIGITS)
    separator = draw(st.sampled_from(["", " ", ".", "-"]))
    body = separator.join(digits[i:i + 2] for i in range(0, 8, 2)) if separator else digits
    prefix = draw(st.sampled_from(["", "+223 ", "+223", "00223 ", "00223", "(+223) "]))
    return prefix + body


@st.composite
def international_numbers(draw: st.DrawFn) -> str:
    country = str(draw(st.integers(1, 998)))
    subscriber = draw(st.from_regex(r"[0-9]{7,11}", fullmatch=True))
    size = draw(st.integers(2, 4))
    grouped = " ".join(subscriber[i:i + size] for i in range(0, len(subscriber), size))
    return f"{draw(st.sampled_from(['+', '00']))}{country} {grouped}"


@given(before=TEXT, number=st.one_of(malian_numbers(), international_numbers()), after=TEXT)
def test_generated_phone_numbers_are_always_refused(before: str, number: str, after: str) -> None:
    assert "phone" in screen(f"{before} {number} {after}".strip())


@given(local=st.from_regex(r"[a-z][a-z0-9._]{0,15}", fullmatch=True),
       domain=st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True),
       tld=st.sampled_from(["org", "ml", "com", "int", "fr"]), before=TEXT)
def test_generated_email_addresses_are_always_refused(local: str, domain: str, tld: str,
                                                      before: str) -> None:
    assert "email" in screen(f"{before} {local}@{domain}.{tld}")


def _date(day: dt.date, style: int) -> str:
    return [day.isoformat(), day.strftime("%d/%m/%Y"), day.strftime("%d-%m-%Y"),
            day.strftime("%d.%m.%Y"), day.strftime("%Y/%m/%d")][style]


def _amount(value: int, separator: str, currency: str, before: bool) -> str:
    grouped = f"{value:,}".replace(",", separator)
    return f"{currency} {grouped}" if before else f"{grouped} {currency}"


FRAGMENTS = st.one_of(
    st.builds(lambda d, s: f"le {_date(d, s)}", st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)),
              st.integers(0, 4)),
    st.builds(_amount, st.integers(0, 10**9), st.sampled_from([" ", ".", ",", "\u202f", ""]),
              st.sampled_from(["FCFA", "F CFA", "XOF", "USD", "EUR", "francs"]), st.booleans()),
    st.builds(lambda n, w: f"{n} {w}", st.integers(0, 500),
              st.sampled_from(["survivantes", "enfants", "cas", "jours", "heures", "%"])),
    st.builds(lambda y1, y2: f"{y1}-{y2}", st.integers(1990, 2035), st.integers(1990, 2035)),
    WORDS,
)


@given(st.lists(FRAGMENTS, min_size=1, max_size=5))
def test_generated_dates_amounts_and_counts_are_never_refused(fragments: list[str]) -> None:
    assert screen(", ".join(fragments)) == []
