"""Never a traceback, never a leak: the last-resort handler, output files, masking everywhere."""

from __future__ import annotations

import csv
import json
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from walletwatch.cli import cli
from walletwatch.errors import ExitCode

from conftest import ROOT, SAMPLES

CARD = "招商银行储蓄卡(6222021234567890123)"
EMAIL = "jane.doe@example.com"
PHONE = "13812345678"
HOSTILE = f"{EMAIL} {PHONE}\x1b[2J\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07\u202eexe.pdf"
FORMULA = "=1+2"


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _one_line_error(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def leaky(tmp_path) -> Path:
    """The WeChat sample with identifiers, escapes and a formula in findings' counterparties:
    line 22 a stuck withdrawal to a card, lines 27-28 a duplicate charge (its reason names the
    payee), line 35 part of an unrecognised burst."""
    lines = (SAMPLES / "wechat_2026.csv").read_text(encoding="utf-8").split("\n")
    lines[21] = lines[21].replace("中国银行(1234)", CARD, 1)
    lines[26] = f"2026-10-31 13:05:16,商户消费,{HOSTILE},/,支出,¥12.84,零钱,支付成功,42002026103100000901\t,/\t,/"
    lines[27] = f"2026-10-31 13:02:16,商户消费,{HOSTILE},/,支出,¥12.84,零钱,支付成功,42002026103100000902\t,/\t,/"
    lines[34] = lines[34].replace("某充值小店B", FORMULA, 1)
    path = tmp_path / "wechat_leaky.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# --- the last-resort handler ----------------------------------------------------------------

def test_unexpected_exception_is_one_line_with_its_own_exit_code(monkeypatch, tmp_path):
    import walletwatch.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError(f"something nobody expected in {CARD!r}\nsecond line")

    monkeypatch.setattr(walletwatch.pipeline, "scan", broken)
    result = invoke("scan", SAMPLES / "wechat_2026.csv")
    line = _one_line_error(result, ExitCode.INTERNAL)
    assert ExitCode.INTERNAL not in (ExitCode.FINDINGS, 0)
    assert "internal error: RuntimeError: something nobody expected" in line
    assert "report it" in line and "second line" not in line
    assert "6222021234567890123" not in line and "****0123" in line


def test_traceback_flag_lets_the_unexpected_exception_through(monkeypatch):
    import walletwatch.pipeline

    monkeypatch.setattr(walletwatch.pipeline, "scan",
                        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    result = invoke("--traceback", "scan", SAMPLES / "wechat_2026.csv")
    assert isinstance(result.exception, RuntimeError)


def test_every_exit_code_is_in_the_readme_template():
    template = (ROOT / "docs" / "README.template.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert re.search(rf"^\|\s*{int(code)}\s*\|", template, re.M), f"exit code {code!r}"


# --- output files: a missing folder is one line; everything we write is owner-only ----------

def test_report_into_a_missing_folder_is_one_line(tmp_path):
    out = tmp_path / "no" / "such" / "report.html"
    result = invoke("report", SAMPLES / "wechat_2026.csv", "--out", out)
    line = _one_line_error(result, ExitCode.OUTPUT)
    assert "does not exist" in line and str(out) in line
    assert not out.parent.exists()


def test_scores_into_a_missing_folder_is_one_line(tmp_path):
    out = tmp_path / "missing" / "scores.csv"
    result = invoke("scan", SAMPLES / "wechat_2026.csv", "--scores", out, "--fail-on", "never")
    line = _one_line_error(result, ExitCode.OUTPUT)
    assert "--scores" in line


@pytest.mark.parametrize("suffix", [".html", ".md", ".csv", ".json"])
def test_reports_are_owner_only(tmp_path, suffix):
    out = tmp_path / f"report{suffix}"
    result = invoke("report", SAMPLES / "wechat_2026.csv", "--out", out)
    assert result.exit_code == 0, result.output
    assert _mode(out) == 0o600
    for extra in tmp_path.glob("*.png"):  # the Markdown report's chart
        assert _mode(extra) == 0o600


def test_overwritten_report_becomes_owner_only(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o644)
    assert invoke("report", SAMPLES / "wechat_2026.csv", "--out", out).exit_code == 0
    assert _mode(out) == 0o600


def test_scores_and_case_template_are_owner_only(tmp_path):
    scores = tmp_path / "scores.csv"
    result = invoke("scan", SAMPLES / "wechat_2026.csv", "--scores", scores, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert _mode(scores) == 0o600
    case = tmp_path / "case.toml"
    assert invoke("report", "--init-case", "--out", case).exit_code == 0
    assert _mode(case) == 0o600


# --- masking wherever a finding leaves the process -------------------------------------------

def _assert_masked(text: str) -> None:
    assert "6222021234567890123" not in text
    assert EMAIL not in text
    assert PHONE not in text


def test_scan_json_masks_identifiers_unless_asked(leaky):
    result = invoke("scan", leaky, "--json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    _assert_masked(result.stdout)
    assert "招商银行储蓄卡(****0123)" in result.stdout
    doc = json.loads(result.stdout)
    assert all(f["id"] for f in doc["findings"])  # ids stay searchable
    shown = invoke("--show-identifiers", "scan", leaky, "--json", "--fail-on", "never")
    assert CARD in shown.stdout and EMAIL in shown.stdout


def test_scan_terminal_masks_and_strips_escapes_and_bidi(leaky):
    result = invoke("scan", leaky, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    _assert_masked(result.stdout)
    assert "\x1b[2J" not in result.stdout and "\x1b]8" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "j***@example.com 138****5678" in result.stdout  # the duplicate charge's payee
    shown = invoke("--show-identifiers", "scan", leaky, "--fail-on", "never")
    assert EMAIL in shown.stdout
    assert "\x1b" not in shown.stdout and "\u202e" not in shown.stdout


def test_scores_csv_masks_and_neutralises_formulas(leaky, tmp_path):
    scores = tmp_path / "scores.csv"
    result = invoke("scan", leaky, "--scores", scores, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    text = scores.read_text(encoding="utf-8")
    _assert_masked(text)
    names = [row["counterparty"] for row in csv.DictReader(text.splitlines())]
    assert "'" + FORMULA in names and FORMULA not in names
    assert not any(n.startswith(("=", "+", "-", "@", "\t", "\r")) for n in names)
    shown = tmp_path / "shown.csv"
    invoke("--show-identifiers", "scan", leaky, "--scores", shown, "--fail-on", "never")
    assert "6222021234567890123" in shown.read_text(encoding="utf-8")


# --- masking is linear: a 1 MB name must not hang the report ---------------------------------

PATHOLOGICAL = '["a" * 10**6, "a@" + "b" * 10**6, "a@" + "b." * 500_000, "x.y@" * 250_000, "1 " * 500_000]'


def test_masking_a_megabyte_of_text_completes():
    code = ("import sys; from walletwatch.report.mask import mask_text\n"
            f"for text in {PATHOLOGICAL}: mask_text(text)\n"
            "print('done')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)  # a hang guard, not a speed target (benchmarks/)
    assert done.stdout.strip() == "done", done.stderr


def test_report_with_a_megabyte_counterparty_completes(tmp_path):
    lines = (SAMPLES / "wechat_2026.csv").read_text(encoding="utf-8").split("\n")
    lines[21] = lines[21].replace("中国银行(1234)", "a@" + "b" * 1_000_000, 1)
    export = tmp_path / "wechat_huge_name.csv"
    export.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "report.json"
    done = subprocess.run([sys.executable, "-m", "walletwatch", "report", str(export),
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, ExitCode.INPUT), done.stderr  # read, or refused in one line
    if done.returncode == 0:
        assert json.loads(out.read_text(encoding="utf-8"))["transactions"]


def test_inspect_prints_no_escape_sequence_from_the_export(tmp_path):
    lines = (SAMPLES / "wechat_2026.csv").read_text(encoding="utf-8").split("\n")
    lines[30] = lines[30].replace("支付成功", "\u202e\x1b[2J\x1b]8;;http://evil.example/\x07成功", 1)
    lines[31] = lines[31].replace("¥", "¥\x1b[31m", 1)  # a bad amount: quoted in the reject
    export = tmp_path / "wechat_escapes.csv"
    export.write_text("\n".join(lines), encoding="utf-8")
    result = invoke("inspect", export)
    assert "rejected" in result.stdout
    assert "\x1b" not in result.output and "\u202e" not in result.output


def test_report_that_cannot_be_written_is_one_line(tmp_path):
    out = Path("/proc/walletwatch-report.json")  # a folder that exists but takes no new file
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc")
    result = invoke("report", SAMPLES / "wechat_2026.csv", "--out", out)
    line = _one_line_error(result, ExitCode.OUTPUT)
    assert "cannot write" in line or "no permission" in line


def test_ctrl_c_is_not_exit_code_1(monkeypatch):
    import walletwatch.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(walletwatch.pipeline, "scan", interrupted)
    result = invoke("scan", SAMPLES / "wechat_2026.csv")
    assert result.exit_code == ExitCode.INTERRUPTED != ExitCode.FINDINGS
    assert "Traceback" not in result.output
