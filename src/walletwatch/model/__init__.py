"""The model side of unrecognised-activity detection.

* ``features.build_features(frame)``: each outgoing transaction described relative to the
  owner's own history up to that moment (pure, vectorised).
* ``detector.RiskDetector``: an isolation forest with scikit-learn estimator conventions;
  ``score_samples`` is in [0, 1], higher = riskier.

Fit on history, score only new rows (the scheduler's use)::

    X = build_features(frame)                      # history + new rows, one pass
    hist, new = X[X["time"] < since], X[X["time"] >= since]
    detector = RiskDetector().fit(hist.loc[hist["warm"], FEATURES])
    scores = detector.score_samples(new[FEATURES])

or ``build_features(frame, new_since=since)`` to get only the new rows' features.
"""

from walletwatch.model.features import FEATURES, build_features

__all__ = ["FEATURES", "RiskDetector", "build_features"]


def __getattr__(name: str):
    # scikit-learn takes ~0.6 s to import: only what fits or scores loads it, so the checks,
    # the settings and the scheduled check's start-up do not pay for it (PEP 562)
    if name == "RiskDetector":
        from walletwatch.model.detector import RiskDetector

        return RiskDetector
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
