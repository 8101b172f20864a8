"""One risk score per outgoing transaction: rule signals and the isolation forest, combined.

The score ranks; it never decides severity: ``score`` places a row flagged by an evidence tier
(``walletwatch.model.tiers``) in its severity's band and orders the other rows below it.
Each rule gives a strength in [0, 1] per row; the model's anomaly score ``s`` becomes
``clip((s - 0.5) / 0.25, 0, 1)`` times ``model_weight``. The combination is a noisy-or,
``1 - prod(1 - strength)``: independent pieces of evidence add up, none alone needs to be
certain. Rows without a baseline (warm-up) score 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from walletwatch.columns import frame_of, mostly_zero
from walletwatch.model.settings import ModelSettings, UnrecognisedSettings
from walletwatch.model.features import FEATURES, _window_sum, epoch_seconds, forget_windows, prior_max

if TYPE_CHECKING:
    from walletwatch.model.detector import BackgroundScores, RiskDetector

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
    """Rule strengths per row (0 = not matched).

    The scan judges a whole export after the fact, so rule windows look both ways (the first
    charge of a burst belongs to it); the model's features stay strictly causal.
    """
    t = epoch_seconds(f["time"])
    major = f["amount_major"].to_numpy()
    typical = np.nan_to_num(f["typical"].to_numpy(), nan=np.inf)
    novel = f["payee_novel"].to_numpy() > 0
    ratio = major / np.maximum(typical, 0.01)
    transfer = f["is_transfer"].to_numpy() > 0
    window = int(s.burst_window_minutes * 60)
    tiny_new = novel & (major <= s.tiny_amount)
    tiny_near = _window_sum(t, tiny_new, window, ahead=window)
    tiny_before = _window_sum(t, tiny_new, 86400)
    burst = _window_sum(t, novel, window, ahead=window)
    payee_like = novel & (f["is_withdrawal"].to_numpy() == 0)  # a withdrawal goes to you
    big = ratio >= 4
    out = {}
    extra = np.maximum(burst - s.burst_min_new_payees, 0)
    out["new-payee-burst"] = np.where(
        novel & (burst >= s.burst_min_new_payees),
        np.minimum(0.35 + 0.05 * extra + np.where(big, 0.25, 0.0), 0.75), 0.0)
    testing = tiny_new & (tiny_near >= s.card_test_min)
    follow = novel & (ratio >= s.large_factor) & (tiny_before >= s.card_test_min)
    out["card-testing"] = np.where(testing, 0.8, np.where(follow, 0.9, 0.0))
    record = major > prior_max(major, transfer)
    out["large-transfer-new-payee"] = np.where(
        novel & transfer & record & (ratio >= 4 * s.large_factor), 0.8,
        np.where(novel & transfer & record & (ratio >= 2 * s.large_factor), 0.35, 0.0))
    out["large-new-payee"] = np.where(payee_like & ~transfer & (ratio >= s.large_factor), 0.3,
                                      np.where(payee_like & big, 0.15, 0.0))
    rare = (f["hour_share"].to_numpy() < s.rare_hour_share) & (f["prior"].to_numpy() >= 30)
    out["unusual-hour"] = np.where(rare & novel, np.where(big, 0.45, 0.3),
                                   np.where(rare, 0.1, 0.0))
    out["new-method"] = np.where(f["method_novel"].to_numpy() > 0, 0.3, 0.0)
    count_24h = np.expm1(f["count_24h"].to_numpy()) + 1
    fast = (np.exp(f["velocity"].to_numpy()) >= s.velocity_factor) & (count_24h >= 5)
    out["velocity-spike"] = np.where(fast, 0.3, 0.0)
    out["amount-spike-known-payee"] = _known_payee_spikes(f, t)
    return frame_of({name: mostly_zero(values) for name, values in out.items()}, f.index)


def _known_payee_spikes(f: pd.DataFrame, t: np.ndarray) -> np.ndarray:
    """Several payments far above the usual amount at payees with a steady history."""
    log_ratio = f["amount_payee"].to_numpy()
    spread = np.maximum(f["payee_sd"].to_numpy(), 0.2)
    known = f["payee_count"].to_numpy() >= np.log1p(3)
    spike = known & (log_ratio >= np.log(2.5)) & (log_ratio / spread >= 3.0)
    week = 7 * 86400
    others = _window_sum(t, spike, week, ahead=week) - 1  # other spikes within a week
    strength = np.minimum(0.3 + 0.15 * (np.exp(log_ratio) - 2.5), 0.6)
    return np.where(spike, strength + 0.15 * np.minimum(others, 2), 0.0)


SEVERITY_BASE = {"high": 0.9, "medium": 0.75, "low": 0.55}


def _severity_base(severity: np.ndarray) -> np.ndarray:
    """``SEVERITY_BASE`` of each row's severity, NaN for none (compared per severity: a
    dictionary look-up per row cost 0.1 s per million)."""
    base = np.full(len(severity), np.nan)
    for name, value in SEVERITY_BASE.items():
        base[severity == name] = value
    return base


def unflagged_rank(f: pd.DataFrame, combined: np.ndarray, anomaly: np.ndarray) -> np.ndarray:
    """A continuous [0, 1] order for rows no tier matched, so that what a reader should look
    at first (a payment far above its payee's usual amount, a strong outlier) is not tied
    at zero with everything ordinary."""
    known = f["payee_count"].to_numpy() >= np.log1p(3)
    spread = np.maximum(f["payee_sd"].to_numpy(), 0.3)
    above_usual = np.where(known, f["amount_payee"].to_numpy() / spread, 0.0)
    spike = 0.8 * np.clip((above_usual - 1.0) / 4.0, 0.0, 1.0)
    outlier = 0.6 * np.clip((anomaly - 0.4) / 0.35, 0.0, 1.0)
    return np.maximum.reduce([combined, spike, outlier])


def _matrix(f: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """The ``FEATURES`` of ``rows`` as float32 (what the forest computes in), named."""
    picked = np.flatnonzero(rows) if rows.dtype == bool else rows
    data = np.empty((len(picked), len(FEATURES)), dtype=np.float32)
    for j, name in enumerate(FEATURES):  # column by column: no float64 copy of the table
        data[:, j] = f[name].to_numpy()[picked]
    return pd.DataFrame(data, columns=list(FEATURES), copy=False)


def score(features: pd.DataFrame, settings: UnrecognisedSettings, model: ModelSettings,
          detector: RiskDetector | None = None, *, hindsight: bool = False) -> RiskResult:
    """Fit the detector on rows with a baseline, score them once, decide tiers.

    Args:
        features: ``build_features`` output (history and new rows).
        settings: the ``[unrecognised]`` settings.
        model: the ``[model]`` settings.
        detector: an already fitted detector (e.g. fitted on history and stored by the
            scheduler): rows are scored with it and nothing is refitted.
        hindsight: judge rows with the whole statement (``scan``); the scheduled check is
            causal and leaves it False (see ``walletwatch.model.tiers``).

    The ``risk`` column ranks rows: flagged rows (a tier matched) sit in their severity's
    band (high from 0.9, medium from 0.75, low from 0.55), ordered inside it by the rule
    strengths and the forest; every other row stays below ``settings.threshold``.
    """
    return start_scoring(features, settings, model, detector, hindsight=hindsight).result()


def start_scoring(features: pd.DataFrame, settings: UnrecognisedSettings, model: ModelSettings,
                  detector: RiskDetector | None = None, *, hindsight: bool = False) -> Scoring:
    """``score`` in two steps: this one starts the forest on other threads and works out the
    rules and tiers; ``Scoring.result()`` waits for the forest and combines. Whatever the
    caller does in between (the other checks) overlaps with the forest's scoring, whose trees
    are walked with the GIL released."""
    from walletwatch.model.tiers import assess

    f = features.copy(deep=False)  # copy-on-write (pandas 3): the caller's frame is untouched
    f["typical"] = typical_amount(f)
    warm = f["warm"].to_numpy()
    forest = None
    # The forest scores on every core but this one, which goes on with the rules and the
    # other checks (and then takes its share of the rows still waiting; BackgroundScores).
    if warm.any() and detector is not None:
        from walletwatch.model.detector import BackgroundScores

        forest = BackgroundScores(detector, _matrix(f, warm))
    elif warm.sum() >= MIN_FIT_ROWS:
        from walletwatch.model.detector import BackgroundScores, RiskDetector

        detector = RiskDetector(model.n_estimators, model.max_samples, model.random_state)
        # One float32 block for the fit; then each block of rows is made again as it is scored.
        scored = np.flatnonzero(warm)
        forest = BackgroundScores(detector, _matrix(f, scored), fit=True,
                                  rows=lambda start, end: _matrix(f, scored[start:end]))
    try:
        strengths = signals(f, settings)
        evidence = assess(f, f["attempt"].to_numpy(bool), settings, hindsight=hindsight)
    except BaseException:
        if forest is not None:
            forest.cancel()
        raise
    finally:
        forget_windows()
    return Scoring(f, warm, strengths, evidence, settings, forest, detector)


def _noisy_or(strengths: Iterable[np.ndarray]) -> np.ndarray:
    """``1 - prod(1 - strength)`` per row, the factors multiplied in order (as ``np.prod``
    along a row does: the same result to the bit). ``strengths`` may be a generator: one
    dense column at a time."""
    factors = iter(strengths)
    keep = 1.0 - next(factors)
    for strength in factors:
        keep *= 1.0 - strength
    return 1.0 - keep


@dataclass
class Scoring:
    """A scoring under way (``start_scoring``): the rules are done, the forest may not be."""

    f: pd.DataFrame
    warm: np.ndarray
    strengths: pd.DataFrame
    evidence: Any  # walletwatch.model.tiers.Evidence
    settings: UnrecognisedSettings
    forest: BackgroundScores | None
    detector: RiskDetector | None

    def cancel(self) -> None:
        """Stop the forest (its threads end); ``result`` cannot be asked for afterwards."""
        if self.forest is not None:
            self.forest.cancel()

    def result(self) -> RiskResult:
        """Wait for the forest, then combine it with the rules (see ``score``)."""
        f, warm, settings, strengths = self.f, self.warm, self.settings, self.strengths
        anomaly = np.zeros(len(f))
        if self.forest is not None:
            anomaly[warm] = self.forest.result()
            self.forest = None  # its copy of the features (tens of MB) can go
        outlier = settings.model_weight * np.clip((anomaly - 0.5) / 0.25, 0, 1)

        def without_warm_up(values: np.ndarray) -> pd.arrays.SparseArray:
            return mostly_zero(np.where(warm, values, 0.0))  # rows without a baseline score 0

        # Column by column, kept sparse (no table-sized temporaries).
        columns = {name: without_warm_up(strengths[name].to_numpy()) for name in strengths}
        columns["model-outlier"] = without_warm_up(outlier)
        self.strengths = strengths = frame_of(columns, f.index)  # the unzeroed ones can go
        combined = _noisy_or(column.to_numpy() for column in columns.values())
        tiers = self.evidence.table
        base = _severity_base(tiers["severity"].to_numpy())
        flagged = ~np.isnan(base)
        below = settings.threshold * 0.98 * unflagged_rank(f, combined, anomaly) \
            * np.where(self.evidence.excused, 0.5, 1.0)
        risk = np.where(flagged, np.nan_to_num(base) + 0.09 * combined, below)
        table = pd.concat([f, strengths, tiers.drop(columns=["novel"])], axis=1)
        table["model"] = anomaly
        table["risk"] = np.round(risk, 4)
        table["flagged"] = flagged
        return RiskResult(table, self.detector)
