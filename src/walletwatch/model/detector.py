"""``RiskDetector``: an isolation forest with scikit-learn estimator conventions.

``score_samples`` returns the isolation forest's anomaly score ``s = 2 ** (-E[h(x)] / c(n))``
from the original paper, which lies in (0, 1]: higher = riskier (PyOD's convention), about 0.5
for ordinary rows. ``explain`` says which features made a row stand out relative to the data
the detector was fitted on, in English and Chinese.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, OutlierMixin
from sklearn.ensemble import IsolationForest
from sklearn.utils.validation import check_array, check_is_fitted

from walletwatch.model.features import FEATURES, RISKY
from walletwatch.model.wording import describe


class RiskDetector(OutlierMixin, BaseEstimator):
    """Isolation forest over the ``features.FEATURES`` columns.

    Args:
        n_estimators: trees in the forest.
        max_samples: rows drawn to grow each tree (capped at the rows available).
        random_state: seed; fixed by default so that the same input gives the same scores.

    Attributes:
        forest_: the fitted ``sklearn.ensemble.IsolationForest``.
        feature_names_in_: column names seen in ``fit`` (when given a DataFrame).
        n_features_in_: number of features.
        center_: per-feature median of the fitted rows.
        scale_: per-feature robust spread (IQR / 1.35, floored) of the fitted rows.
    """

    def __init__(self, n_estimators: int = 100, max_samples: int = 256, random_state: int = 0):
        self.n_estimators = n_estimators
        self.max_samples = max_samples
        self.random_state = random_state

    def fit(self, X, y=None) -> RiskDetector:
        """Fit on the owner's history (rows with a baseline). Returns self."""
        names = list(X.columns) if isinstance(X, pd.DataFrame) else None
        data = check_array(X, dtype=np.float32, ensure_min_samples=2)
        if self.n_estimators < 1:
            raise ValueError(f"n_estimators must be >= 1, got {self.n_estimators!r}")
        self.forest_ = IsolationForest(
            n_estimators=self.n_estimators,
            max_samples=min(int(self.max_samples), len(data)),
            contamination="auto",
            random_state=self.random_state,
        ).fit(data)
        if names is not None:
            self.feature_names_in_ = np.asarray(names, dtype=object)
        self.n_features_in_ = data.shape[1]
        # Column by column: a contiguous copy partitions faster than a strided axis (same values).
        q25, q50, q75 = np.stack([np.percentile(data[:, j], [25, 50, 75])
                                  for j in range(data.shape[1])], axis=1)
        self.center_ = q50
        self.scale_ = np.maximum((q75 - q25) / 1.35, 0.25)
        return self

    def _data(self, X) -> np.ndarray:
        check_is_fitted(self, "forest_")
        data = check_array(X, dtype=np.float32, ensure_min_samples=0)
        if data.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {data.shape[1]} features, but RiskDetector was fitted "
                             f"with {self.n_features_in_} features")
        return data

    def score_samples(self, X, *, workers: int | None = None) -> np.ndarray:
        """Anomaly score in (0, 1] per row; higher = riskier. ``workers``: threads to score
        with (default: one per core, at most 8); the scores are the same whatever it is."""
        data = self._data(X)
        if not len(data):
            return np.zeros(0)
        return -_score_rows(self.forest_, data, workers)

    def decision_function(self, X) -> np.ndarray:
        """Negative for outliers (scikit-learn's sign), as ``IsolationForest`` with 'auto'."""
        return 0.5 - self.score_samples(X)

    def predict(self, X) -> np.ndarray:
        """-1 for outliers, +1 for inliers."""
        return np.where(self.decision_function(X) < 0, -1, 1)

    def contributions(self, X) -> pd.DataFrame:
        """How far each feature sits on its unusual side, in robust units (0 = ordinary)."""
        data = self._data(X)
        names = list(getattr(self, "feature_names_in_", FEATURES[: self.n_features_in_]))
        sign = np.array([RISKY.get(name, 1) for name in names], dtype=np.float32)
        deviation = (data - self.center_) / self.scale_ * sign
        return pd.DataFrame(np.maximum(deviation, 0.0), columns=names)

    def explain(self, X, top: int = 3, min_units: float = 2.0) -> list[list[dict[str, str]]]:
        """Per row, up to ``top`` features that stand out, each ``{"feature", "en", "zh"}``."""
        frame = X if isinstance(X, pd.DataFrame) else pd.DataFrame(X)
        contrib = self.contributions(frame)
        names = list(contrib.columns)
        units = contrib.to_numpy()
        values = frame.reset_index(drop=True)[names].to_numpy(dtype=float)
        out = []
        for row, value in zip(units, values, strict=True):  # one row per incident: few
            # Most unusual first; ties keep the feature order (a stable descending sort).
            picked = sorted(np.flatnonzero(row >= min_units).tolist(), key=lambda j: -row[j])
            if any(names[j] == "payee_novel" for j in picked):
                # "never paid" already says "paid 0 times"
                picked = [j for j in picked if names[j] != "payee_count"]
            out.append([{"feature": names[j], **describe(names[j], float(value[j]))}
                        for j in picked[:top]])
        return out


