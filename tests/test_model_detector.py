"""RiskDetector: scikit-learn conventions, planted outliers, pickling, explanations."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from walletwatch.model import FEATURES, RiskDetector


def planted(seed: int = 0, n: int = 600, k: int = 6):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(rng.normal(0, 1, size=(n, len(FEATURES))), columns=list(FEATURES))
    outliers = rng.choice(n, size=k, replace=False)
    X.iloc[outliers, :4] += 8.0
    return X, set(outliers)


def test_planted_outliers_rank_at_the_top():
    X, outliers = planted()
    scores = RiskDetector(random_state=0).fit(X).score_samples(X)
    top = set(np.argsort(-scores)[: len(outliers)])
    assert top == outliers
    assert ((scores > 0) & (scores <= 1)).all()


def test_fit_returns_self_and_sets_fitted_attributes():
    X, _ = planted()
    detector = RiskDetector(n_estimators=20)
    assert detector.fit(X) is detector
    assert detector.n_features_in_ == len(FEATURES)
    assert list(detector.feature_names_in_) == list(FEATURES)
    assert detector.center_.shape == (len(FEATURES),)
    assert hasattr(detector, "forest_")


def test_init_only_stores_parameters():
    detector = RiskDetector(n_estimators=7, max_samples=64, random_state=3)
    assert detector.get_params() == {"n_estimators": 7, "max_samples": 64, "random_state": 3}
    assert not hasattr(detector, "forest_")
    assert clone(detector).get_params() == detector.get_params()


def test_unfitted_detector_refuses_to_score():
    with pytest.raises(NotFittedError):
        RiskDetector().score_samples(np.zeros((2, len(FEATURES))))


def test_feature_count_mismatch_names_both_counts():
    X, _ = planted()
    detector = RiskDetector(n_estimators=10).fit(X)
    with pytest.raises(ValueError, match=r"3 features.*17 features"):
        detector.score_samples(np.zeros((2, 3)))


def test_same_seed_same_scores_and_pickle_round_trip():
    X, _ = planted()
    first = RiskDetector(random_state=1).fit(X).score_samples(X)
    detector = RiskDetector(random_state=1).fit(X)
    again = pickle.loads(pickle.dumps(detector))
    np.testing.assert_array_equal(first, detector.score_samples(X))
    np.testing.assert_array_equal(first, again.score_samples(X))


def test_predict_and_decision_function_follow_sklearn_signs():
    X, outliers = planted()
    detector = RiskDetector(random_state=0).fit(X)
    labels = detector.predict(X)
    assert set(np.unique(labels)) <= {-1, 1}
    assert (labels[list(outliers)] == -1).all()
    assert (detector.decision_function(X)[list(outliers)] < 0).all()


def test_explain_names_the_features_that_stand_out_in_both_languages():
    X, outliers = planted()
    detector = RiskDetector(random_state=0).fit(X)
    row = sorted(outliers)[0]
    (words,) = detector.explain(X.iloc[[row]])
    assert {w["feature"] for w in words} <= set(FEATURES[:4])
    assert all(w["en"] and w["zh"] for w in words)
