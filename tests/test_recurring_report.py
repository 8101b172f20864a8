"""The evidence pack for recurring findings: series history with ids, the demand, and the
rules on automatic renewal only as strong as their sources."""

from __future__ import annotations

import re

from recurring_helpers import background, monthly
from test_recurring_cli import export, invoke

from walletwatch.store import marks


def report(tmp_path, *args):
    path = export(tmp_path / "a.csv", [*background(), *monthly("爱奇艺会员", "30.00", day=5)])
    out = tmp_path / "report.md"
    result = invoke("report", path, "--out", out, "--now", "2025-07-01T09:00:00+08:00", *args)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_a_charge_after_cancelling_lists_the_series_asks_for_a_refund_and_cites_rules(
        tmp_path, isolated_home):
    marks.add("爱奇艺会员", "cancelled", "2025-04-10")
    text = report(tmp_path, "--lang", "en")
    assert "Series history" in text
    assert len(re.findall(r"- 2025-0\d-05 10:00 · CNY 30\.00 · ", text)) == 6  # every charge
    assert "Refund of the CNY 60.00 charged after I cancelled on 2025-04-10" in text
    assert "5 days before each renewal" in text
    assert "(as reported by secondary sources)" in text
    assert "(reported; not confirmed)" in text  # the weak source says so
    assert "complaints.md" not in text
    assert not re.search(r"Art(icle|\.) ?1[68]|第十[六八]条", text)  # unverified numbers


def test_the_chinese_pack_says_the_same_in_chinese(tmp_path, isolated_home):
    marks.add("爱奇艺会员", "cancelled", "2025-04-10")
    text = report(tmp_path, "--lang", "zh")
    assert "扣款历史" in text and "退还我于 2025-04-10 取消后被扣的 CNY 60.00" in text
    assert "据二手资料" in text and "自动续费日前五日" in text


def test_rules_of_china_are_not_cited_under_another_jurisdiction(tmp_path, isolated_home):
    marks.add("爱奇艺会员", "cancelled", "2025-04-10")
    text = report(tmp_path, "--lang", "en", "--jurisdiction", "uk")
    assert "Series history" in text and "5 days before each renewal" not in text


def test_a_report_without_recurring_findings_has_no_recurring_part(tmp_path):
    text = report(tmp_path, "--lang", "en")
    assert "Series history" not in text


def test_html_and_pdf_packs_carry_the_series_history_too(tmp_path, isolated_home):
    marks.add("爱奇艺会员", "cancelled", "2025-04-10")
    path = export(tmp_path / "a.csv", [*background(), *monthly("爱奇艺会员", "30.00", day=5)])
    for suffix in (".html", ".pdf"):
        out = tmp_path / f"report{suffix}"
        result = invoke("report", path, "--out", out, "--lang", "en",
                        "--now", "2025-07-01T09:00:00+08:00")
        assert result.exit_code == 0, result.output
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Series history" in html and "as reported by secondary sources" in html
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages)
    assert "Series history" in text and "after I cancelled on 2025-04-10" in text
