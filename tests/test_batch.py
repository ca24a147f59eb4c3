from __future__ import annotations

import inspect
import pickle
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import unquote

import openpyxl
import pytest

import raci.jobs.generate
from raci.exceptions import ManifestError, OutputError
from raci.inputs.manifest import RUN_OPTIONS, read_manifest
from raci.jobs.batch import BatchResult, run_batch
from raci.jobs.generate import generate

from .conftest import DATA
from .helpers import read_raci, run
from .htmltools import Element, parse

P = ParamSpec("P")
T = TypeVar("T")

HEADER = "name,input,size,headcount,profile"
GOOD_AND_BAD = [
    "Acme Corp,,small,,",
    f"Beta & Sons <GmbH>,{DATA / 'mini.csv'},,,{DATA / 'mini_profile.toml'}",
    "Gamma Ltd,,,300,",
    "Delta,broken.csv,medium,,",
    "Epsilon,missing.csv,large,,",
]
BROKEN_CSV = "id,area,responsibility,home\nX-1,pricing,Set prices,sale\n"


def write_manifest(folder: Path, rows: list[str], header: str = HEADER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.csv").write_text(BROKEN_CSV, encoding="utf-8")
    path = folder / "manifest.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def run_threads(manifest: Path, out: Path, **options: Any) -> BatchResult:
    with ThreadPoolExecutor(max_workers=2) as executor:
        return run_batch(read_manifest(manifest, out), executor=executor, **options)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> BatchResult:
    """Five jobs, two of them failing, run once through a thread executor."""
    folder = tmp_path_factory.mktemp("mixed")
    return run_threads(write_manifest(folder / "in", GOOD_AND_BAD), folder / "out")


# --- the core ----------------------------------------------------------------------------


def test_a_bad_job_fails_alone_and_is_named(mixed: BatchResult) -> None:
    assert [result.job.name for result in mixed.results] == [
        "Acme Corp",
        "Beta & Sons <GmbH>",
        "Gamma Ltd",
        "Delta",
        "Epsilon",
    ]
    assert [result.ok for result in mixed.results] == [True, True, True, False, False]
    assert mixed.failed
    delta, epsilon = mixed.failures
    assert delta.error is not None
    assert epsilon.error is not None
    assert "broken.csv, line 2, column `home`: 'sale' is not one of sales, marketing, shared" in delta.error
    assert "missing.csv: no such file" in epsilon.error
    assert all("\n" not in (result.error or "") for result in mixed.results)


def test_the_good_outputs_are_complete(mixed: BatchResult) -> None:
    out = mixed.plan.out_dir
    expected = {"Acme-Corp": "small", "Beta-Sons-GmbH": "mini", "Gamma-Ltd": "large"}
    assert sorted(path.name for path in out.iterdir()) == [
        *sorted(expected),
        "index.html",
        "portfolio.csv",
        "portfolio.xlsx",
    ]
    for folder, profile in expected.items():
        result = next(result for result in mixed.results if result.job.folder == folder)
        assert result.profile == profile
        stem = f"raci-{folder.lower()}-{profile}"  # named for the client: raci-acme-corp-small
        assert sorted(path.name for path in (out / folder).iterdir()) == [f"{stem}.html", f"{stem}.xlsx"]
        assert result.workbook == out / folder / f"{stem}.xlsx"
        assert result.summary == out / folder / f"{stem}.html"
        sheets = openpyxl.load_workbook(result.workbook).sheetnames
        assert sheets[:5] == ["Summary", "RACI", "Roles", "Legend", "Checks"]
        _, rows = read_raci(result.workbook)
        assert result.shares is not None
        assert len([row for row in rows if row[0]]) == result.shares.rows
        assert '<meta name="raci-fingerprint"' in result.summary.read_text(encoding="utf-8")


def test_results_match_a_plain_generate(mixed: BatchResult, tmp_path: Path) -> None:
    from raci.inputs.profiles import builtin_profile

    alone = generate(tmp_path, builtin_profile("large"))
    gamma = mixed.results[2]
    assert gamma.shares == alone.report.shares
    assert gamma.workbook is not None
    assert gamma.workbook.read_bytes()[:2] == b"PK"


def test_a_hostile_name_stays_inside_the_output_folder(tmp_path: Path) -> None:
    names = ["../../x", "/etc/passwd", "..", "C:\\Windows\\evil", "a/../../b"]
    manifest = write_manifest(tmp_path / "in", [f'"{name}",,startup,,' for name in names])
    out = tmp_path / "deep" / "out"
    batch = run_threads(manifest, out)
    assert not batch.failed, [r.error for r in batch.failures]
    for result in batch.results:
        assert result.workbook is not None
        assert result.workbook.resolve().parent.parent == out.resolve()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["deep", "in"]
    assert sorted(path.name for path in (tmp_path / "deep").iterdir()) == ["out"]
    folders = [
        "C-Windows-evil",
        "a-..-..-b",
        "etc-passwd",
        "index.html",
        "portfolio.csv",
        "portfolio.xlsx",
        "unnamed",
        "x",
    ]
    for result in batch.results:
        assert result.workbook is not None
        assert result.workbook.name == f"raci-{result.job.folder.lower()}-startup.xlsx"
    assert sorted(path.name for path in out.iterdir()) == folders


def test_per_run_options_reach_generate(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = "id;area;responsibility;home\nPR-01;pricing;Fixer les prix catalogue;marketing\n"
    (folder / "semi.csv").write_bytes(text.replace("Fixer", "Fixér").encode("cp1252"))
    (folder / "tabs.csv").write_text(text.replace(";", "\t"), encoding="utf-8")
    (folder / "roles.csv").write_bytes((DATA / "roles.csv").read_bytes())
    manifest = write_manifest(
        folder,
        [
            "Semi,semi.csv,small,,,cp1252,;,,,,,",
            "Tabs,tabs.csv,small,,,,tab,,,,,",
            "Roles,,small,,,,,roles.csv,,,,",
            "Toko,,small,,,,,,ID,Toko Maju <Jaya>,,0b6e4f",
        ],
        header="name,input,size,headcount,profile,ENCODING, Delimiter ,roles,lang,client,logo,accent",
    )
    plan = read_manifest(manifest, tmp_path / "out")
    assert plan.jobs[0].options == {"encoding": "cp1252", "delimiter": ";"}
    assert plan.jobs[1].options == {"delimiter": "\t"}
    assert plan.jobs[2].options == {"roles": folder.absolute() / "roles.csv"}
    assert plan.jobs[3].options == {"lang": "id", "branding": {"client": "Toko Maju <Jaya>", "accent": "#0B6E4F"}}
    batch = run_batch(plan, executor=InlineExecutor())
    assert [result.error for result in batch.results] == [None, None, None, None]
    sheet = openpyxl.load_workbook(batch.results[0].workbook or "")["RACI"]
    assert any("Fixér les prix catalogue" in row for row in sheet.iter_rows(values_only=True))
    roles = openpyxl.load_workbook(batch.results[2].workbook or "")["Roles"]
    assert "Direktur Penjualan" in [row[0] for row in roles.iter_rows(values_only=True)]
    summary = (batch.results[3].summary or tmp_path).read_text(encoding="utf-8")
    assert 'lang="id"' in summary
    assert "Toko Maju &lt;Jaya&gt;" in summary
    assert "#0B6E4F" in summary


def test_every_per_run_option_of_generate_has_a_manifest_column() -> None:
    parameters = inspect.signature(generate).parameters
    keyword_only = {name for name, parameter in parameters.items() if parameter.kind is parameter.KEYWORD_ONLY}
    mapped = {option.keyword for option in RUN_OPTIONS.values()}
    assert mapped <= keyword_only, "RUN_OPTIONS names a keyword generate() does not take"
    # the batch names the files itself (client_stem), and a matrix's size and headcount come from the size columns
    missing = keyword_only - mapped - {"force", "stem", "matrix_size", "headcount"}
    assert not missing, f"add a line to raci.batch.RUN_OPTIONS for generate()'s {sorted(missing)}"


def test_jobs_are_plain_data_and_travel_by_pickle(tmp_path: Path) -> None:
    plan = read_manifest(write_manifest(tmp_path, GOOD_AND_BAD), tmp_path / "out")
    for job in plan.jobs:
        assert pickle.loads(pickle.dumps(job)) == job
        assert job.out_dir.is_absolute()
        assert job.catalogue is None or job.catalogue.is_absolute()


def test_a_real_process_pool_of_one(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path / "in", ["One,,small,,", "Two,broken.csv,large,,"])
    seen: list[tuple[str, int, int]] = []
    batch = run_batch(
        read_manifest(manifest, tmp_path / "out"),
        workers=1,
        progress=lambda result, done, total: seen.append((result.job.name, done, total)),
    )
    assert [result.ok for result in batch.results] == [True, False]
    assert [(done, total) for _, done, total in seen] == [(1, 2), (2, 2)]
    assert sorted(name for name, _, _ in seen) == ["One", "Two"]
    assert (tmp_path / "out" / "One" / "raci-one-small.xlsx").is_file()


# --- an injected executor -----------------------------------------------------------------


class InlineExecutor(Executor):
    """Runs each submission at once in this thread and records it: what a cluster's executor receives."""

    def __init__(self) -> None:
        self.submitted: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        self.submitted.append((fn, args))
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as err:
            future.set_exception(err)
        return future


class LosingExecutor(Executor):
    """Loses every job it is given, as a cluster does when a node dies."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        future.set_exception(ConnectionError("worker tcp://10.0.0.7:4001 died\nwhile running the task"))
        return future


def test_jobs_go_through_an_injected_executor(tmp_path: Path) -> None:
    plan = read_manifest(write_manifest(tmp_path / "in", GOOD_AND_BAD[:3]), tmp_path / "out")
    executor = InlineExecutor()
    batch = run_batch(plan, executor=executor, workers=99)
    assert [args for _, args in executor.submitted] == [(job,) for job in plan.jobs]
    assert all(pickle.loads(pickle.dumps(fn)) is fn for fn, _ in executor.submitted)  # a module-level function
    assert not batch.failed
    assert (tmp_path / "out" / "index.html").is_file()


def test_a_lost_job_is_a_failure_with_its_type_and_message(tmp_path: Path) -> None:
    plan = read_manifest(write_manifest(tmp_path / "in", GOOD_AND_BAD[:2]), tmp_path / "out")
    batch = run_batch(plan, executor=LosingExecutor())
    assert [result.error for result in batch.results] == [
        "ConnectionError: worker tcp://10.0.0.7:4001 died\\nwhile running the task"
    ] * 2


def test_an_unexpected_exception_in_a_job_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = raci.jobs.generate.generate

    def flaky(out_dir: Path, *args: Any, **kwargs: Any) -> Any:
        if Path(out_dir).name == "Gamma-Ltd":
            raise KeyError("no such\nthing")
        return real(out_dir, *args, **kwargs)

    monkeypatch.setattr(raci.jobs.generate, "generate", flaky)
    plan = read_manifest(write_manifest(tmp_path / "in", GOOD_AND_BAD[:3]), tmp_path / "out")
    batch = run_batch(plan, executor=InlineExecutor())
    assert [result.error for result in batch.results] == [None, None, "KeyError: 'no such\\nthing'"]


# --- bad manifests ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "manifest.csv: the manifest is empty"),
        ("\n\n  \n", "manifest.csv: the manifest is empty"),
        ("input,size\n,small\n", "manifest.csv, line 1: missing column name (columns found: input, size;"),
        ("name,input\nAcme,\n", "manifest.csv, line 1: missing column size or headcount or profile"),
        (
            "name,size,colour\nAcme,small,red\n",
            "manifest.csv, line 1, column `colour`: unknown column 'colour' (known columns are name, input, size, "
            "headcount, profile, encoding, delimiter",
        ),
        ("name,size,Size\nAcme,small,large\n", "line 1, column `size`: the column appears twice"),
        ("name,size\n", "manifest.csv, line 1: the header has no jobs under it"),
        ("name,size\nAcme,small\nBeta,large\n ACME ,medium\n", "line 4, column `name`: 'ACME' and 'Acme' (line 2)"),
        ("name,size\nAcme Inc,small\nAcme-Inc.,large\n", "line 3, column `name`: 'Acme-Inc.' and 'Acme Inc' (line 2)"),
        ("name,size\nIndex.html,small\n", "line 2, column `name`: 'Index.html' would write into Index.html/"),
        ("name,size\n,small\n", "line 2, column `name`: every job needs a name"),
        ("name,size,headcount\nAcme,,twelve\n", "line 2, column `headcount`: 'twelve' is not a number of people"),
        ("name,size,headcount\nAcme,,0\n", "line 2, column `headcount`: '0' is not a number of people"),
        ("name,size,headcount\nAcme,small,12\n", "line 2, column `headcount`: size and headcount both choose"),
        ("name,size\nAcme,huge\n", "line 2, column `size`: unknown size 'huge' (sizes are startup, small, medium"),
        ("name,size\nAcme,small,oops\n", "line 2: the row has 3 cells but the header names 2"),
        ("name,size,lang\nAcme,small,fr\n", "line 2, column `lang`: unknown language 'fr' (languages are en, id)"),
        ("name,size,accent\nAcme,small,teal\n", "line 2, column `accent`: accent 'teal' is not a colour"),
        ("name,size,pptx\nAcme,small,maybe\n", "line 2, column `pptx`: 'maybe' is neither yes nor no"),
        (
            "name,size\nPortfolio.xlsx,small\n",
            "line 2, column `name`: 'Portfolio.xlsx' would write into Portfolio.xlsx/",
        ),
    ],
)
def test_a_bad_manifest_is_one_located_line(tmp_path: Path, text: str, expected: str) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        read_manifest(manifest, tmp_path / "out")
    message = str(caught.value)
    assert expected in message
    assert message.startswith(str(manifest))
    assert "\n" not in message
    assert not (tmp_path / "out").exists()


def test_a_missing_manifest_or_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="no such manifest"):
        read_manifest(tmp_path / "nope.csv", tmp_path / "out")
    with pytest.raises(ManifestError, match="is a folder"):
        read_manifest(tmp_path, tmp_path / "out")


def test_headers_are_case_insensitive_and_paths_relative_to_the_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    (folder / "mini.csv").write_bytes((DATA / "mini.csv").read_bytes())
    (folder / "p.toml").write_bytes((DATA / "mini_profile.toml").read_bytes())
    manifest = write_manifest(
        folder,
        ["Acme,mini.csv,,,p.toml", "Beta,,,15.0,", "Gamma,,Large,,", "Delta,,,,"],
        header=" NAME ,Input,Size,HeadCount,PROFILE",
    )
    jobs = read_manifest(manifest, tmp_path / "out").jobs
    assert jobs[0].catalogue == folder.absolute() / "mini.csv"
    assert jobs[0].profile == folder.absolute() / "p.toml"
    assert (jobs[1].headcount, jobs[2].size, jobs[3].size, jobs[3].headcount) == (15, "Large", None, None)
    assert [job.line for job in jobs] == [2, 3, 4, 5]
    batch = run_batch(read_manifest(manifest, tmp_path / "out"), executor=InlineExecutor())
    assert [result.profile for result in batch.results] == ["mini", "small", "large", "small"]


def test_the_manifest_columns_are_documented_in_the_errors(tmp_path: Path) -> None:
    """The unknown-column error lists the columns the README documents, and a manifest may use all of them."""
    documented = (
        "name,input,size,headcount,profile,encoding,delimiter,roles,lang,client,logo,accent,templates,pptx,scheme,"
        "markdown,csv_long,interactive"
    )
    with pytest.raises(ManifestError) as caught:
        read_manifest(write_manifest(tmp_path, ["Acme,small,red"], header="name,size,colour"), tmp_path / "out")
    assert caught.value.hint == f"known columns are {documented.replace(',', ', ')}"
    everything = write_manifest(tmp_path, ["Acme,,small" + "," * 15], header=documented)
    assert [job.name for job in read_manifest(everything, tmp_path / "out").jobs] == ["Acme"]


def test_a_changed_index_is_kept_unless_forced(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path / "in", ["Acme,,small,,"])
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<p>my own notes</p>", encoding="utf-8")
    with pytest.raises(OutputError, match=r"index\.html: was changed after raci wrote it"):
        run_batch(read_manifest(manifest, out), executor=InlineExecutor())
    assert not (out / "Acme").exists()
    run_batch(read_manifest(manifest, out, force=True), executor=InlineExecutor())
    assert "Acme" in (out / "index.html").read_text(encoding="utf-8")
    run_batch(read_manifest(manifest, out), executor=InlineExecutor())  # its own index is replaced


# --- the index page ---------------------------------------------------------------------------


def index_of(batch: BatchResult) -> Element:
    root, errors = parse(batch.index.read_text(encoding="utf-8"))
    assert errors == []
    return root


def test_the_index_lists_every_job_with_links_and_shares(mixed: BatchResult) -> None:
    root = index_of(mixed)
    rows = root.by_id("jobs").find("tbody").find_all("tr")
    assert [row.attrs["data-job"] for row in rows] == [result.job.folder for result in mixed.results]
    assert [row.attrs["data-status"] for row in rows] == ["ok", "ok", "ok", "failed", "failed"]
    for number, (row, result) in enumerate(zip(rows, mixed.results, strict=True), start=1):
        assert result.job.name in row.find("th").text()
        if not result.ok:
            assert [link.attrs["href"] for link in row.find_all("a")] == [f"#failure-{number}"]
            continue
        links = {link.classes[0]: link.attrs["href"] for link in row.find_all("a")}
        assert set(links) == {"workbook", "summary"}
        for href in links.values():
            assert not href.startswith(("/", "file:"))
            assert ".." not in href
            assert (mixed.plan.out_dir / unquote(href)).is_file()
        assert mixed.plan.out_dir / unquote(links["workbook"]) == result.workbook
        assert row.find("td", class_="profile").attrs["data-profile"] == result.profile
        assert result.shares is not None
        for key in ("sales_led", "marketing_led", "home_alignment", "strategy_alignment"):
            cell = row.find("td", data_share=key)
            value = getattr(result.shares, key)
            assert cell.attrs["data-value"] == f"{value:.4f}"
            assert cell.text() == f"{value:.0%}"


def test_the_index_lists_the_failures_with_their_messages(mixed: BatchResult) -> None:
    root = index_of(mixed)
    items = root.by_id("failure-list").find_all("li")
    assert [item.attrs["data-job"] for item in items] == ["Delta", "Epsilon"]
    for item, result in zip(items, mixed.failures, strict=True):
        assert item.attrs["id"] == f"failure-{mixed.results.index(result) + 1}"
        assert item.find("p", class_="failure-message").text() == result.error
        assert f"manifest line {result.job.line}" in item.text()
    assert root.by_id("count-failed").text() == "2"
    assert root.by_id("count-written").text() == "3"
    assert root.by_id("verdict").attrs["data-ok"] == "false"


def test_the_index_escapes_names_and_is_self_contained(mixed: BatchResult) -> None:
    html = mixed.index.read_text(encoding="utf-8")
    assert "Beta &amp; Sons &lt;GmbH&gt;" in html
    assert "<GmbH>" not in html
    root = index_of(mixed)
    (script,) = root.find_all("script")  # the table's sorting, inline
    assert "src" not in script.attrs
    assert "fetch(" not in html
    assert "XMLHttpRequest" not in html
    assert not root.find_all("link")
    assert not root.find_all("img")
    assert "http://" not in html
    assert "https://" not in html


def test_an_index_without_failures(tmp_path: Path) -> None:
    batch = run_threads(write_manifest(tmp_path / "in", ["Solo,,medium,,"]), tmp_path / "out")
    root = index_of(batch)
    assert root.by_id("verdict").text() == "All 1 job written."
    assert not root.find_all(id="failures")


# --- the command (registered in raci/cli.py) ----------------------------------------------------


def test_cli_exits_1_and_names_the_failure(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path / "in", ["Acme,,small,,", "Delta,broken.csv,medium,,"])
    code, out, err = run("batch", str(manifest), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert code == 1
    progress = [line.split("] ", 1) for line in out.splitlines() if line.startswith("[")]
    assert [count for count, _ in progress] == ["[1/2", "[2/2"]
    assert sorted(status for _, status in progress) == ["Acme: ok", "Delta: failed"]
    assert "2 jobs: 1 written, 1 failed" in out
    assert err.startswith("Failed: Delta (line 3): ")
    assert "broken.csv, line 2, column `home`" in err
    assert len(err.splitlines()) == 1
    assert (tmp_path / "out" / "Acme" / "raci-acme-small.xlsx").is_file()
    assert (tmp_path / "out" / "index.html").is_file()
    assert f"Wrote {tmp_path / 'out' / 'portfolio.xlsx'}" in out
    assert f"Wrote {tmp_path / 'out' / 'portfolio.csv'}" in out


def test_cli_exits_0_when_every_job_is_written_and_quiet_prints_nothing(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path / "in", ["Acme,,small,,", "Beta,,,250,"])
    assert run("batch", str(manifest), "--out", str(tmp_path / "out"), "--jobs", "1", "--quiet") == (0, "", "")
    assert (tmp_path / "out" / "Beta" / "raci-beta-large.html").is_file()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name,size,colour\nAcme,small,red\n", "unknown column 'colour'"),
        ("name,size\nAcme,small\nacme,large\n", "would both write into"),
        ("", "the manifest is empty"),
    ],
)
def test_cli_bad_manifest_is_one_line_and_exit_2(tmp_path: Path, text: str, expected: str) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(text, encoding="utf-8")
    code, out, err = run("batch", str(manifest), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert (code, out) == (2, "")
    assert err.startswith(f"Error: {manifest}")
    assert expected in err
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_results_travel_back_by_pickle(mixed: BatchResult) -> None:
    """A worker sends its result back pickled: it arrives whole, failures and shares included."""
    for result in mixed.results:
        assert pickle.loads(pickle.dumps(result)) == result
