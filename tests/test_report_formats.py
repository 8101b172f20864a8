"""Every output format is written and read back: Markdown, HTML, PDF, JSON, CSV."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from report_helpers import alipay_case, build

from walletwatch.report.render import write_report


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.ids: list[str] = []
        self.img_src: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "img":
            self.img_src.append(attrs.get("src", ""))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def report():
    return build("alipay", alipay_case())


def test_json_is_the_schema_versioned_document(report, tmp_path):
    out = tmp_path / "r.json"
    write_report(report, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema_version"] == 2
    assert doc["kind"] == "walletwatch-report"
    assert [s["id"] for s in doc["sections"]] == [
        "overview", "transactions", "reasons", "information", "timeline", "security",
        "communications", "channels", "letter", "exhibits", "provenance"]
    assert doc == json.loads(json.dumps(report.document))


def test_csv_has_one_row_per_disputed_transaction(report, tmp_path):
    out = tmp_path / "r.csv"
    write_report(report, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["txn_id"] for r in rows] == [t["txn_id"] for t in report.document["transactions"]]
    assert {r["currency"] for r in rows} == {"CNY"}
    assert rows[0]["amount"] == "128.00"


def test_markdown_writes_the_chart_next_to_it(report, tmp_path):
    out = tmp_path / "r.md"
    write_report(report, out)
    text = out.read_text(encoding="utf-8")
    chart = tmp_path / "r.timeline.png"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "(r.timeline.png)" in text
    for row in report.document["transactions"]:
        assert row["txn_id"] in text


def test_html_is_one_self_contained_file(report, tmp_path):
    out = tmp_path / "r.html"
    write_report(report, out)
    parser = _Collect()
    parser.feed(out.read_text(encoding="utf-8"))
    text = "".join(parser.text)
    assert parser.img_src and all(src.startswith("data:image/png;base64,")
                                  for src in parser.img_src)
    assert "script" not in parser.tags and "link" not in parser.tags
    for section in ("overview", "transactions", "timeline", "channels", "letter", "exhibits",
                    "provenance"):
        assert section in parser.ids
    for row in report.document["transactions"]:
        assert row["txn_id"] in text
    assert report.document["header"]["disclaimer"] in text


def test_pdf_text_is_extractable_with_page_numbers_and_hash(report, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "r.pdf"
    notes = write_report(report, out)
    reader = PdfReader(str(out))
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    for row in report.document["transactions"]:
        assert row["txn_id"] in text  # searchable ids
    digest = report.document["header"]["sources"][0]["sha256"]
    for number, page in enumerate(pages, start=1):
        assert digest in page
        assert f"第 {number} 页" in page
    assert "不构成法律意见" in text  # Chinese came out as text, not boxes
    # without a CJK font on the machine the two documented fallback notes appear
    assert all("not embedded" in n or "chart is drawn without words" in n for n in notes)


def test_pdf_embeds_a_cjk_font_when_one_is_found(report, tmp_path):
    from walletwatch.report.fonts import find_cjk_font

    if find_cjk_font(truetype=True) is None:
        pytest.skip("no TrueType CJK font on this machine")
    out = tmp_path / "r.pdf"
    assert write_report(report, out) == []
    data = out.read_bytes()
    assert b"/FontFile2" in data  # an embedded TrueType font program
    assert b"STSong-Light" not in data


def test_pdf_without_a_cjk_font_says_it_is_not_embedded(report, tmp_path, monkeypatch):
    from pypdf import PdfReader

    from walletwatch.report import fonts

    monkeypatch.setattr(fonts, "find_cjk_font", lambda truetype: None)
    monkeypatch.setattr("walletwatch.report.pdf.find_cjk_font", lambda truetype: None)
    monkeypatch.setattr("walletwatch.report.chart.find_cjk_font", lambda truetype: None)
    out = tmp_path / "r.pdf"
    notes = write_report(report, out)
    assert any("not embedded" in n for n in notes)
    assert any("without words" in n for n in notes)  # no boxes, and no English in a zh pack
    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "本 PDF 未嵌入中文字体" in text and "Note:" not in text  # said in the report's language
    for row in report.document["transactions"]:
        assert row["txn_id"] in text


def test_english_report_pdf(tmp_path):
    from pypdf import PdfReader

    report = build("paypal", lang="en")
    out = tmp_path / "r.pdf"
    write_report(report, out)
    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Page 1" in text
    assert "5TY05013RG002845M" in text and "0KJ88321AB123456C" in text


def test_unknown_extension_is_a_usage_error(report, tmp_path):
    from walletwatch.errors import ConfigError

    with pytest.raises(ConfigError):
        write_report(report, tmp_path / "r.docx")


@pytest.mark.parametrize("ext", ["pdf", "html", "md", "csv", "json"])
def test_output_is_byte_identical_for_the_same_input(tmp_path, ext):
    first, second = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
    write_report(build("alipay", alipay_case()), first)
    write_report(build("alipay", alipay_case()), second)
    a, b = first.read_bytes(), second.read_bytes()
    if ext == "md":  # the chart link names the file itself
        a = a.replace(b"a.timeline.png", b"b.timeline.png")
    assert a == b


@pytest.mark.parametrize("ext", ["pdf", "html", "md", "csv", "json"])
def test_a_scan_without_findings_still_gives_a_complete_report(tmp_path, ext):
    from report_helpers import scan_doc

    doc = scan_doc("paypal")
    doc["findings"] = []
    report = build(doc)
    assert report.document["transactions"] == [] and report.document["totals"] == []
    write_report(report, tmp_path / f"r.{ext}")
    assert (tmp_path / f"r.{ext}").stat().st_size > 0
