"""``psea pathway``: the referral poster and phone card of a zone, built from the service map.

The zone is Mopti in a test network whose services look real (not examples, verified recently),
as a GBV sub-cluster's would: 13 open services, one closed for now, one closed for good.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.report import pdf
from psea_cli.validation import load_dataset

AS_OF = "2026-11-30"
TYPES = ["medical", "medical", "psychosocial", "psychosocial", "case_management",
         "safety_shelter", "legal", "legal", "child_protection", "livelihood",
         "complaint_channel", "complaint_channel", "medical"]


def _service(index: int, kind: str, status: str = "active", example: bool = False,
             verified: str = "2026-10-01") -> str:
    ident = "mopti-medical" if index == 0 else f"mpt-{index:02d}"  # the fixture's case uses it
    return (f"  - id: {ident}\n    provider: alpha\n    type: {kind}\n"
            f"    name: \"Service {index} de Mopti\"\n    region: ML05\n"
            f"    place: \"Quartier {index}, Mopti\"\n    phone: \"+223 20 09 {index:02d} 34\"\n"
            f"    hours: \"Lundi-vendredi 8h-17h\"\n    languages: [fr, bm]\n"
            f"    status: {status}\n    verified_on: {verified}\n"
            + ("    example: true\n" if example else "")
            + ("    features: [cmr_pep, female_staff]\n" if index == 0 else ""))


@pytest.fixture
def mopti(valid_repo: Path) -> Path:
    """The valid network with a real-looking Mopti service map and a verified focal point."""
    services = [_service(i, kind) for i, kind in enumerate(TYPES)]
    services.append(_service(20, "legal", status="temporarily_closed"))
    services.append(_service(21, "medical", status="closed"))
    (valid_repo / "data" / "services" / "mopti.yaml").write_text(
        "services:\n" + "".join(services), encoding="utf-8")
    alpha = valid_repo / "data" / "focal_points" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace(
        "verified_on: 2020-10-01", "verified_on: 2026-09-01"), encoding="utf-8")
    for other in (valid_repo / "data" / "services").glob("*.yaml"):
        if other.name != "mopti.yaml":
            other.unlink()
    return valid_repo


def _run(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "pathway", *args,
                                 "--as-of", AS_OF])
    return result.exit_code, result.output


def _visible_text(page: str) -> str:
    body = re.sub(r"<style>.*?</style>|<svg.*?</svg>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_every_open_service_phone_appears_exactly_as_written(runner: CliRunner, mopti: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "mopti.html"
    code, output = _run(runner, mopti, "mopti", "-o", str(out))
    assert code == 0, output
    text = _visible_text(out.read_text(encoding="utf-8"))
    dataset, _problems = load_dataset(mopti)
    open_phones = [s.value.phone for s in dataset.services if s.value.status == "active"]
    assert len(open_phones) == 13
    for phone in open_phones:
        assert phone is not None
        assert text.count(phone) == 1, phone
    for closed in ("+223 20 09 20 34", "+223 20 09 21 34"):  # closed for now, closed for good
        assert closed not in text
    assert "+223 20 00 00 01" in text  # the focal point covering Mopti, as a reporting channel


def test_reporting_first_then_care_in_a_survivors_order(runner: CliRunner, mopti: Path,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "mopti.html"
    assert _run(runner, mopti, "ML05", "--lang", "en", "-o", str(out))[0] == 0
    text = _visible_text(out.read_text(encoding="utf-8"))
    order = ["Report sexual exploitation or abuse", "Medical care", "Psychosocial support",
             "Case management", "Safety and shelter", "Legal aid", "Child protection",
             "Livelihood support", "Your rights"]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "Care after rape (PEP within 72 h)" in text
    assert "within 72 hours" in text


def test_gaps_are_said_with_the_nearest_region(runner: CliRunner, valid_repo: Path,
                                               tmp_path: Path) -> None:
    network = valid_repo / "data" / "network.yaml"
    text = network.read_text(encoding="utf-8")
    for name, lat, lon in (("Kayes", 14.45, -11.44), ("Ségou", 13.45, -6.26),
                           ("Mopti", 14.49, -4.2), ("Tombouctou", 16.77, -3.01),
                           ("Bamako", 12.64, -8.0)):
        text = text.replace(f"    name: {name}\n", f"    name: {name}\n    centre: {{lat: {lat}, "
                                                     f"lon: {lon}}}\n")
    network.write_text(text, encoding="utf-8")
    services = valid_repo / "data" / "services"
    for legal, region, i in (("ML09", "bamako", 30), ("ML04", "segou", 31)):
        (services / f"legal-{i}.yaml").write_text(
            "services:\n" + _service(i, "legal").replace("region: ML05", f"region: {legal}")
            .replace("mpt-", f"{region}-"), encoding="utf-8")
    out = tmp_path / "tombouctou.html"
    code, output = _run(runner, valid_repo, "tombouctou", "--doubtful", "omit", "-o", str(out))
    assert code == 0, output
    text = _visible_text(out.read_text(encoding="utf-8"))
    assert "Legal aid: no service in this zone — nearest: Ségou" in text


def test_the_refusal_names_only_the_kinds_of_doubtful_entries_the_zone_has(
        runner: CliRunner, mopti: Path, tmp_path: Path) -> None:
    """A French coordinator read "… aux numéros fictifs (11) et des entrées non vérifiées
    depuis 180 jours (0)": a kind the zone has none of is not named, each count agrees."""
    mopti_file = mopti / "data" / "services" / "mopti.yaml"
    mopti_file.write_text(mopti_file.read_text(encoding="utf-8")
                          + _service(40, "legal", example=True)
                          + _service(42, "medical", example=True), encoding="utf-8")
    result = runner.invoke(app, ["--root", str(mopti), "--lang", "fr", "pathway", "mopti",
                                 "-o", str(tmp_path / "poster.html"), "--as-of", AS_OF])
    assert result.exit_code == 1
    assert ("le parcours de Mopti porterait 2 entrées d'exemple aux numéros fictifs ; une "
            "affiche au mur") in result.stderr
    assert "vérifiée" not in result.stderr
    assert "(0)" not in result.stderr


