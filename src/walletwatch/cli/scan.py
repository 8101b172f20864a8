"""``walletwatch scan`` and ``walletwatch allow``."""

from __future__ import annotations


import click

from walletwatch.cli.common import (
    file_errors,
    input_options,
    json_bytes,
    library_errors,
    pretty_option,
    show_identifiers,
    stage,
    stage_progress,
    write_stdout,
)
from walletwatch.errors import ConfigError, ExitCode

FAIL_ON = ("high", "medium", "low", "info", "never")


def _overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or "." not in key:
            raise ConfigError(f"--set {pair!r} is not SECTION.KEY=VALUE",
                              "e.g. --set stuck.topup_hours=12")
        out[key.strip()] = value.strip()
    return out


def _masked_document(result) -> dict:
    """``report.mask.mask_document`` of the scan document, with each distinct string masked
    once: 30,000 findings repeat the same payees, statuses and titles."""
    from walletwatch.report.mask import KEEP_KEYS, mask_text

    masked: dict[str, str] = {}

    def text(value: str) -> str:
        out = masked.get(value)
        if out is None:
            out = masked[value] = mask_text(value)
        return out

    def walk(value):
        if isinstance(value, str):
            return text(value)
        if isinstance(value, dict):
            return {k: v if k in KEEP_KEYS else walk(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        return value

    from walletwatch.findings import collector_paused

    with collector_paused():  # a million fresh containers: ~15 % of the time went to the GC
        return walk(result.document())


def _masked_findings(result):
    """The result with its findings' free text masked (what the terminal summary shows)."""
    from dataclasses import replace

    from walletwatch.findings import Finding
    from walletwatch.report.mask import mask_document

    findings = [Finding.from_dict(mask_document(f.to_dict())) for f in result.findings]
    return replace(result, findings=findings)


@click.command("scan")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@input_options
@click.option("--json", "as_json", is_flag=True, help="Print the scan document as JSON.")
@pretty_option
@click.option("--scores", "scores_path", metavar="PATH", type=click.Path(dir_okay=False),
              help="Write one CSV line per transaction with its risk score in [0, 1].")
@click.option("--config", "config_path", metavar="PATH", type=click.Path(dir_okay=False),
              help="Settings file (TOML; default: the user config file if it exists).")
@click.option("--set", "settings", metavar="SECTION.KEY=VALUE", multiple=True,
              help="Override one setting, e.g. --set stuck.topup_hours=12 (repeatable).")
@click.option("--as-of", "as_of", metavar="TIME",
              help="Judge pending items as of this time (ISO 8601; default: the export's "
                   "end time, else its latest transaction).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="medium", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--allowlist", "allowlist_path", metavar="PATH", type=click.Path(dir_okay=False),
              help="Allowlist file (default: $WALLETWATCH_HOME or the user data dir).")
@click.pass_context
def scan_command(ctx, files, fmt, encoding, tz, mapping, as_json, pretty, scores_path,
                 config_path, settings, as_of, fail_on, allowlist_path):
    """Find failed, stuck, duplicate and unrecognised transactions, and say why.

    \b
    Exit codes: 0 nothing at --fail-on; 1 a finding at --fail-on or above;
    2 usage; 3 unreadable input; 5 --scores cannot be written.
    Card and account numbers, phones and e-mails are masked in every output unless
    `walletwatch --show-identifiers scan ...`.
    \b
    Example:
      walletwatch scan statement.csv
      walletwatch scan --json --scores scores.csv statement.csv > scan.json
    """
    from dataclasses import replace

    from walletwatch.config import load_config
    from walletwatch.pipeline import scan

    with library_errors(ctx):
        if scores_path:
            from walletwatch.outputs import check_output

            check_output(scores_path, "--scores")  # before the work, not after it
        config = load_config(config_path, _overrides(settings))
        shown = show_identifiers(ctx)
        with stage_progress(ctx, files) as progress:
            result = scan(files, config=config, as_of=as_of, format=fmt, encoding=encoding,
                          tz=tz, mapping=mapping, allowlist_path=allowlist_path,
                          progress=progress)
            stage(progress, "writing")
            # The risk table (hundreds of MB on a million rows) is in no output: let it go
            # before the document is built, which is when the scan peaks otherwise.
            result = replace(result, risk=None, detector=None)
            if scores_path:
                result.write_scores(scores_path, show_identifiers=shown)
            if as_json:
                document = json_bytes(result.document() if shown else _masked_document(result),
                                      pretty)
    if as_json:
        write_stdout(document)
    else:
        from walletwatch.cli.scan_summary import print_summary

        print_summary(result if shown else _masked_findings(result), files, fail_on)
    if file_errors(result.ingest, ctx):
        ctx.exit(ExitCode.INPUT)
    if result.reaches(fail_on):
        ctx.exit(ExitCode.FINDINGS)


@click.command("allow")
@click.argument("payees", nargs=-1, required=True)
@click.option("--remove", is_flag=True, help="Take the payees off the allowlist instead.")
@click.option("--allowlist", "allowlist_path", metavar="PATH", type=click.Path(dir_okay=False),
              help="Allowlist file (default: $WALLETWATCH_HOME or the user data dir).")
@click.pass_context
def allow_command(ctx, payees, remove, allowlist_path):
    """Mark payees as known to you: the next scan will not call them new.

    \b
    Example:
      walletwatch allow "Landlord Zhang"
    """
    from walletwatch import allowlist

    with library_errors(ctx):
        if remove:
            current = allowlist.remove(list(payees), allowlist_path)
        else:
            current = allowlist.add(list(payees), allowlist_path)
    path = allowlist_path or allowlist.default_path()
    click.echo(f"{len(current)} payee(s) on the allowlist ({path})")
