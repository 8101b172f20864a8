"""``walletwatch recurring``: the listing, marks in a real state store, and the scheduled
check's alerts, on exports rendered in the Alipay app layout."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from click.testing import CliRunner
from detection_helpers import records
from recurring_helpers import background, monthly

from walletwatch.cli import cli
from walletwatch.synth.render import render


def export(path, rows, end="2025-06-30"):
    when = dt.datetime.fromisoformat(f"{end} 23:59:59")
    meta = {"period_end": when, "exported_at": when}
    return render(records(rows), "alipay-app", path, **meta)


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def subscriptions():
    return [*background(), *monthly("爱奇艺会员", "30.00", day=5),
            *monthly("NewGym", "45.00", months=(4, 5, 6), day=8)]


def test_listing_shows_each_series_with_its_yearly_cost(tmp_path):
    path = export(tmp_path / "a.csv", subscriptions())
    result = invoke("recurring", path, "--json")
    assert result.exit_code == 1, result.output  # new-recurring is medium
    doc = json.loads(result.stdout)
    by_payee = {s["payee"]: s for s in doc["series"]}
    assert by_payee["爱奇艺会员"]["yearly_cost"] == "360.00"
    assert by_payee["爱奇艺会员"]["next_expected"] == "2025-07-05"
    assert len(by_payee["爱奇艺会员"]["history"]) == 6
    assert [f["check"] for f in doc["findings"]] == ["new-recurring"]
    table = invoke("recurring", path)
    assert "爱奇艺会员" in table.stdout and "360.00 CNY" in table.stdout
    assert json.loads(invoke("recurring", "--json", path).stdout) == doc  # options first too
    assert json.loads(invoke("recurring", "list", path, "--json").stdout) == doc


def test_an_unreadable_file_is_one_line_and_exit_3(tmp_path):
    result = invoke("recurring", tmp_path / "missing.csv")
    assert result.exit_code == 3 and "Traceback" not in result.output


def test_cancel_is_kept_in_the_state_store_and_later_charges_are_high(tmp_path):
    state = tmp_path / "state.sqlite"
    done = invoke("recurring", "cancel", "爱奇艺会员", "--date", "2025-04-10", "--state", state)
    assert done.exit_code == 0, done.output
    with sqlite3.connect(state) as conn:
        assert conn.execute("SELECT kind, on_date FROM recurring_marks").fetchall() == [
            ("cancelled", "2025-04-10")]
    path = export(tmp_path / "a.csv", subscriptions())
    doc = json.loads(invoke("recurring", path, "--json", "--state", state).stdout)
    after = [f for f in doc["findings"] if f["check"] == "charge-after-cancel"]
    assert len(after) == 1 and after[0]["severity"] == "high"
    assert after[0]["amount_at_stake"] == {"CNY": "60.00"}


def test_a_bad_date_is_a_usage_error_not_a_traceback(tmp_path):
    result = invoke("recurring", "cancel", "X", "--date", "April", "--state",
                    tmp_path / "s.sqlite")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_the_scheduled_check_alerts_a_new_series_once(tmp_path):
    state = tmp_path / "state.sqlite"
    rows = subscriptions()
    early = [r for r in rows if r["when"] < "2025-05-31"]
    first = export(tmp_path / "jan-may.csv", early, end="2025-05-31")
    second = export(tmp_path / "jan-jun.csv", rows)
    invoke("check", first, "--state", state, "--json")
    result = invoke("check", second, "--state", state, "--json")
    events = json.loads(result.stdout)["new_findings"]
    new = [e for e in events if e["check"] == "new-recurring"]
    assert len(new) == 1 and new[0]["category"] == "recurring"
    again = invoke("check", second, "--state", state, "--json")
    assert not [e for e in json.loads(again.stdout)["new_findings"]
                if e["check"] == "new-recurring"]


def test_the_scheduled_check_reminds_before_an_unwanted_series_charges(tmp_path):
    state = tmp_path / "state.sqlite"
    rows = [*background(175), *monthly("爱奇艺会员", "30.00", day=2)]
    invoke("check", export(tmp_path / "a.csv", rows[:100], end="2025-04-30"), "--state", state)
    invoke("recurring", "unwanted", "爱奇艺会员", "--date", "2025-06-20", "--state", state)
    result = invoke("check", export(tmp_path / "b.csv", rows, end="2025-06-28"),
                    "--state", state, "--json")
    due = [e for e in json.loads(result.stdout)["new_findings"]
           if e["check"] == "renewal-due"]
    assert len(due) == 1 and due[0]["details"]["due"] == "2025-07-02"
