"""Text copied from an export, made safe to print on a terminal.

A counterparty name can carry escape sequences (``\\x1b[2J`` clears the screen, OSC 8 makes a
hidden hyperlink, OSC 52 writes the clipboard) and bidi overrides (U+202E shows ``exe.pdf``
as ``fdp.exe``). Printed as is they would rewrite what the owner sees, so they are removed;
other control characters become a space so words do not run together.
"""

from __future__ import annotations

import re

# ESC sequences first (CSI ... final byte; OSC/DCS/PM/APC/SOS ... BEL or ST; two-byte ESC x),
# and their 8-bit C1 forms.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC etc.
    r"|\x1b[ -/]*[0-~]"  # other ESC sequences
)
# Bidi embeddings, overrides and isolates, and the marks that reorder text invisibly.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """``text`` without escape sequences, bidi controls or other control characters."""
    value = "" if text is None else str(text)
    if value.isprintable():  # the common case, and no regex work for it
        return value
    value = _ESCAPES.sub("", value)
    value = _BIDI.sub("", value)
    return _CONTROL.sub(" ", value)


def printable_lines(text: object) -> str:
    """Like ``printable`` but keeps line breaks (multi-line notifier text)."""
    return "\n".join(printable(line) for line in str(text or "").split("\n"))
