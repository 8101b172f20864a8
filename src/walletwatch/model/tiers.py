"""Evidence tiers: how severe a piece of unrecognised activity is, from evidence a reader can check.

The isolation forest and the rule strengths in ``walletwatch.model.risk`` *rank* transactions;
they never decide severity. Severity comes from the first tier below whose evidence is all
present. Every tier is a plain statement about the export that anybody can verify by reading
the rows it cites.

=========================== ======== =================================================================
tier                        severity evidence
=========================== ======== =================================================================
takeover-burst              high     ``burst_min_new_payees`` or more payments to payees never paid
                                     before within ``burst_window_minutes`` of each other, at least
                                     two of them at an hour of day the holder never pays at (under
                                     ``never_hour_share`` of earlier payments within an hour); or
                                     three of them ``burst_large_factor`` times the typical payment
                                     with a transfer to a new person among them; or three of them
                                     twice that (a week abroad is many new shops at ordinary
                                     amounts, not this)
card-testing                high     ``card_test_min`` or more tiny attempts (at most ``tiny_amount``
                                     and half the typical payment) at new payees within
                                     ``probe_window_minutes`` — declined ones included — with at least
                                     one declined, or followed within ``follow_window_hours`` by a
                                     charge at a new payee ``burst_large_factor`` times the typical
                                     payment (that charge is part of the incident)
large-transfer-new-person   high     a transfer to a person never paid before, at least
                                     ``large_transfer_factor`` times the typical payment and
                                     ``transfer_usual_factor`` times the usual (geometric mean)
                                     earlier transfer
large-burst-new-payees      medium   a burst of new payees (as above) at ordinary hours, two of them
                                     twice ``burst_large_factor`` times the typical payment, or two
                                     ``burst_large_factor`` times with a transfer to a new person
card-probes                 medium   tiny attempts at new payees as in card-testing, none declined and
                                     no larger charge after them
known-payee-spikes          medium   payments on two or more days within ``spike_window_days`` at
                                     payees paid at least five times before (not a subscription:
                                     one price to the cent, a week or more apart), each ``spike_factor``
                                     times the usual amount there, 3.5 spreads above it and at least
                                     twice the typical payment, at two or more payees (or on three
                                     or more days)
new-payee-rare-hour-large   medium   one payment to a new payee at an hour the holder never pays at,
                                     ``large_factor`` times the typical payment
new-payee-rare-hour         low      one payment to a new payee at an hour the holder rarely pays at
                                     (under ``rare_hour_share`` of earlier payments within an hour)
known-payee-spikes-weak     low      as known-payee-spikes, three spreads above the usual amount
large-new-payee             low      one payment to a new payee ``large_factor`` times the typical
                                     payment and larger than every earlier payment
=========================== ======== =================================================================

A single new merchant at an ordinary hour and an ordinary amount is never flagged, whatever
the model says.

Two passes make the tiers hold on whole statements:

* **Taint.** A payee first seen inside a high or medium incident is not "known" afterwards:
  the second pass treats it as new, so a second takeover a week later that pays the first
  one's payees, or a large transfer to a person introduced by a takeover, is judged as such.
  Nor are that incident's hours of day the holder's habit: a second burst at 2 a.m. is still
  at an hour the holder never pays.
* **Hindsight** (``scan`` only; the scheduled ``check`` sees no future). A payment to a new
  payee that is then paid again and again at a steady cadence and a similar amount (the first
  rent transfer to a landlord) is the holder's own: it is not flagged. Bursts and card testing
  are never excused this way, nor is a tainted payee.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from walletwatch.columns import frame_of
from walletwatch.model.features import _window_sum, epoch_seconds, hour_bins, prior_max

# tier -> (severity, English title, Chinese title), strongest first.
TIERS: dict[str, tuple[str, str, str]] = {
    "takeover-burst": ("high", "burst of payments to new payees", "短时间内连续向新收款方付款"),
    "card-testing": ("high", "card testing", "盗刷试探（小额试扣后大额消费）"),
    "large-transfer-new-person": ("high", "large transfer to a new person",
                                  "向陌生个人大额转账"),
    "large-burst-new-payees": ("medium", "large payments to several new payees",
                               "短时间内向多个新收款方大额付款"),
    "card-probes": ("medium", "tiny test charges at new payees", "向新收款方的连续小额试扣"),
    "known-payee-spikes": ("medium", "repeated unusually large payments at familiar payees",
                           "在熟悉的收款方多次异常大额付款"),
    "new-payee-rare-hour-large": ("medium", "large payment to a new payee at an unusual hour",
                                  "异常时段向新收款方大额付款"),
    "new-payee-rare-hour": ("low", "new payee at an unusual hour", "异常时段的新收款方"),
    "known-payee-spikes-weak": ("low", "unusually large payments at familiar payees",
                                "在熟悉的收款方有异常大额付款"),
    "large-new-payee": ("low", "large payment to a new payee", "向新收款方大额付款"),
}
TAINTING = ("high", "medium")
EXCUSABLE = ("large-transfer-new-person", "new-payee-rare-hour-large", "new-payee-rare-hour",
             "large-new-payee")
DAY = 86400
RECENT_SECONDS = 6 * 3600


@dataclass
class Evidence:
    """Per scored row: the tier that matched ("" for none), its severity and the facts."""

    table: pd.DataFrame  # tier, severity, novel, rare, probe, declined, follow, spike, tainted
    excused: pd.Series  # bool per row: a steady payee afterwards (hindsight)


def _prior_typical(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The geometric mean of earlier values among rows in ``mask`` (0 when none)."""
    if not len(values):
        return values
    logs = np.where(mask, np.log1p(values), 0.0)
    total = np.concatenate([[0.0], np.cumsum(logs)[:-1]])
    count = np.concatenate([[0], np.cumsum(mask)[:-1]])
    return np.where(count > 0, np.expm1(total / np.maximum(count, 1)), 0.0)


