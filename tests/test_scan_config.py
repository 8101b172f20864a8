"""Settings (TOML + overrides), the allowlist file and the library scan entry points."""

from __future__ import annotations

import datetime as dt

import pytest
from detection_helpers import records, row

from walletwatch import allowlist
from walletwatch.config import Config, load_config, read_toml
from walletwatch.errors import ConfigError
from walletwatch.pipeline import scan
from walletwatch.providers import provider_of
from walletwatch.synth.render import render


def test_defaults_match_the_issue():
    config = Config()
    assert (config.stuck.topup_hours, config.stuck.withdrawal_hours, config.stuck.refund_days) \
        == (24, 72, 7)
    assert config.duplicate.window_minutes == 10
    assert config.failed.cluster_min == 3 and config.failed.cluster_window_hours == 24


def test_file_then_overrides(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[duplicate]\nwindow_minutes = 5\n[stuck]\nrefund_days = 3\n"
                    "[allowlist]\npayees = ['房东']\n[notify]\nto = 'x'\n", encoding="utf-8")
    config = load_config(path, {"stuck.refund_days": "4"})
    assert config.duplicate.window_minutes == 5
    assert config.stuck.refund_days == 4.0
    assert config.allowlist.payees == ["房东"]
    assert read_toml(path)["notify"] == {"to": "x"}
    assert config.to_dict()["duplicate"] == {"enabled": True, "window_minutes": 5.0}


def test_default_config_file_is_read_when_present(isolated_home):
    from walletwatch.config import default_path

    default_path().parent.mkdir(parents=True, exist_ok=True)
    default_path().write_text("[model]\nn_estimators = 50\n", encoding="utf-8")
    assert load_config().model.n_estimators == 50


@pytest.mark.parametrize(("text", "word"), [
    ("[stuck]\ntopup = 1\n", "known keys"),
    ("[stuck]\ntopup_hours = 'soon'\n", "must be float"),
    ("[stuck\n", "not valid TOML"),
])
def test_bad_config_is_a_config_error_with_a_hint(tmp_path, text, word):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert word in error.value.one_line()


def test_allowlist_file_round_trip(tmp_path):
    path = tmp_path / "allow.json"
    assert allowlist.read(path) == []
    assert allowlist.add(["房东 张", "Gym"], path) == ["Gym", "房东 张"]
    assert allowlist.add(["gym"], path) == ["Gym", "房东 张"]  # case-insensitive, idempotent
    assert allowlist.remove(["GYM"], path) == ["房东 张"]


def test_allowlist_lives_under_walletwatch_home(isolated_home):
    assert allowlist.default_path() == isolated_home / "allowlist.json"


@pytest.mark.parametrize("fmt", ["alipay-app", "wechat-csv", "paypal"])
def test_duplicate_found_through_several_export_layouts(tmp_path, fmt):
    rows = [row("2025-02-01 12:00:00", "45.60", "Coffee Shop"),
            row("2025-02-01 12:03:00", "45.60", "Coffee Shop")]
    end = dt.datetime(2025, 2, 1, 23, 59, 59)
    path = render(records(rows), fmt, tmp_path / f"{fmt}.csv", period_start=end.replace(hour=0),
                  period_end=end, exported_at=end)
    result = scan([path], config=Config())
    assert [f.check for f in result.findings] == ["duplicate-charge"]
    assert result.document()["sources"][0]["provider"] == provider_of(fmt)
