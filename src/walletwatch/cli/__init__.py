"""The ``walletwatch`` command line: thin commands over the library.

Commands are imported lazily so that ``walletwatch --help`` starts fast; each command module
parses options, calls one library function and formats the result. Library errors become one
line on stderr and an exit code (see ``walletwatch.errors.ExitCode``).
"""

from __future__ import annotations

import importlib
import importlib.util
import signal
import sys

import click

from walletwatch import __version__

# command name -> "module:function" under walletwatch.cli
COMMANDS = {
    "inspect": "inspect:inspect_command",
    "formats": "inspect:formats_command",
    "scan": "scan:scan_command",
    "allow": "scan:allow_command",
    "report": "report:report_command",
    "check": "check:check_command",
    "schedule": "schedule:schedule_command",
    "case": "case:case_group",
}
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(f"walletwatch.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"walletwatch.cli.{module_name}":
                return None
            raise
        return getattr(module, attr, None)

    @staticmethod
    def _available(name: str) -> bool:
        module_name = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(f"walletwatch.cli.{module_name}") is not None


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="walletwatch")
@click.option("--traceback", is_flag=True, help="Show the full traceback on errors.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or notes on stderr.")
@click.pass_context
def cli(ctx: click.Context, traceback: bool, quiet: bool) -> None:
    """Find failed, stuck, duplicate and unrecognised wallet transactions, and build the
    evidence to complain about them.

    \b
    Start with:
      walletwatch inspect STATEMENT.csv   what was read, row by row accounting
      walletwatch scan STATEMENT.csv      what needs your attention, and why
    """
    ctx.ensure_object(dict)
    ctx.obj["traceback"] = traceback
    ctx.obj["quiet"] = quiet


def main() -> None:
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet `| head`
    cli.main(prog_name="walletwatch", standalone_mode=True)
    sys.exit(0)
