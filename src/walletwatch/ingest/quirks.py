"""Small helpers shared by the PayPal, Revolut, Wise, Monzo, Venmo and Cash App importers.

* Time-zone abbreviations (``PST``, ``CEST``, ``EDT`` …) printed next to wall-clock times: the
  abbreviation fixes the UTC offset exactly, and names the IANA zone shown to the user.
* Synthetic columns: a ``prepare`` hook may add columns (``__when__``) built from several
  source columns; ``SyntheticColumns`` lets the layout map fields to them.
* Refund rows: a completed refund row is ``refunded`` (formats.md §6), like Alipay's 退款成功.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd

from walletwatch.ingest.base import ParseOptions, Parsed, Rejected, Sample
from walletwatch.ingest.convert import parse_times
from walletwatch.ingest.layout import LayoutImporter
from walletwatch.ingest.table import Table

# abbreviation -> (UTC offset in minutes, the IANA zone that uses it)
ABBREVIATIONS: dict[str, tuple[int, str]] = {
    "UTC": (0, "UTC"), "GMT": (0, "Europe/London"), "BST": (60, "Europe/London"),
    "WET": (0, "Europe/Lisbon"), "WEST": (60, "Europe/Lisbon"),
    "CET": (60, "Europe/Berlin"), "CEST": (120, "Europe/Berlin"),
    "MEZ": (60, "Europe/Berlin"), "MESZ": (120, "Europe/Berlin"),
    "EET": (120, "Europe/Helsinki"), "EEST": (180, "Europe/Helsinki"),
    "MSK": (180, "Europe/Moscow"),
    "EST": (-300, "America/New_York"), "EDT": (-240, "America/New_York"),
    "CST": (-360, "America/Chicago"), "CDT": (-300, "America/Chicago"),
    "MST": (-420, "America/Denver"), "MDT": (-360, "America/Denver"),
    "PST": (-480, "America/Los_Angeles"), "PDT": (-420, "America/Los_Angeles"),
    "AKST": (-540, "America/Anchorage"), "AKDT": (-480, "America/Anchorage"),
    "HST": (-600, "Pacific/Honolulu"),
    "AST": (-240, "America/Halifax"), "ADT": (-180, "America/Halifax"),
    "NST": (-210, "America/St_Johns"), "NDT": (-150, "America/St_Johns"),
    "BRT": (-180, "America/Sao_Paulo"), "ART": (-180, "America/Argentina/Buenos_Aires"),
    "JST": (540, "Asia/Tokyo"), "KST": (540, "Asia/Seoul"), "HKT": (480, "Asia/Hong_Kong"),
    "SGT": (480, "Asia/Singapore"), "AWST": (480, "Australia/Perth"),
    "ACST": (570, "Australia/Adelaide"), "ACDT": (630, "Australia/Adelaide"),
    "AEST": (600, "Australia/Sydney"), "AEDT": (660, "Australia/Sydney"),
    "NZST": (720, "Pacific/Auckland"), "NZDT": (780, "Pacific/Auckland"),
}
# Deliberately absent: IST (India or Ireland) and other abbreviations that mean two zones.


def split_zone(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``"2023-10-06 19:56:39 EDT"`` -> (``"2023-10-06 19:56:39"``, ``"EDT"``)."""
    parts = values.astype(str).str.strip().str.extract(
        r"^(.*?[0-9])(?:\s+([A-Za-z]{2,5}|[A-Za-z]+(?:/[A-Za-z0-9_+\-]+)+))?$")
    wall = parts[0].where(parts[0].notna(), values.astype(str))
    return wall, parts[1].fillna("")


def abbreviated_times(
    values: pd.Series, formats: tuple[str, ...], fallback_tz: str
) -> tuple[pd.Series, np.ndarray]:
    """UTC times of ``"<wall-clock> <abbreviation>"`` cells (``2023-10-06 19:56:39 EDT``).

    A known abbreviation gives the exact offset; rows without one (or with an unknown one,
    which the caller reports) are read in ``fallback_tz``.
    """
    wall, abbrev = split_zone(values)
    codes = abbrev.str.upper()
    offsets = codes.map(lambda c: ABBREVIATIONS.get(c, (None, ""))[0])
    known = offsets.notna().to_numpy()
    naive, ok = parse_times(wall, formats, "UTC")
    shift = pd.to_timedelta(offsets.where(known, 0).astype("int64"), unit="m")
    fixed = naive - shift.set_axis(naive.index)
    if known.all():
        return fixed, ok
    local, local_ok = parse_times(wall, formats, fallback_tz)
    result, result_ok = fixed.where(known, local), np.where(known, ok, local_ok)
    for zone in {z for z in pd.unique(abbrev) if is_iana_zone(z)}:  # "Europe/Berlin"
        rows = (abbrev == zone).to_numpy()
        zoned, zoned_ok = parse_times(wall[rows], formats, zone)
        result[rows] = zoned
        result_ok[rows] = zoned_ok
    return result, result_ok


