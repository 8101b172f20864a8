"""Text from the export cannot inject markup or formulas; identifiers are masked by default."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from report_helpers import alipay_case, all_text, build, scan_doc

from walletwatch.report.html import render_html
from walletwatch.report.markdown import render_markdown
from walletwatch.report.tabular import render_csv

ATTACKS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTAB", "[click](javascript:alert(1)) | *bold* # head",
]


def _doc_with_counterparties(names: list[str]) -> dict:
    doc = scan_doc("alipay")
    txns = [t for f in doc["findings"] for t in f["transactions"]]
    for txn, name in zip(txns, names, strict=False):
        txn["counterparty"] = name
    doc["findings"][0]["reason"]["zh"] = ATTACKS[0] + ATTACKS[1]
    return doc


@pytest.fixture(scope="module")
def attacked():
    return build(_doc_with_counterparties(ATTACKS[:6]), alipay_case())


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.handlers = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def test_html_has_no_script_or_event_handler_from_the_export(attacked):
    parser = _Tags()
    parser.feed(render_html(attacked.document, b"png"))
    assert "script" not in parser.tags
    assert parser.handlers == []
    assert parser.tags.count("img") == 1  # the chart only


def test_markdown_escapes_tags_and_control_characters(attacked):
    text = render_markdown(attacked.document)
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;" in text
    # a table row keeps its column count: a "|" in a name cannot split a cell
    rows = [line for line in text.splitlines() if line.startswith("| 1 |")]
    assert rows and len(re.findall(r"(?<!\\)\|", rows[0])) == 10


def test_markdown_link_and_emphasis_are_inert():
    report = build(_doc_with_counterparties([ATTACKS[7]]))
    text = render_markdown(report.document)
    assert re.search(r"(?<!\\)\]\(javascript:", text) is None  # no unescaped link
    assert r"\[click\]" in text and r"\*bold\*" in text


def test_csv_neutralises_formula_cells(attacked):
    rows = list(csv.reader(io.StringIO(render_csv(attacked.document))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in cells


def test_third_parties_masked_by_default_and_shown_on_request():
    masked = build("alipay", alipay_case())
    shown = build("alipay", alipay_case(), show_identifiers=True)
    masked_text, shown_text = all_text(masked.document), all_text(shown.document)
    for secret in ("13912345678", "6225881234567890"):  # a payee's phone, a card number
        assert secret not in masked_text
        assert secret in shown_text
    assert "139****5678" in masked_text and "****7890" in masked_text
    # transaction ids stay searchable either way
    assert "2024022622001456780000000033" in masked_text


def test_the_holders_own_details_are_not_masked_in_their_own_letter():
    doc = build("alipay", alipay_case()).document
    letter = "\n".join(b.get("text", "") + "\n".join(b.get("items", []))
                       for b in doc["letter"]["blocks"])
    for own in ("13800138000", "liming.sh@example.com", "李明"):
        assert own in letter
    assert "139****5678" in letter  # a third party's phone stays masked


@pytest.mark.parametrize("fixture,lang", [("alipay", "zh"), ("alipay", "en"),
                                          ("paypal", "en"), ("wechat", "zh")])
@pytest.mark.parametrize("jurisdiction", ["cn", "us", "uk", "eu"])
def test_never_calls_an_item_fraud_and_always_disclaims(fixture, lang, jurisdiction):
    report = build(fixture, alipay_case(), lang=lang, jurisdiction=jurisdiction)
    text = render_markdown(report.document)
    # "Action Fraud" is the name of the UK reporting centre, not a judgement on an item
    assert not re.search(r"fraud|诈骗交易|欺诈", text.replace("Action Fraud", ""), re.IGNORECASE)
    assert not re.search(r"guarantee(d)? (a|your) (refund|outcome)|will be refunded|保证退款",
                         text, re.IGNORECASE)
    disclaimer = ("This summary organises your own transaction data. It is not legal advice and "
                  "does not guarantee any outcome." if lang == "en" else
                  "本摘要整理的是您本人的交易数据，不构成法律意见，也不保证任何处理结果。")
    assert disclaimer in text


def test_summary_is_at_most_120_words():
    doc = scan_doc("alipay")
    for finding in doc["findings"]:
        finding["category"] = "other"
    case = alipay_case()
    case.demand[0].note = "word " * 200
    report = build(doc, case, lang="en")
    assert len(report.document["summary"].split()) <= 120


def test_chinese_summary_is_kept_short():
    case = alipay_case()
    case.demand[0].note = "说明" * 300
    report = build("alipay", case)
    assert len(report.document["summary"]) <= 240
