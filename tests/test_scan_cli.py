"""`walletwatch scan` / `walletwatch allow` through CliRunner on real-layout exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner
from detection_helpers import records, regular_history, row

from walletwatch.cli import cli
from walletwatch.synth.render import render

END = dt.datetime(2025, 3, 4, 23, 59, 59)


def export(tmp_path, rows, name="statement.csv", fmt="alipay-app", end=END):
    meta = {"period_start": dt.datetime(2025, 1, 1), "period_end": end,
            "exported_at": end + dt.timedelta(hours=9)}
    return str(render(records(rows), fmt, tmp_path / name, **meta))


def attack():
    return [row(f"2025-03-02 02:{10 + 7 * k}:00", f"{380 + 10 * k}.00", payee)
            for k, payee in enumerate(("数码专营店A", "数码专营店B", "游戏充值C"))]


def young_topup():
    return row("2025-03-04 20:00:00", "300.00", "余额充值", kind="topup", direction="neutral",
               status="pending")


@pytest.fixture
def statement(tmp_path):
    return export(tmp_path, regular_history() + attack() + [young_topup()])


def invoke(*args):
    return CliRunner().invoke(cli, [*args], catch_exceptions=False)


def test_json_document_contract(statement):
    result = invoke("scan", "--json", statement)
    assert result.exit_code == 1  # an unrecognised incident is at least medium
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["tool"]["name"] == "walletwatch"
    (source,) = doc["sources"]
    assert set(source) >= {"path", "sha256", "format", "rows_total", "rows_ok", "rows_rejected"}
    assert source["format"] == "alipay-app" and len(source["sha256"]) == 64
    assert set(doc["period"]) == {"start", "end"}
    assert doc["as_of"] == "2025-03-04T23:59:59+08:00"  # the preamble's end time
    assert set(doc["settings"]) >= {"failed", "stuck", "duplicate", "unrecognised", "model"}
    (finding,) = [f for f in doc["findings"] if f["check"] == "unrecognised-activity"]
    assert set(finding) >= {"id", "check", "category", "severity", "title", "reason",
                            "amount_at_stake", "transactions"}
    assert set(finding["reason"]) == {"en", "zh"}
    assert finding["amount_at_stake"] == {"CNY": "1170.00"}
    txn = finding["transactions"][0]
    assert set(txn) >= {"txn_id", "source_file", "source_line", "time", "amount", "currency",
                        "counterparty", "status"}
    assert txn["time"].endswith("+08:00") and txn["amount"] == "380.00"


def test_young_pending_top_up_becomes_stuck_with_a_later_as_of(statement):
    now = json.loads(invoke("scan", "--json", statement).stdout)
    assert "stuck-topup" not in [f["check"] for f in now["findings"]]
    later = json.loads(invoke("scan", "--json", "--as-of", "2025-03-06T08:00:00",
                              statement).stdout)
    assert later["as_of"] == "2025-03-06T08:00:00+08:00"
    assert "stuck-topup" in [f["check"] for f in later["findings"]]


def test_exit_codes_follow_fail_on(statement, tmp_path):
    assert invoke("scan", statement).exit_code == 1
    assert invoke("scan", "--fail-on", "never", statement).exit_code == 0
    assert invoke("scan", "--fail-on", "bogus", statement).exit_code == 2
    quiet = export(tmp_path, regular_history(), name="quiet.csv")
    assert invoke("scan", quiet).exit_code == 0
    assert invoke("scan", str(tmp_path / "missing.csv")).exit_code == 3


def test_json_is_printed_in_full_even_when_exiting_1(statement):
    result = invoke("scan", "--json", "--fail-on", "info", statement)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"]


def test_scores_csv_contract(statement, tmp_path):
    path = tmp_path / "scores.csv"
    invoke("scan", "--scores", str(path), "--fail-on", "never", statement)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["source_file", "source_line", "txn_id", "time", "amount",
                             "currency", "direction", "counterparty", "status", "score",
                             "flagged"]
    assert len(rows) == len(regular_history()) + 4
    assert all(0 <= float(r["score"]) <= 1 and len(r["score"]) == 6 for r in rows)
    flagged = {r["counterparty"] for r in rows if r["flagged"] == "true"}
    assert flagged == {"数码专营店A", "数码专营店B", "游戏充值C"}


def test_same_input_gives_byte_identical_output(statement, tmp_path):
    outputs = []
    for n in (1, 2):
        scores = tmp_path / f"scores{n}.csv"
        result = invoke("scan", "--json", "--scores", str(scores), statement)
        outputs.append((result.stdout, scores.read_bytes()))
    assert outputs[0] == outputs[1]


def test_allow_is_respected_by_the_next_scan(statement):
    before = json.loads(invoke("scan", "--json", statement).stdout)
    assert "unrecognised-activity" in [f["check"] for f in before["findings"]]
    result = invoke("allow", "数码专营店A", "数码专营店B", "游戏充值C")
    assert result.exit_code == 0
    after = json.loads(invoke("scan", "--json", statement).stdout)
    assert after["settings"]["allowlist"]["payees"] == ["数码专营店A", "数码专营店B", "游戏充值C"]
    high = [f for f in after["findings"] if f["check"] == "unrecognised-activity"
            and f["severity"] in ("high", "medium")]
    assert high == []


def test_readable_summary_says_what_to_do_next(statement):
    result = invoke("scan", statement)
    assert "unrecognised-activity" in result.stdout
    assert "walletwatch report" in result.stdout
    assert "walletwatch allow" in result.stdout


def test_config_file_sets_deadlines_and_ignores_other_sections(statement, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[stuck]\ntopup_hours = 2\n\n[notify]\nemail = 'a@b.c'\n",
                      encoding="utf-8")
    doc = json.loads(invoke("scan", "--json", "--config", str(config), statement).stdout)
    assert doc["settings"]["stuck"]["topup_hours"] == 2
    assert "stuck-topup" in [f["check"] for f in doc["findings"]]


def test_unknown_key_in_a_config_section_is_a_usage_error(statement, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[stuck]\ntopup_hour = 2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", "--config", str(config), statement])
    assert result.exit_code == 2
    assert "topup_hours" in result.output  # the hint lists the known keys


def test_set_overrides_the_config(statement):
    doc = json.loads(invoke("scan", "--json", "--set", "stuck.topup_hours=1",
                            statement).stdout)
    assert doc["settings"]["stuck"]["topup_hours"] == 1.0
    assert CliRunner().invoke(cli, ["scan", "--set", "nonsense", statement]).exit_code == 2


def test_the_library_scan_stays_a_function_after_the_pipeline_is_imported():
    """`walletwatch.scan(...)` is the public API; no submodule may shadow it."""
    import walletwatch
    from walletwatch.pipeline import ScanResult  # noqa: F401  (imports the pipeline module)

    assert callable(walletwatch.scan) and callable(walletwatch.load)
