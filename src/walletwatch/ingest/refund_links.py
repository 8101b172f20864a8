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
    """
    is_refund = np.asarray(is_refund, dtype=bool)
    if not is_refund.any():
        return out
    out.loc[is_refund, "kind"] = "refund"
    originals = np.flatnonzero(~is_refund)
    if not len(originals) or (not keys and titles is None):
        return out
    times = out["time"].to_numpy()
    amounts = out["amount"].to_numpy()
    refunded = (out["status"] == "refunded").to_numpy()
    key_values = [out[k].astype(str).to_numpy() for k in keys]
    title_values = None if titles is None else titles.astype(str).to_numpy()
    for row in np.flatnonzero(is_refund):
        ok = (times[originals] <= times[row]) & (amounts[originals] >= amounts[row])
        if keys:
            shared = np.zeros(len(originals), dtype=bool)
            for values in key_values:
                value = values[row]
                if value:
                    shared |= values[originals] == value
            ok &= shared
        if title_values is not None:
            ok &= np.array([_titles_agree(title_values[row], title_values[o]) for o in originals],
                           dtype=bool)
        if not ok.any():
            continue
        candidates = originals[ok]
        preferred = candidates[refunded[candidates]]
        pool = preferred if len(preferred) else candidates
        best = pool[np.argmax(times[pool])]  # ties: the first in file order
        out.iat[row, out.columns.get_loc("refund_of")] = out["txn_id"].iat[best]
    return out
