"""``duplicate-charge``: the same payee and amount charged twice, both successful, within
minutes (``[duplicate] window_minutes``, default 10), and no refund for either.

Not duplicates: a failed attempt and its successful retry (only successful rows count), a
pending row and its posted row (the pending one is not successful), two purchases further
apart than the window, two rows with the same transaction id (the same record twice), and a
pair where either was refunded. Three or more such charges in a chain form one finding;
the money at stake is every charge after the first. Severity ``medium``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from walletwatch.checks.base import Context, as_rows, local, make, money
from walletwatch.findings import Finding
from walletwatch.model.features import epoch_seconds


def candidates(ctx: Context) -> dict[str, np.ndarray]:
    """Successful outgoing charges not refunded, as arrays ordered by payee, money, time."""
    frame = ctx.frame
    ok = frame["status"].eq("success") & frame["direction"].eq("out")
    ok &= ~frame["kind"].isin(["refund", "topup"])
    ok &= ~frame["txn_id"].isin(ctx.refunded_ids())
    index = np.flatnonzero(ok.to_numpy())
    # Codes of the categorical columns (a factorize of a million texts builds an ~80 MB table).
    payee = pd.factorize(ctx.payee_labels()[index])[0]
    currency = pd.factorize(frame["currency"].array[index])[0]
    amount = frame["amount"].to_numpy()[index]
    seconds = epoch_seconds(frame["time"])[index]
    order = np.lexsort((seconds, amount, currency, payee))
    same = (np.diff(payee[order]) == 0) & (np.diff(currency[order]) == 0) & \
        (np.diff(amount[order]) == 0)
    return {"index": index[order], "seconds": seconds[order], "same": same}


@dataclass
class DuplicateSettings:
    """The same payee and amount charged twice, both successful, within minutes."""

    enabled: bool = True
    window_minutes: float = 10.0


class Check:
    category, section, settings = "duplicate", "duplicate", DuplicateSettings
    needs_risk = False
    codes = (("duplicate-charge", "Charged twice", "重复扣款"),)

    def run(self, ctx: Context) -> Iterator[Finding]:
        c = candidates(ctx)
        if len(c["index"]) < 2:
            return
        window = ctx.config.duplicate.window_minutes * 60
        close = c["same"] & (np.diff(c["seconds"]) <= window)
        # Ids only for the few close pairs (two rows with one id are one record read twice).
        pairs = np.flatnonzero(close)
        ids = ctx.frame["txn_id"]
        first = ids.iloc[c["index"][pairs]].to_numpy(object)
        second = ids.iloc[c["index"][pairs + 1]].to_numpy(object)
        close[pairs] = first != second
        if not close.any():
            return
        # close[i] links rows i and i+1; a chain is a run of links.
        member = np.concatenate([close, [False]]) | np.concatenate([[False], close])
        labels = np.cumsum(np.concatenate([[True], ~close]))
        picked = np.flatnonzero(member)
        records = as_rows(ctx.frame.iloc[c["index"][picked]])
        groups: dict[int, list] = {}
        for label, record in zip(labels[picked].tolist(), records, strict=True):
            groups.setdefault(label, []).append(record)
        for group in groups.values():
            yield self._finding(group)

    @staticmethod
    def _finding(group: list[dict]) -> Finding:
        first, last = group[0], group[-1]
        minutes = (last["time"] - first["time"]).total_seconds() / 60
        extra = group[1:]
        one = group[:1]
        reason = {
            "en": f"{first['counterparty'] or '?'} charged {money(one)} {len(group)} times "
                  f"within {minutes:.0f} min ({local(first)} to {local(last, '%H:%M')}), all "
                  f"successful and none refunded.",
            "zh": f"{first['counterparty'] or '?'} 在 {minutes:.0f} 分钟内（{local(first)} 至 "
                  f"{local(last, '%H:%M')}）扣款 {money(one)} 共 {len(group)} 次，均成功且未退款。",
        }
        return make("duplicate-charge", "medium", group, reason, stake=extra,
                    details={"charges": len(group), "minutes": round(minutes, 1)})
