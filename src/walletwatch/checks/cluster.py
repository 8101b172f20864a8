"""``failure-cluster``: repeated failures, which often mean a blocked card or account.

Two shapes (``[failed]`` settings): at least ``cluster_min`` failed attempts within
``cluster_window_hours`` of each other, or at least ``payee_cluster_min`` failures at one payee
within ``payee_cluster_window_days``. A payee cluster already inside a time cluster is not
repeated. Severity ``medium``.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from walletwatch.checks.base import Context, as_rows, chains, hours_text, local, make
from walletwatch.checks.failed import attempts, debited
from walletwatch.findings import Finding
from walletwatch.model.features import epoch_seconds


def dense_groups(times: pd.Series, minimum: int, window: pd.Timedelta) -> list[np.ndarray]:
    """Positions (into ``times``, sorted) of groups with >= ``minimum`` rows in a window."""
    t = epoch_seconds(times)
    seconds = int(window.total_seconds())
    start = np.searchsorted(t, t - seconds, side="left")
    dense_end = (np.arange(len(t)) - start + 1) >= minimum
    member = np.zeros(len(t), dtype=bool)
    for end in np.flatnonzero(dense_end):  # matches only
        member[start[end]:end + 1] = True
    picked = np.flatnonzero(member)
    labels = chains(times.iloc[picked], seconds)
    return [picked[labels == k] for k in np.unique(labels)]


class Check:
    codes = ("failure-cluster",)

    def run(self, ctx: Context) -> Iterator[Finding]:
        settings = ctx.config.failed
        # A closed order that still booked money out is a refund story, not a failed attempt.
        failed = ctx.frame[attempts(ctx.frame) & ~debited(ctx.frame)]
        if len(failed) < min(settings.cluster_min, settings.payee_cluster_min):
            return
        seen: set[int] = set()
        window = pd.Timedelta(hours=settings.cluster_window_hours)
        for group in dense_groups(failed["time"], settings.cluster_min, window):
            rows = failed.iloc[group]
            seen.update(rows.index)
            yield self._finding(rows, None)
        payees = ctx.payees()[failed.index]
        window = pd.Timedelta(days=settings.payee_cluster_window_days)
        for payee, at_payee in failed.groupby(payees.to_numpy(), sort=True):
            if len(at_payee) < settings.payee_cluster_min:
                continue
            for group in dense_groups(at_payee["time"], settings.payee_cluster_min, window):
                rows = at_payee.iloc[group]
                if not set(rows.index) <= seen:
                    yield self._finding(rows, payee)

    @staticmethod
    def _finding(frame: pd.DataFrame, payee: str | None) -> Finding:
        rows = as_rows(frame)
        first, last = rows[0], rows[-1]
        span = (last["time"] - first["time"]).total_seconds() / 3600
        en_span, zh_span = hours_text(span)
        payees = frame["counterparty"].nunique()
        one = payee is not None or payees == 1
        where_en = f"at {first['counterparty']}" if one else f"at {payees} payees"
        where_zh = f"在 {first['counterparty']}" if one else f"涉及 {payees} 个收款方"
        reason = {
            "en": f"{len(rows)} failed payment attempts {where_en} within {en_span}, "
                  f"from {local(first)} to {local(last)}.",
            "zh": f"{local(first)} 至 {local(last)}（{zh_span}内）{where_zh}共有 {len(rows)} "
                  f"次支付失败。",
        }
        return make("failure-cluster", "medium", rows, reason,
                    details={"failures": len(rows), "by_payee": payee is not None})
