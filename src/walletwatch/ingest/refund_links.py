"""Pair refund rows with the payment they return, for formats that list refunds as own rows.

WeChat, JD and Meituan do not write the original's id into the refund's id the way Alipay
does (``<id>_<suffix>``). What they share instead is an order id (WeChat 交易单号/商户单号,
JD 交易订单号) or the order title (JD ``退款-<title>``, Meituan the same 订单标题). Exports
anonymised by peers repeat one id on every row, so a key alone is not trusted when a title
is available: both must agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

_MANY_ITEMS = re.compile(r"\s*等多件\s*$")


def normalise_title(title: str, prefix: str = "") -> str:
    """``退款-衬衫 XL等多件`` -> ``衬衫 XL``: the part a refund and its payment share."""
    text = title.strip()
    if prefix and text.startswith(prefix):
        text = text[len(prefix):]
    return _MANY_ITEMS.sub("", text).strip()


def _titles_agree(refund: str, original: str) -> bool:
    if not refund or not original:
        return False
    return refund == original or original.startswith(refund) or refund.startswith(original)


def link_refunds(
    out: pd.DataFrame,
    is_refund: np.ndarray,
    keys: Sequence[str] = (),
    titles: pd.Series | None = None,
) -> pd.DataFrame:
    """Set ``refund_of`` (and ``kind='refund'``) on refund rows whose payment is in the file.

    Args:
        out: normalised rows (``txn_id``, ``time``, ``amount``, ``status`` are used).
        is_refund: which rows are refunds.
        keys: columns of ``out`` of which at least one must be equal and non-empty.
        titles: normalised order titles; when given they must agree as well.

    A refund links to the most recent earlier non-refund row that passes, preferring rows
    whose own status says they were refunded; its amount must be at least the refund's.
    Without keys, titles must be equal (after ``normalise_title``). Candidates come from a
    merge on the key, so a large file stays fast.
    """
    is_refund = np.asarray(is_refund, dtype=bool)
    if not is_refund.any():
        return out
    out.loc[is_refund, "kind"] = "refund"
    if is_refund.all() or (not keys and titles is None):
        return out
    rows = pd.DataFrame({
        "pos": np.arange(len(out)),
        "time": out["time"].to_numpy(),
        "amount": out["amount"].to_numpy(),
        "refunded": (out["status"] == "refunded").to_numpy(),
        "title": "" if titles is None else titles.astype(str).to_numpy(),
    })
    for key in keys:  # "/" is how the Chinese exports write "none"
        rows[key] = out[key].astype(str).replace("/", "").to_numpy()
    pairs = _candidate_pairs(rows[is_refund], rows[~is_refund], keys)
    if titles is not None and len(pairs):
        agree = [_titles_agree(r, o) for r, o in zip(pairs["title_r"], pairs["title_o"], strict=True)]
        pairs = pairs[np.asarray(agree, dtype=bool)]
    pairs = pairs[(pairs["time_o"] <= pairs["time_r"]) & (pairs["amount_o"] >= pairs["amount_r"])]
    if not len(pairs):
        return out
    # Per refund: rows marked refunded first, then the most recent, then file order.
    pairs = pairs.sort_values(["pos_r", "refunded_o", "time_o", "pos_o"],
                              ascending=[True, False, False, True], kind="stable")
    best = pairs.drop_duplicates("pos_r")
    refund_of = out["refund_of"].to_numpy(dtype=object, copy=True)
    refund_of[best["pos_r"].to_numpy()] = out["txn_id"].to_numpy(dtype=object)[best["pos_o"].to_numpy()]
    out["refund_of"] = pd.Series(refund_of, index=out.index, dtype=out["refund_of"].dtype)
    return out


def _candidate_pairs(refunds: pd.DataFrame, originals: pd.DataFrame, keys) -> pd.DataFrame:
    """(refund, original) pairs sharing a non-empty key, or the exact title without keys."""
    parts = []
    for on in (list(keys) or ["title"]):
        left = refunds[refunds[on] != ""]
        right = originals[originals[on] != ""]
        parts.append(left.merge(right, on=on, suffixes=("_r", "_o")))
    pairs = pd.concat(parts, ignore_index=True)
    if not keys:
        pairs["title_r"] = pairs["title_o"] = pairs["title"]
    return pairs.drop_duplicates(["pos_r", "pos_o"])
