"""The "as of" time of a scan: the moment the exports describe.

Precedence (first that applies):

1. ``--as-of`` given explicitly: the user knows best (e.g. scanning an old export today).
   A time without an offset is read in the provider's zone.
2. The export's own end time from its preamble (``period_end``, wall clock in the provider
   zone; a bare date means the end of that day), capped at its ``exported_at`` time when that
   is earlier (the export cannot know about anything after it was made). With several files,
   the latest of them.
3. The latest transaction in the data.
4. None: an empty scan without a preamble has no as-of time (``null`` in the document).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from walletwatch.errors import ConfigError

if TYPE_CHECKING:
    from walletwatch.ingest import FileReport


def main_zone(frame: pd.DataFrame) -> str:
    """The provider zone most rows use (UTC for an empty frame)."""
    if frame.empty:
        return "UTC"
    from walletwatch.columns import texts

    counts = texts(frame["tz"], None).value_counts()
    return str(sorted(counts[counts == counts.max()].index)[0])


def parse_time(text: str | pd.Timestamp, zone: str) -> pd.Timestamp:
    """An ISO-8601 time; naive times are wall clock in ``zone``. Returned in UTC."""
    try:
        stamp = pd.Timestamp(text)
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"--as-of {text!r} is not a time",
                          "use ISO 8601, e.g. 2023-02-13T09:00:00+08:00") from exc
    if pd.isna(stamp):
        raise ConfigError(f"--as-of {text!r} is not a time", "use ISO 8601")
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize(zone)
    return stamp.tz_convert("UTC")


def from_preamble(report: FileReport, frame: pd.DataFrame) -> pd.Timestamp | None:
    meta = report.meta or {}
    end = meta.get("period_end")
    if not end:
        return None
    rows = frame[frame["source_file"] == report.path]
    zone = main_zone(rows if not rows.empty else frame)
    try:
        stamp = pd.Timestamp(str(end))
        if len(str(end).strip()) <= 10:  # a bare date: the end of that day
            stamp = stamp + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
        stamp = stamp.tz_localize(zone).tz_convert("UTC")
        if meta.get("exported_at"):
            exported = pd.Timestamp(str(meta["exported_at"])).tz_localize(zone).tz_convert("UTC")
            stamp = min(stamp, exported)
    except (ValueError, TypeError):
        return None
    return stamp


def resolve(frame: pd.DataFrame, files: list[FileReport] | None = None,
            explicit: str | pd.Timestamp | None = None) -> pd.Timestamp | None:
    """The as-of time in UTC, by the precedence in the module docstring."""
    if explicit is not None:
        return parse_time(explicit, main_zone(frame))
    ends = [s for s in (from_preamble(r, frame) for r in files or [] if r.ok) if s is not None]
    if ends:
        return max(ends)
    if not frame.empty:
        return frame["time"].max()
    return None
