"""The checks: failed, stuck, duplicate, unrecognised and recurring transactions.

``run_checks(ctx)`` runs every enabled check and returns the findings in their stable order.
``CODES`` (in ``base``) lists every finding code with its category and titles.
"""

from __future__ import annotations

from walletwatch.checks.base import CODES, Context, sort_findings
from walletwatch.findings import Finding

__all__ = ["CHECKS", "CODES", "Context", "run_checks"]

# module -> config section that enables it
CHECKS = (
    ("failed", "failed"),
    ("cluster", "failed"),
    ("stuck", "stuck"),
    ("duplicate", "duplicate"),
    ("unrecognised", "unrecognised"),
    ("recurring", "recurring"),
)


def run_checks(ctx: Context, progress=None) -> list[Finding]:
    """Findings of every enabled check; ``progress.stage("check: NAME")`` (when given) as each
    check starts."""
    import importlib

    findings: list[Finding] = []
    for module_name, section in CHECKS:
        if not getattr(ctx.config, section).enabled or ctx.frame.empty:
            continue
        if progress is not None and hasattr(progress, "stage"):
            progress.stage(f"check: {module_name}")
        module = importlib.import_module(f"walletwatch.checks.{module_name}")
        findings.extend(module.Check().run(ctx))
    return sort_findings(findings)
