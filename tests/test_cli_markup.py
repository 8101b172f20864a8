"""Names and statuses from an export are printed as written, never as terminal markup.

A merchant called "[/bold] Evil [red]Shop" must neither crash the rich summary nor restyle it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from click.testing import CliRunner

from walletwatch.cli import cli
from walletwatch.synth.records import SynthTxn
from walletwatch.synth.render import render

EVIL = "[/bold] Evil [red]Shop"


def export_with_markup_names(tmp_path):
    start = dt.datetime(2026, 1, 1, 12, 0, 0)
    records = [SynthTxn(start + dt.timedelta(days=d), Decimal("20.00"), "out", "payment",
                        "success", "咖啡店", f"2026{d:04d}0001") for d in range(60)]
    twice = start + dt.timedelta(days=70)
    records += [SynthTxn(twice + dt.timedelta(seconds=s), Decimal("38.00"), "out", "payment",
                         "success", EVIL, f"2026999{s:04d}") for s in (0, 90)]
    records.append(SynthTxn(twice, Decimal("5.00"), "out", "payment", "success", "x",
                            "20269990001", description="[/link]"))
    return render(records, "alipay-app", tmp_path / "statement.csv")


def test_scan_summary_prints_markup_like_names_verbatim(tmp_path):
    path = export_with_markup_names(tmp_path)
    result = CliRunner().invoke(cli, ["scan", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1  # the double charge is a medium finding
    assert EVIL in result.stdout


def test_inspect_prints_markup_like_statuses_verbatim(tmp_path):
    path = export_with_markup_names(tmp_path)
    text = path.read_bytes().decode("gb18030").replace("交易成功", "[/weird]", 1)
    path.write_bytes(text.encode("gb18030"))
    result = CliRunner().invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 0, result.output
    assert "status '[/weird]' mapped to 'unknown'" in result.stdout
