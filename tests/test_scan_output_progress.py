"""Large-statement output (issue 12): compact ``--json`` unless ``--pretty``, and the stages a
progress display is told about, through the CLI and the library API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from detection_helpers import regular_history
from test_scan_cli import attack, export, young_topup

from walletwatch.cli import cli
from walletwatch.pipeline import scan

ALIPAY = Path(__file__).parent / "data" / "ingest" / "alipay" / "app_2026.csv"


@pytest.fixture
def statement(tmp_path):
    return export(tmp_path, regular_history() + attack() + [young_topup()])


class Recorder:
    """What a progress display receives: stage names in order, and bytes read."""

    def __init__(self):
        self.stages: list[str] = []
        self.bytes = 0

    def stage(self, name: str, total=None) -> None:
        self.stages.append(name)

    def __call__(self, count: int) -> None:
        self.bytes += count


def test_scan_json_is_compact_by_default_and_indented_with_pretty(statement):
    runner = CliRunner()
    compact = runner.invoke(cli, ["scan", statement, "--json", "--fail-on", "never"])
    pretty = runner.invoke(cli, ["scan", statement, "--json", "--pretty", "--fail-on", "never"])
    assert compact.exit_code == 0, compact.output
    assert pretty.exit_code == 0, pretty.output
    assert compact.stdout.count("\n") == 1  # one line: the document, then a newline
    assert pretty.stdout.startswith('{\n  "schema_version": 1,')
    assert json.loads(compact.stdout) == json.loads(pretty.stdout)
    assert json.loads(compact.stdout)["findings"]  # the attack is in the document


def test_scan_json_keeps_chinese_text_as_text(statement):
    result = CliRunner().invoke(cli, ["scan", statement, "--json", "--fail-on", "never"])
    assert "\\u" not in result.stdout  # UTF-8, as before: not ASCII escapes
    assert "数码专营店" in result.stdout


def test_inspect_and_check_json_take_pretty(tmp_path):
    runner = CliRunner()
    compact = runner.invoke(cli, ["inspect", str(ALIPAY), "--json"])
    pretty = runner.invoke(cli, ["inspect", str(ALIPAY), "--json", "--pretty"])
    assert compact.stdout.count("\n") == 1
    assert pretty.stdout.count("\n") > 10
    assert json.loads(compact.stdout) == json.loads(pretty.stdout)
    state = str(tmp_path / "state.sqlite")
    check = runner.invoke(cli, ["check", str(ALIPAY), "--state", state, "--json", "--pretty",
                                "--fail-on", "never"])
    assert check.exit_code == 0, check.output
    assert check.stdout.startswith("{\n  ")


def test_scan_tells_the_progress_display_every_stage_in_order(statement):
    recorder = Recorder()
    result = scan([statement], progress=recorder)
    from walletwatch.checks import MODULES

    # The checks that do not read the risk table run while the forest scores; the one that
    # does waits for it.
    others = [f"check: {name}" for name in MODULES if name != "unrecognised"]
    assert recorder.stages == ["read", "normalise", "features", "model", *others,
                               "model: forest", "check: unrecognised"]
    assert recorder.bytes == Path(statement).stat().st_size
    assert result.findings


def test_report_tells_the_progress_display_it_is_writing_after_the_checks(statement, tmp_path):
    from walletwatch.report.api import make_report

    recorder = Recorder()
    out = tmp_path / "pack.md"
    make_report([statement], out, scan_options={"progress": recorder})
    assert recorder.stages[:4] == ["read", "normalise", "features", "model"]
    assert recorder.stages[-1] == "writing"
    assert recorder.stages[-2].startswith("check: ")
    assert out.is_file()


def test_scan_without_a_terminal_prints_no_progress(statement):
    result = CliRunner().invoke(cli, ["scan", statement, "--json", "--fail-on", "never"])
    assert result.stderr == ""  # not a terminal: stdout carries the results, stderr nothing
