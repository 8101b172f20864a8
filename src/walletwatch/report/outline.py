"""Which sections a report shows and their headings: numbered from 1, the appendix last.

Shared by the Markdown, HTML and PDF renderings so that their numbering is the same.
"""

from __future__ import annotations

from typing import Any

APPENDIX = "provenance"


def shown(doc: dict[str, Any], sid: str) -> bool:
    """A section with nothing in it is left out (only the for-information list can be empty)."""
    if sid == "information":
        return bool(doc["information"]["rows"])
    if sid in ("transactions", "reasons"):
        return bool(doc["transactions"])
    return True


def headings(doc: dict[str, Any]) -> dict[str, str]:
    """Section id -> heading text (``1. 投诉概要``; the appendix without a number)."""
    out, number = {}, 0
    for section in doc["sections"]:
        sid = section["id"]
        if not shown(doc, sid):
            continue
        if sid == APPENDIX:
            out[sid] = section["title"]
        else:
            number += 1
            out[sid] = f"{number}. {section['title']}"
    return out
