"""Findings for an incremental check: the checks over a window, the stored detector.

The rule checks and the per-row features read a contiguous window of the stored history
(``history_days`` before the earliest new transaction, to the end); only rows at or after
that earliest new transaction are scored, with the detector fitted on the whole history and
kept in the store (``walletwatch.store.modelstate``), so nothing is refitted per run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from walletwatch.findings import Finding


def _score(features: pd.DataFrame, settings: Any, model: Any, detector: Any) -> pd.DataFrame:
    """``walletwatch.model.risk.score`` with an already-fitted detector (no fit here).

    Uses ``score(..., detector=...)`` when the model package offers it; until then the same
    combination is spelled out here (rule strengths + the stored forest, noisy-or).
    """
    import inspect

    from walletwatch.model import risk
    from walletwatch.model.features import FEATURES
    from walletwatch.model.risk import signals, typical_amount

    if "detector" in inspect.signature(risk.score).parameters:
        return risk.score(features, settings, model, detector=detector).table

    f = features.copy()
    f["typical"] = typical_amount(f)
    warm = f["warm"].to_numpy()
    anomaly = np.zeros(len(f))
    if detector is not None and warm.any():
        anomaly[warm] = detector.score_samples(f.loc[warm, list(FEATURES)])
    strengths = signals(f, settings)
    strengths["model-outlier"] = settings.model_weight * np.clip((anomaly - 0.5) / 0.25, 0, 1)
    strengths.loc[~warm, :] = 0.0
    risk = 1.0 - np.prod(1.0 - strengths.to_numpy(), axis=1)
    table = pd.concat([f, strengths], axis=1)
    table["model"] = anomaly
    table["risk"] = np.round(risk, 4)
    table["flagged"] = table["risk"] >= settings.threshold
    return table


def find(frame: pd.DataFrame, *, new_since: pd.Timestamp, as_of: pd.Timestamp, config: Any,
         allowlist: Iterable[str], detector: Any) -> list[Finding]:
    """Run every enabled check on ``frame``; the model scores rows from ``new_since`` on."""
    from walletwatch.checks import Context, run_checks
    from walletwatch.model.features import build_features

    frame = frame.drop(columns=["store_id"], errors="ignore").reset_index(drop=True)
    payees = tuple(sorted(set(allowlist)))
    u = config.unrecognised
    risk = None
    if u.enabled:
        features = build_features(frame, allowlist=payees, new_since=new_since,
                                  warmup_days=u.warmup_days,
                                  warmup_transactions=u.warmup_transactions)
        risk = _score(features.reset_index(drop=True), u, config.model, detector)
    ctx = Context(frame=frame, config=config, as_of=as_of, allowlist=payees, risk=risk)
    ctx.cache["detector"] = detector
    return run_checks(ctx)
