"""Finding a font that can draw Chinese, for the PDF and for the chart.

The PDF embeds a TrueType font (reportlab cannot embed CFF/OpenType outlines, which most Noto
CJK and Source Han files use); the chart (matplotlib) can use either kind. ``.ttc`` collections
hold several faces, so a choice carries the face index. Search order: an explicit path, then
``WALLETWATCH_FONT``, then well-known file names in the usual font folders.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from walletwatch.errors import ConfigError

# Preferred first: fonts with TrueType outlines come before CFF-based OpenType ones.
NAMES = (
    "wqy-microhei", "wqy-zenhei", "NotoSansSC", "NotoSansCJK", "NotoSerifCJK", "SourceHanSans",
    "SourceHanSerif", "simhei", "simsun", "msyh", "PingFang", "STHeiti", "Hiragino Sans GB",
    "DroidSansFallback", "ArialUnicode", "Arial Unicode",
)
SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
PROBE = "中文"


@dataclass(frozen=True)
class FontChoice:
    path: str
    index: int  # face within a .ttc/.otc collection
    truetype: bool  # TrueType outlines (embeddable by reportlab)


def font_dirs() -> list[Path]:
    home = Path.home()
    dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
            home / ".local/share/fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"),
            home / "Library/Fonts"]
    if sys.platform == "win32":
        dirs.append(Path(os.environ.get("WINDIR", "C:\\Windows")) / "Fonts")
    return [d for d in dirs if d.is_dir()]


def inspect_font(path: str | Path) -> FontChoice | None:
    """The first face in ``path`` that has glyphs for Chinese, or None."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    path = str(path)
    try:
        if path.lower().endswith((".ttc", ".otc")):
            faces = list(enumerate(TTCollection(path, lazy=True).fonts))
        else:
            faces = [(0, TTFont(path, lazy=True))]
    except (TTLibError, OSError, AssertionError):
        return None
    for index, face in faces:
        try:
            cmap = face.getBestCmap() or {}
        except Exception:  # a damaged table: not a usable font
            continue
        if all(ord(ch) in cmap for ch in PROBE):
            return FontChoice(path, index, "glyf" in face)
    return None


@cache
def find_cjk_font(truetype: bool) -> FontChoice | None:
    """A system font that can draw Chinese (``truetype`` = embeddable by reportlab)."""
    env = os.environ.get("WALLETWATCH_FONT")
    if env:
        choice = inspect_font(env)
        if choice and (choice.truetype or not truetype):
            return choice
    candidates = []
    for folder in font_dirs():
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in SUFFIXES:
                rank = _rank(path.name)
                if rank is not None:
                    candidates.append((rank, str(path)))
    for _, path in sorted(candidates):
        choice = inspect_font(path)
        if choice and (choice.truetype or not truetype):
            return choice
    return None


def _rank(name: str) -> int | None:
    lowered = name.lower().replace(" ", "")
    for rank, wanted in enumerate(NAMES):
        if wanted.lower().replace(" ", "") in lowered:
            return rank
    return None


def user_font(path: str) -> FontChoice:
    """The ``--font`` file, checked: it must exist and draw Chinese."""
    if not Path(path).is_file():
        raise ConfigError(f"font file {path} not found", "give a .ttf or .ttc file with --font")
    choice = inspect_font(path)
    if choice is None:
        raise ConfigError(f"{path} is not a font that can draw Chinese",
                          "use e.g. wqy-microhei.ttc or NotoSansSC-Regular.ttf")
    return choice
