"""Shared option decorators and the mapping from library errors to exit codes."""

from __future__ import annotations

import json
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


def echo_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False))


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


@contextmanager
def reading_progress(ctx: click.Context, files) -> Iterator[Callable[[int], None] | None]:
    """A rich progress bar on stderr while large inputs are read; yields the callback the
    library calls with bytes read, or None (quiet, not a terminal, or small files)."""
    total = sum(os.path.getsize(f) for f in files if os.path.isfile(f))
    if quiet(ctx) or total < 8 * 1024 * 1024 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    progress = Progress("[progress.description]{task.description}", BarColumn(),
                        DownloadColumn(), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=True)
    task = progress.add_task("reading", total=total)
    with progress:
        yield lambda count: progress.update(task, advance=count)
