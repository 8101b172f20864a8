"""Features: each outgoing transaction relative to the owner's own history up to that moment.

Only money leaving the account is described (``direction == "out"``, a withdrawal, or a failed
or closed payment attempt): that is what someone else could do with the account. "History" means the earlier outgoing transactions
of the same frame, so a row never sees the future. Everything is vectorised (cumulative sums,
``groupby().cumcount()``, ``searchsorted``): no Python loop over rows.

Model inputs (``FEATURES``; ``RISKY`` says which side is unusual):

============== ======================================================================
amount_z       log amount minus the mean log amount so far, over the spread so far
amount_payee   log amount minus the mean log amount so far at this payee (0 if new)
payee_novel    1 when the payee was never paid before (and is not allowlisted)
payee_count    log(1 + earlier payments to this payee)
hour_share     share of earlier payments within ±1 h of this hour of day (circular)
hour_distance  hours between this time of day and the owner's circular mean hour
gap            log(1 + seconds since the previous outgoing transaction)
count_10m      log(1 + outgoing transactions in the previous 10 minutes)
count_1h       log(1 + outgoing transactions in the previous hour)
count_24h      log(1 + outgoing transactions in the previous 24 hours)
velocity       log of count_24h over the owner's normal daily count
new_payees_1h  new payees paid in the last hour, this one included
new_payees_24h new payees paid in the last 24 hours, this one included
method_novel   1 when the funding method was never used before
is_transfer    1 for transfers / red packets to a person
is_withdrawal  1 for withdrawals
direction_out  1 when money left the account (0 for a neutral withdrawal row)
============== ======================================================================

Bookkeeping columns: ``row`` (position in the input frame), ``time``, ``amount_major``,
``payee``, ``payee_sd`` (spread of earlier log amounts at the payee), ``hour``, ``prior``
(earlier outgoing count), ``attempt`` (a failed or closed attempt: declined, no money moved),
``warm`` (enough history to judge).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

import numpy as np
import pandas as pd

from walletwatch.columns import codes_of, frame_of
from walletwatch.schema import exponent

FEATURES = (
    "amount_z", "amount_payee", "payee_novel", "payee_count", "hour_share", "hour_distance",
    "gap", "count_10m", "count_1h", "count_24h", "velocity", "new_payees_1h",
    "new_payees_24h", "method_novel", "is_transfer", "is_withdrawal", "direction_out",
)
# +1: high values are unusual; -1: low values are unusual.
RISKY = {
    "amount_z": 1, "amount_payee": 1, "payee_novel": 1, "payee_count": -1, "hour_share": -1,
    "hour_distance": 1, "gap": -1, "count_10m": 1, "count_1h": 1, "count_24h": 1,
    "velocity": 1, "new_payees_1h": 1, "new_payees_24h": 1, "method_novel": 1,
    "is_transfer": 1, "is_withdrawal": 1, "direction_out": 1,
}
_TAU = 2 * np.pi / 24


def epoch_seconds(times) -> np.ndarray:
    """Whole seconds since 1970 for a datetime column or array (aware or naive UTC)."""
    series = times if isinstance(times, pd.Series) else pd.Series(times)
    epoch = pd.Timestamp(0, tz="UTC") if series.dt.tz is not None else pd.Timestamp(0)
    return ((series - epoch) // pd.Timedelta(seconds=1)).to_numpy(np.int64)


def scored_mask(frame: pd.DataFrame) -> np.ndarray:
    """Rows the risk score applies to: money leaving the account, and attempts to make it
    leave (a failed or closed payment is often printed as neither in nor out)."""
    attempt = frame["status"].isin(["failed", "closed"]) & frame["kind"].isin(
        ["payment", "transfer"])
    return (frame["direction"].eq("out") | frame["kind"].eq("withdrawal") | attempt).to_numpy()


def build_features(
    frame: pd.DataFrame,
    *,
    allowlist: Iterable[str] = (),
    new_since: pd.Timestamp | None = None,
    warmup_days: float = 21.0,
    warmup_transactions: int = 15,
) -> pd.DataFrame:
    """Describe every outgoing row of ``frame`` (the normalised table, any order).

    Args:
        frame: the owner's transactions (history and new rows together).
        allowlist: payees the owner marked as known (never "new").
        new_since: return only rows at or after this time; history before it still counts.
        warmup_days: rows this soon after the first transaction have no baseline.
        warmup_transactions: nor do the first this many outgoing rows.

    Returns:
        One row per outgoing transaction, chronological, with ``FEATURES`` and bookkeeping.
    """
    from walletwatch.allowlist import normalise

    positions = np.flatnonzero(scored_mask(frame))
    # Columns are taken one by one as arrays, text ones as codes (``pd.factorize``): taking
    # the rows of every text column (Arrow strings) cost more than the features themselves.
    t = epoch_seconds(frame["time"].iloc[positions])
    order = np.argsort(t, kind="stable")
    if (order != np.arange(len(order))).any():  # a scan's frame is chronological already
        positions, t = positions[order], t[order]
    n = len(positions)
    times = frame["time"].iloc[positions].reset_index(drop=True)
    major = frame["amount"].to_numpy(np.int64)[positions] / _scales(frame["currency"], positions)
    la = np.log1p(major)
    prior = np.arange(n)
    # Plain Python strings (object dtype): the tiers read this column as an array many times,
    # and an Arrow-backed column would be converted on every read (~0.2 s per million rows).
    labels = payee_labels(frame)[positions]
    payee = pd.Series(np.asarray(labels, dtype=object), dtype=object)
    allowed = payee.isin({normalise(p) for p in allowlist}).to_numpy()

    out = {}  # the columns, made into a frame at the end without copying them
    out["row"] = _narrow(positions)
    out["time"] = times
    out["amount_major"] = major
    out["payee"] = payee
    out["prior"] = _narrow(prior)
    out["amount_z"] = _expanding_z(la, prior)
    payee_prior, payee_mean, payee_sd = _group_prior(labels.codes, la)  # codes: no text hashed
    out["amount_payee"] = np.where(payee_prior > 0, la - payee_mean, 0.0)
    out["payee_sd"] = payee_sd
    novel = (payee_prior == 0) & ~allowed & (prior > 0)
    out["payee_novel"] = _flag(novel)
    out["payee_count"] = np.log1p(np.where(allowed, np.maximum(payee_prior, 5), payee_prior))
    hour = _local_hours(times, frame["tz"], positions)
    out["hour"] = hour
    out["hour_share"], out["hour_distance"] = _hour_features(hour, prior)
    out["gap"] = np.log1p(np.diff(t, prepend=t[0] - 10 * 86400 if n else 0))
    counts = {w: _window_count(t, s) for w, s in (("10m", 600), ("1h", 3600), ("24h", 86400))}
    for name, count in counts.items():
        out[f"count_{name}"] = np.log1p(count)
    span_days = np.maximum((t - (t[0] if n else 0)) / 86400.0, 1.0)
    normal_daily = np.maximum(prior / span_days, 0.2)
    out["velocity"] = np.log((counts["24h"] + 1) / (normal_daily + 1))
    out["new_payees_1h"] = _window_sum(t, novel, 3600, dtype=np.float32)
    out["new_payees_24h"] = _window_sum(t, novel, 86400, dtype=np.float32)
    method = _codes(frame["method"], positions, blank="")  # -1: no method (missing or "")
    method_prior = pd.Series(method).groupby(method).cumcount().to_numpy()
    out["method_novel"] = _flag((method_prior == 0) & (method != -1) & (prior > 0))
    kind = frame["kind"].to_numpy()[positions]
    out["is_transfer"] = _flag(np.isin(kind, ["transfer", "red_packet"]))
    out["is_withdrawal"] = _flag(kind == "withdrawal")
    out["direction_out"] = _flag(frame["direction"].to_numpy()[positions] == "out")
    out["attempt"] = frame["status"].isin(["failed", "closed"]).to_numpy()[positions]
    first = epoch_seconds(frame["time"]).min() if n else 0
    age_days = (t - first) / 86400.0
    out["warm"] = (age_days >= warmup_days) & (prior >= warmup_transactions)
    out = frame_of(out, pd.RangeIndex(n))
    if new_since is not None:
        out = out.loc[out["time"] >= pd.Timestamp(new_since)]
    return out


# Indicators, counts and positions are whole numbers: float32 and int32 hold them exactly in
# half the memory (the forest reads float32 anyway), 28 MB less on a million rows. Whatever
# reads them compares them or mixes them with float64, which gives the same values.
def _flag(mask: np.ndarray) -> np.ndarray:
    """1.0 where ``mask``, else 0.0 (float32)."""
    return mask.astype(np.float32)


def _narrow(values: np.ndarray) -> np.ndarray:
    """Non-negative whole numbers (row positions, counts) as int32 where they fit."""
    return values.astype(np.int32) if len(values) and values.max() < 2**31 else values


def payee_labels(frame: pd.DataFrame) -> pd.Categorical:
    """The normalised payee key of every row (``allowlist.normalise`` of the name, else of
    the account when the name is blank) as a categorical: each distinct name and account is
    normalised once and spread by its code (a million rows hold a few thousand payees), and
    grouping by payee needs no table of a million texts."""
    from walletwatch.allowlist import normalise
    from walletwatch.columns import plain_categories

    name_codes, names = codes_of(frame["counterparty"])  # -1: missing, read as ""
    account_codes, accounts = codes_of(frame["counterparty_account"])
    name_texts = [*(str(n) for n in names), ""]
    blank = np.array([n.strip() == "" for n in name_texts])[name_codes]
    keys = [normalise(n) for n in name_texts] + [normalise(str(a)) for a in accounts] + [""]
    key_codes, distinct = pd.factorize(np.array(keys, dtype=object))  # a few thousand
    account_at = len(name_texts) + np.where(account_codes < 0, len(accounts), account_codes)
    name_at = np.where(name_codes < 0, len(name_texts) - 1, name_codes)
    codes = np.where(blank, key_codes[account_at], key_codes[name_at])
    return pd.Categorical.from_codes(codes, categories=plain_categories(distinct))


def _codes(column: pd.Series, positions: np.ndarray, blank: str) -> np.ndarray:
    """Codes of ``column`` at ``positions`` (``pd.factorize``), -1 for missing or ``blank``."""
    codes, uniques = codes_of(column)
    codes = codes[positions]
    empty = np.flatnonzero(np.asarray(uniques == blank))
    return np.where(codes == empty[0], -1, codes) if len(empty) else codes


def _scales(currency: pd.Series, positions: np.ndarray) -> np.ndarray:
    """10 ** exponent of each row's currency (minor units per major unit)."""
    codes, uniques = codes_of(currency)
    factors = [10.0 ** exponent(str(c) or "XXX") for c in uniques] + [10.0 ** exponent("XXX")]
    return np.array(factors)[codes[positions]]


