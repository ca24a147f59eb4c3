"""The house: layers that import one way, one guarded writer for every output, a lean start."""

from __future__ import annotations

import ast
import os
import stat
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import raci
from raci.cli import main
from raci.names import safe_name
from raci.output import clean_leftovers, write_files

PACKAGE = Path(raci.__file__).parent
ROOT = PACKAGE.parent
# What each layer must never import (base modules such as raci.model are open to all).
FORBIDDEN = {
    "inputs": {"core", "render", "jobs", "output", "cli"},
    "core": {"inputs", "render", "jobs", "output", "cli"},
    "render": {"inputs", "jobs", "output", "cli"},
    "output": {"inputs", "core", "render", "jobs", "cli"},
    "jobs": {"cli"},
}
BASE = ("exceptions", "model", "scheme", "i18n", "resources", "fingerprint", "names")


def imported_layers(path: Path) -> set[str]:
    """The raci layers (first name under raci) that module `path` imports, lazily or not."""
    module = path.relative_to(ROOT).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(module[: len(module) - node.level])
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = [target] if node.module else [[*target, alias.name] for alias in node.names]
            else:
                names = [(node.module or "").split(".")]
        elif isinstance(node, ast.Import):
            names = [alias.name.split(".") for alias in node.names]
        else:
            continue
        for name in names:
            if len(name) > 1 and name[0] == "raci":
                found.add(name[1])
    return found


def layer_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def test_the_import_graph_runs_one_way() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = layer_of(path)
        if layer in BASE:
            allowed_up = {"exceptions", "i18n", "scheme", "model"}
            bad = imported_layers(path) - allowed_up - {layer}
        else:
            bad = imported_layers(path) & FORBIDDEN.get(layer, set())
        wrong += [f"{path.relative_to(ROOT)} imports raci.{name}" for name in sorted(bad)]
    assert wrong == []


def test_the_layer_check_sees_a_wrong_import(tmp_path: Path) -> None:
    """The check above would catch a core module reaching up into render, relative or absolute."""
    module = PACKAGE / "core" / "example.py"
    relative = tmp_path / "relative.py"
    relative.write_text("from ..render.html import render\n", encoding="utf-8")
    absolute = tmp_path / "absolute.py"
    absolute.write_text("def f():\n    import raci.jobs.generate\n", encoding="utf-8")
    # Parse them as if they sat at raci/core/example.py.
    for source in (relative, absolute):
        module.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        try:
            assert imported_layers(module) & FORBIDDEN["core"]
        finally:
            module.unlink()


def speaks(source: str, module: tuple[str, ...] = ("raci", "core", "example")) -> list[str]:
    """What in a module's source speaks a language: an import of raci.i18n, Babel or gettext, a parameter
    or field named `lang`, or one typed as a Translator."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = list(module[: len(module) - node.level]) if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = [target, *(f"{target}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            names = []
        speaking = [
            name for name in names if name.split(".")[0] in {"babel", "gettext"} or name.startswith("raci.i18n")
        ]
        found += [f"imports {name}" for name in speaking[:1]]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            for argument in arguments:
                typed = ast.unparse(argument.annotation) if argument.annotation is not None else ""
                if argument.arg == "lang" or "Translator" in typed:
                    found.append(f"line {argument.lineno}: parameter {argument.arg}")
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
                    continue
                if statement.target.id == "lang" or "Translator" in ast.unparse(statement.annotation):
                    found.append(f"line {statement.lineno}: field {node.name}.{statement.target.id}")
    return found


def test_core_computes_facts_and_says_nothing() -> None:
    """Words are render's: no module of raci.core imports the catalogues or takes a language."""
    said = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in sorted((PACKAGE / "core").rglob("*.py"))
        for what in speaks(path.read_text(encoding="utf-8"), path.relative_to(ROOT).with_suffix("").parts)
    ]
    assert said == []


def test_the_words_check_sees_a_language_in_core() -> None:
    assert speaks("from ..i18n import Translator\n") == ["imports raci.i18n"]
    assert speaks("from raci import i18n\n") == ["imports raci.i18n"]
    assert speaks("import babel.numbers\n") == ["imports babel.numbers"]
    assert speaks("def f(rows, *, lang='en'):\n    return rows\n") == ["line 1: parameter lang"]
    assert speaks("def f(rows, t: 'Translator'):\n    return rows\n") == ["line 1: parameter t"]
    assert speaks("class Report:\n    lang: str = 'en'\n") == ["line 2: field Report.lang"]
    assert speaks("from ..model import Finding\ndef f(rows, language_of_rows=None):\n    return rows\n") == []


