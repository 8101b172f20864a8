"""The stored detector: refitted only when the documented rule says so."""

from __future__ import annotations

from store_helpers import JAN, JANFEB, MAR, check_json

from walletwatch.store import modelstate, open_store


def test_detector_is_stored_and_reused_until_history_grows(tmp_path):
    state = tmp_path / "s.sqlite"
    first = check_json(state, JAN, JANFEB)
    assert first["model"]["refit"] == "no-model"
    with open_store(state) as store:
        stored = modelstate.load(store.conn)
    assert stored is not None and stored[1]["fitted_rows"] == first["imported"]["new"]
    grown = check_json(state, MAR)  # +50 % history: more than the 25 % rule
    assert grown["model"]["refit"] == "history-grew"


def test_refit_rule():
    info = {"sklearn_version": modelstate._sklearn_version(), "model_version": "v1",
            "fitted_rows": 1000}
    stored = (object(), info)
    assert modelstate.needs_refit(None, "v1", 10) == "no-model"
    assert modelstate.needs_refit(stored, "v1", 1250) is None
    assert modelstate.needs_refit(stored, "v1", 1251) == "history-grew"
    assert modelstate.needs_refit(stored, "v2", 1000) == "model-version"
    old = (object(), {**info, "sklearn_version": "0.0.1"})
    assert modelstate.needs_refit(old, "v1", 1000) == "sklearn-version"


def test_small_increment_scores_with_the_stored_detector(tmp_path):
    import datetime as dt
    from decimal import Decimal

    from walletwatch.synth.records import SynthTxn
    from walletwatch.synth.render import render

    state = tmp_path / "s.sqlite"
    check_json(state, JAN, JANFEB, MAR)
    with open_store(state) as store:
        before = store.conn.execute("SELECT fitted_at, detector FROM model").fetchone()
    one = SynthTxn(time=dt.datetime(2024, 3, 11, 12, 0), amount=Decimal("18.00"),
                   direction="out", kind="payment", status="success", counterparty="瑞幸咖啡",
                   txn_id="2024031122001400000000009999", method="余额")
    later = check_json(state, render([one], "alipay-app", tmp_path / "one.csv"))
    assert later["imported"]["new"] == 1
    assert later["model"]["refit"] is None
    with open_store(state) as store:
        after = store.conn.execute("SELECT fitted_at, detector FROM model").fetchone()
    assert after == before