def _expanding_z(x: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """(x - mean of earlier x) / max(std of earlier x, 0.5); 0 without history."""
    cs = np.concatenate([[0.0], np.cumsum(x)[:-1]]) if len(x) else x
    cs2 = np.concatenate([[0.0], np.cumsum(x * x)[:-1]]) if len(x) else x
    k = np.maximum(prior, 1)
    mean = cs / k
    std = np.sqrt(np.maximum(cs2 / k - mean * mean, 0.0))
    return np.where(prior > 0, (x - mean) / np.maximum(std, 0.5), 0.0)


def _group_prior(keys: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: earlier rows with the same key, and the mean and spread of their ``x``."""
    codes, _ = pd.factorize(keys)  # once, not once per groupby (a million strings)
    if (codes < 0).any():
        codes = keys  # missing keys: let groupby drop them as it always did
    count = pd.Series(x).groupby(codes, sort=False).cumcount().to_numpy()
    total = pd.Series(x).groupby(codes, sort=False).cumsum().to_numpy() - x
    squares = pd.Series(x * x).groupby(codes, sort=False).cumsum().to_numpy() - x * x
    mean = np.divide(total, count, out=np.zeros_like(x), where=count > 0)
    var = np.divide(squares, count, out=np.zeros_like(x), where=count > 0) - mean * mean
    return count, mean, np.sqrt(np.maximum(var, 0.0))


def _local_hours(times: pd.Series, tz: pd.Series, positions: np.ndarray) -> np.ndarray:
    """Hour of day (with minutes as a fraction) in each row's zone; a missing zone is UTC."""
    hours = np.zeros(len(times))
    codes, zones = codes_of(tz)
    codes = codes[positions]
    for code, zone in [*enumerate(zones), (-1, "UTC")]:
        mask = codes == code
        if mask.any():
            local = times[mask].dt.tz_convert(str(zone))
            hours[mask] = (local.dt.hour + local.dt.minute / 60.0).to_numpy()
    return hours


def _hour_features(hour: np.ndarray, prior: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Share of earlier rows within ±1 h (smoothed) and distance to the circular mean hour."""
    n = len(hour)
    bins = np.floor(hour).astype(int) % 24
    near = np.zeros(n)
    by_bin = hour_bins(bins)
    for b in range(24):
        at_b = by_bin[b]
        if not len(at_b):
            continue
        neighbours = np.concatenate([by_bin[(b - 1) % 24], at_b, by_bin[(b + 1) % 24]])
        near[neighbours] += np.searchsorted(at_b, neighbours, side="left")
    share = (near + 0.5) / (prior + 4.0)
    sin = np.concatenate([[0.0], np.cumsum(np.sin(hour * _TAU))[:-1]]) if n else hour
    cos = np.concatenate([[0.0], np.cumsum(np.cos(hour * _TAU))[:-1]]) if n else hour
    mean_hour = np.arctan2(sin, cos) / _TAU
    diff = np.abs(hour - mean_hour) % 24
    distance = np.where(prior > 0, np.minimum(diff, 24 - diff), 0.0)
    return share, distance


def hour_bins(bins: np.ndarray) -> list[np.ndarray]:
    """Positions (ascending) of the rows in each of the 24 hour bins, in one sort."""
    order = np.argsort(bins, kind="stable")
    return np.split(order, np.searchsorted(bins[order], np.arange(1, 24)))


def _window_count(t: np.ndarray, seconds: int) -> np.ndarray:
    """Earlier rows within ``seconds`` before each row."""
    return np.arange(len(t)) - _positions(t, -seconds, "left")


def prior_max(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The largest earlier value among rows in ``mask`` (0 when none): the rules'
    "a record payment" (``risk``, ``tiers``)."""
    picked = np.where(mask, values, 0.0)
    running = np.maximum.accumulate(picked) if len(picked) else picked
    return np.concatenate([[0.0], running[:-1]]) if len(picked) else picked


def _window_sum(t: np.ndarray, flag: np.ndarray, seconds: int, ahead: int = 0,
                dtype: type = float) -> np.ndarray:
    """Flagged rows from ``seconds`` before each row to ``ahead`` seconds after it, as
    ``dtype`` (the tiers only compare the counts: ``np.int32`` holds them in half the memory)."""
    cs = np.empty(len(t) + 1, dtype=np.int32 if len(t) < 2**31 else np.int64)
    cs[0] = 0  # flagged rows before each position
    np.cumsum(flag, dtype=cs.dtype, out=cs[1:])
    # Up to and including each row is cs[1:] itself: no gather needed without ``ahead``.
    counts = cs[_positions(t, ahead, "right")] if ahead else cs[1:].copy()
    counts -= cs[_positions(t, -seconds, "left")]
    return counts.astype(dtype, copy=False)


# Features, signals and tiers ask for the same windows over the same times many times (one
# per evidence column); on a million rows each search costs ~50 ms, so the last few are kept.
_RECENT: OrderedDict = OrderedDict()
_RECENT_SIZE = 12


def forget_windows() -> None:
    """Drop the remembered window searches: they serve one scan's features, signals and
    tiers, and on a million rows hold over a hundred MB that the checks never read."""
    _RECENT.clear()


def _positions(t: np.ndarray, shift: int, side: str) -> np.ndarray:
    """``np.searchsorted(t, t + shift, side)`` for sorted ``t``, remembered for the last few
    (times, shift, side) asked; the times are compared in full before an answer is reused
    (features, signals and tiers each compute their own copy of the same times)."""
    if len(t) < 1000:
        return np.searchsorted(t, t + shift, side=side)
    key = (len(t), int(t[0]), int(t[-1]), int(shift), side)
    hit = _RECENT.get(key)
    if hit is not None and (hit[0] is t or np.array_equal(hit[0], t)):
        _RECENT.move_to_end(key)
        return hit[1]
    positions = np.searchsorted(t, t + shift, side=side)
    if len(t) < 2**31:  # half the memory for the copy kept (used as indices: same results)
        positions = positions.astype(np.int32)
    positions.flags.writeable = False  # shared between callers
    _RECENT[key] = (t, positions)
    while len(_RECENT) > _RECENT_SIZE:
        _RECENT.popitem(last=False)
    return positions
