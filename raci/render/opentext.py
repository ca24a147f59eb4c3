"""The matrix in open text formats that leave raci and come back: Markdown for a wiki, a long CSV for a
notebook.

Markdown (`--format markdown`): a GitHub- and Confluence-ready page with the scheme's legend, the
roles, and one table per area (a new table wherever the area changes, so the rows keep their order).
HTML comments, which wikis hide, carry what reading it back needs: the scheme and profile on the first
line, the area as the catalogue names it above each table.

Long CSV (`--csv-long`): one line per responsibility and role (a cell, empty where the role holds no
letter), with the scheme and area on every line, so `pandas.read_csv` loads it unchanged. Both carry
raci's fingerprint (`raci.fingerprint.stamp_text`), so a file a person edited is not overwritten.
"""

from __future__ import annotations

import csv
import io
import json

from ..core.report import Report
from ..fingerprint import TEXT_PLACEHOLDER
from ..i18n import Translator
from ..model import LONG_COLUMNS
from .story import matrix_title
from .words import area_words, function_words, home_words, horizon_words

MARKDOWN_MARK = "raci-markdown"


def cell(text: str) -> str:
    """`text` as a Markdown table cell: pipes escaped, line breaks as <br>."""
    return text.replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")


def _table(header: list[str], rows: list[list[str]], centred: int = 0, start: int = 0) -> list[str]:
    """A Markdown table; `centred` columns from `start` are centred (the letters)."""
    rule = [":-:" if start <= index < start + centred else "---" for index in range(len(header))]
    lines = ["| " + " | ".join(cell(text) for text in header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(cell(text) for text in row) + " |" for row in rows]
    return lines


def markdown_bytes(report: Report, lang: str) -> bytes:
    """The matrix as a Markdown page in `lang` (see the module)."""
    t = Translator(lang)
    matrix, profile = report.matrix, report.profile
    scheme = matrix.scheme
    meta = json.dumps({"scheme": scheme.name, "profile": profile.name, "version": report.version}, ensure_ascii=False)
    title = matrix_title(report, t)
    lines = [f"<!-- {MARKDOWN_MARK} {meta} {TEXT_PLACEHOLDER} -->", "", f"# {title}", ""]
    lines += [t("Letters: {scheme} ({words}).").format(scheme=scheme.name, words=t(scheme.title)), ""]
    legend = [[letter, t(scheme.meanings[letter])] for letter in scheme.letters]
    lines += [*_table([t("Letter"), t("Meaning")], legend), ""]
    lines += [f"## {t('Roles')}", "", "<!-- roles -->", ""]
    roles = [
        [
            role.title,
            role.key,
            function_words(role.function, t),
            ", ".join(function_words(hat, t) for hat in role.also),
            role.person,
        ]
        for role in matrix.roles
    ]
    lines += [*_table([t("Role"), t("Key"), t("Function"), t("Other hats"), t("Person")], roles), ""]
    header = [t("ID"), t("Responsibility"), *(role.title for role in matrix.roles), t("Home"), t("Horizon")]
    header.append(t("Description"))
    runs: list[tuple[str, list[list[str]]]] = []
    for row in matrix.rows:
        item = row.item
        if not runs or runs[-1][0] != item.area:
            runs.append((item.area, []))
        horizon = horizon_words(item.horizon, t) if item.horizon else ""
        runs[-1][1].append(
            [item.id, item.responsibility, *row.letters, home_words(item.home, t), horizon, item.description]
        )
    for area, rows in runs:
        lines += [f"## {area_words(area, t) if area else t('No area')}", "", f"<!-- area: {json.dumps(area)} -->", ""]
        lines += [*_table(header, rows, centred=len(matrix.roles), start=2), ""]
    return "\n".join(lines).encode("utf-8")


def long_csv_bytes(report: Report) -> bytes:
    """The matrix as a long CSV: one line per responsibility and role (see the module)."""
    matrix, profile = report.matrix, report.profile
    written_by = f"raci {report.version} {TEXT_PLACEHOLDER}"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LONG_COLUMNS)
    for row in matrix.rows:
        item = row.item
        for role, letter in zip(matrix.roles, row.letters, strict=True):
            writer.writerow(
                [
                    matrix.scheme.name,
                    profile.name,
                    item.area,
                    item.id,
                    item.responsibility,
                    item.home,
                    item.horizon,
                    item.description,
                    role.title,
                    role.key,
                    role.function,
                    ",".join(role.also),
                    role.person,
                    letter,
                    written_by,
                ]
            )
    return out.getvalue().encode("utf-8")
