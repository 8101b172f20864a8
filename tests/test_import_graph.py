"""The architecture map, kept true: no import cycles, and no import from a lower layer to a
higher one.

Every module under ``src/walletwatch`` is parsed with ``ast``; its imports -- at module level
AND inside functions (a late import is still a dependency) -- are the graph's edges. Imports
under ``if TYPE_CHECKING:`` are left out: they are never executed, they only name a type.

The layers, low to high (a module imports from its own layer or lower ones only)::

    foundation  errors, safetext, schema, findings, providers, outputs, allowlist, asof,
                report.mask (masking is used from the scan output up to the web page; it
                lives in report/ for history), the package root (version, lazy names)
    ingest      reading exports into the normalised table
    model       features, the detector, the evidence tiers and their settings
    checks      the checks and their registry; recurring (series found in charges)
    settings    config: its sections are made from the check registry, so it sits above it
    store       persistence only: the state store's tables (transactions, alerts, the pickled
                detector, marks, runs)
    runner      pipeline (the one runner, ``find``, and ``scan``), scan_output,
                recurring_overview; they read the owner's marks from the store
    cases       the case follow-up (case file, its values, log, deadlines)
    services    scheduled (the scheduled check), notify, report, schedule, synth
    interfaces  cli, web, __main__

Why the store sits below the runner (not above it, as a first sketch had it): the store only
persists, so it needs nothing above the model; the runner and the scan read from it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import walletwatch

SRC = Path(walletwatch.__file__).parent

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (  # low to high; a prefix names its submodules
    ("foundation", ("walletwatch", "walletwatch.errors", "walletwatch.safetext",
                    "walletwatch.schema", "walletwatch.columns", "walletwatch.memory",
                    "walletwatch.findings", "walletwatch.providers",
                    "walletwatch.outputs", "walletwatch.allowlist", "walletwatch.asof",
                    "walletwatch.report.mask")),
    ("ingest", ("walletwatch.ingest",)),
    ("model", ("walletwatch.model",)),
    ("checks", ("walletwatch.checks", "walletwatch.recurring")),
    ("settings", ("walletwatch.config",)),
    ("store", ("walletwatch.store",)),
    ("runner", ("walletwatch.pipeline", "walletwatch.scan_output",
                "walletwatch.recurring_overview")),
    ("cases", ("walletwatch.cases",)),
    ("services", ("walletwatch.scheduled", "walletwatch.notify", "walletwatch.report",
                  "walletwatch.schedule", "walletwatch.synth")),
    ("interfaces", ("walletwatch.cli", "walletwatch.web", "walletwatch.__main__")),
)

# TEMPORARY: edges other work of issue 15 removes. Delete each entry when its edge is gone (a
# test fails on an entry whose edge no longer exists); add none.
TEMPORARY: dict[tuple[str, str], str] = {  # none left
}


def module_name(path: Path, root: Path = SRC) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(inner) for stmt in node.body for inner in ast.walk(stmt)}
    return skip


def imports_of(name: str, source: str, modules: set[str], is_package: bool) -> set[str]:
    """The walletwatch modules ``name`` imports (``from pkg import mod`` names ``pkg.mod``)."""
    tree = ast.parse(source)
    skip = _type_checking_nodes(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the importing module's package
                package = name.split(".")[: len(name.split(".")) - node.level + is_package]
                base = ".".join([*package, *([base] if base else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in modules else base)
    return {m for m in found if m in modules and m != name}


def build_graph(root: Path = SRC) -> dict[str, set[str]]:
    paths = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    modules = set(paths)
    return {name: imports_of(name, path.read_text(encoding="utf-8"), modules,
                             path.name == "__init__.py")
            for name, path in paths.items()}


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[1]:
                    best = (rank, len(prefix))
    return best[0] if best else None


def upward_edges(graph: dict[str, set[str]]) -> list[str]:
    out = []
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            low, high = layer_of(source), layer_of(target)
            if low is not None and high is not None and high > low:
                out.append(f"{source} ({LAYERS[low][0]}) -> {target} ({LAYERS[high][0]})")
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def unit_of(module: str) -> str:
    """The package or top-level module ``module`` belongs to, as the layer table names units
    (``walletwatch.report.mask`` is a unit of its own, apart from ``walletwatch.report``)."""
    named = [p for _, prefixes in LAYERS for p in prefixes if p != "walletwatch"
             and (module == p or module.startswith(p + "."))]
    return max(named, key=len) if named else ".".join(module.split(".")[:2])


def packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph between units (``walletwatch.report``, ``walletwatch.config``, ...)."""
    out: dict[str, set[str]] = {}
    for source, targets in graph.items():
        out.setdefault(unit_of(source), set()).update(
            unit_of(t) for t in targets if unit_of(t) != unit_of(source))
    return out


def without_temporary(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    return {s: {t for t in ts if (s, t) not in TEMPORARY} for s, ts in graph.items()}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return without_temporary(build_graph())


def test_every_temporary_exception_is_still_needed():
    graph = build_graph()
    assert [edge for edge in TEMPORARY if edge[1] not in graph.get(edge[0], ())] == []


def test_every_module_has_a_layer(graph):
    assert [m for m in graph if layer_of(m) is None] == []


def test_no_import_goes_up_a_layer(graph):
    assert upward_edges(graph) == []


def test_no_import_cycles_between_modules(graph):
    assert cycles(graph) == []


def test_no_import_cycles_between_packages(graph):
    assert cycles(packages(graph)) == []


def test_the_graph_sees_module_level_function_level_and_relative_imports():
    modules = {"walletwatch.checks", "walletwatch.checks.base", "walletwatch.store.marks",
               "walletwatch.findings"}
    source = ("from typing import TYPE_CHECKING\n"
              "from walletwatch.findings import Finding\n"
              "from . import base\n"
              "if TYPE_CHECKING:\n    from walletwatch.config import Config\n"
              "def f():\n    from walletwatch.store import marks\n")
    assert imports_of("walletwatch.checks", source, modules, is_package=True) == {
        "walletwatch.findings", "walletwatch.checks.base", "walletwatch.store.marks"}


def test_a_planted_upward_import_fails():
    planted = {"walletwatch.checks.base": {"walletwatch.findings", "walletwatch.scan_output"},
               "walletwatch.scan_output": {"walletwatch.schema"}}
    assert upward_edges(planted) == [
        "walletwatch.checks.base (checks) -> walletwatch.scan_output (runner)"]
    real = build_graph()
    real["walletwatch.model.risk"] = {*real["walletwatch.model.risk"], "walletwatch.web.app"}
    assert "walletwatch.model.risk (model) -> walletwatch.web.app (interfaces)" \
        in upward_edges(without_temporary(real))


def test_a_planted_cycle_fails():
    planted = {"walletwatch.model.risk": {"walletwatch.model.tiers"},
               "walletwatch.model.tiers": {"walletwatch.model.features",
                                           "walletwatch.model.risk"},
               "walletwatch.model.features": set()}
    assert cycles(planted) == [["walletwatch.model.risk", "walletwatch.model.tiers"]]
    across = {"walletwatch.report.build": {"walletwatch.cases.file"},
              "walletwatch.cases.file": {"walletwatch.report.letter"}}
    assert cycles(packages(across)) == [["walletwatch.cases", "walletwatch.report"]]
