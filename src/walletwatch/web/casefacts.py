"""The evidence-pack form as a case file: the fields of ``walletwatch report --init-case``.

The form is written out as the same TOML a user would write by hand and read back by
``walletwatch.cases.api.load_case`` (through ``make_report``), so the page and the command line
validate a case the same way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields

from walletwatch.cases.file import DEMAND_KINDS, Security

SECURITY_FLAGS = tuple(f.name for f in fields(Security) if f.name != "police_report_number")

# form field -> (TOML table, key); "" is the top level
TEXT_FIELDS = {
    "complainant_name": ("complainant", "name"),
    "complainant_contact": ("complainant", "contact"),
    "complainant_address": ("complainant", "address"),
    "complainant_account_id": ("complainant", "account_id"),
    "respondent_legal_name": ("respondent", "legal_name"),
    "respondent_address": ("respondent", "address"),
    "noticed_how": ("", "noticed_how"),
    "first_notice_channel": ("first_notice", "channel"),
    "first_notice_ticket": ("first_notice", "ticket"),
    "police_report_number": ("security", "police_report_number"),
}
DATE_FIELDS = {
    "noticed_on": ("", "noticed_on"),
    "statement_date": ("", "statement_date"),
    "reply_by": ("", "reply_by"),
    "first_notice_date": ("first_notice", "date"),
}
COMMUNICATION_FIELDS = ("date", "channel", "agent", "ticket", "summary")


def _quote(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes), whatever the text holds.
    return json.dumps(value, ensure_ascii=False)


def _date(value: str) -> str:
    """Dates stay text until ``cases.file`` parses them: a bad one gets the case file's message."""
    return _quote(value)


def case_toml(form: Mapping[str, str]) -> str:
    """A case file from the form's values (blank fields are left out: shown as blanks)."""
    tables: dict[str, list[str]] = {"": [], "complainant": [], "respondent": [],
                                    "first_notice": [], "security": []}
    for name, (table, key) in TEXT_FIELDS.items():
        if value := form.get(name, "").strip():
            tables[table].append(f"{key} = {_quote(value)}")
    for name, (table, key) in DATE_FIELDS.items():
        if value := form.get(name, "").strip():
            tables[table].append(f"{key} = {_date(value)}")
    for flag in SECURITY_FLAGS:
        answer = form.get(f"sec_{flag}", "")
        if answer in ("yes", "no"):
            tables["security"].append(f"{flag} = {'true' if answer == 'yes' else 'false'}")
    lines = [*tables.pop("")]
    for table, body in tables.items():
        if body:
            lines += ["", f"[{table}]", *body]
    lines += _communication(form) + _demands(form) + _exhibits(form)
    return "\n".join(lines) + "\n"


def _communication(form: Mapping[str, str]) -> list[str]:
    values = {k: form.get(f"comm_{k}", "").strip() for k in COMMUNICATION_FIELDS}
    if not any(values.values()):
        return []
    body = [f"{k} = {_date(v) if k == 'date' else _quote(v)}" for k, v in values.items() if v]
    return ["", "[[communications]]", *body]


def _demands(form: Mapping[str, str]) -> list[str]:
    lines = []
    for kind in DEMAND_KINDS:
        if form.get(f"demand_{kind}") != "on":
            continue
        lines += ["", "[[demand]]", f"kind = {_quote(kind)}"]
        if kind == "refund":
            if amount := form.get("demand_amount", "").strip():
                lines.append(f"amount = {_quote(amount)}")
            if currency := form.get("demand_currency", "").strip():
                lines.append(f"currency = {_quote(currency)}")
    return lines


def _exhibits(form: Mapping[str, str]) -> list[str]:
    lines = []
    for text in form.get("exhibits", "").splitlines():
        if text.strip():
            lines += ["", "[[exhibits]]", f"description = {_quote(text.strip())}"]
    return lines
