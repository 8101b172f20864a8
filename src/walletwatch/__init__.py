"""walletwatch: read wallet statement exports, find what the owner must act on, build evidence.

The package root stays light so that ``walletwatch --help`` starts fast: the public
functions below are imported on first use.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load": ("walletwatch.ingest", "load"),
    "IngestResult": ("walletwatch.ingest", "IngestResult"),
    "scan": ("walletwatch.pipeline", "scan"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'walletwatch' has no attribute {name!r}")
