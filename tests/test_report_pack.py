"""The pack as a complaint handler reads it: counts that reconcile, a letter in the holder's
voice, nothing internal, every string in the pack's language, and a README example that runs.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_helpers import alipay_case, build, scan_doc

from walletwatch.cases.api import load_case
from walletwatch.cases.file import Case, case_template
from walletwatch.cli import cli
from walletwatch.cases.deadlines import LETTER_REPLY
from walletwatch.report.markdown import render_markdown
from walletwatch.report.text import row_refs

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
EXAMPLE_CASE = ROOT / "docs" / "example-case.toml"
NOW = "2026-10-13T10:00:00+08:00"
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
INTERNAL = ("complaints.md", "founding document", "§", "handles confirmed", "detection.md",
            "formats.md", "UNVERIFIED", "[weak]", "[secondary]", "[primary]")
ENGLISH_CITATIONS = ("Art. 9", "Joint announcement")  # right in English, a leak in Chinese


def _report_from_sample(name: str, tmp_path, *args: str) -> dict:
    out = tmp_path / f"{name}.json"
    result = CliRunner().invoke(cli, ["report", str(SAMPLES / f"{name}_2026.csv"), *args,
                                      "--out", str(out)], env={"WALLETWATCH_NOW": NOW})
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def _sums(items: list[dict]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for item in items:
        out[item["currency"]] = out.get(item["currency"], Decimal(0)) + Decimal(item["amount"])
    return out


# --- counts reconcile -------------------------------------------------------------------------

@pytest.mark.parametrize("sample", ["alipay", "wechat", "paypal", "revolut"])
def test_summary_table_subtotals_letter_and_demand_agree(sample, tmp_path):
    args = ("--case", str(EXAMPLE_CASE)) if sample == "alipay" else ()
    doc = _report_from_sample(sample, tmp_path, *args)
    rows, subtotals = doc["transactions"], doc["subtotals"]
    assert sum(s["count"] for s in subtotals) == len(rows)
    assert sorted(n for s in subtotals for n in s["rows"]) == [r["n"] for r in rows]
    assert _sums(subtotals) == {t["currency"]: Decimal(t["amount"]) for t in doc["totals"]}
    # nothing counted as disputed took no money; what took none is listed for information
    assert all(r["problem_key"] != "failed-attempt" for r in rows)
    info_ids = {r["txn_id"] for r in doc["information"]["rows"]}
    assert not info_ids & {r["txn_id"] for r in rows}
    letter = "\n".join(b.get("text", "") + "\n".join(b.get("items", []))
                       for b in doc["letter"]["blocks"])
    for total in doc["totals"]:
        shown = f"{total['currency']} {total['amount']}"
        assert shown in doc["summary"] and shown in letter
    if rows:
        assert (f"{len(rows)} 笔" if doc["lang"] == "zh" else f"{len(rows)} transaction") \
            in doc["summary"]


def test_the_shipped_sample_disputes_money_only(tmp_path):
    doc = _report_from_sample("alipay", tmp_path, "--case", str(EXAMPLE_CASE))
    assert len(doc["transactions"]) == 7
    assert [t["amount"] for t in doc["totals"]] == ["8973.00"]
    assert [r["ref"] for r in doc["information"]["rows"]] == ["A1", "A2", "A3"]
    assert "另有 3 笔未扣款的记录仅供参考" in doc["summary"]
    # the example case asks back exactly the money at stake, so there is no gap to explain
    assert doc["demand"]["gap"] is None


def test_a_demand_smaller_than_the_money_at_stake_is_explained():
    case = alipay_case()
    case.demand = case.demand[:1]  # refund of 1924.00 only; 1959.00 is at stake
    for lang, words in (("zh", "与争议金额（CNY 1959.00）不同"),
                        ("en", "is not the amount at stake (CNY 1959.00)")):
        doc = build("alipay", case, lang=lang).document
        assert words in doc["demand"]["gap"]
        assert any(words in b.get("text", "") for b in doc["letter"]["blocks"])
        assert doc["demand"]["items"][0]["rows"] == [1, 4, 5, 6]  # 1796.00 + 128.00


@pytest.mark.parametrize("lang,words,absent", [
    ("zh", "没有需要投诉的交易", "0 笔"),
    ("en", "Nothing to dispute", "0 transactions"),
])
def test_a_report_with_nothing_to_dispute_says_so(lang, words, absent):
    doc = scan_doc("paypal")
    doc["findings"] = []
    report = build(doc, lang=lang).document
    text = render_markdown(report)
    assert words in report["summary"] and words in text
    assert absent not in text
    assert report["letter"]["empty"] and len(report["letter"]["blocks"]) == 1


@pytest.mark.parametrize("numbers,zh,en", [
    ([], "第  笔", ""),
    ([7], "第 7 笔", "#7"),
    ([1, 2], "第 1、2 笔", "#1 and #2"),
    ([7, 8, 9], "第 7–9 笔", "#7–#9"),
    ([1, 3, 5], "第 1、3、5 笔", "#1, #3 and #5"),
    ([1, 2, 3, 7, 9, 10, 11, 12], "第 1–3、7、9–12 笔", "#1–#3, #7 and #9–#12"),
])
def test_row_references_read_as_people_write_them(numbers, zh, en):
    assert row_refs(numbers, "zh") == zh
    assert row_refs(numbers, "en") == en


# --- the letter -------------------------------------------------------------------------------

def _letter(doc: dict) -> str:
    return "\n".join(b.get("text", "") + "\n".join(b.get("items", []))
                     for b in doc["letter"]["blocks"])


def test_the_letter_says_plainly_what_the_holder_did_not_authorise():
    zh = _letter(build("alipay", alipay_case()).document)
    assert "第 4–6 笔（2024-02-26 00:03 至 00:17，共 CNY 1796.00）不是我本人操作的，" \
           "我也没有授权任何人操作。" in zh
    assert "我没有向任何人透露过验证码或密码" in zh
    en = _letter(build("alipay", alipay_case(), lang="en").document)
    assert "I did not make or authorise #4–#6 (2024-02-26 00:03 to 00:17, CNY 1796.00 in " \
           "total)." in en
    # without security facts the holder only says they do not recognise them
    bare = _letter(build("alipay", Case(), lang="en").document)
    assert "I do not recognise #4–#6" in bare and "authorise" not in bare


def test_the_letter_attaches_only_what_exists_and_the_holder_is_told_what_to_obtain():
    doc = build("alipay", alipay_case()).document
    letter = _letter(doc)
    for missing in ("通话录音", "报案回执", "平台的答复", "[请附上]"):
        assert missing not in letter.split("随附材料")[1]
    assert [e["file"] for e in doc["exhibits"]] == ["alipay_record_20240301.csv", "orders.pdf",
                                                     "chat-2024-02-26.png"]
    assert any("通话录音" in x for x in doc["to_obtain"])  # a phone call is in the case log
    assert any("沪公(浦)受字[2024]0226-117" in x for x in doc["to_obtain"])


def test_one_reply_window_in_the_template_and_the_code():
    for lang in ("en", "zh"):
        text = case_template(lang)
        assert f"{LETTER_REPLY.amount} " in text and "{reply_days}" not in text
    doc = build("paypal", now=None).document
    assert doc["letter"]["reply_by"]


def test_stored_case_log_values_are_translated_in_a_chinese_letter():
    case = Case()
    case.first_notice.channel = "wallet's own customer service (Alipay 支付宝 / WeChat Pay 微信支付)"
    case.first_notice.date = alipay_case().first_notice.date
    from walletwatch.cases.file import Communication

    case.communications = [Communication(date=case.first_notice.date, channel="wallet-cn",
                                         summary="complaint opened")]
    doc = build("alipay", case).document
    text = render_markdown(doc)
    for english in ("wallet's own", "wallet-cn", "complaint opened"):
        assert english not in text
    assert "通过钱包平台客服首次告知贵方" in _letter(doc)
    assert "提出投诉" in text


# --- language and internal text ---------------------------------------------------------------

def _data_values(doc: dict, case: Case | None) -> list[str]:
    """Text copied from the export or the case file: quoted data, in whatever language."""
    values = []
    for row in doc["transactions"] + doc["information"]["rows"]:
        values += [row[k] for k in ("counterparty", "method", "status", "txn_id",
                                    "merchant_order_id") if row.get(k)]
    for reason in doc["reasons"] + doc["information"]["reasons"]:
        values += [reason["title"], reason["reason"]]  # written by the checks
    values += [s["file"] for s in doc["header"]["sources"]]
    if case is not None:
        def walk(value):
            if isinstance(value, dict):
                for v in value.values():
                    yield from walk(v)
            elif isinstance(value, list):
                for v in value:
                    yield from walk(v)
            elif isinstance(value, str):
                yield value
        values += list(walk(case.to_dict()))
    return sorted({v for v in values if v}, key=len, reverse=True)


def _without(text: str, values: list[str]) -> str:
    from walletwatch.report.escape import md

    for value in values:
        text = text.replace(md(value), " ").replace(value, " ")
    return re.sub(r"`[^`]*`", " ", text)  # code spans: ids, hashes, setting names


LATIN_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}")


@pytest.mark.parametrize("fixture,jurisdiction", [("alipay", "cn"), ("wechat", "cn"),
                                                  ("alipay", "us"), ("alipay", "uk"),
                                                  ("alipay", "eu")])
def test_the_chinese_pack_has_no_english_sentence_and_no_internal_marker(fixture, jurisdiction):
    case = alipay_case()
    doc = build(fixture, case, lang="zh", jurisdiction=jurisdiction).document
    text = render_markdown(doc)
    for marker in INTERNAL + ENGLISH_CITATIONS:
        assert marker not in text, marker
    body = _without(text, _data_values(doc, case))
    body = re.sub(r"https?://\S+|www\.\S+|\S+\.(?:gov|org|com)(?:\.\w+)?\S*", " ", body)
    # names that are the same in both languages (a regulator's abbreviation, a rule number)
    for name in ("Regulation E", "Reg E", "CFR", "DISP", "PSD2", "FIN-NET", "Wi-Fi", "App",
                 "Faster Payments", "Action Fraud", "IdentityTheft.gov", "CFPB", "FOS", "APP",
                 "PayPal", "Venmo", "Cash App", "Revolut", "Monzo", "Wise", "SHA-256", "UTC",
                 "walletwatch", "Directive"):
        body = body.replace(name, " ")
    runs = LATIN_RUN.findall(body)
    assert runs == [], runs


@pytest.mark.parametrize("fixture,jurisdiction,with_case", [
    ("paypal", "us", False), ("wechat", "uk", False), ("alipay", "cn", True),
    ("alipay", "eu", True)])
def test_the_english_pack_has_chinese_only_in_quoted_export_or_case_data(fixture, jurisdiction,
                                                                          with_case):
    case = alipay_case() if with_case else None
    doc = build(fixture, case, lang="en", jurisdiction=jurisdiction).document
    text = render_markdown(doc)
    for marker in INTERNAL:
        assert marker not in text, marker
    body = _without(text, _data_values(doc, case))
    assert CJK.findall(body) == [], [line for line in body.splitlines() if CJK.search(line)]


def test_every_report_string_has_both_languages():
    from walletwatch.report import text as wording
    from walletwatch.cases.deadlines import report_rules
    from walletwatch.report.channels import JURISDICTIONS, _module

    pairs = [*wording.LABELS.values(), *wording.PROBLEMS.values(), *wording.DEMANDS.values(),
             *wording.JURISDICTIONS.values()]
    for jurisdiction in JURISDICTIONS:
        module = _module(jurisdiction)
        for channel in module.CHANNELS:
            pairs += [channel["name"], channel["when"], *channel["facts"]]
            pairs += [channel["contact"]] if channel["contact"] else []
            pairs += [channel["source"]] if isinstance(channel["source"], tuple) else []
        pairs += list(module.NOTES) + [rule.text for rule in report_rules(jurisdiction)]
    for en, zh in pairs:
        assert en and zh and not CJK.search(en), en
        assert CJK.search(zh) or zh == en, zh  # the same in both only for a code: SHA-256


# --- runs as documented -----------------------------------------------------------------------

def test_the_readme_report_example_runs_from_a_fresh_clone(tmp_path, monkeypatch):
    readme = (ROOT / "docs" / "README.template.md").read_text(encoding="utf-8")
    command = re.search(r"\{\{\$ (walletwatch report [^}]*--case [^}]*)\}\}", readme)
    assert command, "the README shows no report example with a case file"
    args = command.group(1).split()[1:]
    case_arg = args[args.index("--case") + 1]
    assert (ROOT / case_arg).is_file(), f"the README names {case_arg}, which is not shipped"
    monkeypatch.chdir(ROOT)
    out = tmp_path / "report.pdf"
    args[args.index("--out") + 1] = str(out)
    result = CliRunner().invoke(cli, args, env={"WALLETWATCH_NOW": NOW})
    assert result.exit_code == 0, result.output
    assert "1 disputed transactions" not in result.output
    assert out.read_bytes()[:5] == b"%PDF-"


def test_inspect_help_names_a_file_that_exists():
    result = CliRunner().invoke(cli, ["inspect", "--help"])
    for path in re.findall(r"sample_data/\S+", result.output):
        assert (ROOT / path).exists(), path


def test_report_takes_a_case_opened_with_state(tmp_path):
    from store_helpers import MAR, check_json, invoke

    state = tmp_path / "state.sqlite"
    check_json(state, MAR)
    from walletwatch.store import alerts, open_store

    with open_store(state) as store:
        finding = {f.check: f.id for f in alerts.open_alerts(store.conn)}["stuck-topup"]
    opened = invoke("case", "open", finding, "--channel", "wallet-cn", "--date", "2024-03-11",
                    "--reference", "ALI-1", "--state", state)
    assert opened.exit_code == 0, opened.output
    out = tmp_path / "report.md"
    result = invoke("report", MAR, "--case", "C-0001", "--state", state, "--finding", finding,
                    "--out", out, "--now", "2024-03-20T09:00:00+08:00")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "ALI-1" in text and "钱包平台客服" in text and "wallet-cn" not in text
    assert load_case("C-0001", state).first_notice.ticket == "ALI-1"


def test_every_file_the_readme_names_is_shipped():
    readme = (ROOT / "docs" / "README.template.md").read_text(encoding="utf-8")
    named = set(re.findall(r"(?:sample_data|docs)/[\w./-]+\.(?:csv|toml|png|py|md)", readme))
    assert named
    missing = [path for path in sorted(named) if not (ROOT / path).is_file()
               and "does-not-exist" not in path]  # the README's example of a missing file
    assert missing == []


def test_the_chart_compares_disputed_days_with_a_usual_day():
    from walletwatch.report.chart import daily_figures

    doc = build("alipay", alipay_case()).document
    activity = [  # a usual day: 20, 30 and 40 spent on three other days
        {"time": "2024-02-01T10:00:00+08:00", "amount": "20.00", "currency": "CNY",
         "direction": "out", "status": "success"},
        {"time": "2024-02-02T10:00:00+08:00", "amount": "30.00", "currency": "CNY",
         "direction": "out", "status": "success"},
        {"time": "2024-02-03T10:00:00+08:00", "amount": "40.00", "currency": "CNY",
         "direction": "out", "status": "success"},
        {"time": "2024-02-26T12:00:00+08:00", "amount": "15.00", "currency": "CNY",
         "direction": "out", "status": "success"},
    ] + [{"time": r["time"], "amount": r["amount"], "currency": r["currency"],
          "direction": "out", "status": "success"} for r in doc["transactions"]]
    currency, days, usual = daily_figures(doc, activity)
    assert currency == "CNY" and usual == Decimal("30.00")
    by_day = {day: (disputed, other, refs) for day, disputed, other, refs in days}
    # a duplicate pair: only the extra debit is disputed, the first was a real purchase
    assert by_day["2024-02-14"] == (Decimal("35.00"), Decimal("35.00"), [2, 3])
    assert by_day["2024-02-26"] == (Decimal("1796.00"), Decimal("15.00"), [4, 5, 6])
    assert sum(d for d, _, _ in by_day.values()) == Decimal(doc["totals"][0]["amount"])


def test_times_read_as_people_write_them_with_the_zone_once_or_on_each_when_several():
    doc = build("paypal").document
    assert doc["transactions"][0]["when"] == "2024-03-03 14:05:11"
    assert doc["header"]["times_note"] == "All times are UTC-08:00, as in the export."
    text = render_markdown(doc)
    assert "T14:05" not in text and "-08:00`" not in text
    summer = scan_doc("paypal")
    summer["findings"][0]["transactions"][0]["time"] = "2024-03-03T14:05:11-07:00"
    doc = build(summer).document
    assert doc["transactions"][0]["when"] == "2024-03-03 14:05:11 UTC-07:00"
    assert doc["timeline"][0]["when_text"] == "2024-03-03 14:05 UTC-07:00"
    assert "UTC offset" in doc["header"]["times_note"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_never_breaks_an_id_a_time_or_a_check_code_inside(lang, tmp_path):
    from pypdf import PdfReader

    from walletwatch.report.render import write_report

    report = build("alipay", alipay_case(), lang=lang)
    out = tmp_path / "r.pdf"
    write_report(report, out)
    lines = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages).splitlines()
    text = "\n".join(lines)
    for row in report.document["transactions"]:
        day, clock = row["when"].split(" ", 1)  # a time may wrap between date and clock only
        for whole in (row["txn_id"], day, clock, row["merchant_order_id"] or row["txn_id"]):
            assert whole in text, whole
    for reason in report.document["reasons"]:
        assert reason["check"] in text, reason["check"]
    if lang == "en":
        assert "Currency" in text and "Curre\nncy" not in text