def _distinct_near(t: np.ndarray, keys: np.ndarray, seconds: float) -> np.ndarray:
    """Per row: distinct non-None ``keys`` within ``seconds`` before or after it (the Python
    loop runs over the few rows that have a key)."""
    out = np.zeros(len(t))
    marked = np.flatnonzero(pd.notna(keys))
    times = t[marked]
    for i in marked:
        lo = np.searchsorted(times, t[i] - seconds, side="left")
        hi = np.searchsorted(times, t[i] + seconds, side="right")
        out[i] = len(set(keys[marked[lo:hi]]))
    return out


def _subscription_like(f: pd.DataFrame, t: np.ndarray) -> np.ndarray:
    """Rows at a payee that so far always charged one price to the cent, a week or more apart on
    average: a subscription. A larger charge there is a renewal or a price change, which the
    recurring check reports, not a stranger spending with the account."""
    earlier = np.expm1(f["payee_count"].to_numpy())
    first = pd.Series(t).groupby(f["payee"].to_numpy(), sort=False).transform("min").to_numpy()
    mean_gap_days = (t - first) / np.maximum(earlier, 1) / DAY
    return (earlier >= 2) & (f["payee_sd"].to_numpy() < 1e-6) & (mean_gap_days >= 6)


def _near(t: np.ndarray, flag: np.ndarray, seconds: float) -> np.ndarray:
    """Flagged rows within ``seconds`` before or after each row (itself included)."""
    return _window_sum(t, flag, int(seconds), ahead=int(seconds), dtype=np.int32)


