"""The xlsx package (a zip of XML parts): size limits, table ranges, deterministic saving.

openpyxl's read-only mode streams the sheets but does not expose their Excel tables; the
reader needs each table's range (the rows the formulas' structured references see), so the
few small parts that define them are parsed here, with defusedxml, as untrusted input.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import DefusedXmlException, ElementTree

from xlperf.errors import InputError

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_PART_BYTES = 512 * 1024 * 1024  # one uncompressed part (a sheet, the shared strings)
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_SMALL_PART = 16 * 1024 * 1024  # workbook.xml, rels and table parts parsed here
# every shared string becomes an object in memory: 64 MiB is millions of distinct texts
MAX_SHARED_STRINGS = 64 * 1024 * 1024
# a larger part unpacking to more than 100 × its packed size is a zip bomb, not a sheet
# (Apache POI's limit; xlperf's and Excel's sheets pack 10–45 ×)
MAX_INFLATE_RATIO = 100
EXCEL_MAX_ROW = 1_048_576  # no sheet of Excel's has a row below this
_TABLE_REF = re.compile(r"\$?[A-Z]{1,3}\$?([0-9]{1,7}):\$?[A-Z]{1,3}\$?([0-9]{1,7})")
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .xls files


def _is_legacy_excel(path: str | Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(8) == _OLE2_MAGIC
    except OSError:
        return False


# Excel saves a password-protected xlsx as an OLE2 file holding these two streams (their
# directory names are UTF-16)
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def _is_encrypted(path: str | Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return _ENCRYPTED_STREAM in handle.read(MAX_PART_BYTES)
    except OSError:
        return False


def entities_refused(path: str | Path) -> InputError:
    """The error of a workbook with an XML entity declaration (a DTD) in a part xlperf or
    openpyxl parses: defusedxml refuses it, whatever it declares."""
    return InputError(f"{path} was refused for safety: it contains XML entity declarations "
                      "(<!DOCTYPE …> / <!ENTITY …>), which Excel never writes and which can "
                      "make a reader exhaust memory or read other files; nothing of it was "
                      "used. Get the workbook again from where it came from", workbook=str(path))


def refused_xml(error: BaseException | None) -> bool:
    """True when ``error``, or what caused it (openpyxl wraps it), is defusedxml's refusal
    of a DTD, an entity or an external reference."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DefusedXmlException):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def check_package(path: str | Path) -> None:
    """Raise :class:`InputError` unless ``path`` is a zip whose parts stay within the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        if _is_legacy_excel(path):  # an OLE2 file: an .xls, or an xlsx with a password
            raise InputError(
                f"{path} is protected by a password: open it in Excel, remove the password "
                "(File › Info › Protect Workbook) and save it" if _is_encrypted(path) else
                f"{path} is an Excel 97–2003 workbook (.xls): open it in Excel and save it "
                "as an Excel Workbook (.xlsx)") from None
        raise InputError(f"{path} is not an xlsx workbook ({error})") from None
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_TOTAL_BYTES or _too_large(info):
            raise InputError(f"{path}: part {info.filename} unpacks to more than xlperf "
                             "reads from one workbook; is it really an appraisal workbook?")


def _too_large(info: zipfile.ZipInfo) -> bool:
    """A part that unpacks beyond its limit, or a large one packed like a zip bomb."""
    limit = MAX_SHARED_STRINGS if info.filename == "xl/sharedStrings.xml" else MAX_PART_BYTES
    bomb = (info.file_size > MAX_SMALL_PART
            and info.file_size > MAX_INFLATE_RATIO * max(info.compress_size, 1))
    return info.file_size > limit or bomb


def _part(archive: zipfile.ZipFile, name: str):
    info = archive.getinfo(name)
    if info.file_size > MAX_SMALL_PART:
        raise InputError(f"part {name} is too large")
    return ElementTree.fromstring(archive.read(name))


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in archive.namelist():
        return {}
    targets = {}
    for rel in _part(archive, rels_name).iter(f"{PKG_REL}Relationship"):
        target = rel.get("Target", "")
        if target.startswith("/"):
            target = target[1:]
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        targets[rel.get("Id", "")] = target
    return targets


def table_ranges(path: str | Path) -> dict[str, tuple[str, str]]:
    """Every Excel table of the workbook: display name -> (sheet name, range such as A4:N20)."""
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = "xl/workbook.xml"
            book_rels = _rels(archive, workbook)
            result = {}
            for sheet in _part(archive, workbook).iter(f"{MAIN}sheet"):
                part = book_rels.get(sheet.get(f"{REL}id", ""))
                if not part or part not in archive.namelist():
                    continue
                for target in _rels(archive, part).values():
                    if "/tables/" in target and target in archive.namelist():
                        table = _part(archive, target)
                        name = table.get("displayName") or table.get("name", "")
                        result[name] = (sheet.get("name", ""),
                                        _table_ref(path, name, table.get("ref", "")))
            return result
    except DefusedXmlException:
        raise entities_refused(path) from None
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError) as error:
        raise InputError(f"{path}: the workbook's parts cannot be read ({error})") from None


def _table_ref(path: str | Path, name: str, ref: str) -> str:
    """A table's range as Excel writes it (A4:N20), else an InputError: the reader reads
    the rows it names, so it must be a block of cells within Excel's rows."""
    match = _TABLE_REF.fullmatch(ref)
    if not match or not 1 <= int(match[1]) <= int(match[2]) <= EXCEL_MAX_ROW:
        raise InputError(f'{path}: the Excel table {name} covers "{ref[:40]}", not a block of '
                         "cells of a worksheet; is it really an appraisal workbook?")
    return ref


def deterministic_zip(data: bytes) -> bytes:
    """The same package with fixed member dates, so that equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
