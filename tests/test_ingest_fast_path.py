"""The Arrow fast path of ``ingest/table.py`` reads exactly what pandas' parser read before it.

Every shipped sample, intact and damaged every way ``ingest_mutations`` knows (stray quotes,
NULs, CRs, truncation, other encodings, huge cells, odd digits), is loaded twice through
``walletwatch.load``: once as shipped and once with the Arrow reader turned off. The tables,
the rejected rows and the reports must be the same.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import walletwatch
from walletwatch.ingest import table

from ingest_mutations import mutate, shipped_samples

SHIPPED = shipped_samples()


def load_both(path: Path, monkeypatch) -> tuple:
    with_arrow = walletwatch.load([path])
    with monkeypatch.context() as patch:
        patch.setattr(table, "_arrow_reads", lambda encoding: False)
        without = walletwatch.load([path])
    return with_arrow, without


def assert_same(first, second, *, same_dtypes: bool = True) -> None:
    pd.testing.assert_frame_equal(first.frame, second.frame, check_dtype=same_dtypes)
    assert first.to_dict() == second.to_dict()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_sample_reads_the_same_without_arrow(path, monkeypatch):
    assert_same(*load_both(path, monkeypatch))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([p for p in SHIPPED if p.suffix != ".xlsx"]), st.integers(0, 2**32 - 1))
# A copy of a UTF-8 header line, byte-order mark and all, as the first data line: Arrow's
# reader drops a mark that starts its input, the other readers keep it as text.
@example(next(p for p in SHIPPED if p.name == "activity_de.csv"), 2784)
def test_damaged_samples_read_the_same_without_arrow(source, seed):
    data, _ = mutate(source.read_bytes(), random.Random(seed))
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / source.name
        path.write_bytes(data)
        # Where pandas' parser gives up (a stray quote) and the exact path reads the file,
        # Arrow may read it alike: the same values, in text columns rather than object ones.
        assert_same(*load_both(path, patch), same_dtypes=False)