def _earlier_near(hour: np.ndarray, mask: np.ndarray, t: np.ndarray | None = None,
                  since: float | None = None) -> np.ndarray:
    """Per row: earlier rows in ``mask`` whose time of day is in the same ±1 h bins (the
    features' ``hour_share`` count); with ``t`` and ``since``, only those at most ``since``
    seconds earlier."""
    bins = np.floor(hour).astype(int) % 24
    near = np.zeros(len(hour))
    by_bin = hour_bins(bins)
    for b in np.unique(bins[mask]):
        at_b = by_bin[b][mask[by_bin[b]]]
        neighbours = np.concatenate([by_bin[(b - 1) % 24], by_bin[b], by_bin[(b + 1) % 24]])
        count = np.searchsorted(at_b, neighbours, side="left")
        if since is not None:
            count = count - np.searchsorted(t[at_b], t[neighbours] - since, side="left")
        near[neighbours] += np.maximum(count, 0)
    return near


@dataclass
class _Basis:
    """What both passes share: everything that does not depend on which payees are new."""

    t: np.ndarray
    major: np.ndarray
    typical: np.ndarray
    ratio: np.ndarray
    warm: np.ndarray
    attempt: np.ndarray
    near: np.ndarray  # earlier payments within an hour of this time of day, on earlier days
    record: np.ndarray
    person: np.ndarray
    transfer: np.ndarray
    earlier_max: np.ndarray
    usual_transfer: np.ndarray
    spike_candidate: np.ndarray  # a spike at a familiar payee, unless that payee is new
    z: np.ndarray


def _basis(f: pd.DataFrame, attempt: np.ndarray, s) -> _Basis:
    t = epoch_seconds(f["time"])
    major = f["amount_major"].to_numpy()
    typical = np.nan_to_num(f["typical"].to_numpy(), nan=np.inf)
    ratio = major / np.maximum(typical, 0.01)
    prior = f["prior"].to_numpy().astype(float)
    near = np.maximum(np.round(f["hour_share"].to_numpy() * (prior + 4) - 0.5), 0)
    # A habit is what earlier days show: the same burst's own rows do not make its hour usual.
    everything = np.ones(len(f), dtype=bool)
    near = np.maximum(near - _earlier_near(f["hour"].to_numpy(), everything, t, RECENT_SECONDS), 0)
    transfer = (f["is_transfer"].to_numpy() > 0) & ~attempt
    log_ratio = f["amount_payee"].to_numpy()
    z = log_ratio / np.maximum(f["payee_sd"].to_numpy(), 0.3)
    known = (f["payee_count"].to_numpy() >= np.log1p(5)) & ~_subscription_like(f, t)
    return _Basis(
        t=t, major=major, typical=typical, ratio=ratio, warm=f["warm"].to_numpy(),
        attempt=attempt, near=near, record=major > prior_max(major, everything),
        person=f["is_transfer"].to_numpy() > 0, transfer=transfer,
        earlier_max=prior_max(major, transfer), usual_transfer=_prior_typical(major, transfer),
        spike_candidate=(known & ~attempt & (log_ratio >= np.log(s.spike_factor)) & (z >= 3.0)
                         & (ratio >= 2)),
        z=z)


