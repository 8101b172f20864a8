"""``stuck-topup``, ``stuck-withdrawal``, ``stuck-refund``: pending longer than the deadline.

A top-up, withdrawal (or transfer out, e.g. Wise "to my bank") or refund whose status is
``pending`` at the scan's "as of" time and older than its deadline (``[stuck]``: top-up 24 h, withdrawal 72 h, refund 7 days) is stuck; a
younger pending item is not a finding. It is not stuck either when the same id also appears
as successful (an overlapping later export), or when a refund row names it (``refund_of``,
the provider's own link). A later success of the same kind and amount under *another* id is
never taken as proof that the pending one arrived: it is a retry or a new top-up. Severity
``medium``, ``high`` after ``high_after_factor`` deadlines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from walletwatch.checks.base import Context, Row, as_rows, duration_text, local, make, money
from walletwatch.findings import Finding

KINDS = {"topup": ("stuck-topup", "top-up", "充值"),
         "withdrawal": ("stuck-withdrawal", "withdrawal", "提现"),
         "transfer": ("stuck-withdrawal", "transfer out", "转出"),
         "refund": ("stuck-refund", "refund", "退款")}


def deadlines(ctx: Context) -> dict[str, pd.Timedelta]:
    s = ctx.config.stuck
    return {"topup": pd.Timedelta(hours=s.topup_hours),
            "withdrawal": pd.Timedelta(hours=s.withdrawal_hours),
            "transfer": pd.Timedelta(hours=s.withdrawal_hours),
            "refund": pd.Timedelta(days=s.refund_days)}


def completed_elsewhere(frame: pd.DataFrame, pending: pd.DataFrame) -> np.ndarray:
    """The same id seen as completed, or linked by the provider (``refund_of``) to a row that
    completed. Only the provider's own ids count: a same-amount success is another payment."""
    ids = pending["txn_id"].astype(str)
    wanted = pd.unique(ids.to_numpy(object)).tolist()  # few pending rows; the frame is large
    done = frame["status"].isin(["success", "refunded"]).to_numpy()
    same = done & frame["txn_id"].isin(wanted).to_numpy()
    links = done & frame["refund_of"].isin(wanted).to_numpy()
    same_id = ids.isin(set(frame["txn_id"][same].astype(str))).to_numpy()
    linked = ids.isin(set(frame["refund_of"][links].astype(str)) - {""}).to_numpy()
    return same_id | linked


@dataclass
class StuckSettings:
    """Top-ups, withdrawals and refunds still pending after their deadline."""

    enabled: bool = True
    topup_hours: float = 24.0
    withdrawal_hours: float = 72.0
    refund_days: float = 7.0
    high_after_factor: float = 3.0  # pending this many deadlines long: severity high


class Check:
    category, section, settings = "stuck", "stuck", StuckSettings
    needs_risk = False
    codes = (("stuck-topup", "Top-up still pending", "充值长时间未到账"),
              ("stuck-withdrawal", "Withdrawal still pending", "提现长时间未到账"),
              ("stuck-refund", "Refund still pending", "退款长时间未到账"))

    def run(self, ctx: Context) -> Iterator[Finding]:
        frame = ctx.frame
        kinds = frame["kind"]
        # Money sent out to an account (Wise "to my bank") is a withdrawal by another name.
        movable = kinds.isin(["topup", "withdrawal", "refund"]) | (
            kinds.eq("transfer") & frame["direction"].eq("out"))
        pending = frame[frame["status"].eq("pending") & movable]
        if pending.empty:
            return
        limits = deadlines(ctx)
        deadline = pending["kind"].astype(object).map(limits)  # not a categorical of limits
        age = ctx.as_of - pending["time"]
        late = (age > deadline).to_numpy().copy()
        late &= ~completed_elsewhere(frame, pending)
        factor = ctx.config.stuck.high_after_factor
        late_rows = pending[late]
        ages, limits_late = age[late].tolist(), deadline[late].tolist()
        for row, row_age, limit in zip(as_rows(late_rows), ages, limits_late, strict=True):
            yield self._finding(ctx, row, row_age, limit, factor)

    @staticmethod
    def _finding(ctx: Context, row: Row, age: pd.Timedelta, deadline: pd.Timedelta,
                 factor: float) -> Finding:
        code, en_kind, zh_kind = KINDS[row["kind"]]
        one = [row]
        en_age, zh_age = duration_text(age.total_seconds() / 3600)
        en_limit, zh_limit = duration_text(deadline.total_seconds() / 3600)
        as_of_iso, as_of = ctx.as_of_text(row["tz"])
        reason = {
            "en": f"The {en_kind} of {money(one)} started {local(row)} is still pending "
                  f"({row['raw_status'] or 'pending'}) at {as_of}: {en_age}, longer than its "
                  f"deadline of {en_limit}; no matching credit found.",
            "zh": f"{local(row)} 发起的{zh_kind} {money(one)} 截至 {as_of} 仍在处理中"
                  f"（“{row['raw_status'] or 'pending'}”），已 {zh_age}，超过 {zh_limit}的时限；"
                  f"未找到对应到账记录。",
        }
        severity = "high" if age > deadline * factor else "medium"
        return make(code, severity, one, reason, stake=one,
                    details={"age_hours": round(age.total_seconds() / 3600, 1),
                             "deadline_hours": round(deadline.total_seconds() / 3600, 1),
                             "as_of": as_of_iso})
