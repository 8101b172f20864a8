"""``walletwatch report`` end to end: inputs, options, formats and exit codes."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_helpers import DATA

from walletwatch.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ALIPAY_EXPORT = ROOT / "sample_data" / "alipay_2026.csv"
SCAN = str(DATA / "alipay_scan.json")
NOW = "2024-03-06T09:30:00+08:00"


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["report", *args], env={"WALLETWATCH_NOW": NOW, **(env or {})})


def test_report_from_a_saved_scan_document(tmp_path):
    out = tmp_path / "r.json"
    result = run(SCAN, "--case", str(DATA / "alipay_case.toml"), "--out", str(out))
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["header"]["generated_at"] == NOW
    assert (doc["lang"], doc["jurisdiction"]) == ("zh", "cn")
    assert len(doc["transactions"]) == 6


def test_lang_jurisdiction_and_finding_selection(tmp_path):
    scan = json.loads(Path(SCAN).read_text(encoding="utf-8"))
    wanted = scan["findings"][1]["id"]
    out = tmp_path / "r.json"
    result = run(SCAN, "--lang", "en", "--jurisdiction", "uk", "--finding", wanted,
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["lang"], doc["jurisdiction"]) == ("en", "uk")
    assert {r["check"] for r in doc["reasons"]} == {"duplicate-charge"}


@pytest.mark.skipif(not ALIPAY_EXPORT.exists(), reason="sample data not generated")
def test_report_from_an_export_matches_the_scan(tmp_path):
    scan = CliRunner().invoke(cli, ["scan", "--json", "--fail-on", "never", str(ALIPAY_EXPORT)])
    assert scan.exit_code == 0, scan.output
    saved = tmp_path / "scan.json"
    saved.write_text(scan.output, encoding="utf-8")
    direct, via_doc = tmp_path / "a.json", tmp_path / "b.json"
    assert run(str(ALIPAY_EXPORT), "--out", str(direct)).exit_code == 0
    assert run(str(saved), "--out", str(via_doc)).exit_code == 0
    a = json.loads(direct.read_text(encoding="utf-8"))
    b = json.loads(via_doc.read_text(encoding="utf-8"))
    assert a["transactions"] and a["transactions"] == b["transactions"]
    assert a["header"]["sources"][0]["sha256"] == b["header"]["sources"][0]["sha256"]


@pytest.mark.skipif(not ALIPAY_EXPORT.exists(), reason="sample data not generated")
def test_pdf_from_an_export(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "r.pdf"
    result = run(str(ALIPAY_EXPORT), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    assert len(PdfReader(str(out)).pages) >= 2


def test_init_case_to_stdout_and_to_a_file(tmp_path):
    result = run("--init-case", "--lang", "zh")
    assert result.exit_code == 0
    assert "[complainant]" in result.output and "投诉" in result.output
    tomllib.loads(result.output)
    target = tmp_path / "case.toml"
    assert run("--init-case", "--out", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# walletwatch case file")
    again = run("--init-case", "--out", str(target))
    assert again.exit_code == 2 and "already exists" in again.output


@pytest.mark.parametrize("args,code", [
    ((SCAN,), 2),  # no --out
    ((SCAN, "--out", "r.docx"), 2),  # format not known from the extension
    (("--out", "r.md"), 2),  # no input
    ((SCAN, "--finding", "nope", "--out", "r.md"), 2),
    ((SCAN, SCAN, "--out", "r.md"), 2),  # a scan document must be alone
    ((SCAN, "--jurisdiction", "mars", "--out", "r.md"), 2),
    ((SCAN, "--font", "missing.ttf", "--out", "r.pdf"), 2),
    (("missing.csv", "--out", "r.md"), 3),
    ((SCAN, "--case", "missing.toml", "--out", "r.md"), 2),  # the README: 2 = a bad case file
])
def test_exit_codes(tmp_path, monkeypatch, args, code):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output


def test_bad_case_content_is_a_usage_error(tmp_path):
    case = tmp_path / "case.toml"
    case.write_text('noticed_on = "last week"\n', encoding="utf-8")
    result = run(SCAN, "--case", str(case), "--out", str(tmp_path / "r.md"))
    assert result.exit_code == 2
    assert "noticed_on" in result.output


def test_not_a_scan_document_json_is_unreadable_input(tmp_path):
    bad = tmp_path / "scan.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run(str(bad), "--out", str(tmp_path / "r.md"))
    assert result.exit_code == 3


def test_font_option_embeds_the_given_font_or_refuses_a_non_font(tmp_path):
    from walletwatch.report.fonts import find_cjk_font

    not_a_font = tmp_path / "x.ttf"
    not_a_font.write_bytes(b"not a font at all")
    bad = run(SCAN, "--font", str(not_a_font), "--out", str(tmp_path / "r.pdf"))
    assert bad.exit_code == 2 and "font" in bad.output
    found = find_cjk_font(truetype=True)
    if found is None:
        pytest.skip("no TrueType CJK font on this machine")
    ok = run(SCAN, "--font", found.path, "--out", str(tmp_path / "r.pdf"))
    assert ok.exit_code == 0, ok.output
    assert b"/FontFile2" in (tmp_path / "r.pdf").read_bytes()
