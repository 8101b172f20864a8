"""Errors raised by the library and the exit codes the command line maps them to.

Library code raises these; only ``walletwatch.cli`` turns them into exit codes
and one-line messages.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1  # findings at or above --fail-on, or rejected rows under --strict
    USAGE = 2
    INPUT = 3  # the input could not be read or understood
    STATE = 4  # the state store is refused: not ours, corrupted, read-only or newer
    OUTPUT = 5  # an output file could not be written (missing folder, no permission)
    INTERNAL = 70  # a bug: an unexpected error (BSD sysexits EX_SOFTWARE), never a finding
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)


class WalletwatchError(Exception):
    """Base class. ``hint`` says how to fix it, naming the flag where one helps."""

    exit_code = ExitCode.INPUT
    code = "error"

    def __init__(self, message: str, hint: str = "", path: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        from walletwatch.safetext import printable

        # one line, always, and no escape sequence from a file name or cell reaches a terminal
        return printable(" ".join(f"{where}{self.message}{hint}".splitlines()))


class InputError(WalletwatchError):
    """A file that cannot be read or understood (exit code 3)."""

    code = "unreadable-input"


class FileMissing(InputError):
    code = "file-missing"


class NotAFile(InputError):
    code = "not-a-file"


class EmptyFile(InputError):
    code = "empty-file"


class BinaryFile(InputError):
    code = "binary-file"


class EncryptedArchive(InputError):
    code = "encrypted-archive"


class EncodingProblem(InputError):
    code = "bad-encoding"


class UnknownFormat(InputError):
    code = "unknown-format"


class AmbiguousFormat(InputError):
    code = "ambiguous-format"


class ExcelResaved(InputError):
    code = "excel-resaved"


class StateError(WalletwatchError):
    """A state store we refuse to use; the file is left exactly as it was (exit code 4)."""

    exit_code = ExitCode.STATE
    code = "bad-state-store"


class OutputError(WalletwatchError):
    """An output file that cannot be written (exit code 5)."""

    exit_code = ExitCode.OUTPUT
    code = "cannot-write-output"


class ConfigError(WalletwatchError):
    """A bad option value, config or mapping file (exit code 2)."""

    exit_code = ExitCode.USAGE
    code = "bad-config"


REPORT_TO = "the walletwatch issue tracker (README: Reporting a bug)"


def internal_message(error: BaseException) -> str:
    """The one line a bug is shown as (the command line's last resort, and the web page's)."""
    return (f"internal error: {type(error).__name__}: {_first_line(error)}{_where(error)} — "
            f"this is a bug in walletwatch; please report it to {REPORT_TO} with the command "
            "you ran and the output of --traceback")


def _first_line(error: BaseException) -> str:
    """The message's first line, printable and masked: it may quote a cell of the export, and
    it is meant to be pasted into a public bug report."""
    from walletwatch.report.mask import mask_text
    from walletwatch.safetext import printable

    text = str(error).strip().splitlines()
    return mask_text(printable(text[0][:200])) if text else "(no message)"


def _where(error: BaseException) -> str:
    """`` in module.function`` of the innermost walletwatch frame, to help the bug report."""
    tb, found = error.__traceback__, ""
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith("walletwatch"):
            found = f" (in {module}.{tb.tb_frame.f_code.co_name})"
        tb = tb.tb_next
    return found
