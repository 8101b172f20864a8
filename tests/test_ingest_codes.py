"""Every reason and notice code an importer emits is one registered in ingest/base.py."""

from __future__ import annotations

import walletwatch
from walletwatch.ingest.base import NOTICE_CODES, REJECT_CODES

from conftest import DATA, SAMPLES


def test_emitted_codes_are_registered():
    files = [p for p in (DATA / "ingest").rglob("*") if p.suffix in (".csv", ".xlsx")
             and not p.name.endswith(".expected.csv")]
    files += sorted(SAMPLES.glob("*.csv"))
    reasons, notices = set(), set()
    for path in files:
        for report in walletwatch.load([path]).files:
            reasons |= {r.reason for r in report.rejected}
            notices |= {n.code for n in report.notices}
    assert reasons and notices  # the test data does exercise both
    assert reasons <= set(REJECT_CODES)
    assert notices <= set(NOTICE_CODES)
