"""How a large scan splits its work: the row order helpers (``walletwatch.columns``), the
forest's scores on any number of threads and in the background while the caller works on.
Each must give exactly what the plain pandas / scikit-learn calls give."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from walletwatch.columns import sort_order, take_rows


def _frame(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    times = pd.to_datetime(rng.integers(0, 50, rows), unit="m", utc=True)  # many ties
    times = times.where(rng.random(rows) > 0.05)  # and some missing times
    text = [f"id-{i}" if i % 7 else "" for i in rng.integers(0, 10**6, rows)]
    # An Arrow text column in many pieces, as a reader returns it.
    pieces = pa.chunked_array([text[i:i + 37] for i in range(0, rows, 37)], pa.large_string())
    return pd.DataFrame({
        "txn_id": pd.array(pieces, dtype="str"),
        "time": times,
        "source_file": rng.choice(["b.csv", "a.csv", None], rows),
        "source_line": rng.integers(1, 100, rows),
        "tz": pd.Series(rng.choice(["Asia/Shanghai", "UTC"], rows), dtype=object),
        "fee": pd.array(rng.integers(0, 5, rows), dtype="Int64"),
    })


@pytest.mark.parametrize("keys", [["time", "source_line"], ["time", "source_file", "source_line"]])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sorting_by_positions_equals_a_stable_sort(keys, seed):
    frame = _frame(1000, seed)
    expected = frame.sort_values(keys, kind="stable").reset_index(drop=True)
    got = take_rows(frame, sort_order(frame, keys))
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert list(got.dtypes) == list(frame.dtypes)


def test_forest_scores_are_the_same_on_any_number_of_threads():
    from walletwatch.model.detector import PARALLEL_MIN_ROWS, RiskDetector

    rng = np.random.default_rng(0)
    X = rng.normal(size=(PARALLEL_MIN_ROWS + 1234, 5)).astype(np.float32)
    detector = RiskDetector(n_estimators=10).fit(X[:5000])
    one = detector.score_samples(X, workers=1)
    assert np.array_equal(one, detector.score_samples(X, workers=2))
    assert np.array_equal(one, detector.score_samples(X, workers=3))
    assert np.array_equal(one, -detector.forest_.score_samples(X))


def test_background_scores_equal_one_call_whoever_scores_the_blocks():
    from walletwatch.model.detector import PARALLEL_MIN_ROWS, BackgroundScores, RiskDetector

    rng = np.random.default_rng(1)
    X = pd.DataFrame(rng.normal(size=(PARALLEL_MIN_ROWS + 77, 4)).astype(np.float32),
                     columns=list("abcd"))
    expected = RiskDetector(n_estimators=8).fit(X).score_samples(X)
    # Asked at once: the calling thread scores most blocks itself.
    fitted_here = BackgroundScores(RiskDetector(n_estimators=8), X, fit=True)
    assert np.array_equal(fitted_here.result(), expected)
    assert list(fitted_here.detector.feature_names_in_) == list("abcd")
    # Asked late: the workers scored them all.
    detector = RiskDetector(n_estimators=8).fit(X)
    later = BackgroundScores(detector, X, workers=2)
    later._blocks[-1][2].result()
    assert np.array_equal(later.result(), expected)


def test_blocks_made_again_after_the_fit_score_the_same_and_the_input_is_let_go():
    from walletwatch.model.detector import PARALLEL_MIN_ROWS, BackgroundScores, RiskDetector

    rng = np.random.default_rng(2)
    X = pd.DataFrame(rng.normal(size=(PARALLEL_MIN_ROWS + 501, 4)).astype(np.float32),
                     columns=list("abcd"))
    expected = RiskDetector(n_estimators=8).fit(X).score_samples(X)
    made = []

    def rows(start, end):
        made.append((start, end))
        return X.iloc[start:end]

    scores = BackgroundScores(RiskDetector(n_estimators=8), X.copy(), fit=True, rows=rows)
    scores._fitted.result()
    assert scores._data is None  # the fit's input is gone; blocks come from ``rows``
    assert np.array_equal(scores.result(), expected)
    assert sorted(made) == [(s, e) for s, e, _ in scores._blocks]  # each block made once


def test_a_fit_that_fails_in_the_background_raises_in_the_caller():
    from walletwatch.model.detector import BackgroundScores, RiskDetector

    scores = BackgroundScores(RiskDetector(n_estimators=0), np.ones((50, 3)), fit=True)
    with pytest.raises(ValueError, match="n_estimators"):
        scores.result()


def test_a_check_that_fails_while_the_forest_scores_stops_the_forest(monkeypatch):
    """The check's error reaches the caller; the forest's threads do not outlive the scan."""
    import threading

    from walletwatch.checks import failed
    from walletwatch.ingest import load
    from walletwatch.pipeline import scan_frame

    frame = load(["sample_data/alipay_2026.csv"]).frame

    def broken(self, ctx):
        raise RuntimeError("a check broke")

    monkeypatch.setattr(failed.Check, "run", broken)
    with pytest.raises(RuntimeError, match="a check broke"):
        scan_frame(frame)
    assert not [t for t in threading.enumerate() if t.name.startswith("forest")]
