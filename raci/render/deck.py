"""The report as a slide deck (.pptx) a consultant presents: title, headline, size chart, matrix,
roles, checks; each slide with speaker notes.

Everything on a slide is native and editable: text boxes, tables (the matrix split across slides
at a readable size, its header repeated) and a PowerPoint chart holding its own data. The words
are the story's (`raci.render.story`: the headline, the shares' readings, the checks by check and
advice, what to change first) and the colours the palette's, so the deck, the workbook and the page
say the same thing.

Like a workbook, the deck is fingerprinted (`raci.fingerprint`): its custom property part
`docProps/custom.xml` goes last, holding the digest of every other part, so a person's edit is
seen and the file kept. Under SOURCE_DATE_EPOCH its document dates, the chart's embedded workbook
and every zip entry carry that time, so the same inputs give the same bytes.

python-pptx is imported here only: `raci generate` without --pptx never loads it.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.table import _Cell
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Length, Pt

from ..core.report import Report, SizeShares
from ..fingerprint import CUSTOM_PART, PLACEHOLDER, PROPERTY, FingerprintingZip
from ..i18n import DEFAULT, N_, Translator
from ..model import Branding, Role
from . import fit, palette
from .chart import SEGMENT_LABELS
from .story import CheckLine, Story, matrix_title, roles_kept, told
from .words import HEADER, SHARE_NOTES, area_words, check_title, function_words, row_rule_words
from .xlsx import HEADER_FILL

# A 16:9 slide, 13.33 x 7.5 inches, and the margins every slide keeps.
SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.4)
BODY_TOP = Inches(1.35)
TITLE_TOP = Inches(0.35)
TITLE_HEIGHT = Inches(0.95)
HEADER_MARGIN = Inches(0.03)  # left and right inside a role's header cell
TITLE_ONLY = 5  # the default template's "Title Only" layout: a title placeholder, nothing else


def _rgb(colour: str) -> RGBColor:
    """#rrggbb (or RRGGBB) as python-pptx's colour."""
    digits = colour.lstrip("#")
    return RGBColor(int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))  # type: ignore[no-untyped-call]


FONT = "Calibri"
INK = _rgb("1F2937")
MUTED = _rgb("595959")
WHITE = _rgb("FFFFFF")
BAND = _rgb("EEF3F8")

ROWS_PER_SLIDE = 15  # matrix rows a slide holds at most
LINES_PER_SLIDE = 19  # wrapped lines of responsibility text a matrix slide holds at most
CHECK_LINES_PER_SLIDE = 16  # wrapped lines of checks a slide holds at most
LOGO_HEIGHT = Inches(1.1)

SIZE_LABEL = N_("{size}, {people} people")
CURRENT_SIZE_LABEL = N_("{size}, {people} people (this profile)")


def deck_bytes(subject: Report | Story, when: datetime | None = None, *, lang: str = DEFAULT) -> bytes:
    """The report (or its story) as the bytes of a .pptx file in `lang` dated `when` (a reproducible run's
    date; None: now); the caller writes them."""
    story = told(subject, lang)
    report, t = story.report, story.t
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    _title_slide(deck, report, t)
    _headline_slide(deck, story)
    _size_slide(deck, report, t, when)
    _next_step_slide(deck, story)
    _matrix_slides(deck, report, t)
    _roles_slide(deck, report, t)
    _org_slide(deck, story)
    _checks_slides(deck, story)
    _confirm_slides(deck, story)
    _properties(deck, report, t, when)
    return _package_bytes(deck, when)


# --- Slides ---------------------------------------------------------------------------------


def _title_slide(deck: PresentationType, report: Report, t: Translator) -> None:
    """The client's name large, the matrix's title under it, an accent band and the logo (raster only)."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    _band(slide, _accent(report))
    profile = report.profile
    heading = matrix_title(report, t)
    client = report.branding.client
    _title(slide, client or heading, top=Inches(2.3), size=40, height=Inches(1.5))
    box = _text_box(slide, MARGIN, Inches(3.9), SLIDE_WIDTH - 2 * MARGIN, Inches(1.6))
    lines = []
    if client:
        lines.append((heading, 24, True, INK))
    if roles_kept(report):  # the profile's description names its roles: not this firm's after --roles
        lines.append((t(profile.description), 16, False, MUTED))
    _fitted_box(slide, box, lines)
    footer = _text_box(slide, MARGIN, SLIDE_HEIGHT - Inches(0.8), SLIDE_WIDTH - 2 * MARGIN, Inches(0.4))
    _paragraphs(
        footer.text_frame, [(t("Generated by raci {version}").format(version=report.version), 11, False, MUTED)]
    )
    _logo(slide, report.branding)
    notes = [
        *([t(profile.description)] if roles_kept(report) else []),
        t("Responsibilities: {count}").format(count=report.shares.rows),
        t("Roles: {roles}").format(roles=", ".join(role.title for role in report.matrix.roles)),
    ]
    if report.matrix.catalogue is not None:
        notes.append(t("Catalogue: {name}").format(name=report.matrix.catalogue.path.name))
    notes.append(
        t("Generated by raci {version} for the {profile} profile.").format(
            version=report.version, profile=t(profile.title)
        )
    )
    _notes(slide, notes)


def _band(slide: Slide, accent: RGBColor) -> None:
    """The title slide's accent band along the top edge."""
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(0), SLIDE_WIDTH, Inches(0.35))
    band.fill.solid()
    band.fill.fore_color.rgb = accent
    band.line.fill.background()


