"""Read the head of a file once: refuse what is not a statement, find the text encoding.

Everything that makes a file unreadable is raised here as an ``InputError`` with a hint, so
that bad input gives one clear line and never a traceback.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from walletwatch.errors import (
    BinaryFile,
    EmptyFile,
    EncodingProblem,
    EncryptedArchive,
    FileMissing,
    InputError,
    NotAFile,
)
from walletwatch.ingest.base import Sample, physical_lines

HEAD_BYTES = 64 * 1024
# What the parts of a workbook may expand to, from the sizes in its zip directory: a real
# statement is a few MB of XML; a one-cell sheet that expands to 1 GB is refused unopened.
MAX_XLSX_EXPANDED = 256 * 1024 * 1024
SHEET_HEAD_ROWS = 60
# Tried in this order; GB18030 is a superset of GBK and GB2312.
ENCODINGS = ("utf-8", "gb18030")


def read_sample(path: Path, encoding: str | None = None) -> Sample:
    """Return the decoded head of ``path`` or raise an ``InputError`` saying what is wrong."""
    _check_path(path)
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head.strip():
        raise EmptyFile("the file is empty", "export the statement again", str(path))
    if head.startswith(b"PK\x03\x04"):
        return _zip_sample(path, size, head)
    if head.startswith(b"%PDF"):
        raise BinaryFile(
            "this is a PDF, not a statement export",
            "export the statement as CSV or XLSX from the wallet app",
            str(path),
        )
    if b"\x00" in head[:4096] or head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise BinaryFile(
            "this is a binary file (or UTF-16 text), not a CSV or XLSX statement",
            "export the statement as CSV or XLSX, or pass --format and --encoding",
            str(path),
        )
    try:
        text, used = decode_head(head, size, encoding, path)
        lenient = False
    except EncodingProblem:
        if encoding:
            raise
        text, used = _mostly_decodable(head, path)
        lenient = True
    lines = physical_lines(text)
    if size > len(head) and lines:
        lines = lines[:-1]  # the last head line may be cut in the middle
    return Sample(path=path, size=size, head=head, encoding=used, lines=lines, lenient=lenient)


def _mostly_decodable(head: bytes, path: Path) -> tuple[str, str]:
    """A file with a few damaged bytes keeps its good rows: pick the encoding that fits all
    but a handful of bytes (UTF-8 first: GB18030 accepts almost anything)."""
    for candidate in ENCODINGS:
        text = head.decode(candidate, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(3, len(text) // 500):
            return text, candidate
    raise EncodingProblem(
        "the text is neither UTF-8 nor GBK/GB18030",
        "pass --encoding NAME if you know it, or export the statement again",
        str(path),
    )


def _check_path(path: Path) -> None:
    if not path.exists():
        raise FileMissing("no such file", "check the path", str(path))
    if path.is_dir():
        raise NotAFile(
            "this is a directory", "pass the exported statement file itself", str(path)
        )
    # Checked before any open(): opening a FIFO for reading blocks until someone writes.
    if not stat.S_ISREG(path.stat().st_mode):
        raise NotAFile(
            "this is not a regular file (a FIFO, device or socket)",
            "save the statement to a file and pass that file",
            str(path),
        )
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise InputError(f"cannot open the file: {exc.strerror}", "", str(path)) from exc


def decode_head(
    head: bytes, size: int, encoding: str | None, path: Path
) -> tuple[str, str]:
    """Decode the head with ``encoding`` or the first of ``ENCODINGS`` that fits."""
    cut = size > len(head)
    if encoding:
        try:
            return _decode(head, encoding, cut), encoding
        except LookupError as exc:
            raise EncodingProblem(
                f"unknown encoding {encoding!r}", "try --encoding gb18030 or utf-8", str(path)
            ) from exc
        except UnicodeDecodeError as exc:
            raise EncodingProblem(
                f"the file is not valid {encoding} (byte {exc.start})",
                "omit --encoding to detect it, or try --encoding gb18030",
                str(path),
            ) from exc
    if head.startswith(b"\xef\xbb\xbf"):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    else:
        candidates = ENCODINGS
    for candidate in candidates:
        try:
            return _decode(head, candidate, cut), candidate
        except UnicodeDecodeError:
            continue
    raise EncodingProblem(
        "the text is neither UTF-8 nor GBK/GB18030",
        "pass --encoding NAME if you know it, or export the statement again",
        str(path),
    )


def _decode(head: bytes, encoding: str, cut: bool) -> str:
    try:
        return head.decode(encoding)
    except UnicodeDecodeError as exc:
        # The head (or a truncated file) may end inside a multi-byte character.
        if not cut and exc.start < len(head) - 3:
            raise
    for trim in range(4):
        try:
            return head[: len(head) - trim].decode(encoding)
        except UnicodeDecodeError:
            if trim == 3:
                raise
    raise AssertionError("unreachable")


def _zip_sample(path: Path, size: int, head: bytes) -> Sample:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(
            "the file is a damaged or truncated zip/xlsx", "download or export it again", str(path)
        ) from exc
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if any(info.flag_bits & 0x1 for info in infos):
            raise EncryptedArchive(
                "this is a password-protected zip as delivered by e-mail",
                "unzip it with the password the wallet shows you (WeChat: 微信支付 official "
                "account; Alipay: the app), then pass the CSV or XLSX inside",
                str(path),
            )
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            inner = ", ".join(sorted(names)[:3])
            raise InputError(
                f"this is a zip archive ({inner}), not a statement",
                "unzip it and pass the CSV or XLSX inside",
                str(path),
            )
    expanded = sum(info.file_size for info in infos)
    if expanded > MAX_XLSX_EXPANDED:
        raise InputError(
            f"this workbook expands to {expanded // (1024 * 1024)} MB; walletwatch reads "
            f"workbooks that expand to at most {MAX_XLSX_EXPANDED // (1024 * 1024)} MB",
            "export the statement again (a real statement is a few MB), or as CSV",
            str(path),
        )
    sheets = _sheet_heads(path)
    return Sample(path=path, size=size, head=head, encoding=None, lines=(), kind="xlsx",
                  sheets=sheets)


def _sheet_heads(path: Path) -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    from walletwatch.ingest.xlsx import sheet_heads

    return sheet_heads(path, SHEET_HEAD_ROWS)
