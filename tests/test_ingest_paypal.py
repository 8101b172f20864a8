"""PayPal activity download: the 41-column, business and legacy layouts, through the API and CLI."""

from __future__ import annotations

import json

import pytest

from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.schema import format_amount, iso_local

from conftest import DATA

PAYPAL = DATA / "ingest" / "paypal"
US = PAYPAL / "activity_us.csv"
EU = PAYPAL / "activity_eu_business.csv"
LEGACY = PAYPAL / "download_history_legacy.csv"


def by_id(path):
    result = walletwatch.load([path])
    return {row.txn_id: row for row in result.frame.itertuples()}


def local(row) -> str:
    return iso_local(row.time, row.tz)


def test_every_layout_is_detected_as_paypal_and_counted():
    for path, rows in ((US, 13), (EU, 7), (LEGACY, 4)):
        report = walletwatch.load([path]).files[0]
        assert report.error is None
        assert report.format == "paypal"
        assert (report.rows_total, report.rows_ok, report.rows_rejected) == (rows, rows, 0)
    assert walletwatch.load([US]).files[0].encoding == "utf-8-sig"


def test_per_row_time_zone_abbreviations_give_utc_and_the_iana_zone():
    rows = by_id(US)
    winter = rows["5TY05013RG002845M"]  # 1/5/2024 09:14:02 PST
    assert winter.time.isoformat() == "2024-01-05T17:14:02+00:00"
    assert (winter.tz, local(winter)) == ("America/Los_Angeles", "2024-01-05T09:14:02-08:00")
    summer = rows["2WX33441YZ556677A"]  # 3/10/2024 03:30:00 PDT, the day DST began
    assert summer.time.isoformat() == "2024-03-10T10:30:00+00:00"
    eu = by_id(EU)
    assert local(eu["41A07735KX2219140"]) == "2024-01-03T08:15:44+01:00"  # CET
    assert local(eu["96F52280PC7764695"]) == "2024-04-02T10:30:00+02:00"  # CEST


def test_gmt_written_in_summer_keeps_the_wall_clock_of_the_file():
    rows = by_id(LEGACY)
    assert local(rows["0AA11223BB4455667"]) == "2016-03-14T21:12:04+00:00"  # GMT, winter
    assert local(rows["1CC22334DD5566778"]) == "2016-04-02T09:05:40+01:00"  # BST
    june = rows["2EE33445FF6677889"]  # "GMT" on 05/06/2016: a fixed +00:00, not London time
    assert june.time.isoformat() == "2016-06-05T18:30:00+00:00"
    assert local(june) == "2016-06-05T18:30:00+00:00"


def test_date_order_is_decided_per_file():
    # EU file: 28/03/2024 proves day-first, so 03/01/2024 is 3 January.
    assert local(by_id(EU)["41A07735KX2219140"]).startswith("2024-01-03")
    # US file: 1/18/2024 proves month-first; 2/9/2024 is 9 February.
    assert local(by_id(US)["7QR99120ST110022U"]).startswith("2024-02-09")


def test_ambiguous_dates_default_to_us_order(tmp_path):
    text = US.read_text(encoding="utf-8-sig").splitlines()
    kept = [text[0], *(line for line in text[1:] if line.startswith(('"1/5/2024"', '"2/2/2024"')))]
    path = tmp_path / "ambiguous.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8-sig")
    rows = by_id(path)
    assert local(rows["3CD44512EF667788G"]).startswith("2024-02-02")
    assert local(rows["5TY05013RG002845M"]).startswith("2024-01-05")  # not 1 May


def test_locale_numbers_are_exact():
    us, eu, legacy = by_id(US), by_id(EU), by_id(LEGACY)
    assert (us["8JK22011LM334455N"].amount, us["8JK22011LM334455N"].fee) == (101530, 2974)
    assert (eu["41A07735KX2219140"].amount, eu["41A07735KX2219140"].fee) == (101530, 3584)
    assert eu["85E41179OB6653584"].amount == 2300  # "-23,00"
    assert legacy["0AA11223BB4455667"].amount == 101530  # US numbers with UK dates


