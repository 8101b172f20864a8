"""``failure-cluster``: repeated failures, which often mean a blocked card or account.

Three shapes (``[failed]`` settings): at least ``cluster_min`` explicit failures (status
``failed``: declined, 支付失败) within ``cluster_window_hours`` of each other, when that many
in the window would be a surprise at the holder's own failure rate (closed orders count too
when they are rare enough for the same surprise: Alipay prints failures as 交易关闭, but some
people leave orders unpaid every day); as many failed
or closed attempts within ``attempt_cluster_minutes`` (Alipay shows failures as closed
orders, and people do not leave three orders unpaid within the hour); or at least
``payee_cluster_min`` explicit failures at one payee within ``payee_cluster_window_days``
(the same payment tried again and again). Orders that merely closed unpaid over a day or a
week are not a cluster: people leave orders unpaid every day. A
payee cluster already inside a time cluster is not repeated. Severity ``medium``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import pandas as pd

from walletwatch.checks.base import Context, Row, as_rows, duration_text, local, make
from walletwatch.checks.failed import FailedSettings, attempts, debited
from walletwatch.findings import Finding
from walletwatch.model.features import epoch_seconds

# Expected clusters by chance in one statement at the holder's own rate (a scan statistic:
# every attempt opens a window in which cluster_min - 1 more may fall). A missed cluster costs
# more than a rare extra alert, so the bar is one chance cluster in ten statements.
SURPRISE = 0.1


def dense_groups(times: pd.Series, minimum: int, window: pd.Timedelta) -> list[np.ndarray]:
    """Positions (into ``times``, sorted) of groups with >= ``minimum`` rows in a window."""
    return dense_runs(epoch_seconds(times), minimum, int(window.total_seconds()))


def dense_runs(t: np.ndarray, minimum: int, seconds: int) -> list[np.ndarray]:
    """``dense_groups`` on sorted whole seconds ``t``."""
    start = np.searchsorted(t, t - seconds, side="left")
    dense_end = np.flatnonzero((np.arange(len(t)) - start + 1) >= minimum)
    if not len(dense_end):
        return []
    # Every row from start[end] to end is a member: mark the spans with a running sum.
    cover = np.zeros(len(t) + 1, dtype=np.int64)
    np.add.at(cover, start[dense_end], 1)
    np.add.at(cover, dense_end + 1, -1)
    picked = np.flatnonzero(np.cumsum(cover[:-1]) > 0)
    gaps = np.diff(t[picked]) > seconds
    bounds = np.flatnonzero(gaps) + 1
    return np.split(picked, bounds)


def payee_groups(times: pd.Series, payees: np.ndarray, minimum: int,
                 window: pd.Timedelta) -> list[tuple[str, np.ndarray]]:
    """``dense_groups`` per payee in one pass: each payee's times are laid on its own stretch
    of the time line, further apart than the window, so no group spans two payees.
    Positions are into ``times`` (chronological); payees in sorted order."""
    codes, names = pd.factorize(payees, sort=True)
    keep = np.flatnonzero(codes >= 0)  # rows without a payee are not grouped
    if not len(keep):
        return []
    t = epoch_seconds(times)[keep]
    seconds = int(window.total_seconds())
    stride = int(t.max() - t.min()) + seconds + 1
    order = np.argsort(codes[keep], kind="stable")  # chronological inside each payee
    laid = codes[keep][order].astype(np.int64) * stride + (t[order] - t.min())
    groups = dense_runs(laid, minimum, seconds)
    return [(names[codes[keep][order][g[0]]], keep[order][g]) for g in groups]


def poisson_tail(mean: float, k: int) -> float:
    """P(N >= k) for N ~ Poisson(mean)."""
    term, below = math.exp(-mean), 0.0
    for i in range(k):
        below += term
        term *= mean / (i + 1)
    return max(1.0 - below, 0.0)


def surprising(frame: pd.DataFrame, attempts: int, settings) -> bool:
    """True when, at this holder's own rate (``attempts`` over the statement), chance alone
    would put ``cluster_min`` of them within ``cluster_window_hours`` less than ``SURPRISE``
    times in the whole statement."""
    span_days = max((frame["time"].max() - frame["time"].min()).total_seconds() / 86400, 1.0)
    # Leave one cluster's worth out: the rate is the holder's habit, not the incident itself.
    mean = max(attempts - settings.cluster_min, 0) / span_days * settings.cluster_window_hours / 24
    return attempts * poisson_tail(mean, settings.cluster_min - 1) <= SURPRISE


class Check:
    category, section, settings = "failed", "failed", FailedSettings  # shares [failed]
    needs_risk = False
    codes = (("failure-cluster", "Repeated payment failures", "多次支付失败"),)

    def run(self, ctx: Context) -> Iterator[Finding]:
        settings = ctx.config.failed
        # A closed order that still booked money out is a refund story, not a failed attempt.
        failed = ctx.frame[attempts(ctx.frame) & ~debited(ctx.frame)]
        if len(failed) < min(settings.cluster_min, settings.payee_cluster_min):
            return
        seen: set[int] = set()
        found: list[tuple[pd.Index, str | None]] = []
        window = pd.Timedelta(hours=settings.cluster_window_hours)
        explicit = failed[failed["status"].eq("failed")]
        counted = failed if surprising(ctx.frame, len(failed), settings) else \
            explicit if surprising(ctx.frame, len(explicit), settings) else explicit.iloc[:0]
        for group in dense_groups(counted["time"], settings.cluster_min, window):
            labels = counted.index[group]
            seen.update(labels)
            found.append((labels, None))
        quick = pd.Timedelta(minutes=settings.attempt_cluster_minutes)
        for group in dense_groups(failed["time"], settings.cluster_min, quick):
            labels = failed.index[group]
            if not set(labels) <= seen:
                seen.update(labels)
                found.append((labels, None))
        payees = ctx.payees()[explicit.index].to_numpy(object)
        window = pd.Timedelta(days=settings.payee_cluster_window_days)
        for payee, group in payee_groups(explicit["time"], payees,
                                         settings.payee_cluster_min, window):
            labels = explicit.index[group]
            if not set(labels) <= seen:
                found.append((labels, payee))
        if not found:
            return
        # Plain rows once, for the rows the clusters cite (not every failed row).
        cited = failed.loc[failed.index.isin(np.concatenate([labels for labels, _ in found]))]
        rows = dict(zip(cited.index, as_rows(cited), strict=True))
        for labels, payee in found:
            yield self._finding([rows[label] for label in labels], payee)

    @staticmethod
    def _finding(rows: list[Row], payee: str | None) -> Finding:
        first, last = rows[0], rows[-1]
        span = (last["time"] - first["time"]).total_seconds() / 3600
        en_span, zh_span = duration_text(span)
        payees = len({r["counterparty"] for r in rows if not pd.isna(r["counterparty"])})
        one = payee is not None or payees == 1
        where_en = f"at {first['counterparty']}" if one else f"at {payees} payees"
        where_zh = f"向{first['counterparty']}付款" if one else f"向 {payees} 个收款方付款"
        reason = {
            "en": f"{len(rows)} failed payment attempts {where_en} within {en_span}, "
                  f"from {local(first)} to {local(last)}.",
            "zh": f"{local(first)} 至 {local(last)}（{zh_span}内）{where_zh}，共失败 {len(rows)} "
                  f"次。",
        }
        return make("failure-cluster", "medium", rows, reason,
                    details={"failures": len(rows), "by_payee": payee is not None})

