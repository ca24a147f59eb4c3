"""The slide deck of `raci generate --pptx`, opened with python-pptx: what each slide holds, the
native chart and tables, the letters' colours, the notes, and the deck as one of the run's files
(fingerprinted, kept when edited, byte-identical under SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.table import Table

from raci.cli import main
from raci.fingerprint import CUSTOM_PART, unchanged
from raci.i18n import Translator
from raci.inputs.branding import make_branding
from raci.inputs.profiles import builtin_profile
from raci.jobs.generate import generate
from raci.render import palette
from raci.render.deck import ROWS_PER_SLIDE

from .helpers import packages_loaded_by

ROOT = Path(__file__).resolve().parents[1]
ROLES = ROOT / "tests" / "data" / "roles.csv"
CLIENT = "PT Maju Jaya"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def slide_text(slide: Slide) -> str:
    """Every text of a slide: its shapes' text frames and its tables' cells."""
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)  # type: ignore[attr-defined]
        if shape.has_table:
            table: Table = shape.table  # type: ignore[attr-defined]
            texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def tables(slide: Slide) -> list[Table]:
    return [shape.table for shape in slide.shapes if shape.has_table]  # type: ignore[attr-defined]


def notes(slide: Slide) -> str:
    frame = slide.notes_slide.notes_text_frame if slide.has_notes_slide else None
    return frame.text if frame is not None else ""


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Deck]:
    """The issue's command: the small profile, the client's roles and name, and a deck."""
    out = tmp_path_factory.mktemp("deck")
    code, stdout, stderr = run(
        "generate", "--size", "small", "--roles", str(ROLES), "--client", CLIENT, "--pptx", "--out", str(out)
    )
    assert code == 0, stderr
    path = out / "raci-small.pptx"
    return path, stdout, Presentation(str(path))


def test_generate_with_pptx_writes_a_deck_and_says_so(made: tuple[Path, str, Deck]) -> None:
    path, stdout, _ = made
    assert path.is_file()
    assert f"Wrote {path}" in stdout.splitlines()
    assert {file.suffix for file in path.parent.iterdir()} == {".xlsx", ".html", ".pptx"}


def test_the_title_slide_names_the_client(made: tuple[Path, str, Deck]) -> None:
    deck = made[2]
    title = deck.slides[0]
    assert title.shapes.title is not None
    assert title.shapes.title.text_frame.text == CLIENT
    assert "Small company" in slide_text(title)


def test_the_headline_slide_shows_the_sales_led_share_the_cli_printed(made: tuple[Path, str, Deck]) -> None:
    _, stdout, deck = made
    found = re.search(r"Sales-led share: (\d+%)", stdout)
    assert found is not None
    text = slide_text(deck.slides[1])
    assert found.group(1) in text.splitlines()  # as a figure of its own
    assert "Sales-led share" in text
    assert "Responsibilities signed off (A or A/R) by a role wearing the sales hat" in text


def test_the_size_slide_holds_a_native_100_percent_stacked_bar_chart(made: tuple[Path, str, Deck]) -> None:
    deck = made[2]
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]  # type: ignore[attr-defined]
    assert len(charts) == 1
    chart = charts[0]
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED_100
    plot = chart.plots[0]
    assert [series.name for series in plot.series] == ["Sales", "Marketing", "One person for both", "Others"]
    categories = list(plot.categories)
    assert len(categories) == 4
    assert [category for category in categories if "this profile" in category] == [
        "Small company, 10\u201349 people (this profile)"
    ]
    for index in range(4):  # each size's bar sums to the whole
        assert sum(series.values[index] for series in plot.series) == pytest.approx(1.0)
    colours = [str(series.format.fill.fore_color.rgb) for series in plot.series]
    assert colours == [colour.lstrip("#").upper() for colour in palette.SERIES.values()]


def test_the_matrix_is_split_across_slides_with_the_header_on_each(made: tuple[Path, str, Deck]) -> None:
    deck = made[2]
    slides = [
        slide
        for slide in deck.slides
        if "The matrix" in (slide.shapes.title.text_frame.text if slide.shapes.title else "")
    ]
    assert len(slides) >= 3
    ids = []
    for slide in slides:
        (table,) = tables(slide)
        header = [cell.text for cell in table.rows[0].cells]
        assert header[0] == "ID"
        assert "Responsibility" in header
        assert {"Direktur Utama", "Direktur Penjualan"} <= set(header)
        assert 1 <= len(table.rows) - 1 <= ROWS_PER_SLIDE
        ids += [row.cells[0].text for row in list(table.rows)[1:]]
    assert len(ids) == 49
    assert len(set(ids)) == 49


def test_letters_are_coloured_from_the_palette(made: tuple[Path, str, Deck]) -> None:
    deck = made[2]
    seen = {}
    for slide in deck.slides:
        for table in tables(slide):
            for row in list(table.rows)[1:]:
                for cell in row.cells:
                    if cell.text in palette.LETTERS and cell.text not in seen:
                        seen[cell.text] = str(cell.fill.fore_color.rgb)
    assert seen
    for letter, fill in seen.items():
        assert fill == palette.LETTERS[letter].xlsx_fill, letter


def test_the_roles_slide_names_the_people_and_counts_the_letters(made: tuple[Path, str, Deck]) -> None:
    deck = made[2]
    (slide,) = [
        slide
        for slide in deck.slides
        if "Budi Santoso" in slide_text(slide) and tables(slide) and "Person" in slide_text(slide)
    ]
    (table,) = tables(slide)
    header = [cell.text for cell in table.rows[0].cells]
    assert header[:2] == ["Role", "Person"]
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in list(table.rows)[1:]}
    assert rows["Direktur Penjualan"][1] == "Budi Santoso"
    assert rows["Direktur Utama"][1] == "Sari Dewi"
    letters = header[4:]
    assert set(letters) == set(palette.LETTERS)
    counts = {letter: sum(int(row[4 + index]) for row in rows.values()) for index, letter in enumerate(letters)}
    assert counts["A"] + counts["A/R"] == 49  # one accountable role per row
    assert "Direktur Penjualan" in notes(slide)


def test_the_checks_are_in_words_and_every_slide_has_speaker_notes(made: tuple[Path, str, Deck]) -> None:
    deck = made[2]
    last = deck.slides[len(deck.slides) - 1]
    text = slide_text(last)
    assert "What to change first" in text
    assert "One role answers for too much" in text  # the check's title, not its id
    assert "role-overloaded" not in text
    assert all(notes(slide).strip() for slide in deck.slides)


def test_the_deck_counts_the_checks_as_the_page_and_the_workbook_do(made: tuple[Path, str, Deck]) -> None:
    """One story, one count: the deck's tally is the page's, and the lines under it are the Checks
    sheet's errors and warnings (one per check and advice) and the page's note boxes."""
    import openpyxl

    from .htmltools import parse

    path, _, deck = made
    root, _ = parse(path.with_suffix(".html").read_text(encoding="utf-8"))
    page_tally = " \u00b7 ".join(item.text() for item in root.by_id("tally").find_all("li"))
    (slide,) = [slide for slide in deck.slides if page_tally in slide_text(slide)]
    assert " from " in page_tally
    bullets = [line for line in slide_text(slide).splitlines() if line.startswith("\u2022 ")]
    book = openpyxl.load_workbook(path.with_suffix(".xlsx"))
    rows = [row for row in book["Checks"].iter_rows(min_row=2, values_only=True) if row[0]]
    urgent = [row for row in rows if row[0] in ("Error", "Warning")]
    shown = [item for found in root.find_all(id="notes") for item in found.find_all("li")]
    boxes = [item for item in shown if {"note-group", "finding"} & set(item.classes)]
    assert bullets
    assert len(bullets) == len(urgent) + len(boxes)


def test_the_deck_is_fingerprinted_like_a_workbook(made: tuple[Path, str, Deck]) -> None:
    path = made[0]
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.namelist()[-1] == CUSTOM_PART
        assert "docProps/thumbnail.jpeg" not in package.namelist()
    assert unchanged(path.name, data)


def test_an_edited_deck_is_kept_without_force_and_replaced_with_it(tmp_path: Path) -> None:
    args = ("generate", "--pptx", "--out", str(tmp_path))
    assert run(*args)[0] == 0
    path = tmp_path / "raci-small.pptx"
    deck = Presentation(str(path))
    deck.slides[0].shapes.title.text_frame.text = "Our own title"  # type: ignore[union-attr]
    deck.save(str(path))
    edited = {file.name: file.read_bytes() for file in tmp_path.iterdir()}
    code, _, err = run(*args)
    assert code == 2
    assert "raci-small.pptx" in err
    assert "--force" in err
    assert {file.name: file.read_bytes() for file in tmp_path.iterdir()} == edited  # nothing replaced
    assert run(*args, "--force")[0] == 0
    assert Presentation(str(path)).slides[0].shapes.title.text_frame.text != "Our own title"  # type: ignore[union-attr]


def test_the_same_inputs_give_the_same_deck_under_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    branding = make_branding(CLIENT, None, "#0B6E4F")
    first = generate(tmp_path / "a", builtin_profile("small"), roles=ROLES, branding=branding, pptx=True)
    second = generate(tmp_path / "b", builtin_profile("small"), roles=ROLES, branding=branding, pptx=True)
    assert first.deck is not None
    assert second.deck is not None
    assert first.deck.read_bytes() == second.deck.read_bytes()
    with zipfile.ZipFile(first.deck) as package:
        assert {entry.date_time for entry in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    props = Presentation(str(first.deck)).core_properties
    assert props.created is not None
    assert props.created.year == 2023


def test_without_pptx_no_deck_is_written_and_python_pptx_is_not_imported(tmp_path: Path) -> None:
    assert packages_loaded_by(["generate", "--out", str(tmp_path), "--quiet"], "pptx") == []
    assert not list(tmp_path.glob("*.pptx"))
    assert generate(tmp_path, builtin_profile("small")).deck is None


def png_logo(path: Path) -> Path:
    Image.new("RGB", (240, 80), (11, 110, 79)).save(path, format="PNG")
    return path


def test_a_raster_logo_and_the_accent_colour_brand_the_title_slide(tmp_path: Path) -> None:
    branding = make_branding(CLIENT, png_logo(tmp_path / "logo.png"), "#0B6E4F")
    outcome = generate(tmp_path / "out", builtin_profile("small"), branding=branding, pptx=True)
    assert outcome.deck is not None
    title = Presentation(str(outcome.deck)).slides[0]
    pictures = [shape for shape in title.shapes if shape.shape_type == 13]  # a picture
    assert len(pictures) == 1
    assert pictures[0].image.content_type == "image/png"  # type: ignore[attr-defined]
    fills = [str(shape.fill.fore_color.rgb) for shape in title.shapes if shape.shape_type == 1]  # an autoshape
    assert "0B6E4F" in fills


def test_an_svg_logo_is_left_out_of_the_deck(tmp_path: Path) -> None:
    svg = tmp_path / "logo.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    )
    outcome = generate(tmp_path / "out", builtin_profile("small"), branding=make_branding(CLIENT, svg, None), pptx=True)
    assert outcome.deck is not None
    assert not [
        shape for slide in Presentation(str(outcome.deck)).slides for shape in slide.shapes if shape.shape_type == 13
    ]


def test_the_deck_speaks_the_reports_language(tmp_path: Path) -> None:
    outcome = generate(tmp_path, builtin_profile("small"), lang="id", pptx=True)
    assert outcome.deck is not None
    t = Translator("id")
    titles = [
        slide.shapes.title.text_frame.text for slide in Presentation(str(outcome.deck)).slides if slide.shapes.title
    ]
    assert t("How the split changes with company size") in titles
    assert t("How the split changes with company size") != "How the split changes with company size"


def test_the_large_matrix_fits_its_slides(tmp_path: Path) -> None:
    outcome = generate(tmp_path, builtin_profile("large"), pptx=True)
    assert outcome.deck is not None
    deck = Presentation(str(outcome.deck))
    width = deck.slide_width
    assert width is not None
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left is not None
            assert shape.width is not None
            assert shape.left + shape.width <= width, (shape.name, slide.slide_id)
            if shape.has_table:  # and its columns add up to its width
                table: Table = shape.table  # type: ignore[attr-defined]
                assert shape.left + sum(column.width for column in table.columns) <= width


def test_the_rows_to_confirm_are_on_a_slide_as_in_the_workbook_and_on_the_page(tmp_path: Path) -> None:
    """Rows raci cannot place, and one whose Accountable the client chose: the deck lists the rows the
    Confirm sheet and the page list, in their order, with the fix in the speaker notes."""
    import openpyxl

    from .htmltools import parse

    catalogue = tmp_path / "client.csv"
    catalogue.write_text(
        "id,area,responsibility,home,horizon,accountable\n"
        "U-1,Kebun,Membina petani kopi binaan,,,\n"
        "U-2,Fleet,Plan the vans' routes,shared,,\n"
        "QT-01,quotas,Set the sales quotas,sales,short,Head of Sales\n",
        encoding="utf-8",
    )
    code, _, stderr = run("generate", str(catalogue), "--size", "small", "--pptx", "--out", str(tmp_path / "out"))
    assert code == 0, stderr
    book = openpyxl.load_workbook(tmp_path / "out" / "raci-small.xlsx")
    sheet_ids = [row[0] for row in book["Confirm"].iter_rows(min_row=2, values_only=True)]
    assert sheet_ids == ["U-1", "U-2", "QT-01"]
    root, _ = parse((tmp_path / "out" / "raci-small.html").read_text(encoding="utf-8"))
    page_text = root.by_id("confirm").text()
    assert all(ident in page_text for ident in sheet_ids)
    deck = Presentation(str(tmp_path / "out" / "raci-small.pptx"))
    (slide,) = [slide for slide in deck.slides if slide_text(slide).startswith("Please confirm")]
    listed = [line.removeprefix("\u2022 ").split(" ", 1)[0].rstrip(":") for line in slide_text(slide).splitlines()[1:]]
    assert listed == sheet_ids
    assert "U-1 \u2014 Membina petani kopi binaan: " in slide_text(slide)
    assert "`" not in slide_text(slide)
    assert "U-1: confirm the letters" in notes(slide)