def test_balance_impact_gives_direction_and_memo_is_neutral():
    rows = by_id(US)
    assert rows["5TY05013RG002845M"].direction == "out"  # Debit
    assert rows["1AB23456CD789012E"].direction == "in"  # Credit
    assert rows["0QS22334TU556677V"].direction == "neutral"  # Memo (denied)
    # No Balance Impact column (business layout): the sign of Gross decides.
    eu = by_id(EU)
    assert eu["41A07735KX2219140"].direction == "in"
    assert eu["52B18846LY3320251"].direction == "out"


def test_status_vocabulary():
    us, eu, legacy = by_id(US), by_id(EU), by_id(LEGACY)
    assert us["5TY05013RG002845M"].status == "success"  # Completed
    assert legacy["2EE33445FF6677889"].status == "success"  # Cleared
    assert us["2WX33441YZ556677A"].status == "pending"  # Pending
    assert legacy["3GG44556HH7788990"].status == "pending"  # Placed
    assert us["0QS22334TU556677V"].status == "failed"  # Denied
    assert us["3CD44512EF667788G"].status == "refunded"  # Partially Refunded
    assert eu["07G63391QD8875706"].status == "closed"  # Reversed
    assert (us["5CD66778EF990011G"].status, us["5CD66778EF990011G"].raw_status) == (
        "unknown", "Frozen")


def test_unknown_status_is_reported():
    report = walletwatch.load([US]).files[0]
    assert [(n.code, n.value) for n in report.notices] == [("unknown-status", "Frozen")]
    assert report.status_counts["unknown"] == 1


def test_refund_rows_link_to_the_original_payment():
    rows = by_id(US)
    refund = rows["7QR99120ST110022U"]
    assert (refund.kind, refund.status, refund.refund_of) == ("refund", "refunded",
                                                              "3CD44512EF667788G")
    assert rows["3CD44512EF667788G"].refund_of == ""
    legacy = by_id(LEGACY)["1CC22334DD5566778"]  # a refund the seller gave, debit side
    assert (legacy.kind, legacy.direction, legacy.refund_of) == ("refund", "out",
                                                                 "0AA11223BB4455667")


def test_kinds_from_type():
    rows = by_id(US)
    assert rows["1AB23456CD789012E"].kind == "topup"  # "Bank Deposit to PP Account "
    assert rows["2WX33441YZ556677A"].kind == "withdrawal"
    assert rows["4BC55662DE778899F"].kind == "other"  # currency conversion
    assert rows["9GH11223IJ445566K"].kind == "payment"
    assert rows["1AB23456CD789012E"].category == "Bank Deposit to PP Account"  # cell stripped


def test_cells_counterparty_and_multiline_note():
    rows = by_id(US)
    paid = rows["5TY05013RG002845M"]
    assert (paid.counterparty, paid.counterparty_account) == ("Blue Bottle Coffee",
                                                              "orders@bluebottle.example")
    assert paid.merchant_order_id == "BB-100231"
    assert paid.description == "Coffee beans 2x"
    received = rows["8JK22011LM334455N"]
    assert received.counterparty_account == "sam.rivera@example.net"
    assert received.description == "Rent share for January\nthanks!"
    assert received.source_line == 4
    assert rows["3CD44512EF667788G"].source_line == 6  # after the two-line record


def test_source_lines_of_legacy_layout():
    rows = by_id(LEGACY)
    assert [rows[i].source_line for i in ("0AA11223BB4455667", "3GG44556HH7788990")] == [2, 5]


def test_inspect_json_through_the_cli():
    result = CliRunner().invoke(cli, ["inspect", "--json", str(US), str(EU)])
    assert result.exit_code == 0, result.output
    files = json.loads(result.output)["files"]
    assert [f["format"] for f in files] == ["paypal", "paypal"]
    assert files[0]["status_counts"] == {"success": 6, "failed": 1, "pending": 3,
                                         "refunded": 2, "closed": 0, "unknown": 1}
    assert files[0]["period"] == {"start": "2024-01-05T09:14:02-08:00",
                                  "end": "2024-07-04T12:00:00-07:00"}


def test_unknown_abbreviation_is_reported_and_read_in_the_fallback_zone(tmp_path):
    text = EU.read_text(encoding="utf-8").replace("08:15:44,CET", "08:15:44,XST")
    path = tmp_path / "odd-zone.csv"
    path.write_text(text, encoding="utf-8")
    result = walletwatch.load([path])
    report = result.files[0]
    assert ("unknown-time-zone", "XST") in [(n.code, n.value) for n in report.notices]
    row = {r.txn_id: r for r in result.frame.itertuples()}["41A07735KX2219140"]
    assert (row.tz, row.time.isoformat()) == ("UTC", "2024-01-03T08:15:44+00:00")


