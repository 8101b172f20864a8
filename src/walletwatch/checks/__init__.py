"""The checks: failed, stuck, duplicate, unrecognised and recurring transactions.

The registry: ``MODULES`` lists the check modules, one entry each, in the order they run. A
check module declares everything else about itself in its ``Check`` class (category, settings
section and dataclass, codes with their titles; see ``base.Check``); ``CODES`` (code ->
category and titles), ``SETTINGS`` (the check sections of ``walletwatch.config``) are made
from it. Adding a check touches its module, its test and ``MODULES``.

``run_checks(ctx)`` runs every enabled check and returns the findings in their stable order;
``walletwatch.pipeline.find`` is the one caller that prepares the context.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from walletwatch.checks.base import CODES, Context, register, sort_findings
from walletwatch.findings import Finding
from walletwatch.memory import give_back

__all__ = ["CHECKS", "CODES", "MODULES", "SETTINGS", "Context", "run_checks"]

MODULES = ("failed", "cluster", "stuck", "duplicate", "unrecognised", "recurring")

CHECKS = tuple(importlib.import_module(f"{__name__}.{name}").Check for name in MODULES)
SETTINGS: dict[str, type] = register(CHECKS)  # section -> settings dataclass, in order


def run_checks(ctx: Context, progress=None,
               wait_for_risk: Callable[[], None] | None = None) -> list[Finding]:
    """Findings of every enabled check; ``progress.stage("check: NAME")`` (when given) as each
    check starts.

    ``wait_for_risk``: when the risk table is still being worked out (the forest scores on
    other threads), the checks that do not read it (``needs_risk``) run first, meanwhile;
    this is called once before the first that does, and fills ``ctx.risk``. The findings'
    order does not depend on the order the checks ran in (``sort_findings``).
    """
    enabled = [(name, check) for name, check in zip(MODULES, CHECKS, strict=True)
               if getattr(ctx.config, check.section).enabled and not ctx.frame.empty]
    findings: list[Finding] = []
    for name, check in sorted(enabled, key=lambda pair: pair[1].needs_risk):  # stable
        if check.needs_risk and wait_for_risk is not None:
            wait_for_risk()
            wait_for_risk = None
        if progress is not None and hasattr(progress, "stage"):
            progress.stage(f"check: {name}")
        findings.extend(check().run(ctx))
        give_back()  # what the check worked with: the next one (or the forest) reuses the pages
    return sort_findings(findings)
