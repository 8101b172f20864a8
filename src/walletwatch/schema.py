"""The normalised transaction table: one schema, owned here, read by everything else.

Every importer produces a DataFrame with exactly ``COLUMNS``. Conventions:

* ``amount`` and ``fee`` are **integers in minor units** (cents, fen) of ``currency``; money is
  never a float. ``amount`` is the magnitude (>= 0); ``direction`` gives the sign.
  ``format_amount`` / ``to_decimal`` turn them back into exact decimals.
* ``time`` is timezone-aware and stored in UTC; ``tz`` holds the zone the provider wrote the
  time in (``Asia/Shanghai`` for Alipay/WeChat), so ``iso_local`` shows it as the export did.
* ``source_line`` is the 1-based physical line of the record in the file (the worksheet row for
  xlsx).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

DIRECTIONS = ("out", "in", "neutral")
KINDS = (
    "payment",
    "transfer",
    "topup",
    "withdrawal",
    "refund",
    "red_packet",
    "fee",
    "repayment",
    "other",
)
STATUSES = ("success", "failed", "pending", "refunded", "closed", "unknown")

COLUMNS = (
    "txn_id",
    "merchant_order_id",
    "time",
    "tz",
    "amount",
    "currency",
    "direction",
    "kind",
    "status",
    "raw_status",
    "counterparty",
    "counterparty_account",
    "description",
    "method",
    "category",
    "fee",
    "refund_of",
    "source_file",
    "source_line",
    "source_format",
)

# Text columns whose values repeat (zones, currencies, statuses, payees, methods, files): a
# large export stores them as categories, a small code per row and each distinct text once
# (``walletwatch.ingest`` decides per column; an id column stays text). A million rows hold
# ~160 MB less this way; values, missing ones included, read the same.
LABEL_COLUMNS = (
    "tz", "currency", "direction", "kind", "status", "raw_status", "counterparty",
    "counterparty_account", "description", "method", "category", "merchant_order_id",
    "refund_of", "source_file", "source_format",
)

# Columns an importer may add after ``COLUMNS``; ``walletwatch.load`` keeps them (missing
# values where a format has none) but the state store and the reports do not read them.
# ``created_time``: when the payment was created, where the export prints it apart from
# the time the money moved (Meituan 交易创建时间); UTC like ``time``.
OPTIONAL_COLUMNS = ("created_time",)


def ordered_columns(frame: pd.DataFrame) -> list[str]:
    """``COLUMNS`` then the ``OPTIONAL_COLUMNS`` the frame has."""
    return [*COLUMNS, *(c for c in OPTIONAL_COLUMNS if c in frame.columns)]


STRING_COLUMNS = tuple(
    c for c in COLUMNS if c not in {"time", "amount", "fee", "source_line"}
)

# ISO 4217 minor-unit exponents that differ from 2.
_EXPONENTS = {"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "HUF": 2, "BHD": 3, "KWD": 3,
              "JOD": 3, "OMR": 3, "TND": 3}


def exponent(currency: str) -> int:
    """Number of decimal places of the currency's minor unit (2 unless ISO 4217 says otherwise)."""
    return _EXPONENTS.get(currency.upper(), 2)


def to_decimal(minor: int, currency: str) -> Decimal:
    """Exact decimal value of an amount held in minor units."""
    return Decimal(int(minor)).scaleb(-exponent(currency))


def format_amount(minor: int, currency: str) -> str:
    """``1234, "CNY"`` -> ``"12.34"``: the exact amount as text, never via a float."""
    exp = exponent(currency)
    value = to_decimal(minor, currency)
    return f"{value:.{exp}f}"


# --- status vocabulary -------------------------------------------------------------------
# Words that always mean "in progress" or "failed", whatever the provider's own table says.
_PENDING_WORDS = re.compile(
    r"处理中|退款中|等待|审核中|待[^\s]*|进行中|pending|processing|in progress|in_progress|held|placed",
    re.IGNORECASE,
)
_FAILED_WORDS = re.compile(r"失败|declined|failed|failure|rejected|denied", re.IGNORECASE)


def classify_status(raw: str, table: dict[str, str]) -> str:
    """Map one provider status string to the ``STATUSES`` vocabulary.

    Words meaning failure always give ``failed`` and words meaning "in progress" always give
    ``pending``; otherwise the provider's table decides (exact, then lower-case); anything else
    is ``unknown``.
    Callers report ``unknown`` values (never guess silently).
    """
    text = raw.strip()
    if _FAILED_WORDS.search(text):
        return "failed"
    if _PENDING_WORDS.search(text):
        return "pending"
    if text in table:
        return table[text]
    return table.get(text.lower(), "unknown")


def empty_frame() -> pd.DataFrame:
    """A zero-row frame with the normalised columns and dtypes."""
    import pandas as pd

    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in STRING_COLUMNS})
    frame["time"] = pd.Series([], dtype="datetime64[ns, UTC]")
    frame["amount"] = pd.Series([], dtype="int64")
    frame["fee"] = pd.Series([], dtype="Int64")
    frame["source_line"] = pd.Series([], dtype="int64")
    return frame[list(COLUMNS)]


def iso_local(time: pd.Timestamp, tz: str) -> str:
    """ISO 8601 with the provider's UTC offset, e.g. ``2023-02-12T21:32:14+08:00``."""
    return time.tz_convert(tz).isoformat()