def test_bad_date_and_amount_are_rejected_with_line_and_code(tmp_path):
    text = EU.read_text(encoding="utf-8")
    text = text.replace("28/03/2024", "31/02/2024").replace('"-700,00"', '"-7x0,00"')
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    report = walletwatch.load([path]).files[0]
    assert [(r.line, r.reason) for r in report.rejected] == [(6, "bad-time"), (7, "bad-amount")]
    assert report.rows_total == report.rows_ok + report.rows_rejected == 7


def test_dotted_dates_are_day_first_even_when_ambiguous(tmp_path):
    lines = EU.read_text(encoding="utf-8").splitlines()
    kept = [lines[0], *(line.replace("03/01/2024", "03.01.2024") for line in lines[1:3])]
    path = tmp_path / "dotted.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    rows = by_id(path)
    assert local(rows["41A07735KX2219140"]).startswith("2024-01-03")  # 3 January


# --- the activity download in other languages, the statement and the UK history layouts ---
LOCALISED = {
    # file: [(local time, amount, direction, status, kind)] in file order
    "activity_de.csv": [("2025-03-04T10:12:45+01:00", "39.99", "out", "success", "payment"),
                        ("2025-03-06T18:40:02+01:00", "1234.56", "in", "success", "payment"),
                        ("2025-03-09T08:05:10+01:00", "39.99", "in", "refunded", "refund")],
    # the full 41-column German "Aktivitäten" download: a bank top-up, a fee, an
    # authorisation hold and its release, a declined payment of 1.049,00, a refund
    "activity_de_41.csv": [("2025-02-03T08:15:02+01:00", "150.00", "in", "success", "topup"),
                           ("2025-02-04T19:42:51+01:00", "24.90", "out", "success", "payment"),
                           ("2025-02-07T12:03:17+01:00", "60.00", "in", "success", "payment"),
                           ("2025-02-11T09:30:00+01:00", "18.40", "out", "pending", "other"),
                           ("2025-02-11T09:31:12+01:00", "18.40", "out", "success", "payment"),
                           ("2025-02-11T09:31:12+01:00", "18.40", "in", "success", "other"),
                           ("2025-02-14T21:07:45+01:00", "1049.00", "out", "failed", "payment"),
                           ("2025-02-17T10:55:30+01:00", "24.90", "in", "refunded", "refund"),
                           ("2025-03-30T16:20:09+02:00", "12.99", "out", "success", "payment")],
    "activity_fr.csv": [("2025-02-03T14:02:11+01:00", "2026.41", "out", "success", "payment"),
                        ("2025-02-05T09:30:00+01:00", "12.50", "out", "success", "payment"),
                        ("2025-02-11T16:45:59+01:00", "12.50", "in", "refunded", "refund")],
    "activity_es.csv": [("2025-01-07T12:00:00+01:00", "25.90", "out", "success", "payment"),
                        ("2025-01-08T13:15:30+01:00", "1100.00", "in", "pending", "payment"),
                        ("2025-01-10T09:00:00+01:00", "25.90", "in", "refunded", "refund")],
    "activity_it.csv": [("2025-04-15T19:20:00+02:00", "18.40", "out", "success", "payment"),
                        ("2025-04-16T07:45:10+02:00", "2500.00", "in", "success", "payment"),
                        ("2025-04-18T11:11:11+02:00", "99.00", "out", "failed", "payment")],
    "activity_nl.csv": [("2025-05-02T10:00:00+02:00", "149.95", "out", "success", "payment"),
                        ("2025-05-03T21:30:00+02:00", "40.00", "in", "pending", "payment"),
                        ("2025-05-05T08:15:00+02:00", "149.95", "in", "refunded", "refund")],
    "activity_ja.csv": [("2025-06-01T09:10:11+09:00", "3300", "out", "success", "payment"),
                        ("2025-06-02T12:00:00+09:00", "10000", "in", "pending", "payment"),
                        ("2025-06-03T18:30:45+09:00", "3300", "in", "refunded", "refund")],
    "activity_zh.csv": [("2025-07-01T10:00:00+08:00", "45.00", "out", "success", "payment"),
                        ("2025-07-02T15:20:30+08:00", "1200.00", "in", "pending", "payment"),
                        ("2025-07-04T09:09:09+08:00", "45.00", "in", "refunded", "refund")],
    "history_uk.csv": [("2025-02-12T08:14:22+00:00", "8.40", "out", "success", "payment"),
                       ("2025-02-12T08:14:22+00:00", "8.40", "in", "success", "payment"),
                       ("2025-02-20T17:03:50+00:00", "1250.00", "out", "pending", "transfer"),
                       ("2025-04-01T10:00:00+01:00", "8.40", "in", "refunded", "refund")],
    "history_us_2011.csv": [("2011-09-01T14:05:33-07:00", "24.99", "out", "success", "payment"),
                            ("2011-09-15T09:00:00-07:00", "150.00", "in", "success", "payment"),
                            ("2011-12-24T23:59:59-08:00", "24.99", "in", "refunded", "refund")],
}


