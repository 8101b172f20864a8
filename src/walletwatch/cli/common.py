"""Shared option decorators and the mapping from library errors to exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from walletwatch.errors import WalletwatchError


class CommandError(click.ClickException):
    """A library error shown as one line (``Error: path: message (hint)``)."""

    def __init__(self, error: WalletwatchError):
        super().__init__(error.one_line())
        self.exit_code = int(error.exit_code)


@contextmanager
def library_errors(ctx: click.Context | None = None) -> Iterator[None]:
    """Turn a ``WalletwatchError`` into a one-line message and its exit code."""
    ctx = ctx or click.get_current_context()
    try:
        yield
    except WalletwatchError as error:
        if (ctx.obj or {}).get("traceback"):
            raise
        raise CommandError(error) from error


def traceback_wanted(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool((root.obj or {}).get("traceback"))


def show_identifiers(ctx: click.Context) -> bool:
    """The global ``--show-identifiers``: identifiers are masked in every output without it."""
    root = ctx.find_root()
    return bool((root.obj or {}).get("show_identifiers"))


def quiet(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool((root.obj or {}).get("quiet"))


def input_options(func: Callable) -> Callable:
    """``--format``, ``--encoding``, ``--tz``, ``--map``: how to read the exports."""
    decorators = [
        click.option("--format", "fmt", metavar="NAME",
                     help="Skip detection and read every file as this format "
                          "(see `walletwatch formats`)."),
        click.option("--encoding", metavar="NAME",
                     help="Text encoding of the files (default: detect UTF-8 or GBK/GB18030)."),
        click.option("--tz", metavar="ZONE",
                     help="Time zone of the times in the files (default: the provider's, "
                          "e.g. Asia/Shanghai for Alipay and WeChat)."),
        click.option("--map", "mapping", metavar="MAPPING.toml|FIELD=COLUMN,...",
                     help="Column mapping for a CSV layout walletwatch does not know: a TOML "
                          "file, or pairs such as 'time=Date,amount=Amount,currency=EUR'."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def json_bytes(document: Any, pretty: bool = False) -> bytes:
    """The document as UTF-8 JSON: compact, or indented by two spaces with ``pretty``
    (orjson: a 30,000-finding scan document takes a fraction of a second)."""
    import orjson

    option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if pretty else 0)
    return orjson.dumps(document, option=option)


def write_stdout(data: bytes) -> None:
    """Bytes to stdout as they are (no re-encoding, no copy into a str)."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (e.g. replaced by an embedding program)
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    stream.write(data)
    stream.flush()


def echo_json(document: Any, pretty: bool = True) -> None:
    write_stdout(json_bytes(document, pretty))


def pretty_option(func: Callable) -> Callable:
    """``--pretty``: indent the ``--json`` document (it is compact otherwise)."""
    return click.option("--pretty", is_flag=True,
                        help="Indent the --json document for reading (compact otherwise).")(func)


def warn(message: str) -> None:
    click.echo(message, err=True)


def file_errors(result, ctx: click.Context) -> bool:
    """Print one line per unreadable file on stderr; True when any file failed."""
    failed = False
    for report in result.files:
        if report.error is not None:
            failed = True
            if traceback_wanted(ctx):
                raise report.error
            warn(f"Error: {report.error.one_line()}")
    return failed


# Inputs below this size finish before a progress display would be worth drawing.
PROGRESS_MIN_BYTES = 8 * 1024 * 1024


class StageProgress:
    """Progress through a command's stages on stderr: read (bytes), normalise, features,
    model, each check (and what is left of the forest's scoring), writing. The library calls
    ``stage(name)`` when a stage starts and calls the object itself with a number of bytes
    read (``walletwatch.ingest.load``)."""

    def __init__(self, progress, task):
        self._progress, self._task = progress, task

    def stage(self, name: str, total: float | None = None) -> None:
        self._progress.reset(self._task, total=total, description=name)

    def advance(self, amount: float = 1) -> None:
        self._progress.update(self._task, advance=amount)

    __call__ = advance


@contextmanager
def stage_progress(ctx: click.Context, files) -> Iterator[StageProgress | None]:
    """A progress display on stderr for large inputs on a terminal; yields None (silent)
    when quiet, when stderr is not a terminal, or when the inputs are small."""
    total = sum(os.path.getsize(f) for f in files if os.path.isfile(f))
    if quiet(ctx) or total < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, Progress, TaskProgressColumn, TextColumn,
                               TimeElapsedColumn)

    # stdout is never redirected through the display: it carries only results.
    progress = Progress(TextColumn("{task.description:<24}"), BarColumn(), TaskProgressColumn(),
                        TimeElapsedColumn(), console=Console(stderr=True), transient=True,
                        redirect_stdout=False, redirect_stderr=False)
    task = progress.add_task("read", total=total)
    with progress:
        yield StageProgress(progress, task)


def stage(progress, name: str) -> None:
    """Tell ``progress`` (a ``StageProgress``, anything with ``stage``, or None) that a
    stage starts."""
    if progress is not None and hasattr(progress, "stage"):
        progress.stage(name)