def _logo(slide: Slide, branding: Branding) -> None:
    """The client's logo at the top right of a title slide (raster only: a deck holds no SVG)."""
    logo = branding.logo
    if logo is None or logo.mime == "image/svg+xml":
        return
    picture = slide.shapes.add_picture(io.BytesIO(logo.data), Emu(0), Inches(0.75), height=LOGO_HEIGHT)
    if picture.width > Inches(4):
        scale = Inches(4) / picture.width
        picture.width, picture.height = Inches(4), Emu(round(picture.height * scale))
    picture.left = Emu(SLIDE_WIDTH - MARGIN - picture.width)
    picture.name = "Logo"


def _fitted_box(slide: Slide, box: Shape, lines: Sequence[tuple[str, float, bool, RGBColor]]) -> None:
    """`lines` (text, size, bold, colour) in `box`, shrunk together until they fit it, measured with the font."""
    frame = box.text_frame
    room = _points(box.width - frame.margin_left - frame.margin_right)
    tall = _points(box.height - frame.margin_top - frame.margin_bottom)
    sized = fit.fitted([fit.Line(text, size, bold) for text, size, bold, _ in lines], room, tall)
    _paragraphs(frame, [(line.text, line.size, line.bold, entry[3]) for line, entry in zip(sized, lines, strict=True)])


def _cards(slide: Slide, cards: Sequence[tuple[str, str, str]], accent: RGBColor, *, figure: int = 54) -> None:
    """Figures side by side as cards: each a large figure (`figure` points), its label and a plain reading,
    fitted to the card."""
    gap = Inches(0.25)
    width = Emu(round((SLIDE_WIDTH - 2 * MARGIN - gap * (len(cards) - 1)) / len(cards)))
    for index, (value, label, reading) in enumerate(cards):
        left = Emu(MARGIN + index * (width + gap))
        card = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, Inches(2.0), width, Inches(3.6))
        card.fill.solid()
        card.fill.fore_color.rgb = BAND
        card.line.fill.background()
        card.name = label
        frame = card.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = Inches(0.2)
        frame.margin_top = Inches(0.2)
        room, tall = width - 2 * frame.margin_left, card.height - frame.margin_top - Inches(0.1)
        wanted = [fit.Line(value, figure, True), fit.Line(label, 18, True)]
        wanted += [fit.Line(reading, 14)] if reading else []
        sized = fit.fitted(wanted, _points(room), _points(tall))
        inks = [accent, INK, INK]
        _paragraphs(
            frame,
            [(line.text, line.size, line.bold, ink) for line, ink in zip(sized, inks, strict=False)],
            align=PP_ALIGN.LEFT,
        )


def _headline_slide(deck: PresentationType, story: Story) -> None:
    """The headline sentence, then the four shares as large figures, each with its plain reading."""
    report, t = story.report, story.t
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    _title(slide, story.headline, size=26)
    readings = story.shares
    _cards(slide, [(t.percent(value), label, reading) for label, value, reading in readings], _accent(report))
    shares = report.shares
    notes = [
        f"{label}: {t.percent(value)}. {_capital(t(counts))}."
        for (label, value, _), counts in zip(readings, SHARE_NOTES, strict=True)
    ]
    notes.append(
        t(
            "Over {rows} responsibilities, {homed} of them with a sales or marketing home, {strategic} of them "
            "marketing strategy."
        ).format(rows=shares.rows, homed=shares.homed_rows, strategic=shares.strategy_rows)
    )
    _notes(slide, notes)


