"""The complaint evidence pack: one report document, rendered as Markdown, HTML, PDF, JSON, CSV.

Kept light: ``build_report`` and the renderers are imported from their modules on use.
"""

from __future__ import annotations
