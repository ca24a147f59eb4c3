"""What the commands print to the console, in the reader's language: `raci generate`'s summary and the
`raci sizes` table."""

from __future__ import annotations

from ..core.report import Report
from ..core.sizes import SizeRow
from ..i18n import N_, Translator

# In English, marked for the catalogue; `sizes_text` translates them.
TEXT_HEADER = (
    N_("Size"),
    N_("Headcount"),
    N_("Roles"),
    N_("Sales"),
    N_("Marketing"),
    N_("Both"),
    N_("Others"),
    N_("Home alignment"),
    N_("Strategy alignment"),
)
TEXT_NOTE = N_(
    "Sales, Marketing, Both, Others: who answers (A) for each row, summing to 100%; "
    "Both is one person wearing both hats. Sales-led share = Sales + Both."
)
# Columns after the first two hold numbers and are right-aligned.
LEFT_COLUMNS = 2


def summary_text(report: Report, t: Translator, written: tuple[str, ...] = ()) -> str:
    """The short plain-text summary `raci generate` prints, in the language of `t`."""
    profile, shares = report.profile, report.shares
    lines = [
        t("Profile: {title} ({people} people, {roles} roles)").format(
            title=t(profile.title), people=profile.headcount_label, roles=len(report.matrix.roles)
        ),
        t("Responsibilities: {count}").format(count=shares.rows),
        t("Sales-led share: {sales}   Marketing-led share: {marketing}   Home alignment: {alignment}").format(
            sales=t.percent(shares.sales_led),
            marketing=t.percent(shares.marketing_led),
            alignment=t.percent(shares.home_alignment),
        ),
        t(
            "Strategy alignment: {strategy} (marketing-strategy rows signed off by a role wearing the marketing hat)"
        ).format(strategy=t.percent(shares.strategy_alignment)),
    ]
    lines += [t("Wrote {path}").format(path=path) for path in written]
    return "\n".join(lines)


def sizes_text(rows: tuple[SizeRow, ...], t: Translator) -> str:
    """`raci sizes` as a table with aligned columns, its labels in the language of `t`; shares as whole
    percentages."""
    lines = [tuple(t(name) for name in TEXT_HEADER)] + [
        (
            row.size,
            t("{people} people").format(people=row.headcount_label),
            str(row.roles),
            *(t.percent(value) for value in row.segments.values()),
            t.percent(row.home_alignment),
            t.percent(row.strategy_alignment),
        )
        for row in rows
    ]
    widths = [max(len(line[column]) for line in lines) for column in range(len(TEXT_HEADER))]
    rendered = []
    for line in lines:
        cells = [
            text.ljust(width) if column < LEFT_COLUMNS else text.rjust(width)
            for column, (text, width) in enumerate(zip(line, widths, strict=True))
        ]
        rendered.append("  ".join(cells).rstrip())
    return "\n".join([*rendered, "", t(TEXT_NOTE)])
