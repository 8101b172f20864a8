"""Masking of personal identifiers: phones, e-mails, card and account numbers.

Applied to complainant details and to free text copied from the export (counterparty names).
Transaction ids and order numbers are never masked: they must stay searchable.
"""

from __future__ import annotations

import re
from typing import Any

# The look-behind lets a match start only where a run of local-part characters starts: without
# it every position of a long run was tried again (quadratic: a 1 MB name took minutes).
# Each run is now scanned a bounded number of times, so masking is linear in the text.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# Phone-, card- and account-shaped numbers only: dates, amounts and 20+ digit transaction ids
# (which must stay searchable) do not match.
# The look-ahead names the characters a match can start with: every other position fails at
# once instead of after the look-behind and four alternatives (the same matches, faster).
_DIGITS = re.compile(
    r"(?=[\d(+])(?<![\w*+])(?:"
    r"\+\d{1,3}[ -]?\d(?:[ -]?\d){6,13}"  # international phone
    r"|1[3-9]\d(?:[ -]?\d){8}"  # Chinese mobile, 11 digits
    r"|\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}"  # North American phone
    r"|\d{4}(?:[ -]?\d{4}){2}(?:[ -]?\d){1,7}"  # card or account number, 13-19 digits
    r")(?![\w*])"
)


def _mask_email(match: re.Match[str]) -> str:
    local, domain = match.group(1), match.group(2)
    return f"{local[:1]}***@{domain}"


def _mask_digits(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    keep = 4 if len(digits) >= 10 else 2
    head = digits[:3] if len(digits) == 11 else ""  # CN mobile style 138****5678
    return f"{head}{'*' * 4}{digits[-keep:]}"


def mask_text(text: str | None) -> str | None:
    """Mask e-mail addresses and long digit runs inside ``text``."""
    if not text:
        return text
    if "@" in text:  # an e-mail needs one; the search for it costs as much as the digits'
        text = _EMAIL.sub(_mask_email, text)
    return _DIGITS.sub(_mask_digits, text)


def mask_identifier(value: str | None) -> str | None:
    """Mask a whole identifier (account id, contact): keep only its last 4 characters."""
    if not value:
        return value
    if "@" in value or any(ch.isdigit() for ch in value):
        masked = mask_text(value)
        if masked != value:
            return masked
    tail = value[-4:] if len(value) > 6 else ""
    return f"****{tail}"


# Keys whose values are identifiers that must stay searchable (ids, hashes, provenance).
KEEP_KEYS = frozenset({"id", "txn_id", "merchant_order_id", "refund_of", "sha256", "check",
                       "finding_id", "finding_ids", "source_file", "source_line", "path",
                       "source_format", "time", "amount", "currency", "as_of", "run_id"})


def mask_document(value: Any, keep: frozenset[str] = KEEP_KEYS) -> Any:
    """A copy of a JSON-able document (a finding, a scan document, an alert batch) with every
    free-text string masked, except the values of ``keep`` keys."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {k: v if k in keep else mask_document(v, keep) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_document(v, keep) for v in value]
    return value
