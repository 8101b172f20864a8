"""``failed-payment`` and ``failed-but-debited``.

A failed attempt is a row with status ``failed`` or ``closed``. Whether money left the account
is read from each layout's own money column, never guessed from the status (formats.md; the
column and value per format are ``debit_evidence`` in ``walletwatch.providers``):

* Alipay app exports (``alipay-app``, ``alipay-app-2021``): 收/支. ``交易关闭`` + ``支出`` means
  paid, then (normally) fully refunded by a separate ``<id>_`` row; ``交易关闭`` + ``不计收支``
  is an order that was never paid.
* Alipay PC web export (``alipay-web``): 资金状态. ``已支出`` is money out; a ``交易关闭`` row
  with 收/支 ``支出`` and an empty 资金状态 took no money (the importer books it neutral).
* Every other layout prints failed, declined, cancelled or returned rows with the amount's
  sign even though nothing was taken (WeChat ``支付失败``/``对方已退还``, PayPal Denied, Revolut
  DECLINED/REVERTED): there a failed or closed row never proves a debit.

When a debited failed row has no refund — no row whose ``refund_of`` is its id, and no credit
of the same amount from the same payee within ``refund_window_days`` — it is
``failed-but-debited`` (high), and ``details.debit_proved_by`` names the column and value.
Otherwise it is a ``failed-payment``: ``low`` for an explicit failure (status ``failed``),
``info`` when a payment at the same payee succeeded within ``retry_window_minutes`` after it,
and ``info`` for an order that closed unpaid (status ``closed``): an unpaid order is not a
failure of the wallet. Repeated failures of either kind still form a ``failure-cluster``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from walletwatch import providers
from walletwatch.checks.base import Context, Row, as_rows, local, make, money
from walletwatch.columns import texts
from walletwatch.findings import Finding, collector_paused


def attempts(frame: pd.DataFrame) -> np.ndarray:
    return frame["status"].isin(["failed", "closed"]).to_numpy()


ROWS_AT_ONCE = 4096


def debited(frame: pd.DataFrame) -> np.ndarray:
    out = frame["direction"].eq("out")
    debit_format = texts(frame["source_format"], None).isin(providers.debit_formats())
    return (out & debit_format & frame["status"].isin(["failed", "closed"])).to_numpy()


def refunded(ctx: Context, rows: pd.DataFrame) -> np.ndarray:
    """True where a refund or a same-amount credit from the same payee followed."""
    linked = rows["txn_id"].astype(str).isin(ctx.refunded_ids()).to_numpy()
    frame = ctx.frame
    credit = (frame["direction"].eq("in") | frame["kind"].eq("refund")).to_numpy()
    # The few credit rows first, then their text keys (not a million keys, most thrown away).
    credits = pd.DataFrame({"time": frame["time"][credit], "payee": ctx.payees()[credit],
                            "money": frame["currency"][credit].astype(str) + ":" +
                            frame["amount"][credit].astype(str)})
    left = pd.DataFrame({"time": rows["time"], "payee": ctx.payees()[rows.index],
                         "money": rows["currency"].astype(str) + ":" + rows["amount"].astype(str),
                         "pos": np.arange(len(rows))})
    window = pd.Timedelta(days=ctx.config.failed.refund_window_days)
    credits = credits.assign(hit=True).sort_values("time", kind="stable")
    joined = pd.merge_asof(left.sort_values("time", kind="stable"), credits, on="time",
                           by=["payee", "money"], direction="forward", tolerance=window)
    hit = np.zeros(len(rows), dtype=bool)
    hit[joined["pos"].to_numpy()] = joined["hit"].eq(True).to_numpy()
    return linked | hit


def retried(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    """For each failed row, the first later success at the same payee within the window."""
    frame = ctx.frame
    ok = frame["status"].eq("success") & frame["direction"].eq("out")
    success = pd.DataFrame({"time": frame["time"], "payee": ctx.payees(),
                            "retry_at": frame["time"]})[ok.to_numpy()]
    left = pd.DataFrame({"time": rows["time"], "payee": ctx.payees()[rows.index],
                         "pos": np.arange(len(rows))})
    window = pd.Timedelta(minutes=ctx.config.failed.retry_window_minutes)
    joined = pd.merge_asof(left.sort_values("time", kind="stable"),
                           success.sort_values("time", kind="stable"), on="time", by="payee",
                           direction="forward", tolerance=window, allow_exact_matches=False)
    return joined.sort_values("pos").set_index(rows.index)


@dataclass
class FailedSettings:
    """Failed payments, failure clusters and failed-but-debited payments."""

    enabled: bool = True
    retry_window_minutes: float = 60.0  # a success at the same payee this soon is a retry
    cluster_min: int = 3  # this many failures ...
    cluster_window_hours: float = 24.0  # ... within this window form a cluster
    attempt_cluster_minutes: float = 60.0  # or this many attempts (closed ones too) this close
    payee_cluster_min: int = 3  # or this many failures at one payee ...
    payee_cluster_window_days: float = 7.0  # ... within this window
    refund_window_days: float = 30.0  # a same-amount credit from the payee this soon is a refund


class Check:
    category, section, settings = "failed", "failed", FailedSettings
    needs_risk = False
    codes = (("failed-payment", "Failed payment", "支付失败"),
              ("failed-but-debited", "Failed payment but money left the account",
               "交易失败但已扣款"))

    def run(self, ctx: Context) -> Iterator[Finding]:
        with collector_paused():  # one finding per failed row: tens of thousands
            found = list(self._findings(ctx))
        yield from found

    def _findings(self, ctx: Context) -> Iterator[Finding]:
        frame = ctx.frame
        mask = attempts(frame)
        if not mask.any():
            return
        rows = frame[mask]
        paid = debited(rows)
        if paid.any():  # refunds matter only for debited rows (most failed rows are not)
            debits = rows[paid]
            for row in as_rows(debits[~refunded(ctx, debits)]):
                yield self._debited(ctx, row)
        plain = rows[~paid]
        retry = retried(ctx, plain)["retry_at"].tolist()
        # A few thousand rows at a time: the findings keep what they cite, not the row dicts.
        for start in range(0, len(plain), ROWS_AT_ONCE):
            part = as_rows(plain.iloc[start:start + ROWS_AT_ONCE])
            for row, retry_at in zip(part, retry[start:start + ROWS_AT_ONCE], strict=True):
                yield self._failed(row, retry_at)

    @staticmethod
    def _debited(ctx: Context, row: Row) -> Finding:
        one = [row]
        amount, payee, when = money(one), row["counterparty"] or "?", local(row)
        as_of_iso, as_of = ctx.as_of_text(row["tz"])
        column, value = providers.debit_evidence(str(row["source_format"]))
        status = row["raw_status"] or row["status"]
        reason = {
            "en": f"The payment of {amount} to {payee} on {when} has status {status}, but the "
                  f"export's {column} column says {value} (money out); no refund or matching "
                  f"credit found up to {as_of}.",
            "zh": f"{when} 向 {payee} 支付 {amount}，状态为“{status}”，但账单的“{column}”一栏为"
                  f"“{value}”（资金已扣出）；截至 {as_of} 未找到退款或对应入账。",
        }
        return make("failed-but-debited", "high", one, reason, stake=one,
                    details={"as_of": as_of_iso,
                             "debit_proved_by": {"column": column, "value": value}})

    @staticmethod
    def _failed(row: Row, retry_at) -> Finding:
        one = [row]
        amount, payee, when = money(one), row["counterparty"] or "?", local(row)
        status = row["raw_status"] or row["status"]
        unpaid = row["status"] == "closed"
        retried_ok = bool(pd.notna(retry_at))
        if unpaid:
            en = f"The order of {amount} to {payee} on {when} closed without payment (status {status})"
            zh = f"{when} 向 {payee} 的 {amount} 订单未付款即关闭（状态“{status}”）"
        else:
            en = f"The payment of {amount} to {payee} on {when} did not go through (status {status})"
            zh = f"{when} 向 {payee} 支付 {amount} 未成功（状态“{status}”）"
        if retried_ok:
            minutes = (retry_at - row["time"]).total_seconds() / 60
            en += f"; a payment to the same payee succeeded {minutes:.0f} min later"
            zh += f"；{minutes:.0f} 分钟后向同一收款方付款成功"
        en += "; no money left the account."
        zh += "；资金未扣出。"
        severity = "info" if retried_ok or unpaid else "low"
        return make("failed-payment", severity, one, {"en": en, "zh": zh},
                    details={"retried": retried_ok, "unpaid_order": unpaid})
