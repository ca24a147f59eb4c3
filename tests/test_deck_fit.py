"""The deck's text fits its boxes in both languages (measured with the font), no column is empty, and
an org-chart slide shows every role."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Pt

from raci.cli import main
from raci.render import fit

ROLES = "role,title,person\nceo,Direktur Utama,Sari Dewi\nsales_lead,Direktur Penjualan,Budi Santoso\n"


def deck(folder: Path, *args: str) -> Presentation:  # type: ignore[valid-type]
    result = CliRunner().invoke(main, ["generate", *args, "--pptx", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    (path,) = folder.glob("*.pptx")
    return Presentation(str(path))


def text_boxes(presentation: Presentation) -> list[tuple[int, str, list[fit.Line], float, float]]:  # type: ignore[valid-type]
    """Every shape holding text (not tables): slide number, name, its paragraphs as sized, room and height."""
    found = []
    for number, slide in enumerate(presentation.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip() or shape.width is None:
                continue
            frame = shape.text_frame
            lines = []
            for paragraph in frame.paragraphs:
                runs = [run for run in paragraph.runs if run.text]
                if runs and runs[0].font.size is not None:
                    lines.append(fit.Line("".join(r.text for r in runs), runs[0].font.size.pt, bool(runs[0].font.bold)))
            margins = (frame.margin_left or 0) + (frame.margin_right or 0)
            room = (shape.width - margins) / Pt(1)
            tall = (shape.height - (frame.margin_top or 0) - (frame.margin_bottom or 0)) / Pt(1)
            found.append((number, shape.name, lines, room, tall))
    return found


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("size", ["startup", "large"])
def test_every_text_fits_its_box_measured_with_the_font(tmp_path: Path, lang: str, size: str) -> None:
    presentation = deck(tmp_path, "--size", size, "--lang", lang, "--client", "PT Maju Jaya Sejahtera Abadi")
    overflowing = [
        (number, name, [line.text[:40] for line in lines])
        for number, name, lines, room, tall in text_boxes(presentation)
        if lines and not fit.fits(lines, room, tall + 1)
    ]
    assert overflowing == []


def test_a_long_reading_is_shrunk_to_fit_rather_than_run_past_its_card() -> None:
    words = (
        "Sebagian besar pekerjaan pemasaran masih disetujui penjualan, wajar selama penjualan memegang kendali. " * 3
    )
    lines = [fit.Line("100%", 54, True), fit.Line("Kesesuaian dengan fungsi asal", 18, True), fit.Line(words, 14)]
    assert not fit.fits(lines, 200, 230)
    shrunk = fit.fitted(lines, 200, 230)
    assert fit.fits(shrunk, 200, 230)
    assert [line.text for line in shrunk] == [line.text for line in lines]
    assert all(after.size < before.size for after, before in zip(shrunk, lines, strict=True))


def test_without_roles_the_roles_table_has_no_empty_person_or_hats_column(tmp_path: Path) -> None:
    for folder, args, wanted in (
        (tmp_path / "plain", ("--size", "small"), ["Role", "Function", "R", "A", "A/R", "C", "I"]),
        (tmp_path / "people", ("--size", "small", "--roles", str(tmp_path / "r.csv")), ["Role", "Person"]),
    ):
        (tmp_path / "r.csv").write_text(ROLES, encoding="utf-8")
        presentation = deck(folder, *args)
        (table,) = [shape.table for slide in presentation.slides for shape in slide.shapes if shape.name == "Roles"]
        header = [cell.text for cell in table.rows[0].cells]
        assert header[: len(wanted)] == wanted
        for column in range(len(header)):
            assert any(table.cell(row, column).text for row in range(1, len(table.rows))), header[column]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_org_chart_slide_shows_every_role_with_its_person(tmp_path: Path, lang: str) -> None:
    (tmp_path / "r.csv").write_text(ROLES, encoding="utf-8")
    presentation = deck(tmp_path / "out", "--size", "small", "--roles", str(tmp_path / "r.csv"), "--lang", lang)
    title = "Who is who" if lang == "en" else "Siapa memegang apa"
    (slide,) = [s for s in presentation.slides if s.shapes.title is not None and s.shapes.title.text == title]
    boxes = {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.name}
    assert "Sari Dewi" in boxes["Direktur Utama"]
    assert "Budi Santoso" in boxes["Direktur Penjualan"]
    assert len([shape for shape in slide.shapes if shape.shape_type == 1]) == 5  # an auto shape per role


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_plan_slide_says_what_changes_first_as_the_firm_grows(tmp_path: Path, lang: str) -> None:
    from raci.i18n import Translator

    t = Translator(lang)
    title = t("What changes first as the firm grows")
    small = deck(tmp_path / "small", "--size", "small", "--lang", lang)
    (slide,) = [s for s in small.slides if s.shapes.title is not None and s.shapes.title.text == title]
    text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    hire = t(
        "Hire {position}: {role} ({function}) answers for {num} responsibility (A), taken over from {sources}: {items}."
    )
    assert hire.split("{position}")[0] + "1" in text  # the first hire, as the page's next step says it
    large = deck(tmp_path / "large", "--size", "large", "--lang", lang)
    assert not [s for s in large.slides if s.shapes.title is not None and s.shapes.title.text == title]