# --- the writer, through the CLI ------------------------------------------------------------


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def test_an_edited_compare_page_is_kept_without_force_and_replaced_with_it(tmp_path: Path) -> None:
    args = ("compare", "--from", "small", "--to", "large", "--out", str(tmp_path))
    assert run(*args)[0] == 0
    page = tmp_path / "raci-small-to-large.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (our notes)</h1>", 1), encoding="utf-8")
    edited = snapshot(tmp_path)
    code, _, err = run(*args)
    assert code == 2
    assert "raci-small-to-large.html" in err
    assert "--force" in err
    assert len(err.strip().splitlines()) == 1
    assert snapshot(tmp_path) == edited
    assert run(*args, "--force")[0] == 0
    assert "(our notes)" not in page.read_text(encoding="utf-8")


def test_an_edited_compare_workbook_is_kept_without_force(tmp_path: Path) -> None:
    args = ("compare", "--from", "small", "--to", "large", "--out", str(tmp_path))
    assert run(*args)[0] == 0
    path = tmp_path / "raci-small-to-large.xlsx"
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["A1"] = "Our own title"
    book.save(path)
    edited = snapshot(tmp_path)
    code, _, err = run(*args)
    assert code == 2
    assert "raci-small-to-large.xlsx" in err
    assert snapshot(tmp_path) == edited
    assert run(*args, "--force")[0] == 0
    assert openpyxl.load_workbook(path).worksheets[0]["A1"].value != "Our own title"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda ws: setattr(ws["C6"], "fill", openpyxl.styles.PatternFill("solid", "FFFF00")), id="fill"),
        pytest.param(
            lambda ws: setattr(ws["C6"], "comment", openpyxl.comments.Comment("Ask Budi", "Sari")), id="comment"
        ),
        pytest.param(lambda ws: setattr(ws.column_dimensions["C"], "width", 80), id="width"),
        pytest.param(lambda ws: setattr(ws["C6"], "font", openpyxl.styles.Font(strike=True)), id="strike"),
    ],
)
def test_formatting_a_person_added_is_not_overwritten(tmp_path: Path, change: object) -> None:
    assert run("generate", "--out", str(tmp_path))[0] == 0
    path = tmp_path / "raci-small.xlsx"
    book = openpyxl.load_workbook(path)
    change(book["RACI"])  # type: ignore[operator]
    book.save(path)
    edited = path.read_bytes()
    code, _, err = run("generate", "--out", str(tmp_path))
    assert code == 2
    assert "raci-small.xlsx" in err
    assert path.read_bytes() == edited


def test_raci_replaces_its_own_unchanged_outputs(tmp_path: Path) -> None:
    for _ in range(2):
        assert run("generate", "--out", str(tmp_path))[0] == 0
        assert run("compare", "--from", "startup", "--to", "medium", "--out", str(tmp_path))[0] == 0


EVIL = "evil/../../../X"


def evil_profile(folder: Path) -> Path:
    text = (ROOT / "tests" / "data" / "mini_profile.toml").read_text(encoding="utf-8")
    lines = [f'name = "{EVIL}"' if line.startswith("name =") else line for line in text.splitlines()]
    path = folder / "evil.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("command", ["generate", "compare", "batch"])
def test_a_hostile_profile_name_writes_only_inside_out(tmp_path: Path, command: str) -> None:
    top = tmp_path / "a" / "b" / "c"
    out = top / "out"
    (out / "raci-evil").mkdir(parents=True)
    profile = evil_profile(tmp_path)
    before = files_under(tmp_path)
    if command == "generate":
        code, _, err = run("generate", "--profile", str(profile), "--out", str(out))
    elif command == "compare":
        code, _, err = run("compare", "--from", str(profile), "--to", "small", "--out", str(out))
    else:
        manifest = tmp_path / "jobs.csv"
        manifest.write_text(f"name,profile\n{EVIL},{profile}\n", encoding="utf-8")
        before.add(manifest)
        code, _, err = run("batch", str(manifest), "--out", str(out), "--jobs", "1")
    assert code == 0, err
    written = files_under(tmp_path) - before
    assert written
    assert all(out in path.parents for path in written), written