def test_example_entries_are_refused_by_default_and_never_printed_unmarked(
        runner: CliRunner, mopti: Path, tmp_path: Path) -> None:
    mopti_file = mopti / "data" / "services" / "mopti.yaml"
    mopti_file.write_text(mopti_file.read_text(encoding="utf-8")
                          + _service(40, "legal", example=True)
                          + _service(41, "psychosocial", verified="2024-01-01"),
                          encoding="utf-8")
    out = tmp_path / "poster.html"
    code, output = _run(runner, mopti, "mopti", "-o", str(out))
    assert code == 1
    assert ("would carry 1 example entry with a fictitious number and 1 entry not verified "
            "in the last 180 days;") in output
    assert "--doubtful omit" in output
    assert not out.exists()

    code, output = _run(runner, mopti, "mopti", "--doubtful", "omit", "-o", str(out))
    assert code == 0, output
    assert "2 doubtful entries left out" in output
    text = _visible_text(out.read_text(encoding="utf-8"))
    assert "+223 20 09 40 34" not in text
    assert "+223 20 09 41 34" not in text

    code, output = _run(runner, mopti, "mopti", "--doubtful", "mark", "-o", str(out))
    assert code == 0, output
    page = out.read_text(encoding="utf-8")
    blocks = re.findall(r'<article class="entry[^"]*">.*?</article>', page, flags=re.S)
    for block in blocks:
        text = _visible_text(block)
        if "+223 20 09 40 34" in text:
            assert "doubtful" in block
            assert "EXAMPLE — fictitious number, do not call" in text
        elif "+223 20 09 41 34" in text:
            assert "doubtful" in block
            assert "Not verified since" in text
        else:
            assert "doubtful" not in block
    assert sum("+223 20 09 4" in _visible_text(b) for b in blocks) == 2


def test_shipped_example_data_is_refused_with_the_reason(runner: CliRunner, tmp_path: Path) -> None:
    repo = Path(__file__).parent.parent
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "pathway", "mopti", "-o",
                                 str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert "example entries" in result.output
    assert "wrong number" in result.output
    assert not (tmp_path / "x.html").exists()


def test_network_wording_overrides_and_adds_a_language(runner: CliRunner, mopti: Path,
                                                       tmp_path: Path) -> None:
    pathway = mopti / "data" / "pathway"
    pathway.mkdir()
    (pathway / "fr.yaml").write_text('title: "Aide aux survivant(e)s — {region}"\n',
                                     encoding="utf-8")
    (pathway / "bm.yaml").write_text('title: "Dɛmɛ sɔrɔ yɔrɔ — {region}"\n'
                                     'care_title: "Furakɛli"\n', encoding="utf-8")
    out = tmp_path / "fr.html"
    assert _run(runner, mopti, "mopti", "--lang", "fr", "-o", str(out))[0] == 0
    assert "Aide aux survivant(e)s — Mopti" in _visible_text(out.read_text(encoding="utf-8"))

    out = tmp_path / "bm.html"
    code, output = _run(runner, mopti, "mopti", "--lang", "bm", "-o", str(out))
    assert code == 0, output
    text = _visible_text(out.read_text(encoding="utf-8"))
    assert "Dɛmɛ sɔrɔ yɔrɔ — Mopti" in text
    assert "Furakɛli" in text
    assert "Soins médicaux" in text  # a text Bambara lacks comes from the network's first language
    assert '<html lang="bm">' in out.read_text(encoding="utf-8")

    _dataset, problems = load_dataset(mopti)
    missing = [p for p in problems if p.code == "pathway.missing-translation"]
    assert [p.file for p in missing] == ["data/pathway/bm.yaml"]
    assert "bm" in missing[0].message
    assert "subtitle" in missing[0].message


