"""What only the account holder knows about a complaint: the case file.

The report builds its parties, security facts, communication log, demand and exhibits from a
``Case``. Every fact is optional: a missing fact is ``None`` and the report shows it as a blank
to fill in; nothing here is ever guessed. A case comes from a TOML file (``--case CASE.toml``,
template from ``walletwatch report --init-case``) through ``cases.api.load_case`` -- the one entry point,
so that a stored case id can be accepted later without touching the callers.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from walletwatch.cases.values import check_keys
from walletwatch.cases.values import date_value as _date
from walletwatch.cases.values import flag_value as _flag
from walletwatch.cases.values import text_value as _text
from walletwatch.errors import ConfigError

DEMAND_KINDS = ("refund", "reverse-duplicate", "credit-topup", "explanation", "records")


@dataclass
class Notice:
    """When and how the provider was first told (every deadline runs from here)."""

    date: date | None = None
    channel: str | None = None
    ticket: str | None = None


@dataclass
class Security:
    """Device and credential facts (None = not answered yet)."""

    phone_in_possession: bool | None = None
    card_in_possession: bool | None = None
    code_or_password_shared: bool | None = None
    password_free_payment_on: bool | None = None
    account_frozen: bool | None = None
    password_changed: bool | None = None
    police_report_number: str | None = None


@dataclass
class Communication:
    date: date | None = None
    channel: str | None = None
    agent: str | None = None
    ticket: str | None = None
    summary: str | None = None
    attachment: str | None = None
    sha256: str | None = None


@dataclass
class DemandItem:
    """One item from the demand menu (``DEMAND_KINDS``); ``amount`` is exact decimal text."""

    kind: str
    amount: str | None = None
    currency: str | None = None
    note: str | None = None


@dataclass
class Exhibit:
    description: str
    file: str | None = None
    sha256: str | None = None


@dataclass
class Case:
    complainant_name: str | None = None
    complainant_contact: str | None = None
    complainant_address: str | None = None
    account_id: str | None = None
    respondent_name: str | None = None
    respondent_address: str | None = None
    noticed_on: date | None = None
    noticed_how: str | None = None
    statement_date: date | None = None  # first statement showing the items (Reg E clock)
    first_notice: Notice = field(default_factory=Notice)
    security: Security = field(default_factory=Security)
    communications: list[Communication] = field(default_factory=list)
    demand: list[DemandItem] = field(default_factory=list)
    exhibits: list[Exhibit] = field(default_factory=list)
    reply_by: date | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Case:
        """Build a case from the TOML structure (see ``case_template``)."""
        data = dict(data or {})
        check_keys(data, _KEYS)
        who = data.get("complainant", {}) or {}
        resp = data.get("respondent", {}) or {}
        sec = data.get("security", {}) or {}
        notice = data.get("first_notice", {}) or {}
        return cls(
            complainant_name=_text(who.get("name")),
            complainant_contact=_text(who.get("contact")),
            complainant_address=_text(who.get("address")),
            account_id=_text(who.get("account_id")),
            respondent_name=_text(resp.get("legal_name")),
            respondent_address=_text(resp.get("address")),
            noticed_on=_date(data.get("noticed_on"), "noticed_on"),
            noticed_how=_text(data.get("noticed_how")),
            statement_date=_date(data.get("statement_date"), "statement_date"),
            first_notice=Notice(_date(notice.get("date"), "first_notice.date"),
                                _text(notice.get("channel")), _text(notice.get("ticket"))),
            security=_security(sec),
            communications=[_communication(c, i) for i, c in
                            enumerate(data.get("communications", []) or [])],
            demand=[_demand(d, i) for i, d in enumerate(data.get("demand", []) or [])],
            exhibits=[_exhibit(e, i) for i, e in enumerate(data.get("exhibits", []) or [])],
            reply_by=_date(data.get("reply_by"), "reply_by"),
        )

    @classmethod
    def from_toml(cls, path: str | Path) -> Case:
        path = Path(path)
        if not path.is_file():  # a bad --case value is a usage error (exit 2), said once
            raise ConfigError("case file not found",
                              "create one with `walletwatch report --init-case --out case.toml`",
                              str(path))
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"case file is not valid TOML: {exc}", "compare with --init-case",
                              str(path)) from exc
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able: dates as ISO text, unknown facts as None."""
        return _jsonable(asdict(self))


# The TOML layout: a misspelt key would silently drop a fact, so unknown keys are errors.
_KEYS: dict[str, set[str]] = {
    "": {"complainant", "respondent", "noticed_on", "noticed_how", "statement_date",
         "first_notice", "security", "communications", "demand", "exhibits", "reply_by"},
    "complainant": {"name", "contact", "address", "account_id"},
    "respondent": {"legal_name", "address"},
    "first_notice": {"date", "channel", "ticket"},
    "security": {f.name for f in fields(Security)},
    "communications": {f.name for f in fields(Communication)},
    "demand": {"kind", "amount", "currency", "note"},
    "exhibits": {"description", "file", "sha256"},
}


def _security(sec: dict[str, Any]) -> Security:
    flags = {f.name: _flag(sec.get(f.name), f"security.{f.name}")
             for f in fields(Security) if f.name != "police_report_number"}
    return Security(**flags, police_report_number=_text(sec.get("police_report_number")))


def _communication(item: dict[str, Any], index: int) -> Communication:
    where = f"communications[{index}]"
    return Communication(date=_date(item.get("date"), f"{where}.date"),
                         **{k: _text(item.get(k)) for k in
                            ("channel", "agent", "ticket", "summary", "attachment", "sha256")})


def _demand(item: dict[str, Any], index: int) -> DemandItem:
    kind = _text(item.get("kind"))
    if kind not in DEMAND_KINDS:
        raise ConfigError(f"demand[{index}].kind: {kind!r} is not on the menu",
                          f"use one of: {', '.join(DEMAND_KINDS)}")
    amount = _text(item.get("amount"))
    if amount is not None:
        try:
            Decimal(amount)
        except InvalidOperation as exc:
            raise ConfigError(f"demand[{index}].amount: {amount!r} is not a number",
                              'write it as text, e.g. amount = "128.00"') from exc
    return DemandItem(kind, amount, _text(item.get("currency")), _text(item.get("note")))


def _exhibit(item: dict[str, Any], index: int) -> Exhibit:
    description = _text(item.get("description"))
    if description is None:
        raise ConfigError(f"exhibits[{index}] has no description", "say what the file shows")
    return Exhibit(description, _text(item.get("file")), _text(item.get("sha256")))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def case_template(lang: str = "en") -> str:
    """A commented TOML template for ``walletwatch report --init-case``."""
    from importlib.resources import files

    from walletwatch.cases.deadlines import LETTER_REPLY

    name = "case.zh.toml" if lang == "zh" else "case.en.toml"
    text = files("walletwatch.cases").joinpath("templates", name).read_text(encoding="utf-8")
    return text.replace("{reply_days}", str(LETTER_REPLY.amount))  # one rule, no second copy
