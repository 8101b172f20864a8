"""How a large scan saves memory without changing a value: repeating text columns stored as
categories, the text helpers that keep them so, rule strengths stored sparse, payees grouped
on codes. Each must read (and scan) exactly as the plain columns do."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from walletwatch.columns import as_labels, take_rows, texts
from walletwatch.ingest import load
from walletwatch.pipeline import scan_frame
from walletwatch.recurring import by_payee
from walletwatch.schema import LABEL_COLUMNS

SAMPLES = sorted(Path(__file__).parents[1].joinpath("sample_data").glob("*_2026.csv"))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every categorical column spelled out as Python strings."""
    out = frame.copy()
    for name in out.columns:
        if isinstance(out[name].dtype, pd.CategoricalDtype):
            out[name] = out[name].astype(object)
    return out


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_loaded_labels_read_as_their_texts(sample):
    frame = load([sample]).frame
    labelled = [c for c in LABEL_COLUMNS if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    assert "status" in labelled and "source_file" in labelled
    assert not isinstance(frame["txn_id"].dtype, pd.CategoricalDtype)  # ids stay text
    for name in labelled:
        values = frame[name].astype(object)
        assert all(v is None or isinstance(v, str) or v != v for v in values)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_a_scan_of_labelled_columns_equals_a_scan_of_plain_ones(sample):
    frame = load([sample]).frame
    as_of = frame["time"].max() + pd.Timedelta(days=30)
    labelled = scan_frame(frame, as_of=as_of)
    plain = scan_frame(_plain(frame), as_of=as_of)
    assert [f.to_dict() for f in labelled.findings] == [f.to_dict() for f in plain.findings]
    assert np.array_equal(labelled.frame["score"].to_numpy(), plain.frame["score"].to_numpy())
    if labelled.risk is not None:
        pd.testing.assert_frame_equal(_plain(labelled.risk), _plain(plain.risk))


def test_labels_keep_values_missing_ones_and_text_order():
    rng = np.random.default_rng(4)
    values = pd.Series(rng.choice(["b", "a", "", None, "c c"], 500), dtype=object)
    order = rng.permutation(500)
    labelled = as_labels(values, order)
    assert isinstance(labelled, pd.Categorical)
    expected = values.to_numpy()[order]
    got = np.asarray(labelled, dtype=object)
    assert [None if pd.isna(v) else v for v in got] == \
        [None if pd.isna(v) else v for v in expected]
    assert list(labelled.categories) == ["", "a", "b", "c c"]  # sorted: groups and sorts as text
    assert as_labels(pd.Series([f"id-{i}" for i in range(100)]), np.arange(100)) is None


def test_take_rows_as_labels_equals_plain_take():
    frame = pd.DataFrame({"status": pd.array(["ok", None, "failed", "ok"] * 50, dtype="str"),
                          "amount": np.arange(200)})
    order = np.arange(200)[::-1]
    got = take_rows(frame, order, labels=("status",))
    assert isinstance(got["status"].dtype, pd.CategoricalDtype)
    pd.testing.assert_frame_equal(_plain(got).astype({"status": "str"}), take_rows(frame, order))


@pytest.mark.parametrize("missing", ["", "UTC", None])
def test_texts_equals_fillna_astype_str_for_labels_and_plain_columns(missing):
    values = pd.Series(["x", None, "y", "x", 1], dtype=object)
    expected = (values if missing is None else values.fillna(missing)).astype(str)
    for column in (values, values.astype("category")):
        got = texts(column, missing)
        assert [None if pd.isna(v) else v for v in got.astype(object)] == \
            [None if pd.isna(v) else v for v in expected.astype(object)]


def test_by_payee_equals_a_groupby():
    rng = np.random.default_rng(7)
    payees = rng.choice(["p1", "p2", "p3", ""], 400).astype(object)
    currencies = rng.choice(["CNY", "USD", None], 400).astype(object)
    positions = np.sort(rng.choice(10_000, 400, replace=False))
    keys = pd.DataFrame({"payee": payees, "currency": currencies})
    expected = {(str(p), str(c)): positions[at] for (p, c), at in
                keys.groupby(["payee", "currency"], sort=False).indices.items()}
    got = by_payee(positions, payees, currencies)
    assert list(got) == list(expected)  # the same groups in the order they first appear
    for key, rows in expected.items():
        assert np.array_equal(got[key], rows)
    assert by_payee(positions[:0], payees[:0], currencies[:0]) == {}


def test_rule_strengths_are_sparse_and_read_dense():
    from walletwatch.model.risk import SIGNALS

    frame = load([SAMPLES[0]]).frame
    risk = scan_frame(frame, as_of=frame["time"].max()).risk
    for name in SIGNALS:
        assert isinstance(risk[name].dtype, pd.SparseDtype)
        dense = risk[name].to_numpy()
        assert dense.dtype == np.float64 and ((dense >= 0) & (dense <= 1)).all()
    assert set(risk["tier"].astype(object)) >= {""}