def _size_slide(deck: PresentationType, report: Report, t: Translator, when: datetime | None) -> None:
    """Who answers at each size, as a native 100% stacked bar chart; this profile's bars outlined."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    _title(slide, t("How the split changes with company size"))
    data = CategoryChartData(number_format="0%")  # type: ignore[no-untyped-call]
    data.categories = [
        t(CURRENT_SIZE_LABEL if entry.current else SIZE_LABEL).format(
            size=t(entry.profile.title), people=entry.profile.headcount_label
        )
        for entry in report.sizes
    ]
    for share, label in SEGMENT_LABELS.items():
        data.add_series(t(label), [entry.shares.segments[share] for entry in report.sizes])  # type: ignore[no-untyped-call]
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_STACKED_100,
        MARGIN,
        BODY_TOP,
        SLIDE_WIDTH - 2 * MARGIN,
        SLIDE_HEIGHT - BODY_TOP - MARGIN,
        data,
    )
    frame.name = t("Who answers, by company size")
    chart = frame.chart
    chart.has_title = True
    chart.chart_title.text_frame.text = t("Who answers, by company size")
    chart.has_legend = True
    if chart.legend is not None:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(14)
    chart.category_axis.reverse_order = True  # smallest size on top, as on the page
    chart.category_axis.tick_labels.font.size = Pt(14)
    values = chart.value_axis
    values.maximum_scale, values.minimum_scale = 1.0, 0.0
    values.tick_labels.number_format = "0%"
    values.tick_labels.number_format_is_linked = False
    values.tick_labels.font.size = Pt(12)
    values.has_title = True
    values.axis_title.text_frame.text = t("Share of responsibilities")
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = 100
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = "0%;;;"  # a segment of nothing shows no label
    labels.number_format_is_linked = False
    labels.font.size = Pt(12)
    current = next((index for index, entry in enumerate(report.sizes) if entry.current), None)
    for series, colour in zip(plot.series, palette.SERIES.values(), strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(colour)
        if current is not None:  # this profile's bar outlined in black
            point = series.points[current]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(colour)
            point.format.line.color.rgb = _rgb("000000")
            point.format.line.width = Pt(2.25)
    labels_ink = {"sales": WHITE, "marketing": WHITE, "both": WHITE, "others": INK}
    for series, share in zip(plot.series, SEGMENT_LABELS, strict=True):
        series.data_labels.font.color.rgb = labels_ink[share]
        series.data_labels.font.size = Pt(12)
        series.data_labels.number_format = "0%;;;"
        series.data_labels.number_format_is_linked = False
    workbook = chart.part.chart_workbook
    if when is not None and workbook.xlsx_part is not None:
        workbook.update_from_xlsx_blob(_dated_workbook(workbook.xlsx_part.blob, when))
    _notes(slide, [_size_sentence(entry, t) for entry in report.sizes])


def _next_step_slide(deck: PresentationType, story: Story) -> None:
    """The growth plan's first step, as the page tells it: when to start, what changes, the first hire;
    none at the largest size or for a matrix made elsewhere given no size."""
    step, t = story.next_step, story.t
    if step is None:
        return
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    heading = (
        t("How this matrix differs from the profile of a %(size)s") % {"size": step.title}
        if step.differs
        else t("What changes first as the firm grows")
    )
    _title(slide, heading)
    box = _text_box(slide, MARGIN, BODY_TOP, SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - BODY_TOP - Inches(0.5))
    frame = box.text_frame
    wanted = [
        fit.Line(step.heading, 20, True),
        fit.Line(step.trigger, 16),
        *(fit.Line(sentence, 16) for sentence in step.counts),
        *(fit.Line(sentence, 16) for sentence in step.first_hire),
    ]
    room = _points(box.width - frame.margin_left - frame.margin_right)
    sized = fit.fitted(wanted, room, _points(box.height - frame.margin_top - frame.margin_bottom))
    inks = [INK, MUTED, *([INK] * (len(sized) - 2))]
    _paragraphs(frame, [(line.text, line.size, line.bold, ink) for line, ink in zip(sized, inks, strict=True)])
    _notes(slide, [step.heading, step.trigger, *step.counts, *step.first_hire])


def _size_sentence(entry: SizeShares, t: Translator) -> str:
    """One size's bar in words, as the page's chart says it to a screen reader."""
    segments = entry.shares.segments
    text = (
        "%(size)s (%(headcount)s people, this profile): sales %(sales)s, marketing %(marketing)s, one person "
        "for both %(both)s, others %(others)s."
        if entry.current
        else "%(size)s (%(headcount)s people): sales %(sales)s, marketing %(marketing)s, one person for both "
        "%(both)s, others %(others)s."
    )
    return t(text) % {
        "size": t(entry.profile.title),
        "headcount": entry.profile.headcount_label,
        "sales": t.percent(segments["sales"]),
        "marketing": t.percent(segments["marketing"]),
        "both": t.percent(segments["both"]),
        "others": t.percent(segments["others"]),
    }


def _matrix_slides(deck: PresentationType, report: Report, t: Translator) -> None:
    """The matrix as native tables, about 15 rows a slide, the header on each; letters in the palette's colours."""
    matrix = report.matrix
    roles, scheme = matrix.roles, matrix.scheme
    available = SLIDE_WIDTH - 2 * MARGIN
    id_width = Inches(0.85)
    role_width = Emu(
        round(min(Inches(1.25), max(Inches(0.72), (available - id_width - Inches(4.2)) / max(1, len(roles)))))
    )
    rest = available - id_width - role_width * len(roles)
    area_width = Inches(1.7) if rest - Inches(1.7) >= Inches(3.6) else Emu(0)
    text_width = Emu(rest - area_width)
    widths = [id_width, *([area_width] if area_width else []), text_width, *([role_width] * len(roles))]
    headers = [t(HEADER[0]), *([t(HEADER[1])] if area_width else []), t(HEADER[2]), *(role.title for role in roles)]
    first_role = len(headers) - len(roles)
    size = 14 if len(roles) <= 6 else 12  # points: larger when the columns leave room
    chars = max(20, int(text_width / Inches(1) * 126 / size))  # characters of text a line holds
    pages = _pages([len(textwrap.wrap(row.item.responsibility, chars)) or 1 for row in matrix.rows])
    accent = _accent(report)
    role_size = _header_size(roles, role_width)
    header_lines = max(
        (
            len(fit.wrap(title, _points(role_width - 2 * HEADER_MARGIN) - 1, role_size, bold=True))
            for title in headers[first_role:]
        ),
        default=1,
    )
    for start, end in pages:
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        _title(
            slide,
            t("The matrix: rows {first}\u2013{last} of {total}").format(
                first=start + 1, last=end, total=len(matrix.rows)
            ),
        )
        rows = matrix.rows[start:end]
        height = Emu(Inches(0.3) * (len(rows) + max(header_lines, 1)))
        shape = slide.shapes.add_table(len(rows) + 1, len(headers), MARGIN, BODY_TOP, Emu(sum(widths)), height)
        shape.name = t("The matrix")
        table = shape.table
        table.first_row = True
        table.horz_banding = False
        for column, width in enumerate(widths):
            table.columns[column].width = Emu(width)
        for column, text in enumerate(headers):
            cell = table.cell(0, column)
            _cell(cell, text, size=11 if column < first_role else role_size, bold=True, ink=WHITE, fill=accent)
            if column >= first_role:
                cell.margin_left = cell.margin_right = HEADER_MARGIN
                _centre(cell)
        previous = matrix.rows[start - 1].item.area if start else None
        band = False
        for index, row in enumerate(rows, start=1):
            band = band != (previous is not None and row.item.area != previous)
            previous = row.item.area
            fill = BAND if band else WHITE
            texts = [row.item.id, *([area_words(row.item.area, t)] if area_width else []), row.item.responsibility]
            for column, text in enumerate(texts):
                _cell(table.cell(index, column), text, size=size, fill=fill)
            for column, letter in enumerate(row.letters, start=first_role):
                cell = table.cell(index, column)
                swatch = scheme.colours.get(letter)
                if swatch is None:
                    _cell(cell, letter, size=size, fill=WHITE)
                else:
                    _cell(cell, letter, size=size, bold=swatch.bold, ink=_rgb(swatch.ink), fill=_rgb(swatch.fill))
                _centre(cell)
        notes = [f"{letter}: {t(scheme.meanings[letter])}" for letter in scheme.letters]
        people = [f"{role.title}: {role.person}" for role in roles if role.person]
        if people:
            notes.append(f"{t('Held by')}: " + "; ".join(people))
        notes += [f"{row.item.id} \u2014 {row.item.responsibility}: {row_rule_words(row, t)}" for row in rows]
        _notes(slide, notes)