def _rare_hour(f: pd.DataFrame, b: _Basis, s,
               not_habit: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Rows at a time of day holding under ``rare_hour_share`` of earlier payments, and the
    count of those earlier payments near it. Rows in ``not_habit`` (an earlier incident's)
    are not the holder's habit and do not count."""
    prior = f["prior"].to_numpy().astype(float)
    near = b.near
    if not_habit is not None and not_habit.any():
        near = np.maximum(near - _earlier_near(f["hour"].to_numpy(), not_habit), 0)
        prior = prior - np.concatenate([[0], np.cumsum(not_habit)[:-1]])
    share = (near + 0.5) / (prior + 4)
    return (share < s.rare_hour_share) & (prior >= 30), near


def _tiers(f: pd.DataFrame, b: _Basis, novel: np.ndarray, s,
           not_habit: np.ndarray | None = None) -> pd.DataFrame:
    """One pass: the evidence columns and the first matching tier per row."""
    t, major, ratio, attempt, warm = b.t, b.major, b.ratio, b.attempt, b.warm
    novel = novel & warm
    rare, near = _rare_hour(f, b, s, not_habit)
    payee_like = novel & (f["is_withdrawal"].to_numpy() == 0)  # a withdrawal goes to you
    big = ratio >= s.burst_large_factor
    huge = ratio >= 2 * s.burst_large_factor

    tiny = payee_like & (major <= np.minimum(s.tiny_amount, 0.5 * b.typical))
    burst_window = s.burst_window_minutes * 60
    spending = payee_like & ~tiny  # tiny probes are card testing's evidence, not a burst's
    in_burst = spending & (_near(t, spending, burst_window) >= s.burst_min_new_payees)
    never = rare & (near <= s.never_hour_share * f["prior"].to_numpy())
    rare_in_burst = _near(t, in_burst & never, burst_window)
    big_in_burst = _near(t, in_burst & big, burst_window)
    huge_in_burst = _near(t, in_burst & huge, burst_window)
    persons_in_burst = _near(t, in_burst & b.person, burst_window)

    probe_window = s.probe_window_minutes * 60
    probe = tiny & (_near(t, tiny, probe_window) >= s.card_test_min)
    declined = _near(t, probe & attempt, probe_window)
    follow_window = int(s.follow_window_hours * 3600)
    large_new = payee_like & ~tiny & big & ~attempt
    follow = large_new & (_window_sum(t, probe, follow_window, dtype=np.int32) >= 1)
    followed = _window_sum(t, follow, 0, ahead=follow_window, dtype=np.int32) >= 1

    large_transfer = (novel & b.transfer & (ratio >= s.large_transfer_factor)
                      & (major >= s.transfer_usual_factor * b.usual_transfer))

    spike = b.spike_candidate & ~novel
    # Two spikes on one day may be one shopping trip; spikes on different days are a pattern.
    first_of_day = np.zeros(len(f), dtype=bool)  # among the spikes only (no hash of a million)
    spiked = np.flatnonzero(spike)
    days = pd.Series((t[spiked] // DAY).astype(np.int64))
    first_of_day[spiked] = ~days.duplicated().to_numpy()
    window = s.spike_window_days * DAY
    spikes = _window_sum(t, first_of_day, window, ahead=window, dtype=np.int32)
    clear = first_of_day & (b.z >= 3.5)
    clear_days = _window_sum(t, clear, window, ahead=window, dtype=np.int32)
    spike_payees = _distinct_near(t, np.where(clear, f["payee"].to_numpy(), None), window)
    spike_pattern = spike & (spikes >= 2)
    clear_pattern = spike & (b.z >= 3.5) & (clear_days >= 2) & ((spike_payees >= 2)
                                                               | (clear_days >= 3))

    single = payee_like & ~attempt
    rules = [
        ("takeover-burst", in_burst & ((rare_in_burst >= 2) | (huge_in_burst >= 3)
                                       | ((big_in_burst >= 3) & (persons_in_burst >= 1)))),
        ("card-testing", (probe & ((declined >= 1) | followed)) | follow),
        ("large-transfer-new-person", large_transfer),
        ("large-burst-new-payees", in_burst & ((huge_in_burst >= 2)
                                               | ((big_in_burst >= 2) & (persons_in_burst >= 1)))),
        ("card-probes", probe),
        ("known-payee-spikes", clear_pattern),
        ("new-payee-rare-hour-large", single & never & (ratio >= s.large_factor)),
        ("new-payee-rare-hour", single & rare),
        ("known-payee-spikes-weak", spike_pattern),
        ("large-new-payee", single & b.record & (ratio >= s.large_factor)),
    ]
    # The tiers as categories (one byte a row, not an 8-byte pointer): "" for none.
    code = np.zeros(len(f), dtype=np.int8)
    for number, (_, hit) in reversed(list(enumerate(rules, start=1))):  # strongest last
        code[hit & warm] = number
    names = ["", *(name for name, _ in rules)]
    severities = ["", *dict.fromkeys(severity for severity, _, _ in TIERS.values())]
    severity_code = np.array([severities.index(TIERS[name][0]) if name else 0 for name in names],
                             dtype=np.int8)[code]
    return frame_of({
        "tier": pd.Categorical.from_codes(code, categories=names),
        "severity": pd.Categorical.from_codes(severity_code, categories=severities),
        "novel": novel,
        "rare": rare, "near_hour": near, "probe": probe, "declined": attempt & probe,
        "follow": follow, "spike": spike, "earlier_max_transfer": b.earlier_max,
        "usual_transfer": b.usual_transfer,
    }, f.index)


def _steady_later(f: pd.DataFrame, rows: np.ndarray, s) -> np.ndarray:
    """For each position in ``rows``: is its payee paid again and again afterwards, at a
    steady cadence and a similar amount? (Python only loops over these few rows.)"""
    out = np.zeros(len(rows), dtype=bool)
    if not len(rows):
        return out
    payees = f["payee"].to_numpy()
    wanted = pd.unique(payees[rows])
    paid = f["payee"].isin(wanted).to_numpy() & (f["direction_out"].to_numpy() > 0)
    t = epoch_seconds(f["time"])
    major = f["amount_major"].to_numpy()
    groups = pd.Series(np.flatnonzero(paid)).groupby(payees[paid]).agg(list)
    for n, row in enumerate(rows):
        later = [i for i in groups.get(payees[row], []) if t[i] > t[row] + DAY]
        if len(later) < s.steady_min_repeats:
            continue
        times = np.array([t[row], *t[later]], dtype=float)
        gaps = np.diff(times) / DAY
        amounts = major[later]
        steady = gaps.min() >= s.steady_min_gap_days and gaps.max() <= 2.0 * gaps.min() + 3
        similar = 0.5 <= float(np.median(amounts)) / max(major[row], 0.01) <= 2.0
        out[n] = steady and similar
    return out


def _excuse(f: pd.DataFrame, table: pd.DataFrame, tainted: np.ndarray, s) -> np.ndarray:
    """Rows whose tier hindsight removes: excusable tier, untainted payee, steady afterwards."""
    candidates = np.flatnonzero(table["tier"].isin(EXCUSABLE).to_numpy() & ~tainted)
    excused = np.zeros(len(f), dtype=bool)
    excused[candidates] = _steady_later(f, candidates, s)
    return excused


def assess(f: pd.DataFrame, attempt: np.ndarray, settings, *, hindsight: bool) -> Evidence:
    """The tiers of every scored row (``f``: features plus ``typical``, chronological).

    Args:
        f: ``build_features`` output with ``typical`` added (``risk.typical_amount``).
        attempt: per row, True for failed or closed attempts (declined: no money moved).
        settings: the ``[unrecognised]`` settings.
        hindsight: judge with the whole statement (``scan``); False for the causal ``check``.
    """
    novel = f["payee_novel"].to_numpy() > 0
    basis = _basis(f, attempt, settings)
    first = _tiers(f, basis, novel, settings)
    no_taint = np.zeros(len(f), dtype=bool)
    excused = _excuse(f, first, no_taint, settings) if hindsight else no_taint
    serious = first["severity"].isin(TAINTING).to_numpy() & novel & ~excused
    bad = set(f["payee"].to_numpy()[serious])
    tainted = f["payee"].isin(bad).to_numpy() & ~novel  # seen again after the incident
    # Without a serious incident nothing is tainted and the second pass would repeat the first.
    if serious.any():
        del first  # the second pass replaces it (on a large statement: tens of MB fewer)
        table = _tiers(f, basis, novel | tainted, settings, not_habit=serious)
    else:
        table = first
    if hindsight:
        excused = _excuse(f, table, f["payee"].isin(bad).to_numpy(), settings)
        table.loc[excused, ["tier", "severity"]] = ""
    table["tainted"] = tainted
    return Evidence(table=table, excused=pd.Series(excused, index=f.index))