def test_a_declared_language_without_wording_is_reported(valid_repo: Path) -> None:
    network = valid_repo / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace(
        "languages: [fr, en]", "languages: [fr, en, ses]"), encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo)
    missing = [p for p in problems if p.code == "pathway.missing-translation"]
    assert [(p.file, p.severity.name) for p in missing] == [("data/network.yaml", "WARNING")]


def test_wording_skeleton_to_translate(runner: CliRunner, mopti: Path) -> None:
    result = runner.invoke(app, ["--root", str(mopti), "--lang", "en", "pathway", "--wording", "bm"])
    assert result.exit_code == 0, result.output
    written = mopti / "data" / "pathway" / "bm.yaml"
    assert "Soins médicaux" in written.read_text(encoding="utf-8")
    _dataset, problems = load_dataset(mopti)
    assert not [p for p in problems if p.code.startswith("pathway.")]
    again = runner.invoke(app, ["--root", str(mopti), "--lang", "en", "pathway", "--wording", "bm"])
    assert again.exit_code == 1
    assert "never overwrites" in again.output


def test_placeholders_in_network_wording_are_never_evaluated(runner: CliRunner, mopti: Path,
                                                             tmp_path: Path) -> None:
    pathway = mopti / "data" / "pathway"
    pathway.mkdir()
    (pathway / "en.yaml").write_text(
        'title: "{region.__class__.__mro__} {region[0]} {nope}"\n', encoding="utf-8")
    out = tmp_path / "en.html"
    code, output = _run(runner, mopti, "mopti", "--lang", "en", "-o", str(out))
    assert code == 1, output  # written, with the data error said and the exit code set
    assert "{region.__class__.__mro__} {region[0]} {nope}" in _visible_text(
        out.read_text(encoding="utf-8"))
    _dataset, problems = load_dataset(mopti)
    assert {p.code for p in problems if p.code.startswith("pathway.")} == {
        "pathway.bad-placeholder"}


def test_all_regions_into_a_folder(runner: CliRunner, mopti: Path, tmp_path: Path) -> None:
    out = tmp_path / "posters"
    code, output = _run(runner, mopti, "--all", "--layout", "card", "--doubtful", "omit",
                        "--lang", "fr", "-o", str(out))
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == [
        f"parcours-{p}-carte.html" for p in ("ML01", "ML04", "ML05", "ML06", "ML09")]
    kayes = (out / "parcours-ML01-carte.html").read_text(encoding="utf-8")
    assert "Soins médicaux\u00a0: aucun service dans cette zone" in _visible_text(kayes)


@pytest.mark.parametrize(("args", "message"), [
    ([], "give one REGION"),
    (["mopti", "--layout", "banner"], "--layout"),
    (["mopti", "--doubtful", "maybe"], "--doubtful"),
    (["mopti", "--lang", "xx"], "--lang"),
    (["atlantis"], "unknown region"),
])
def test_usage_errors(runner: CliRunner, mopti: Path, args: list[str], message: str) -> None:
    code, output = _run(runner, mopti, *args)
    assert code == 2
    assert message in output


@pytest.mark.slow  # WeasyPrint lays the poster out
@pytest.mark.skipif(not pdf.available(), reason="the optional pdf extra is not installed")
def test_pdf_poster_of_a_full_zone_fits_one_a4_page(runner: CliRunner, mopti: Path,
                                                    tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    out = tmp_path / "mopti.pdf"
    code, output = _run(runner, mopti, "mopti", "--format", "pdf", "-o", str(out))
    assert code == 0, output
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as document:
        assert len(document.pages) == 1
        page = document.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
        words = page.extract_words()
        assert all(w["x0"] >= 0 and w["x1"] <= page.width and w["top"] >= 0
                   and w["bottom"] <= page.height for w in words)
        text = page.extract_text()
    for i in range(13):
        assert f"+223 20 09 {i:02d} 34" in text


def test_a_gap_printed_with_a_marked_entry_says_no_verified_service(
        runner: CliRunner, valid_repo: Path, tmp_path: Path) -> None:
    # a poster that prints an unverified legal aid service must not also say there is none
    services = valid_repo / "data" / "services"
    (services / "legal-50.yaml").write_text(
        "services:\n" + _service(50, "legal", example=True).replace("region: ML05",
                                                                      "region: ML06"),
        encoding="utf-8")
    out = tmp_path / "tombouctou.html"
    code, output = _run(runner, valid_repo, "tombouctou", "--doubtful", "mark", "-o", str(out))
    assert code == 0, output
    text = " ".join(_visible_text(out.read_text(encoding="utf-8")).split())
    assert "+223 20 09 50 34" in text
    assert "Legal aid: no verified service in this zone" in text
    assert "Legal aid: no service in this zone" not in text
    code, output = _run(runner, valid_repo, "tombouctou", "--doubtful", "omit", "-o", str(out))
    assert code == 0, output
    text = " ".join(_visible_text(out.read_text(encoding="utf-8")).split())
    assert "+223 20 09 50 34" not in text
    assert "Legal aid: no service in this zone" in text
