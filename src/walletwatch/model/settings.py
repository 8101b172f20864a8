"""Settings of the unrecognised-activity model: the evidence tiers and the isolation forest.

They live with the model because the model layer reads them (``risk.score``, ``tiers``);
``walletwatch.checks.unrecognised`` declares ``UnrecognisedSettings`` as its settings section
and ``walletwatch.config`` adds ``ModelSettings`` as the ``[model]`` table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class UnrecognisedSettings:
    """Rules for activity the owner probably did not make, combined with the model."""

    enabled: bool = True
    threshold: float = 0.5  # scores below this are unflagged (a matched tier scores above)
    warmup_days: float = 21.0  # no baseline before this much history ...
    warmup_transactions: int = 15  # ... or this many outgoing transactions
    incident_gap_hours: float = 12.0  # flagged transactions closer than this form one incident
    # Evidence tiers (walletwatch.model.tiers says which tier uses which):
    burst_window_minutes: float = 60.0  # new payees this close to each other form a burst ...
    burst_min_new_payees: int = 3  # ... when there are this many
    burst_large_factor: float = 3.0  # "large" inside a burst: this many times the typical payment
    tiny_amount: float = 10.0  # card testing: attempts at or below this (and half the typical)
    card_test_min: int = 3  # ... this many of them ...
    probe_window_minutes: float = 30.0  # ... this close to each other
    follow_window_hours: float = 24.0  # a large charge at a new payee this soon after probes
    large_transfer_factor: float = 10.0  # a transfer to a new person this many times typical ...
    transfer_usual_factor: float = 4.0  # ... and this many times the usual earlier transfer
    large_factor: float = 10.0  # a record payment to a new payee this many times typical: low
    spike_factor: float = 2.5  # at a familiar payee: this many times the usual amount there ...
    spike_window_days: float = 14.0  # ... twice or more within this window: medium
    rare_hour_share: float = 0.02  # an hour holding less than this share of history is unusual
    never_hour_share: float = 0.005  # ... and under this share, an hour the holder never pays at
    steady_min_repeats: int = 2  # hindsight: paid again at least this often afterwards ...
    steady_min_gap_days: float = 5.0  # ... at least this many days apart, at a steady cadence
    velocity_factor: float = 4.0  # ranking: 24 h count this many times the owner's daily normal
    model_weight: float = 0.45  # weight of the isolation forest in the combined score


@dataclass
class ModelSettings:
    """The isolation forest (scikit-learn ``IsolationForest``)."""

    n_estimators: int = 100
    max_samples: int = 256
    random_state: int = 0
