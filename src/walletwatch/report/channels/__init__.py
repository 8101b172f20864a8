"""Complaint channels per jurisdiction, in escalation order, with computed deadline dates.

Each jurisdiction module (``cn``, ``us``, ``uk``, ``eu``) holds ``CHANNELS`` (provider first,
then official social media, consumer bodies, the regulator) and ``NOTES``. The deadline rules
live in ``walletwatch.cases.deadlines``, which holds only deadlines the research note marks as
sourced, each with its source; a date is computed only from a date the user confirmed (or the
debit date in the export).
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

from walletwatch import providers
from walletwatch.cases.deadlines import REPORT_BUSINESS_DAYS_NOTE, report_rules
from walletwatch.report.text import pick, provider_name

JURISDICTIONS = ("cn", "us", "uk", "eu")
RULES_LAST_CHECKED = "2026-11-25"  # against complaints.md; re-check when that note changes


def default_jurisdiction(provider: str) -> str | None:
    """The provider's channels module (see ``walletwatch.providers``); None when unknown."""
    return providers.get(provider).channels


def _module(jurisdiction: str):
    if jurisdiction not in JURISDICTIONS:
        from walletwatch.errors import ConfigError

        raise ConfigError(f"unknown jurisdiction {jurisdiction!r}",
                          f"use one of: {', '.join(JURISDICTIONS)}")
    return importlib.import_module(f"walletwatch.report.channels.{jurisdiction}")


def channels(jurisdiction: str, provider: str, lang: str) -> list[dict[str, Any]]:
    """The channels in escalation order, localised, with the provider's name filled in."""
    module = _module(jurisdiction)
    name = provider_name(provider, lang)
    out = []
    for step, channel in enumerate(module.CHANNELS, start=1):
        contact = channel["contact"]
        if contact is None:  # China: the provider's in-app path
            contact = module.IN_APP.get(provider, module.IN_APP_DEFAULT)
        out.append({
            "step": step,
            "id": channel["id"],
            "kind": channel["kind"],
            "name": pick(channel["name"], lang).format(provider=name),
            "contact": pick(contact, lang),
            "when": pick(channel["when"], lang),
            "facts": [pick(fact, lang) for fact in channel["facts"]],
            "source": _source(channel["source"], lang),
        })
    return out


def _source(source: tuple[str, str] | str | None, lang: str) -> str | None:
    """A public citation in the report's language (None: nothing public to cite)."""
    if source is None or isinstance(source, str):
        return source
    return pick(source, lang)


def notes(jurisdiction: str, lang: str) -> list[str]:
    return [pick(note, lang) for note in _module(jurisdiction).NOTES]


def deadlines(jurisdiction: str, lang: str, anchors: dict[str, date | None]) -> list[dict]:
    """Each rule with the date it gives, or ``date: None`` when its starting date is unknown.

    ``anchors`` maps ``noticed``, ``first_notice``, ``statement`` and ``debit`` to dates.
    """
    _module(jurisdiction)  # an unknown jurisdiction is a usage error
    out = []
    for rule in report_rules(jurisdiction):
        start = anchors.get(rule.starts)
        due = rule.due(start) if start else None
        text = pick(rule.text, lang)
        business = rule.unit == "business_days"
        if business and due:  # only weekends are known here, not holidays
            text += pick(REPORT_BUSINESS_DAYS_NOTE, lang)
        out.append({
            "id": rule.id,
            "from": rule.starts,
            "start": start.isoformat() if start else None,
            "date": due.isoformat() if due else None,
            "text": text.format(date=due.isoformat() if due else "____-__-__"),
            "source": _source(rule.source, lang),
            "business_days_note": business,
        })
    return out
