"""What the model learned of the owner's habits: the fitted detector, pickled in the store.

Refit rule (``needs_refit``): the detector is fitted again only when

* there is no stored detector, or it cannot be unpickled;
* the scikit-learn version differs from the one that pickled it (pickles are not portable
  across scikit-learn versions);
* the model version differs: walletwatch's feature list or the ``[model]`` settings changed;
* the history grew by more than ``GROWTH`` (25 %) since the fit.

Otherwise new transactions are scored with the stored detector: no refit from scratch. When
and on what to refit is the scheduled check's (``walletwatch.scheduled.detector``); this
module only keeps the detector and its bookkeeping.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
from dataclasses import asdict
from typing import Any

from walletwatch.store import txns

GROWTH = 0.25


def model_version(model_settings: Any) -> str:
    from walletwatch import __version__
    from walletwatch.model.features import FEATURES

    facts = {"features": list(FEATURES), "settings": asdict(model_settings),
             "walletwatch": __version__}
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:16]


def _sklearn_version() -> str:
    import sklearn

    return sklearn.__version__


def load(conn: sqlite3.Connection) -> tuple[Any, dict[str, Any]] | None:
    """The stored detector and its bookkeeping, or None (absent or unreadable)."""
    row = conn.execute("SELECT detector, sklearn_version, model_version, fitted_rows, fitted_at"
                       " FROM model WHERE id = 1").fetchone()
    if row is None:
        return None
    try:
        detector = pickle.loads(row[0])  # our own owner-only store file
    except Exception:
        return None
    info = {"sklearn_version": row[1], "model_version": row[2], "fitted_rows": row[3],
            "fitted_at": row[4]}
    return detector, info


def needs_refit(stored: tuple[Any, dict[str, Any]] | None, version: str,
                history_rows: int) -> str | None:
    """Why the detector must be fitted again, or None to keep it."""
    if stored is None:
        return "no-model"
    info = stored[1]
    if info["sklearn_version"] != _sklearn_version():
        return "sklearn-version"
    if info["model_version"] != version:
        return "model-version"
    if history_rows > info["fitted_rows"] * (1 + GROWTH):
        return "history-grew"
    return None


def save(conn: sqlite3.Connection, detector: Any, model_settings: Any, now: str) -> None:
    """Store ``detector``, fitted now on the history up to the latest transaction (caller's
    transaction)."""
    conn.execute(
        "INSERT OR REPLACE INTO model (id, detector, sklearn_version, model_version,"
        " fitted_rows, fitted_at) VALUES (1, ?, ?, ?, ?, ?)",
        (pickle.dumps(detector), _sklearn_version(), model_version(model_settings),
         txns.max_id(conn), now))
