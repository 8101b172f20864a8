"""One risk score per outgoing transaction: rule signals and the isolation forest, combined.

Each rule gives a strength in [0, 1] per row; the model's anomaly score ``s`` becomes
``clip((s - 0.5) / 0.25, 0, 1)`` times ``model_weight``. The combination is a noisy-or,
``1 - prod(1 - strength)``: independent pieces of evidence add up, none alone needs to be
certain. Rows without a baseline (warm-up) score 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from walletwatch.config import ModelSettings, UnrecognisedSettings
from walletwatch.model.detector import RiskDetector
from walletwatch.model.features import FEATURES, _window_sum, epoch_seconds

SIGNALS = (
    "new-payee-burst", "card-testing", "large-transfer-new-payee", "large-new-payee",
    "unusual-hour", "new-method", "velocity-spike", "amount-spike-known-payee", "model-outlier",
)
MIN_FIT_ROWS = 32


@dataclass
class RiskResult:
    """Per feature row: ``risk``, ``model`` (anomaly score) and one column per signal."""

    table: pd.DataFrame  # features + typical + signals + model + risk + flagged
    detector: RiskDetector | None


def typical_amount(features: pd.DataFrame) -> np.ndarray:
    """The owner's typical outgoing amount before each row (geometric mean, major units)."""
    la = np.log1p(features["amount_major"].to_numpy())
    prior = features["prior"].to_numpy()
    cs = np.concatenate([[0.0], np.cumsum(la)[:-1]]) if len(la) else la
    return np.where(prior > 0, np.expm1(cs / np.maximum(prior, 1)), np.nan)


def signals(f: pd.DataFrame, s: UnrecognisedSettings) -> pd.DataFrame:
    """Rule strengths per row (0 = not matched)."""
    t = epoch_seconds(f["time"])
    major = f["amount_major"].to_numpy()
    typical = f["typical"].to_numpy()
    novel = f["payee_novel"].to_numpy() > 0
    known_ratio = np.where(np.isnan(typical), 0.0, major / np.maximum(typical, 0.01))
    large = known_ratio >= s.large_factor
    tiny_new = novel & (major <= s.tiny_amount)
    tiny_1h = _window_sum(t, tiny_new, int(s.burst_window_minutes * 60))
    tiny_24h = _window_sum(t, tiny_new, 86400)
    burst = f["new_payees_1h"].to_numpy()
    out = pd.DataFrame(index=f.index)
    out["new-payee-burst"] = np.where(
        novel & (burst >= s.burst_min_new_payees),
        np.minimum(0.45 + 0.05 * (burst - s.burst_min_new_payees), 0.7), 0.0)
    testing = tiny_new & (tiny_1h >= s.card_test_min)
    follow = novel & ~tiny_new & (tiny_24h >= s.card_test_min)
    out["card-testing"] = np.where(testing, 0.75, np.where(follow, 0.9, 0.0))
    transfer = (f["is_transfer"].to_numpy() + f["is_withdrawal"].to_numpy()) > 0
    out["large-transfer-new-payee"] = np.where(novel & transfer & large, 0.7, 0.0)
    out["large-new-payee"] = np.where(novel & ~transfer & large, 0.3, 0.0)
    rare = (f["hour_share"].to_numpy() < s.rare_hour_share) & (f["prior"].to_numpy() >= 30)
    out["unusual-hour"] = np.where(rare, np.where(novel | large, 0.4, 0.15), 0.0)
    out["new-method"] = np.where(f["method_novel"].to_numpy() > 0, 0.3, 0.0)
    count_24h = np.expm1(f["count_24h"].to_numpy()) + 1
    fast = (np.exp(f["velocity"].to_numpy()) >= s.velocity_factor) & (count_24h >= 5)
    out["velocity-spike"] = np.where(fast, 0.3, 0.0)
    payee_ratio = np.exp(f["amount_payee"].to_numpy())
    known = f["payee_count"].to_numpy() >= np.log1p(3)
    out["amount-spike-known-payee"] = np.where(
        known & (payee_ratio >= 2.5), np.minimum(0.25 + 0.1 * (payee_ratio - 2.5), 0.6), 0.0)
    return out


def score(features: pd.DataFrame, settings: UnrecognisedSettings,
          model: ModelSettings) -> RiskResult:
    """Fit the detector on rows with a baseline, score them once, combine with the rules."""
    f = features.copy()
    f["typical"] = typical_amount(f)
    warm = f["warm"].to_numpy()
    anomaly = np.zeros(len(f))
    detector = None
    if warm.sum() >= MIN_FIT_ROWS:
        X = f.loc[warm, list(FEATURES)]
        detector = RiskDetector(model.n_estimators, model.max_samples, model.random_state)
        anomaly[warm] = detector.fit(X).score_samples(X)
    strengths = signals(f, settings)
    strengths["model-outlier"] = settings.model_weight * np.clip((anomaly - 0.5) / 0.25, 0, 1)
    strengths.loc[~warm, :] = 0.0
    risk = 1.0 - np.prod(1.0 - strengths.to_numpy(), axis=1)
    table = pd.concat([f, strengths], axis=1)
    table["model"] = anomaly
    table["risk"] = np.round(risk, 4)
    table["flagged"] = table["risk"] >= settings.threshold
    return RiskResult(table, detector)