def test_modes_follow_the_umask_and_a_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert run("generate", "--out", str(tmp_path))[0] == 0
        workbook, summary = tmp_path / "raci-small.xlsx", tmp_path / "raci-small.html"
        assert stat.S_IMODE(workbook.stat().st_mode) == 0o644
        assert stat.S_IMODE(summary.stat().st_mode) == 0o644
        summary.chmod(0o664)
        assert run("generate", "--out", str(tmp_path))[0] == 0
        assert stat.S_IMODE(summary.stat().st_mode) == 0o664
        assert stat.S_IMODE(workbook.stat().st_mode) == 0o644
    finally:
        os.umask(old)


def test_a_folder_in_the_summarys_place_leaves_the_previous_workbook(tmp_path: Path) -> None:
    assert run("generate", "--out", str(tmp_path))[0] == 0
    workbook = tmp_path / "raci-small.xlsx"
    previous = workbook.read_bytes()
    (tmp_path / "raci-small.html").unlink()
    (tmp_path / "raci-small.html").mkdir()
    code, _, err = run("generate", "--out", str(tmp_path), "--client", "Another client")
    assert code == 2
    assert "raci-small.html" in err
    assert len(err.strip().splitlines()) == 1
    assert workbook.read_bytes() == previous
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]


def test_a_failed_rename_puts_back_every_file_already_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    write_files([(first, b"<html><head></head>one</html>"), (second, b"<html><head></head>one</html>")])
    before = snapshot(tmp_path)
    real = os.replace
    calls = []

    def fail_second(source: object, target: object) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", fail_second)
    with pytest.raises(raci.exceptions.OutputError, match="No space left"):
        write_files([(first, b"<html><head></head>two</html>"), (second, b"<html><head></head>two</html>")])
    monkeypatch.setattr(os, "replace", real)
    assert snapshot(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.html", "b.html"]


KILLED_AFTER_FIRST_RENAME = """
import os, signal, sys
from pathlib import Path
from raci.output import write_files
real = os.replace
def replace(source, target):
    real(source, target)
    os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
folder = Path(sys.argv[1])
write_files(
    [(folder / "raci-small.xlsx", b"new workbook"), (folder / "raci-small.html", b"<head></head>new summary")],
    force=True,
)
"""


def test_leftovers_of_a_killed_run_are_removed_and_its_half_done_renames_undone(tmp_path: Path) -> None:
    (tmp_path / "raci-small.xlsx").write_bytes(b"old workbook")
    (tmp_path / "raci-small.html").write_bytes(b"old summary")
    killed = subprocess.run([sys.executable, "-c", KILLED_AFTER_FIRST_RENAME, str(tmp_path)], check=False)
    assert killed.returncode == -9
    assert (tmp_path / "raci-small.xlsx").read_bytes() == b"new workbook"  # killed between the renames
    assert len(snapshot(tmp_path)) > 2  # its journal, its copies and its temporary are left
    (tmp_path / ".raci-small.html.4242.abcdefgh.part").write_bytes(b"a person's own hidden file")
    clean_leftovers(tmp_path)
    assert snapshot(tmp_path) == {
        ".raci-small.html.4242.abcdefgh.part": b"a person's own hidden file",
        "raci-small.html": b"old summary",
        "raci-small.xlsx": b"old workbook",
    }


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Café Ümlaut", "Café-Ümlaut"),
        ("北京公司", "北京公司"),
        ("CON", "CON_"),
        ("nul", "nul_"),
        ("COM1.report", "COM1.report_"),
        ("../../etc", "etc"),
        ("", "unnamed"),
    ],
)
def test_safe_names_keep_any_script_and_avoid_reserved_names(text: str, name: str) -> None:
    assert safe_name(text) == name


# --- a lean start and the conventions -----------------------------------------------------------