# Below this many rows one thread is quicker than starting several.
PARALLEL_MIN_ROWS = 100_000


def _score_rows(forest: IsolationForest, data: np.ndarray, workers: int | None = None) -> np.ndarray:
    """``forest.score_samples(data)``, with blocks of rows on every core.

    Each row's depths are summed over the trees in the same order whatever block it is in, so
    the scores are the same to the bit as one call; the trees' traversal releases the GIL, so
    the blocks run side by side (scoring is the largest single cost of a large scan).
    """
    workers = min(_cores(), 8) if workers is None else workers
    if workers < 2 or len(data) < PARALLEL_MIN_ROWS:
        return forest.score_samples(data)
    bounds = np.linspace(0, len(data), workers + 1).astype(int)
    blocks = [data[start:end] for start, end in pairwise(bounds)]
    with ThreadPoolExecutor(workers) as pool:
        return np.concatenate(list(pool.map(forest.score_samples, blocks)))


class BackgroundScores:
    """``detector.score_samples(X)`` (after ``detector.fit(X)`` when ``fit``) on worker threads,
    in blocks of rows, while the caller goes on with other work. ``result()`` scores on the
    calling thread every block no worker has started yet, so that a caller done early helps
    instead of waiting. The scores are the same to the bit as one call (see ``_score_rows``).

    ``rows``: makes the rows ``start:end`` of ``X`` again (the same values). Given with
    ``fit``, ``X`` is let go once the forest is fitted and each block is made when it is
    scored: a large scan's checks then run beside a few MB of the forest's input, not all of it.
    """

    BLOCKS = 16  # small enough for the caller to share the work, large enough to cost nothing

    def __init__(self, detector: RiskDetector, X, *, fit: bool = False,
                 workers: int | None = None,
                 rows: Callable[[int, int], Any] | None = None):
        self.detector = detector
        self._rows = rows if fit else None
        self._pool = ThreadPoolExecutor(workers or spare_cores(), thread_name_prefix="forest")
        self._data = X.to_numpy() if isinstance(X, pd.DataFrame) else np.asarray(X)
        count = self.BLOCKS if len(self._data) >= PARALLEL_MIN_ROWS else 1
        bounds = np.linspace(0, len(self._data), count + 1).astype(int)
        self._fitted = self._pool.submit(self._fit, X) if fit else None
        self._blocks = [(start, end, self._pool.submit(self._score, start, end))
                        for start, end in pairwise(bounds)]

    def _fit(self, X) -> None:
        self.detector.fit(X)
        if self._rows is not None:
            self._data = None  # the blocks are made again from ``rows``

    def _score(self, start: int, end: int) -> np.ndarray:
        if self._fitted is not None:
            self._fitted.result()  # a block waits for the fit (and raises its error)
        block = self._rows(start, end) if self._rows is not None else self._data[start:end]
        return self.detector.score_samples(block, workers=1)

    def result(self) -> np.ndarray:
        """The scores of every row of ``X``, in order."""
        try:
            # From the last block back, while the workers go on from the first: the two meet
            # in the middle, and this thread never waits for a block it could have scored.
            mine = {i: self._score(start, end)
                    for i, (start, end, future) in reversed(list(enumerate(self._blocks)))
                    if future.cancel()}
            parts = [mine[i] if i in mine else future.result()
                     for i, (_, _, future) in enumerate(self._blocks)]
        finally:
            self.cancel()
        return np.concatenate(parts) if parts else np.zeros(0)

    def cancel(self) -> None:
        """Stop: blocks not started are dropped, the threads end, the rows are let go."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._data = None


def spare_cores() -> int:
    """Threads for work beside a busy caller: every core but the caller's (at least one)."""
    return max(min(_cores(), 8) - 1, 1)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (Linux)
    except AttributeError:
        return os.cpu_count() or 1