@cache
def is_iana_zone(name: str) -> bool:
    """``Europe/Berlin``-style names (PayPal statements write them in the zone column)."""
    return "/" in name and name in zoneinfo.available_timezones()


def abbreviated_zones(times: pd.Series, abbrev: pd.Series, fallback: pd.Series) -> pd.Series:
    """The IANA zone of each row, for showing its time as the export did.

    The regional zone (``PDT`` -> America/Los_Angeles) is used when its offset at that instant
    equals the abbreviation's; otherwise (``GMT`` printed in summer) a fixed ``Etc/GMT±N`` zone,
    so that the local time shown is always the wall-clock time in the file.
    """
    codes = abbrev.astype(str).str.strip().str.upper()
    zones = fallback.astype(object).copy()
    named = abbrev.astype(str).str.strip().map(is_iana_zone).to_numpy(dtype=bool)
    zones[named] = abbrev.astype(str).str.strip()[named]
    for code in pd.unique(codes):
        if code not in ABBREVIATIONS:
            continue
        minutes, zone = ABBREVIATIONS[code]
        rows = (codes == code).to_numpy()
        instants = times[rows]
        wall = instants.dt.tz_convert(zone).dt.tz_localize(None)
        actual = (wall - instants.dt.tz_localize(None)).dt.total_seconds() / 60
        fixed = _fixed_zone(minutes)
        zones[rows] = np.where(actual.to_numpy() == minutes, zone, fixed or zone)
    return zones


def _fixed_zone(minutes: int) -> str | None:
    if minutes % 60:
        return None  # no Etc zone for half hours; keep the regional one
    hours = minutes // 60
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def unknown_abbreviations(abbrev: pd.Series) -> list[str]:
    codes = abbrev.astype(str).str.strip()
    return sorted({c for c in pd.unique(codes)
                   if c and c.upper() not in ABBREVIATIONS and not is_iana_zone(c)})


def first_nonempty(cells: pd.DataFrame, names: Iterable[str]) -> pd.Series:
    """Per row, the first of ``names`` (columns that exist) whose cell is not empty."""
    out = pd.Series("", index=cells.index, dtype=object)
    for name in names:
        if name in cells.columns:
            out = out.where(out != "", cells[name].astype(object))
    return out


def promote_refunds(out: pd.DataFrame) -> pd.DataFrame:
    """A refund row that went through is ``refunded`` (the vocabulary of formats.md §6)."""
    done = out["kind"].eq("refund") & out["status"].eq("success")
    out.loc[done, "status"] = "refunded"
    return out


class SyntheticColumns(LayoutImporter):
    """A layout whose ``prepare`` adds columns named ``__<name>__`` that fields may map to.

    It also rejects rows whose currency is not an ISO 4217 code (``bad-currency``): in these
    exports the currency is a column, and a wrong one means the row's cells are shifted.
    """

    synthetic: tuple[str, ...] = ()

    def resolve(self, header: list[str]) -> dict[str, str]:
        return super().resolve([*header, *self.synthetic])

    def normalise(self, table: Table, sample: Sample, options: ParseOptions) -> Parsed:
        parsed = super().normalise(table, sample, options)
        frame = parsed.frame
        bad = ~frame["currency"].astype(str).str.fullmatch(r"[A-Z]{3}")
        if bad.any():
            for line, code in zip(frame.loc[bad, "source_line"], frame.loc[bad, "currency"],
                                  strict=True):
                parsed.rejected.append(Rejected(int(line), "bad-currency",
                                                f"currency {code!r} is not an ISO 4217 code"))
            parsed.rejected.sort(key=lambda r: r.line)
            parsed.frame = frame.loc[~bad].reset_index(drop=True)
        return parsed
