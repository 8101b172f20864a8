"""What every check shares: the context it runs in, the registry of codes, finding helpers.

A check is a small module with a ``Check`` class that declares its category, its settings
section and dataclass, and its ``codes`` (stable kebab-case, data, never prose, each with its
English and Chinese title), and whose ``run(ctx)`` yields ``Finding`` objects. Checks read the
normalised frame (chronological, ``RangeIndex``) and compute vectorised; Python loops only run
over *matches*, never over all rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd

from walletwatch.findings import Finding, TxnRef, finding_id
from walletwatch.schema import format_amount, iso_local

if TYPE_CHECKING:
    from walletwatch.config import Config
    from walletwatch.model.detector import RiskDetector

# code -> (category, English title, Chinese title), from the checks' own declarations: filled by
# ``register`` when ``walletwatch.checks`` (the registry) is imported, which every import of a
# check module goes through first.
CODES: dict[str, tuple[str, str, str]] = {}


@dataclass
class Context:
    """Everything a check may read."""

    frame: pd.DataFrame  # normalised, chronological, RangeIndex
    config: Config
    as_of: pd.Timestamp
    allowlist: tuple[str, ...] = ()
    risk: pd.DataFrame | None = None  # per scored row (see walletwatch.model.risk)
    detector: RiskDetector | None = None  # the fitted detector that scored ``risk``
    # The owner's marks on recurring series (``walletwatch.store.marks.Mark``): called once,
    # when a check first needs them, so a scan without recurring findings never opens a store.
    owner_marks: Callable[[], Sequence[Any]] = tuple
    cache: dict = field(default_factory=dict)

    def payees(self) -> pd.Series:
        """Normalised payee key per row (name, else account), computed once."""
        if "payee" not in self.cache:
            # Python strings: checks read them as arrays (no Arrow conversion on every read).
            self.cache["payee"] = pd.Series(np.asarray(self.payee_labels(), dtype=object),
                                            index=self.frame.index, dtype=object)
        return self.cache["payee"]

    def payee_labels(self) -> pd.Categorical:
        """``payees`` as a categorical (computed once): for grouping by payee, which on a
        million Python strings would first build a hash table of ~80 MB."""
        if "payee_labels" not in self.cache:
            from walletwatch.model.features import payee_labels

            self.cache["payee_labels"] = payee_labels(self.frame)
        return self.cache["payee_labels"]

    def as_of_text(self, tz: str) -> tuple[str, str]:
        """The as-of time in zone ``tz``: ISO 8601 and ``YYYY-MM-DD HH:MM`` (cached per zone)."""
        key = ("as_of", tz)
        if key not in self.cache:
            local_time = self.as_of.tz_convert(tz)
            self.cache[key] = (local_time.isoformat(), local_time.strftime("%Y-%m-%d %H:%M"))
        return self.cache[key]

    def refunded_ids(self) -> set[str]:
        """Ids some refund row points at (``refund_of``)."""
        if "refunded" not in self.cache:
            from walletwatch.columns import texts

            linked = texts(self.frame["refund_of"])
            self.cache["refunded"] = set(linked[linked != ""])
        return self.cache["refunded"]


class Check(Protocol):
    """What a check module's ``Check`` class declares: everything the rest of the code needs to
    know about it lives here, and ``walletwatch.checks.MODULES`` lists the module."""

    category: str  # its findings' category (one of ``walletwatch.findings.CATEGORIES``)
    section: str  # its settings table (``[failed]``, ``ctx.config.failed``); checks may share one
    settings: type  # the dataclass of that table (defaults, and the keys the config accepts)
    codes: tuple[tuple[str, str, str], ...]  # (finding code, English title, Chinese title)
    needs_risk: bool  # reads ``ctx.risk`` (runs after the forest has scored; see run_checks)

    def run(self, ctx: Context) -> Iterator[Finding]: ...


def register(checks: Iterable[type[Check]]) -> dict[str, type]:
    """Fill ``CODES`` from the declarations of ``checks``; return their settings sections
    (name -> dataclass) in order. A code declared twice, or one section declared with two
    dataclasses, is a programming error caught at import."""
    codes: dict[str, tuple[str, str, str]] = {}
    sections: dict[str, type] = {}
    for check in checks:
        for code, en, zh in check.codes:
            if code in codes:
                raise ValueError(f"finding code {code!r} is declared by two checks")
            codes[code] = (check.category, en, zh)
        if sections.setdefault(check.section, check.settings) is not check.settings:
            raise ValueError(f"settings section {check.section!r} has two dataclasses")
    CODES.clear()
    CODES.update(codes)
    return sections


Row = dict  # one transaction as a plain dict (``DataFrame.to_dict("records")``)


def as_rows(frame: pd.DataFrame) -> list[Row]:
    """Plain dicts for building findings: one conversion per check, not per finding.

    Besides the normalised columns each row has ``_iso`` (``iso_local`` of its time),
    ``_amount`` (exact text) and ``_when`` (local ``YYYY-MM-DD HH:MM``), made column-wise.
    """
    from walletwatch.columns import amount_column, iso_local_column

    if frame.empty:
        return []
    iso = iso_local_column(frame["time"], frame["tz"])
    columns = {name: frame[name].tolist() for name in frame.columns}
    columns["_iso"] = iso.tolist()
    columns["_amount"] = amount_column(frame["amount"], frame["currency"]).tolist()
    columns["_when"] = [text[:16].replace("T", " ") for text in columns["_iso"]]
    names = list(columns)
    return [dict(zip(names, values, strict=True))
            for values in zip(*columns.values(), strict=True)]


def txn_ref(row: Row) -> TxnRef:
    return TxnRef(
        txn_id=str(row["txn_id"]),
        source_file=str(row["source_file"]),
        source_line=int(row["source_line"]),
        time=row["_iso"] if "_iso" in row else iso_local(row["time"], row["tz"]),
        amount=row["_amount"] if "_amount" in row else format_amount(int(row["amount"]),
                                                                     str(row["currency"])),
        currency=str(row["currency"]),
        counterparty=_text(row["counterparty"]),
        status=str(row["status"]),
        direction=str(row["direction"]),
        kind=str(row["kind"]),
        method=_text(row["method"]),
        raw_status=_text(row["raw_status"]),
        merchant_order_id=_text(row["merchant_order_id"]),
        source_format=str(row["source_format"]),
    )


def _text(value) -> str:
    return "" if value is None or value is pd.NA or value != value else str(value)


def at_stake(rows: list[Row]) -> dict[str, str]:
    """Exact sum of ``amount`` per currency (minor units, summed as integers)."""
    if len(rows) == 1 and "_amount" in rows[0]:
        return {str(rows[0]["currency"]): rows[0]["_amount"]}
    sums: dict[str, int] = {}
    for row in rows:
        currency = str(row["currency"])
        sums[currency] = sums.get(currency, 0) + int(row["amount"])
    return {c: format_amount(v, c) for c, v in sorted(sums.items())}


def make(code: str, severity: str, rows: list[Row], reason: dict[str, str], *,
         stake: list[Row] | None = None, details: dict | None = None) -> Finding:
    """A finding with its id, citing ``rows``; money at stake from ``stake`` (else nothing)."""
    category, en, zh = CODES[code]
    transactions = tuple(txn_ref(row) for row in rows)
    return Finding(
        check=code,
        category=category,
        severity=severity,
        title={"en": en, "zh": zh},
        reason=reason,
        amount_at_stake=at_stake(stake) if stake is not None else {},
        transactions=transactions,
        details=details or {},
        id=finding_id(code, transactions),  # made once (``with_id`` would copy the finding)
    )


def money(rows: list[Row]) -> str:
    """``"12.30 CNY"`` (or several, joined) for reasons."""
    return ", ".join(f"{v} {c}" for c, v in at_stake(rows).items())


def local(row: Row, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if "_when" in row and fmt in ("%Y-%m-%d %H:%M", "%H:%M", "%Y-%m-%d"):
        return {"%Y-%m-%d %H:%M": row["_when"], "%H:%M": row["_when"][11:],
                "%Y-%m-%d": row["_when"][:10]}[fmt]
    return row["time"].tz_convert(row["tz"]).strftime(fmt)


def duration_text(hours: float) -> tuple[str, str]:
    """A duration as people write it, English and Chinese: ``26 minutes`` / ``26 分钟``,
    ``1 hour``, ``24 hours`` / ``24 小时``, ``2.5 hours``, ``3 days`` / ``3 天``, ``2.6 days``."""
    if hours < 1:
        minutes = max(round(hours * 60), 1)
        return f"{minutes} minute{'s' if minutes != 1 else ''}", f"{minutes} 分钟"
    value, en_unit, zh_unit = (hours / 24, "day", "天") if hours >= 48 else (hours, "hour", "小时")
    number = f"{value:.1f}".removesuffix(".0")
    plural = "" if number == "1" else "s"
    return f"{number} {en_unit}{plural}", f"{number} {zh_unit}"


def chains(times: pd.Series, gap_seconds: float) -> np.ndarray:
    """Group labels for sorted times: a new group starts after a gap above ``gap_seconds``."""
    from walletwatch.model.features import epoch_seconds

    if not len(times):
        return np.zeros(0, dtype=int)
    seconds = epoch_seconds(times)
    return np.concatenate([[0], np.cumsum(np.diff(seconds) > gap_seconds)])


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then by the first transaction's time, then by id (stable output)."""
    from datetime import datetime

    from walletwatch.findings import SEVERITY_RANK

    def key(f: Finding):
        # Compare instants, not local text (exports may mix zones).
        first = min((datetime.fromisoformat(t.time).timestamp() for t in f.transactions),
                    default=0.0)
        return (-SEVERITY_RANK[f.severity], first, f.id)

    return sorted(findings, key=key)
