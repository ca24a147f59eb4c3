"""A matrix made elsewhere, told truthfully: the structure and the headline of its deliverable follow from
the shares printed beside them (one rule, the one the built-in profiles meet), in every language."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from raci.cli import main
from raci.core.assign import build_matrix
from raci.core.shares import SEPARATE_SHARE, compute_shares, structure_of
from raci.i18n import Translator
from raci.inputs.catalog import read_catalogue
from raci.inputs.profiles import builtin_profiles
from raci.render.words import function_words
from raci.resources import default_catalogue
from tests.test_source import matrices

MATRICES = Path(__file__).parent / "data" / "matrices"


def test_every_built_in_profile_meets_the_rule_its_structure_is_told_by() -> None:
    """The one rule: marketing beside sales ("separate") once marketing answers for a quarter of the work."""
    catalogue = read_catalogue(default_catalogue())
    for profile in builtin_profiles():
        shares = compute_shares(build_matrix(catalogue, profile))
        assert structure_of(shares) == profile.structure, (profile.name, shares.marketing_led)


def percent(text: str) -> float:
    return float(text.strip().rstrip("%").replace(",", "."))


def told(page: Path) -> tuple[dict[str, float], str, str, str]:
    """The shares the page prints, its reading and headline sentence, and the structure it states."""
    tree = lxml_html.fromstring(page.read_bytes())
    shares = {
        figure.get("data-share"): percent(figure.xpath('.//p[@class="figure-value"]')[0].text_content())
        for figure in tree.xpath('//*[@id="headline"]//div[@data-share]')
        if figure.get("data-share") in ("sales_led", "marketing_led")
    }
    reading = tree.xpath('//*[@id="reading"]')[0]
    terms = tree.xpath('//*[@id="profile"]//dt')
    stated = next(dt.getnext().text_content().strip() for dt in terms if dt.text_content() in STRUCTURE_WORDS)
    return shares, reading.get("data-reading"), " ".join(reading.text_content().split()), stated


STRUCTURE_WORDS = ("Structure", "Struktur")


def workbook_structure(workbook: Path) -> str:
    for sheet in openpyxl.load_workbook(workbook).worksheets:
        for row in sheet.iter_rows(values_only=True):
            if row and row[0] in STRUCTURE_WORDS:
                return str(row[1])
    raise AssertionError(f"{workbook.name} states no structure")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_headline_and_structure_of_every_test_matrix_agree_with_its_shares(tmp_path: Path, lang: str) -> None:
    t = Translator(lang)
    seen = 0
    for number, path in enumerate(matrices(tmp_path)):
        out = tmp_path / f"out-{number}"
        result = CliRunner().invoke(main, ["generate", str(path), "--out", str(out), "--lang", lang, "-q"])
        assert result.exit_code == 0, (path.name, result.output)
        page = next(out.glob("*.html"))
        shares, reading, headline, stated = told(page)
        sales, marketing = shares["sales_led"], shares["marketing_led"]
        others = 100 - sales - marketing
        expected = "separate" if marketing >= SEPARATE_SHARE * 100 else "sales-led"
        assert stated == t(expected), (path.name, shares, stated)
        assert workbook_structure(page.with_suffix(".xlsx")) == t(expected), path.name
        assert f"{sales:g}%" in headline, (path.name, headline)
        if reading == "split":
            assert expected == "separate", (path.name, headline)
            assert sales > 0, (path.name, headline)
            assert f"{marketing:g}%" in headline
        elif reading == "sales":
            assert expected == "sales-led", (path.name, headline)
            assert sales >= marketing, (path.name, headline)
            assert sales >= others, (path.name, headline)
        elif reading == "role":
            assert f"{marketing:g}%" in headline
        seen += 1
    assert seen >= 10


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_indonesian_sme_whose_marketing_answers_for_nothing_is_sales_led(tmp_path: Path, lang: str) -> None:
    """35 people, sales answering for 81% and marketing for none: sales-led, not "split"; sales setting the
    promotion strategy is what a sales-led firm does (a note), not an error."""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(MATRICES / "sme-id.xlsx"), "--out", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    shares, reading, headline, stated = told(out / "raci-sme-id.html")
    assert shares == {"sales_led": 81, "marketing_led": 0}
    assert reading == "sales"
    assert stated == Translator(lang)("sales-led")
    assert "81%" in headline
    check = CliRunner().invoke(main, ["check", str(MATRICES / "sme-id.xlsx"), "--format", "json"])
    assert "sales-sets-marketing-strategy" not in {
        f["rule"] for f in __import__("json").loads(check.stdout)["findings"] if f["severity"] == "error"
    }


def test_the_clients_name_and_headcount_come_from_its_title_rows(tmp_path: Path) -> None:
    """ "PT Sinar Abadi (distributor, 35 karyawan)" above the table: the deliverable is for PT Sinar Abadi, of
    35 people, set beside the size of 35 people; its rows' notes in the deliverable's language."""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(MATRICES / "sme-id.xlsx"), "--out", str(out), "--lang", "id"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out / "raci-sme-id.xlsx")
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "Matriks RACI — sme-id.xlsx (35 orang) untuk PT Sinar Abadi"
    notes = {row[1] for row in book["Keterangan"].iter_rows(min_row=2, values_only=True) if row[1]}
    assert "Sebagaimana tertulis dalam matriks klien" in notes
    assert not any("As written" in str(note) for note in notes)
    tree = lxml_html.fromstring((out / "raci-sme-id.html").read_bytes())
    assert tree.xpath('//*[@id="client"]')[0].text_content() == "PT Sinar Abadi"
    current = tree.xpath('//*[@id="sizes-chart"]//g[contains(@class, "current")]')
    assert current, "the matrix is on the size chart"
    page = tree.text_content()
    assert "35 orang" in page
    assert "Perusahaan kecil" in page  # set beside the small size, the size of 35 people


def test_client_and_headcount_given_override_the_title_rows(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["generate", str(MATRICES / "sme-id.xlsx"), "--out", str(out), "--client", "Sinar Abadi Group"]
    result = CliRunner().invoke(main, [*args, "--headcount", "120"])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out / "raci-sme-id.xlsx").worksheets[0]
    assert sheet["A1"].value == "RACI matrix — sme-id.xlsx (120 people) for Sinar Abadi Group"
    tree = lxml_html.fromstring((out / "raci-sme-id.html").read_bytes())
    assert tree.xpath('//*[@id="client"]')[0].text_content() == "Sinar Abadi Group"
    assert "Medium-sized company" in tree.text_content()  # compared with the size of 120 people


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_role_whose_function_raci_cannot_tell_is_unknown_everywhere(tmp_path: Path, lang: str) -> None:
    """A café's "Customer" column: its function unknown in check, on the org chart (never under
    operations), on the Read as sheet and in the workbook read back."""
    path = tmp_path / "cafe.csv"
    path.write_text(
        "Task,Manager,Barista,Customer,Kitchen Staff\n"
        "Open the shop and count the float,A,R,,I\n"
        "Take orders at the counter,A,R,C,\n"
        "Prepare the pastries,A,I,,R\n",
        encoding="utf-8",
    )
    t = Translator(lang)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(path), "--out", str(out), "--lang", lang, "-q"])
    assert result.exit_code == 0, result.output
    tree = lxml_html.fromstring((out / "raci-cafe.html").read_bytes())
    boxes = {box.get("data-role"): box.get("class") for box in tree.xpath('//*[@id="org-chart"]//*[@data-role]')}
    assert boxes["customer"] == "org-box fn-unknown"
    assert boxes["kitchen_staff"] == "org-box fn-operations"
    headings = [text.text_content() for text in tree.xpath('//*[@id="org-chart"]//*[contains(@class, "org-heading")]')]
    assert t("unknown") in headings
    book = openpyxl.load_workbook(out / "raci-cafe.xlsx")
    sheet = book[t("Read as")] if t("Read as") in book.sheetnames else book["Read as"]
    trail = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert trail["Customer"] == function_words("unknown", t)  # "Unknown", as the Roles sheet names functions
    check = CliRunner().invoke(main, ["check", str(out / "raci-cafe.xlsx"), "--format", "json"])
    data = __import__("json").loads(check.stdout)
    assert "unknown-role" not in {f["rule"] for f in data["findings"]}  # read back as unknown, not lost


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(
    ("options", "people", "size", "expected"),
    [([], "35", "small", "sales-led"), (["--headcount", "120"], "120", "medium", "separate")],
)
def test_the_diagnosis_against_a_size_says_what_is_expected_and_what_is_here(
    tmp_path: Path, lang: str, options: list[str], people: str, size: str, expected: str
) -> None:
    """No profile-only error: "for a firm of N people, X is expected; here Y", Y told by the same rule as the
    structure printed beside the shares."""
    from raci.inputs.profiles import builtin_profile

    t = Translator(lang)
    out = tmp_path / "out"
    args = ["generate", str(MATRICES / "sme-id.xlsx"), "--out", str(out), "--lang", lang, "-q", *options]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    page = out / "raci-sme-id.html"
    shares, _, _, stated = told(page)
    said = lxml_html.fromstring(page.read_bytes()).xpath('//*[@id="diagnosis"]')[0].text_content()
    assert t(builtin_profile(size).structure) == t(expected)
    assert f"{people} " in said
    assert t(builtin_profile(size).title) in said
    assert t(expected) in said.split(";")[0]
    assert stated in said.split(";")[1]  # here: the structure its own shares show
    assert f"{shares['marketing_led']:g}%" in said
    assert f"{shares['sales_led']:g}%" in said
    assert openpyxl.load_workbook(page.with_suffix(".xlsx")).worksheets[0]["A4"].value == said