@pytest.mark.parametrize("name", sorted(LOCALISED))
def test_other_languages_and_layouts_are_read_through_the_cli(name):
    result = CliRunner().invoke(cli, ["inspect", "--json", str(PAYPAL / name)])
    assert result.exit_code == 0, result.output
    entry = json.loads(result.stdout)["files"][0]
    rows = len(LOCALISED[name])
    assert (entry["format"], entry["rows_ok"], entry["rows_rejected"]) == ("paypal", rows, 0)
    assert [n["code"] for n in entry["notices"]] == []  # every column and status is known
    frame = walletwatch.load([PAYPAL / name]).frame.sort_values("source_line")
    got = [(local(r), format_amount(r.amount, r.currency), r.direction, r.status, r.kind)
           for r in frame.itertuples()]
    assert got == LOCALISED[name]


def test_two_digit_years_of_2011_downloads_are_this_century():
    frame = walletwatch.load([PAYPAL / "history_us_2011.csv"]).frame
    assert sorted(frame["time"].dt.year) == [2011, 2011, 2011]


def test_french_amounts_with_no_break_spaces_are_exact():
    frame = walletwatch.load([PAYPAL / "activity_fr.csv"]).frame
    assert frame.loc[frame["txn_id"] == "8FR22222BB3333444", "amount"].item() == 202641


def test_a_localised_refund_links_to_its_payment():
    frame = walletwatch.load([PAYPAL / "activity_de.csv"]).frame
    refund = frame[frame["kind"] == "refund"].iloc[0]
    assert refund["refund_of"] == "7DE11111AA2222333"


def test_the_uk_history_without_transaction_ids_gets_stable_row_ids():
    first = walletwatch.load([PAYPAL / "history_uk.csv"]).frame["txn_id"].tolist()
    again = walletwatch.load([PAYPAL / "history_uk.csv"]).frame["txn_id"].tolist()
    assert first == again and len(set(first)) == 4


def test_the_german_41_column_download_keeps_fees_parties_and_refund_links():
    rows = by_id(PAYPAL / "activity_de_41.csv")
    received = rows["6LC30000EF0000033"]  # Brutto 60,00, Gebühr -2,05
    assert (received.amount, received.fee) == (6000, 205)
    assert received.counterparty_account == "jonas.weber@post.example"  # the sender paid in
    paid = rows["5KB20000CD0000022"]
    assert (paid.merchant_order_id, paid.counterparty_account) == (
        "VN-2025-0193", "zahlung@versandhaus-nord.example")  # the receiver was paid
    assert rows["3SJ90000QR0000099"].refund_of == "5KB20000CD0000022"
    assert rows["4TK00000ST0000100"].tz == "Europe/Berlin"  # CEST names the zone


def test_a_language_is_one_locale_entry_of_the_layout():
    from walletwatch.ingest.paypal import LAYOUT

    german = [locale for locale in LAYOUT.locales if locale.code == "de"]
    assert len(german) == 1
    header = (PAYPAL / "activity_de_41.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    names = [cell.strip('"') for cell in header.split('","')]
    declared = german[0].declared(names)
    known = {*LAYOUT.known_columns, *(c for cs in LAYOUT.columns.values() for c in cs)}
    assert [n for n in declared if n not in known] == []  # all 41 German names translate
