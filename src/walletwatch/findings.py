"""The findings contract shared by the scan, the report and the scheduler.

A finding is data: a stable kebab-case ``check`` code, a category, a severity, bilingual
reasons stating the objective facts that matched, the exact money at stake per currency and
the transactions involved with their provenance. Wording is "not recognised by the account
holder" / "no matching credit found", never a legal conclusion.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

CATEGORIES = ("unrecognised", "failed", "stuck", "duplicate", "recurring", "other")
SEVERITIES = ("high", "medium", "low", "info")  # most severe first
SEVERITY_RANK = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}  # info=0 … high=3


def at_least(severity: str, floor: str) -> bool:
    """True when ``severity`` is as severe as ``floor`` or more (``floor`` may be "never")."""
    if floor == "never":
        return False
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[floor]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many findings (or their JSON
    documents): tens of thousands of small acyclic objects, which the collector would
    otherwise walk, with everything else alive, each time enough of them piled up."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Slots: a large statement's tens of thousands of findings each cite rows; without a
# per-object dict they take ~25 % less memory.
@dataclass(frozen=True, slots=True)
class TxnRef:
    """One transaction as a finding cites it (amount is exact decimal text)."""

    txn_id: str
    source_file: str
    source_line: int
    time: str  # ISO 8601 with the provider's offset
    amount: str  # exact decimal text, e.g. "12.30"
    currency: str
    counterparty: str
    status: str
    direction: str = ""
    kind: str = ""
    method: str = ""
    raw_status: str = ""
    merchant_order_id: str = ""
    source_format: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "txn_id": self.txn_id,
            "source_file": self.source_file,
            "source_line": self.source_line,
            "time": self.time,
            "amount": self.amount,
            "currency": self.currency,
            "counterparty": self.counterparty,
            "status": self.status,
            "direction": self.direction,
            "kind": self.kind,
            "method": self.method,
            "raw_status": self.raw_status,
            "merchant_order_id": self.merchant_order_id,
            "source_format": self.source_format,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TxnRef:
        return cls(**{k: data.get(k, "") for k in cls.__dataclass_fields__})


def finding_id(check: str, transactions) -> str:
    """A hash of the check and the transactions: stable for the same input."""
    key = check + "|" + "|".join(
        sorted(f"{t.source_format}:{t.txn_id}:{t.time}:{t.amount}" for t in transactions)
    )
    return f"{check}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}"


@dataclass(frozen=True, slots=True)
class Finding:
    check: str  # stable kebab-case code, e.g. "failed-but-debited"
    category: str  # one of CATEGORIES
    severity: str  # one of SEVERITIES
    title: dict[str, str]  # {"en": ..., "zh": ...}
    reason: dict[str, str]  # {"en": ..., "zh": ...}: the objective facts that matched
    amount_at_stake: dict[str, str]  # currency -> exact decimal text
    transactions: tuple[TxnRef, ...]
    details: dict[str, Any] = field(default_factory=dict)  # check-specific facts (JSON-able)
    id: str = ""  # filled by ``with_id``

    def with_id(self) -> Finding:
        """This finding with its id (``finding_id``)."""
        return dataclasses.replace(self, id=finding_id(self.check, self.transactions))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "check": self.check,
            "category": self.category,
            "severity": self.severity,
            "title": dict(self.title),
            "reason": dict(self.reason),
            "amount_at_stake": dict(self.amount_at_stake),
            "transactions": [t.to_dict() for t in self.transactions],
            "details": self.details,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            check=data["check"],
            category=data["category"],
            severity=data["severity"],
            title=dict(data["title"]),
            reason=dict(data["reason"]),
            amount_at_stake=dict(data.get("amount_at_stake", {})),
            transactions=tuple(TxnRef.from_dict(t) for t in data.get("transactions", [])),
            details=dict(data.get("details", {})),
            id=data.get("id", ""),
        )
