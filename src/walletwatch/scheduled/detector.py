"""The detector of the scheduled check: the stored one, refitted only when
``walletwatch.store.modelstate.needs_refit`` says so.

A refit uses the most recent ``FIT_ROWS`` transactions, so its cost stays bounded however long
the history gets.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from walletwatch.store import modelstate, txns

FIT_ROWS = 100_000


def fit(conn: sqlite3.Connection, config: Any, allowlist: list[str], now: str) -> Any | None:
    """Fit on the recent history and store it (caller's transaction); None if too little."""
    from walletwatch.model.detector import RiskDetector
    from walletwatch.model.features import FEATURES, build_features
    from walletwatch.model.risk import MIN_FIT_ROWS

    frame = txns.recent(conn, FIT_ROWS)
    s = config.unrecognised
    features = build_features(frame, allowlist=allowlist, warmup_days=s.warmup_days,
                              warmup_transactions=s.warmup_transactions)
    warm = features[features["warm"].to_numpy()]
    if len(warm) < MIN_FIT_ROWS:
        return None
    m = config.model
    detector = RiskDetector(m.n_estimators, m.max_samples, m.random_state)
    detector.fit(warm[list(FEATURES)])
    modelstate.save(conn, detector, m, now)
    return detector


def ensure(conn: sqlite3.Connection, config: Any, allowlist: list[str],
           now: str) -> tuple[Any | None, str | None]:
    """The detector to score with, and why it was refitted (None: the stored one)."""
    stored = modelstate.load(conn)
    reason = modelstate.needs_refit(stored, modelstate.model_version(config.model),
                                    txns.max_id(conn))
    if reason is None:
        return stored[0], None
    return fit(conn, config, allowlist, now), reason
