"""Features describe each outgoing row relative to the owner's history up to that moment."""

from __future__ import annotations

import numpy as np
import pandas as pd
from detection_helpers import frame, regular_history, row

from walletwatch.config import Config
from walletwatch.model import FEATURES, RiskDetector, build_features
from walletwatch.model.risk import score


def history():
    extra = [row("2025-03-02 03:00:00", "900.00", "新收款方"),
             row("2025-03-02 10:00:00", "1000.00", "公司工资", direction="in", kind="transfer")]
    return frame(regular_history() + extra)


def test_only_outgoing_rows_are_described_in_time_order():
    data = history()
    features = build_features(data)
    assert len(features) == int((data["direction"] == "out").sum())
    assert features["time"].is_monotonic_increasing
    assert set(FEATURES) <= set(features.columns)
    assert np.isfinite(features[list(FEATURES)].to_numpy()).all()


def test_features_never_look_ahead():
    data = history()
    full = build_features(data)
    cut = len(data) - 5
    partial = build_features(data.iloc[:cut])
    pd.testing.assert_frame_equal(
        full[list(FEATURES)].iloc[: len(partial)].reset_index(drop=True),
        partial[list(FEATURES)].reset_index(drop=True))


def test_new_since_returns_only_new_rows_with_full_history():
    data = history()
    since = pd.Timestamp("2025-03-01", tz="Asia/Shanghai")
    full = build_features(data)
    new = build_features(data, new_since=since)
    assert (new["time"] >= since).all()
    pd.testing.assert_frame_equal(new[list(FEATURES)],
                                  full.loc[full["time"] >= since, list(FEATURES)])


def test_fit_on_history_then_score_only_new_rows():
    data = history()
    since = pd.Timestamp("2025-03-01", tz="Asia/Shanghai")
    features = build_features(data)
    old = features[(features["time"] < since) & features["warm"]]
    new = features[features["time"] >= since]
    detector = RiskDetector(random_state=0).fit(old[list(FEATURES)])
    scores = detector.score_samples(new[list(FEATURES)])
    night = new["payee"].eq("新收款方").to_numpy()
    assert scores[night].max() > scores[~night].max()


def test_new_payee_and_unusual_hour_are_described():
    features = build_features(history())
    last = features.iloc[-1]
    assert last["payee_novel"] == 1
    assert last["hour_share"] < 0.05
    assert last["amount_z"] > 3
    assert features["payee_novel"].iloc[-2] == 0


def test_warm_up_rows_score_zero():
    features = build_features(history())
    result = score(features, Config().unrecognised, Config().model)
    early = result.table[~result.table["warm"]]
    assert len(early) > 0
    assert (early["risk"] == 0).all()


def test_allowlisted_payee_is_not_novel():
    features = build_features(history(), allowlist=["新收款方"])
    assert features.iloc[-1]["payee_novel"] == 0


def test_scan_with_a_detector_fitted_on_history_does_not_refit():
    from walletwatch.pipeline import scan_frame

    data = history()
    since = pd.Timestamp("2025-03-01", tz="Asia/Shanghai")
    features = build_features(data)
    old = features[(features["time"] < since) & features["warm"]]
    detector = RiskDetector(random_state=0).fit(old[list(FEATURES)])
    forest = detector.forest_
    result = scan_frame(data, config=Config(), detector=detector)
    assert result.detector is detector and detector.forest_ is forest
    night = result.frame[result.frame["counterparty"] == "新收款方"]
    assert night["score"].iloc[0] == result.frame["score"].max()
