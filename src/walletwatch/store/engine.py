"""Findings for an incremental check: the checks over a window, the stored detector.

The rule checks and the per-row features read a contiguous window of the stored history
(``history_days`` before the earliest new transaction, to the end); only rows at or after
that earliest new transaction are scored, with the detector fitted on the whole history and
kept in the store (``walletwatch.store.modelstate``), so nothing is refitted per run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from walletwatch.findings import Finding


def _score(features: pd.DataFrame, settings: Any, model: Any, detector: Any) -> pd.DataFrame:
    """``walletwatch.model.risk.score`` with the stored, already-fitted detector (no fit)."""
    from walletwatch.model import risk

    return risk.score(features, settings, model, detector=detector).table


def find(frame: pd.DataFrame, *, new_since: pd.Timestamp, as_of: pd.Timestamp, config: Any,
         allowlist: Iterable[str], detector: Any, marks: list | None = None) -> list[Finding]:
    """Run every enabled check on ``frame``; the model scores rows from ``new_since`` on.
    ``marks``: the owner's marks on recurring series (``walletwatch.store.marks``)."""
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
    ctx.cache["marks"] = list(marks or ())
    return run_checks(ctx)
