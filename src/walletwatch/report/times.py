"""Times as people write them: ``2026-08-08 20:15``, with the zone said once in the header.

The export's ISO 8601 times (with their UTC offset) stay in the JSON and CSV renderings; the
pages show the local wall-clock time and name the offset once.
"""

from __future__ import annotations

from datetime import datetime


def _parse(iso: str | None) -> datetime | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return None


def clock_text(iso: str | None, seconds: bool = True) -> str:
    """``2026-08-08T20:15:02+08:00`` -> ``2026-08-08 20:15:02`` (or ``… 20:15``)."""
    when = _parse(iso)
    if when is None:
        return iso or ""
    return when.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def without_seconds(shown: str) -> str:
    """A row's shown time to the minute: ``2026-08-08 20:15:02 UTC+01:00`` ->
    ``2026-08-08 20:15 UTC+01:00`` (the zone is there only when the rows have several)."""
    if len(shown) >= 19 and shown[16] == ":":
        return shown[:16] + shown[19:]
    return shown


def day_text(iso: str | None) -> str:
    return (iso or "")[:10]


def zone_of(iso: str | None) -> str:
    """``UTC+08:00`` for a time with an offset, else empty."""
    when = _parse(iso)
    if when is None or when.utcoffset() is None:
        return ""
    offset = when.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def zones(times: list[str]) -> list[str]:
    return sorted({z for z in (zone_of(t) for t in times) if z})


def span_text(first: str, last: str, lang: str) -> str:
    """``2026-10-12 02:10 至 02:31`` / ``2026-10-12 02:10 to 02:31``; days repeat only when they
    differ."""
    start, end = clock_text(first, False), clock_text(last, False)
    if start == end:
        return start
    if start[:10] == end[:10]:
        end = end[11:]
    return f"{start} 至 {end}" if lang == "zh" else f"{start} to {end}"
