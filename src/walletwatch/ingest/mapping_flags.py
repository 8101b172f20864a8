"""The one-line form of a column mapping, for ``--map`` without writing a file::

    walletwatch inspect statement.csv \\
        --map "time=Booking date,amount=Amount,counterparty=Payee,currency=EUR,tz=Europe/Berlin"

``FIELD=COLUMN`` pairs map normalised fields to column names (several columns for ``time`` are
joined with ``+``: ``time=Date+Time``); the other keys are settings. It builds the same
dictionary as a mapping file (``walletwatch.ingest.mapping``), so the same checks apply.
"""

from __future__ import annotations

from typing import Any

from walletwatch.errors import ConfigError

FIELDS = ("txn_id", "merchant_order_id", "time", "amount", "counterparty",
          "counterparty_account", "description", "method", "category", "fee")
SETTINGS = ("name", "provider", "tz", "time_format", "currency", "currency_column",
            "delimiter", "decimal_comma", "direction", "status")
EXAMPLE = "time=Date,amount=Amount,currency=EUR"
# What a direction or status column usually says, for the one-line form (a mapping file can
# spell out its own values). Words meaning pending or failed are recognised anyway.
DIRECTION_WORDS = {"out": "out", "in": "in", "debit": "out", "credit": "in", "dr": "out",
                   "cr": "in", "支出": "out", "收入": "in", "不计收支": "neutral"}
STATUS_WORDS = {"completed": "success", "complete": "success", "success": "success",
                "succeeded": "success", "settled": "success", "booked": "success",
                "交易成功": "success", "支付成功": "success", "refunded": "refunded",
                "退款成功": "refunded", "cancelled": "closed", "canceled": "closed",
                "closed": "closed", "reversed": "closed", "交易关闭": "closed"}


def looks_inline(value: str) -> bool:
    """``--map`` holds pairs rather than a path: it has ``=`` and names no existing file."""
    from pathlib import Path

    return "=" in value and not Path(value).exists()


def mapping_from_flags(text: str) -> dict[str, Any]:
    """``"time=Date,amount=Amount,currency=EUR"`` -> the mapping-file dictionary."""
    config: dict[str, Any] = {"columns": {}}
    for pair in (p for p in text.split(",") if p.strip()):
        key, sep, value = (part.strip() for part in pair.partition("="))
        if not sep or not key or not value:
            raise ConfigError(f"--map: {pair.strip()!r} is not KEY=VALUE", f"e.g. --map \"{EXAMPLE}\"")
        if key in FIELDS:
            columns = value.split("+")
            config["columns"][key] = columns if len(columns) > 1 else value
        elif key == "currency_column":
            config["columns"]["currency"] = value
        elif key in ("direction", "status"):
            words = DIRECTION_WORDS if key == "direction" else STATUS_WORDS
            variants = {v: m for w, m in words.items() for v in (w, w.upper(), w.title())}
            config[key] = {"column": value, "values": variants}
        elif key == "decimal_comma":
            config[key] = value.lower() in ("1", "true", "yes")
        elif key == "time_format":
            config[key] = value.split("|")  # several formats separated by |
        elif key in SETTINGS:
            config[key] = value
        else:
            known = ", ".join((*FIELDS, *SETTINGS))
            raise ConfigError(f"--map: unknown key {key!r}", f"known keys: {known}")
    config.setdefault("name", "mapped")
    return config