def test_generate_does_not_import_pandas(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from raci.cli import main\n"
        "try:\n"
        f"    main(['generate', '--out', {str(tmp_path)!r}, '--quiet'])\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'pandas'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert (tmp_path / "raci-small.xlsx").is_file()
    assert result.stdout.strip() == "[]"


def test_importing_raci_changes_nothing_in_the_environment() -> None:
    code = (
        "import os\n"
        "before = dict(os.environ)\n"
        "import raci, raci.cli, raci.jobs.generate, raci.render.workbook\n"
        "print(sorted(set(os.environ.items()) ^ set(before.items())))\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "OPENPYXL_LXML"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.strip() == "[]"


def test_openpyxl_beyond_its_public_api_is_used_in_one_module() -> None:
    """Private openpyxl modules and members are reached from raci.render.openpyxl_compat alone."""
    compat = PACKAGE / "render" / "openpyxl_compat.py"
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == compat:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openpyxl"):
                names = [*(node.module or "").split("."), *(alias.name for alias in node.names)]
                found += [f"{path.name}: from {node.module} import {name}" for name in names if name.startswith("_")]
            elif isinstance(node, ast.keyword) and node.arg == "style_array":
                found.append(f"{path.name}: Cell(style_array=...)")
            elif isinstance(node, ast.Attribute) and node.attr in {"_add_sheet", "_writer", "LXML"}:
                found.append(f"{path.name}: .{node.attr}")
    assert found == []


def test_python_dash_m_raci_prints_the_version() -> None:
    result = subprocess.run([sys.executable, "-m", "raci", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"raci, version {raci.__version__}"


def test_sizes_reads_the_catalogue_from_stdin() -> None:
    text = (ROOT / "responsibilities.csv").read_text(encoding="utf-8")
    code, out, err = run("sizes", "-", "--format", "json", input=text)
    from_file = run("sizes", str(ROOT / "responsibilities.csv"), "--format", "json")[1]
    assert code == 0, err
    assert out == from_file


def test_help_lists_commands_in_the_order_they_are_used_with_whole_descriptions() -> None:
    code, out, _ = run("--help")
    assert code == 0
    listed = out.split("Commands:")[1].strip().splitlines()
    assert [line.split()[0] for line in listed] == ["generate", "check", "sizes", "compare", "batch", "profiles"]
    assert not [line for line in listed if line.rstrip().endswith("...")]


def test_every_option_has_help() -> None:
    missing = [
        f"{name} {option.opts[0]}"
        for name, command in main.commands.items()
        for option in command.params
        if option.param_type_name == "option" and not getattr(option, "help", None)
    ]
    assert missing == []


def test_the_package_is_typed_and_licensed() -> None:
    assert (PACKAGE / "py.typed").is_file()
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


# --- the model for notebooks, and one threshold for "bottleneck" ----------------------------------


def test_a_matrix_as_a_dataframe_holds_its_letters_by_id_and_role() -> None:
    from raci.core.assign import build_matrix
    from raci.inputs.catalog import read_catalogue
    from raci.inputs.profiles import builtin_profile

    matrix = build_matrix(read_catalogue(ROOT / "responsibilities.csv"), builtin_profile("medium"))
    frame = matrix.to_frame()
    assert list(frame.columns) == [role.title for role in matrix.roles]
    assert list(frame.index) == [row.item.id for row in matrix.rows]
    for row in matrix.rows:
        assert tuple(frame.loc[row.item.id]) == row.letters
    accountable = frame.isin(["A", "A/R"]).sum(axis=0)
    assert int(accountable.sum()) == sum(len(row.accountable()) for row in matrix.rows)


@pytest.mark.parametrize(("limit", "flagged"), [(0.6, False), (0.3, True)])
def test_the_summary_calls_a_role_a_bottleneck_past_the_profiles_own_limit(limit: float, flagged: bool) -> None:
    from dataclasses import replace

    from raci.inputs.catalog import read_catalogue
    from raci.inputs.profiles import builtin_profile
    from raci.render.story import role_loads

    from .helpers import build_report

    medium = builtin_profile("medium")
    profile = replace(medium, checks=replace(medium.checks, overload_share=limit))
    report = build_report(read_catalogue(ROOT / "responsibilities.csv"), profile)
    loads = {load.role.key: load for load in role_loads(report)}
    heaviest = max(loads.values(), key=lambda load: load.accountable_share)
    assert 0.3 < heaviest.accountable_share <= 0.6  # the marketing manager, now that teams answer for nothing
    assert heaviest.bottleneck is flagged
    flagged_by_checks = {finding.role for finding in report.findings if finding.rule == "role-overloaded"}
    assert (heaviest.role.title in flagged_by_checks) is flagged
