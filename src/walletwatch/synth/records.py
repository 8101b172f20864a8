"""The neutral record a simulator produces and a renderer writes in a real export layout."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass
class SynthTxn:
    """One simulated transaction, in the normalised vocabulary (see walletwatch.schema).

    ``time`` is naive wall-clock time in the provider's zone. ``label``/``scenario``/
    ``incident_id`` are ground truth for benchmarks and never written into exports.
    """

    time: dt.datetime
    amount: Decimal  # magnitude, exact
    direction: str  # out / in / neutral
    kind: str  # payment, transfer, topup, withdrawal, refund, red_packet, fee, repayment, other
    status: str  # success, failed, pending, refunded, closed
    counterparty: str
    txn_id: str
    currency: str = "CNY"
    counterparty_account: str = ""
    description: str = ""
    method: str = ""
    category: str = ""
    merchant_order_id: str = ""
    refund_of: str = ""
    fee: Decimal = Decimal("0")
    label: bool = False  # True: the owner did not make it (unrecognised activity)
    scenario: str = ""  # e.g. "takeover-burst", "duplicate", "stuck-topup", "" for normal
    incident_id: str = ""
