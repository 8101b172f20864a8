"""``walletwatch report``: the complaint evidence pack."""

from __future__ import annotations

from pathlib import Path

import click

from walletwatch.cli.common import (
    input_options,
    library_errors,
    quiet,
    stage_progress,
    show_identifiers as global_show_identifiers,
    warn,
)
from walletwatch.errors import ConfigError, ExitCode
from walletwatch.report.text import count


def _now(value: str | None):
    if value is None:
        return None
    from walletwatch.report.build import parse_now

    return parse_now(value, f"--now {value!r}")


def _init_case(out: str | None, lang: str | None) -> None:
    from walletwatch.cases.file import case_template

    text = case_template(lang or "en")
    if out is None:
        click.echo(text, nl=False)
        return
    from walletwatch.outputs import check_output, write_private_text

    path = Path(out)
    if path.exists():
        raise ConfigError(f"{path} already exists", "choose another --out; nothing was changed")
    write_private_text(check_output(path), text)
    click.echo(f"wrote case template {path}")


def _write(files: list[str], out: str, **options):
    """``make_report``; a failure to write ``out`` itself is one line (exit code 5)."""
    from walletwatch.errors import OutputError
    from walletwatch.report.api import make_report

    try:
        return make_report(files, out, **options)
    except OSError as exc:
        written = {str(Path(out)), str(Path(out).with_name(Path(out).stem + ".timeline.png"))}
        if exc.filename is None or str(exc.filename) not in written:
            raise
        raise OutputError(f"cannot write: {exc.strerror or exc}", "choose another --out",
                          str(exc.filename)) from exc


@click.command("report")
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--out", "-o", metavar="PATH", type=click.Path(dir_okay=False),
              help="Report file; its extension picks the format: .md .html .pdf .json .csv.")
@click.option("--lang", type=click.Choice(["zh", "en"]),
              help="Language (default: Chinese for Alipay/WeChat/JD/Meituan, else the locale).")
@click.option("--jurisdiction", type=click.Choice(["cn", "us", "uk", "eu"]),
              help="Whose complaint channels and rules (default: from the wallet).")
@click.option("--case", "case", metavar="CASE.toml|C-0001",
              help="What only you know: parties, dates, contacts, demand (see --init-case); "
                   "or a case kept by `walletwatch case`.")
@click.option("--state", metavar="PATH", type=click.Path(dir_okay=False),
              help="The state file a `--case C-0001` was opened in (`case open --state PATH`).")
@click.option("--finding", "finding_ids", metavar="ID", multiple=True,
              help="Only this finding (repeatable; ids from `walletwatch scan --json`).")
@click.option("--show-identifiers", is_flag=True,
              help="Print other people's phone numbers, e-mails and account numbers unmasked "
                   "(your own, from the case file, are always written in full).")
@click.option("--font", metavar="PATH", type=click.Path(dir_okay=False),
              help="TrueType font with Chinese glyphs to embed (default: found on the system).")
@click.option("--init-case", is_flag=True,
              help="Write a commented case-file template to --out (or stdout) and stop.")
@click.option("--config", "config_path", metavar="PATH", type=click.Path(dir_okay=False),
              help="Scan settings file (TOML).")
@click.option("--as-of", "as_of", metavar="TIME", help="Judge pending items as of this time.")
@click.option("--now", metavar="TIME", envvar="WALLETWATCH_NOW",
              help="The generated-at time (ISO 8601; default: now). Env: WALLETWATCH_NOW.")
@input_options
@click.pass_context
def report_command(ctx, files, out, lang, jurisdiction, case, state, finding_ids,
                   show_identifiers, font, init_case, config_path, as_of, now, fmt, encoding, tz,
                   mapping):
    """Write the evidence pack to attach to a complaint.

    FILE is one or more statement exports, or one saved scan document
    (`walletwatch scan --json FILE > scan.json`). The report is a summary of your own data:
    it is not legal advice and does not guarantee any outcome.

    \b
    Exit codes: 0 written; 2 usage; 3 unreadable input; 5 --out cannot be written.
    \b
    Example:
      walletwatch report --init-case --out case.toml
      walletwatch report statement.csv --case case.toml --out report.pdf
      walletwatch report statement.csv --case C-0001 --state my.sqlite --out report.pdf
      walletwatch report scan.json --lang en --jurisdiction uk --out report.html
    """
    with library_errors(ctx):
        if init_case:
            _init_case(out, lang)
            return
        if out is None:
            raise click.UsageError("--out is required (e.g. --out report.pdf)")
        if not files:
            raise click.UsageError("give at least one export or a saved scan document")
        from walletwatch.outputs import check_output

        check_output(out)
        from walletwatch.config import load_config

        scan_options = {"config": load_config(config_path), "as_of": as_of, "format": fmt,
                        "encoding": encoding, "tz": tz, "mapping": mapping}
        with stage_progress(ctx, files) as progress:
            if progress is not None:
                scan_options["progress"] = progress
            outcome = _write(list(files), out, case=case, state=state, lang=lang,
                             jurisdiction=jurisdiction,
                             finding_ids=list(finding_ids) or None,
                             show_identifiers=show_identifiers or global_show_identifiers(ctx),
                             font=font, now=_now(now), scan_options=scan_options)
    for note in outcome.notes:
        warn(f"note: {note}")
    if not quiet(ctx):
        doc = outcome.report.document
        disputed = count(len(doc["transactions"]), "en", "disputed transaction")
        warn(f"wrote {outcome.path} ({outcome.format}, {disputed}, {doc['lang']}, "
             f"{doc['jurisdiction']})")
    ctx.exit(ExitCode.OK)
