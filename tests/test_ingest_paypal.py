"""PayPal activity download: the 41-column, business and legacy layouts, through the API and CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.schema import iso_local

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