def _header_size(roles: Sequence[Role], width: int) -> int:
    """The largest font size, 10 points at most and 6 at least, at which every word of every role title
    fits on one line of a role column `width` wide, measured with the font (no "Communicatio/n")."""
    words = [word for role in roles for word in role.title.split()]
    return int(fit.largest_size(words, _points(width - 2 * HEADER_MARGIN) - 1, 10, 6))


def _points(length: int) -> float:
    """A length in EMU as points."""
    return length / Pt(1)


def _pages(lines: Sequence[int]) -> list[tuple[int, int]]:
    """Rows split into slides of at most ROWS_PER_SLIDE rows and LINES_PER_SLIDE wrapped lines, as
    (first, past the last); as even as the limits allow, so no slide is left with a few rows."""
    pages = _fill(lines, ROWS_PER_SLIDE)
    even = _fill(lines, -(-len(lines) // len(pages)))
    return even if len(even) == len(pages) else pages


def _fill(lines: Sequence[int], most: int) -> list[tuple[int, int]]:
    """Rows into slides in order, each as full as `most` rows and LINES_PER_SLIDE lines allow."""
    pages: list[tuple[int, int]] = []
    start, used = 0, 0
    for index, count in enumerate(lines):
        if index > start and (index - start >= most or used + count > LINES_PER_SLIDE):
            pages.append((start, index))
            start, used = index, 0
        used += count
    if lines:
        pages.append((start, len(lines)))
    return pages or [(0, 0)]


def _roles_slide(deck: PresentationType, report: Report, t: Translator) -> None:
    """Each role: its person, its function and other hats, and how many rows it is A, A/R, R, C and I for."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    _title(slide, t("The roles: who holds each, and what it answers for"))
    scheme = report.matrix.scheme
    loads = report.workload
    # A column of people or other hats only when some role has one: no empty columns without --roles.
    people = any(load.role.person for load in loads)
    hats = any(load.role.also for load in loads)
    words = [t("Role"), *([t("Person")] if people else []), t("Function"), *([t("Other hats")] if hats else [])]
    word_widths = [Inches(3.6), *([Inches(2.6)] if people else []), Inches(2.0), *([Inches(1.9)] if hats else [])]
    headers = [*words, *scheme.letters]
    widths = [*word_widths, *([Inches(0.6)] * len(scheme.letters))]
    first_letter = len(words)
    shape = slide.shapes.add_table(
        len(loads) + 1, len(headers), MARGIN, BODY_TOP, Emu(sum(widths)), Emu(Inches(0.4) * (len(loads) + 1))
    )
    shape.name = t("Roles")
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    for column, width in enumerate(widths):
        table.columns[column].width = Emu(width)
    accent = _accent(report)
    size = 14 if len(loads) <= 8 else 12
    for column, text in enumerate(headers):
        cell = table.cell(0, column)
        swatch = scheme.colours.get(text) if column >= first_letter else None
        if swatch is None:
            _cell(cell, text, size=size, bold=True, ink=WHITE, fill=accent)
        else:
            _cell(cell, text, size=size, bold=True, ink=_rgb(swatch.ink), fill=_rgb(swatch.fill))
        if column >= first_letter:
            _centre(cell)
    for number, load in enumerate(loads, start=1):
        role = load.role
        texts = [
            role.title,
            *([role.person] if people else []),
            function_words(role.function, t),
            *([", ".join(function_words(hat, t) for hat in role.also)] if hats else []),
        ]
        fill = BAND if number % 2 == 0 else WHITE
        for column, text in enumerate(texts):
            _cell(table.cell(number, column), text, size=size, bold=column == 0, fill=fill)
        for column, letter in enumerate(scheme.letters, start=first_letter):
            cell = table.cell(number, column)
            _cell(cell, str(load.counts.get(letter, 0)), size=size, fill=fill)
            _centre(cell)
    notes = []
    for role in report.matrix.roles:
        index = report.matrix.roles.index(role)
        signs = [row.item.id for row in report.matrix.rows if row.letters[index] in scheme.accountable]
        if signs:
            notes.append(
                t.plural(
                    "%(role)s signs off %(num)d responsibility: %(ids)s.",
                    "%(role)s signs off %(num)d responsibilities: %(ids)s.",
                    len(signs),
                )
                % {"role": role.title, "num": len(signs), "ids": ", ".join(signs)}
            )
        else:
            notes.append(t("{role} signs off no responsibility.").format(role=role.title))
    _notes(slide, notes)


FUNCTION_LINES = {"sales": palette.SERIES["sales"], "marketing": palette.SERIES["marketing"]}


def _org_slide(deck: PresentationType, story: Story) -> None:
    """Who is who, as the page draws it: leadership on top, the other roles under their function; each
    box's title, person and other hats fitted to the box in the font's measure."""
    report, t, org = story.report, story.t, story.org
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    _title(slide, t("Who is who"))
    area_width, area_height = SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - BODY_TOP - Inches(0.4)
    scale = min(area_width / org.width, area_height / org.height)
    left = MARGIN + (area_width - org.width * scale) / 2

    def at(x: float, y: float) -> tuple[Emu, Emu]:
        return Emu(round(left + x * scale)), Emu(round(BODY_TOP + y * scale))

    accent = _accent(report)
    lines = []
    if org.top and org.columns:
        lines += [(box.centre, org.top[0].y + org.box_height, box.centre, org.bus_y) for box in org.top]
        ends = [*(column.centre for column in org.columns), *(box.centre for box in org.top)]
        lines.append((min(ends), org.bus_y, max(ends), org.bus_y))
        lines += [(column.centre, org.bus_y, column.centre, org.heading_y - 14) for column in org.columns]
    for x1, y1, x2, y2 in lines:
        connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, *at(x1, y1), *at(x2, y2))
        connector.line.color.rgb = MUTED
    for column in org.columns:
        x, y = at(column.x, org.heading_y - 16)
        heading = _text_box(slide, x, y, Emu(round(column.width * scale)), Emu(round(22 * scale)))
        frame = heading.text_frame
        frame.margin_top = frame.margin_bottom = 0
        words = function_words(column.function, t).upper()
        size = min(fit.largest_size([words], _points(heading.width) - 10, 12, 7), _points(heading.height) / 1.25)
        _paragraphs(heading.text_frame, [(words, size, True, MUTED)], align=PP_ALIGN.CENTER)
    for box in (*org.top, *(box for column in org.columns for box in column.boxes)):
        x, y = at(box.x, box.y)
        width, height = Emu(round(box.width * scale)), Emu(round(org.box_height * scale))
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, width, height)
        shape.name = box.role.title
        shape.fill.solid()
        shape.fill.fore_color.rgb = WHITE
        colour = FUNCTION_LINES.get(box.role.function)
        shape.line.color.rgb = accent if box.role.function == "leadership" else _rgb(colour) if colour else MUTED
        shape.line.width = Pt(2)
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.margin_left = frame.margin_right = Inches(0.08)
        frame.margin_top = frame.margin_bottom = Inches(0.04)
        hats = [f"+ {function_words(hat, t)}" for hat in box.hats]
        under = " · ".join([*([box.role.person] if box.role.person else []), *hats])
        wanted = [fit.Line(box.role.title, 14, True), *([fit.Line(under, 11)] if under else [])]
        room = _points(width - frame.margin_left - frame.margin_right)
        sized = fit.fitted(wanted, room, _points(height - frame.margin_top - frame.margin_bottom))
        inks = [INK, MUTED]
        _paragraphs(
            frame,
            [(line.text, line.size, line.bold, ink) for line, ink in zip(sized, inks, strict=False)],
            align=PP_ALIGN.CENTER,
        )
    _notes(slide, [f"{role.title}: {function_words(role.function, t)}" for role in report.matrix.roles])


def _checks_slides(deck: PresentationType, story: Story) -> None:
    """The checks in words: the verdict and counts, errors and warnings one by one, notes grouped by
    check, then what to change first; on more slides when they do not fit one."""
    report, t, summary = story.report, story.t, story.checks
    intro = [
        (summary.verdict, 20, True, INK if summary.ok else _rgb(palette.ERROR.ink)),
        (" \u00b7 ".join(tally.text for tally in summary.tally), 14, False, MUTED),
    ]
    items: list[tuple[str, str]] = []  # (heading, line)
    for severity, title in (("error", t("Errors")), ("warning", t("Warnings"))):
        items += [(title, _finding_line(line, t)) for line in story.lines if line.severity == severity]
    for note in summary.notes:
        advice = note.advice or "; ".join(finding.message for finding in note.findings)
        items.append(
            (
                t("Notes"),
                t("{check} ({subject}): {advice}").format(
                    check=check_title(note.rule, t), subject=note.subject, advice=advice
                ),
            )
        )
    if summary.empty:
        items.append(("", t("No findings: the matrix passes every check.")))
    closing = (t("What to change first"), story.first_change)
    every = [*items, closing]
    chunks = [[every[index] for index in page] for page in _paged([text for _, text in every])]
    for number, chunk in enumerate(chunks, start=1):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        _title(slide, _page_title(t, t("Checks"), number, len(chunks)))
        box = _text_box(slide, MARGIN, BODY_TOP, SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - BODY_TOP - MARGIN)
        lines: list[tuple[str, int, bool, RGBColor]] = list(intro) if number == 1 else []
        heading: str | None = None
        for item_heading, text in chunk:
            if item_heading and item_heading != heading:
                lines.append((item_heading, 16, True, _accent(report)))
                heading = item_heading
            lines.append(
                (f"\u2022 {text}" if item_heading != closing[0] else text, 14, item_heading == closing[0], INK)
            )
        _paragraphs(box.text_frame, lines)
        _notes(
            slide,
            [finding.message for finding in story.said] or [t("No findings: the matrix passes every check.")],
        )


def _confirm_slides(deck: PresentationType, story: Story) -> None:
    """The rows to confirm, as the workbook's Confirm sheet and the page list them: each with raci's
    guess and why, the fix in the speaker notes; then the rows whose Accountable the client chose."""
    if not story.confirm:
        return
    t = story.t
    lines = [
        f"{line.id}: {line.guess} ({line.why})"
        if line.chosen
        else f"{line.id} \u2014 {line.responsibility}: {line.guess} ({line.why})"
        for line in story.confirm
    ]
    chunks = _paged(lines)
    for number, chunk in enumerate(chunks, start=1):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        _title(slide, _page_title(t, t("Please confirm"), number, len(chunks)))
        box = _text_box(slide, MARGIN, BODY_TOP, SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - BODY_TOP - MARGIN)
        _paragraphs(box.text_frame, [(f"\u2022 {_plain(lines[index])}", 14, False, INK) for index in chunk])
        confirm = story.confirm
        _notes(slide, [f"{confirm[index].id}: {_plain(confirm[index].fix)}" for index in chunk if confirm[index].fix])


def _paged(
    texts: Sequence[str], headed: Collection[int] = (), *, most: int = CHECK_LINES_PER_SLIDE, chars: int = 130
) -> list[list[int]]:
    """The indexes of `texts` in slides of at most `most` lines wrapped at `chars`, each text whole; a text
    whose index is in `headed` has a heading line above it, kept on its slide."""
    pages: list[list[int]] = [[]]
    used = 0
    for index, text in enumerate(texts):
        wrapped = len(textwrap.wrap(text, chars)) + 1 + (index in headed)
        if pages[-1] and used + wrapped > most:
            pages.append([])
            used = 0
        pages[-1].append(index)
        used += wrapped
    return pages


def _page_title(t: Translator, title: str, number: int, count: int) -> str:
    """A slide's title, numbered when its list runs over several slides."""
    return t("{title} ({number} of {count})").format(title=title, number=number, count=count) if count > 1 else title


def _plain(text: str) -> str:
    """A text whose `names` the page shows as code, as a slide shows it: without the backticks."""
    return text.replace("`", "")


def _finding_line(line: CheckLine, t: Translator) -> str:
    """Findings of one check and advice as one line: the check in words, where, and what to do."""
    return t("{check}: {advice}").format(check=line.title, advice=line.line)


# --- Shapes and text ------------------------------------------------------------------------


def _title(slide: Slide, text: str, *, top: Length = TITLE_TOP, size: int = 30, height: Length = TITLE_HEIGHT) -> None:
    """The slide's title placeholder, placed for a 16:9 slide, holding `text`."""
    title = slide.shapes.title
    assert title is not None  # the Title Only layout has one
    title.left, title.top = MARGIN, top
    title.width, title.height = Emu(SLIDE_WIDTH - 2 * MARGIN), height
    frame = title.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    room = _points(title.width - frame.margin_left - frame.margin_right)
    (line,) = fit.fitted([fit.Line(text, size, True)], room, _points(height - frame.margin_top - frame.margin_bottom))
    _paragraphs(frame, [(line.text, line.size, True, INK)], align=PP_ALIGN.LEFT)


def _text_box(slide: Slide, left: int, top: int, width: int, height: int) -> Shape:
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    box.text_frame.word_wrap = True
    return box


def _paragraphs(
    frame: TextFrame, lines: Sequence[tuple[str, float, bool, RGBColor]], align: PP_ALIGN = PP_ALIGN.LEFT
) -> None:
    """`frame` holding one paragraph per (text, size in points, bold, colour)."""
    if not lines:
        return
    frame.clear()  # type: ignore[no-untyped-call]
    for index, (text, size, bold, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
        paragraph.alignment = align
        if index:
            paragraph.space_before = Pt(6)
        run = paragraph.add_run()
        run.text = _clean(text)
        font = run.font
        font.name, font.size, font.bold = FONT, Pt(size), bold
        font.color.rgb = colour


def _cell(
    cell: _Cell, text: str, *, size: int, bold: bool = False, ink: RGBColor = INK, fill: RGBColor = WHITE
) -> None:
    cell.fill.solid()  # type: ignore[no-untyped-call]
    cell.fill.fore_color.rgb = fill
    cell.margin_left = cell.margin_right = Inches(0.06)
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame = cell.text_frame
    frame.word_wrap = True
    if text:
        _paragraphs(frame, [(text, size, bold, ink)])


def _centre(cell: _Cell) -> None:
    for paragraph in cell.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.CENTER


def _notes(slide: Slide, lines: Sequence[str]) -> None:
    """Speaker notes: one paragraph per line."""
    frame = slide.notes_slide.notes_text_frame
    assert frame is not None  # a new notes slide has its body placeholder
    frame.text = _clean("\n".join(line for line in lines if line))


# XML 1.0 has no place for most control characters; a catalogue or a title could hold one.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return ILLEGAL.sub("", text)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _accent(report: Report) -> RGBColor:
    """The client's accent colour, or the workbook's navy."""
    return _branding_accent(report.branding)


def _branding_accent(branding: Branding) -> RGBColor:
    return _rgb(branding.accent or HEADER_FILL)


# --- Properties and bytes -------------------------------------------------------------------


def _properties(deck: PresentationType, report: Report, t: Translator, when: datetime | None) -> None:
    """Title, subject, author and keywords; the dates of SOURCE_DATE_EPOCH when it is set; the
    fingerprint property (its digest filled in as the package is written); no template thumbnail."""
    profile = report.profile
    title = matrix_title(report, t)
    client = report.branding.client
    _document_properties(
        deck,
        title=t("{title} for {client}").format(title=title, client=client) if client else title,
        subject=t("Sales and marketing responsibilities (RACI)"),
        keywords=f"RACI, {profile.name}",
        comments=t("Generated by raci {version} for the {profile} profile.").format(
            version=report.version, profile=profile.name
        ),
        version=report.version,
        when=when,
    )


def _document_properties(
    deck: PresentationType,
    *,
    title: str,
    subject: str,
    keywords: str,
    comments: str,
    version: str,
    when: datetime | None,
) -> None:
    """The deck's core properties, its dates `when` (None: now), the fingerprint's property part, no thumbnail."""
    props = deck.core_properties
    props.title, props.subject = title, subject
    props.author = props.last_modified_by = f"raci {version}"
    props.keywords, props.comments = keywords, comments
    props.revision = 1
    moment = when or datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    props.created = props.modified = props.last_printed = moment
    package = deck.part.package
    for rel in list(package.iter_rels()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:  # python-pptx's template picture, not this deck
            package.drop_rel(rel.rId)
    custom = Part(PackURI(f"/{CUSTOM_PART}"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, package, _custom_xml())
    package.relate_to(custom, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def _custom_xml() -> bytes:
    """The custom property part holding the fingerprint's placeholder."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{PROPERTY}">'
        f"<vt:lpwstr>{PLACEHOLDER}</vt:lpwstr></property></Properties>"
    ).encode()


def _package_bytes(deck: PresentationType, when: datetime | None) -> bytes:
    """The deck's .pptx bytes, its parts in python-pptx's order and the property part last with the
    digest (see raci.fingerprint); with `when`, every zip entry carries that date."""
    saved = io.BytesIO()
    deck.save(saved)
    stamp = _zip_stamp(when)
    fingerprinted = io.BytesIO()
    with ZipFile(saved) as source, FingerprintingZip(fingerprinted) as target:
        for entry in source.infolist():
            target.writestr(_entry(entry.filename, stamp), source.read(entry))
    if stamp is None:
        return fingerprinted.getvalue()
    restamped = io.BytesIO()  # the property part, written by FingerprintingZip as it closes, gets the date too
    with ZipFile(fingerprinted) as source, ZipFile(restamped, "w", ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(_entry(entry.filename, stamp), source.read(entry))
    return restamped.getvalue()


def _zip_stamp(when: datetime | None) -> tuple[int, int, int, int, int, int] | None:
    if when is None:
        return None
    moment = min(max(when, datetime(1980, 1, 1)), datetime(2107, 12, 31, 23, 59, 58))  # zip's years
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _entry(name: str, stamp: tuple[int, int, int, int, int, int] | None) -> ZipInfo | str:
    if stamp is None:
        return name
    entry = ZipInfo(name, date_time=stamp)
    entry.compress_type = ZIP_DEFLATED
    entry.external_attr = 0o600 << 16
    return entry


DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _dated_workbook(blob: bytes, when: datetime) -> bytes:
    """The chart's embedded workbook with `when` as its dates (XlsxWriter writes the time of the run);
    its zip entries keep XlsxWriter's fixed date."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with ZipFile(io.BytesIO(blob)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":
                content = DATES.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
            target.writestr(_entry(entry.filename, entry.date_time), content)
    return out.getvalue()
