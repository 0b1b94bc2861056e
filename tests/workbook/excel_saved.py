"""A workbook as Excel would have saved it: cached values in its formula cells.

Excel stores the last computed value of every formula cell as ``<v>`` next to its ``<f>``;
openpyxl (and so ``xlperf workbook new``) writes formulas without values. To test
reconciliation without Excel, :func:`excel_saved` copies a workbook and writes the given
values into the given formula cells' XML, exactly where Excel puts them::

    excel_saved("demo.xlsx", "saved.xlsx", {("Results", "H5"): 91.23, ("Results", "K5"): "A"})

Numbers are written as numbers, strings as formula strings (``t="str"``), booleans as
``t="b"``, Excel error codes (``#N/A`` …) as ``t="e"``; ``None`` removes a cached value.
Only formula cells can be given (a cell without a formula raises ``ValueError``), and the
cells an array formula fills beyond its first (written as plain value cells, as Excel saves
them). The other parts of the package are copied byte for byte.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from defusedxml import ElementTree as SafeET
from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
    range_boundaries,
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
          "#SPILL!", "#CALC!"}


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part name (xl/worksheets/sheetN.xml)."""
    rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{PKG_REL}}}Relationship")}
    book = SafeET.fromstring(archive.read("xl/workbook.xml"))
    parts = {}
    for sheet in book.iter(f"{{{MAIN}}}sheet"):
        target = targets[sheet.get(f"{{{REL}}}id")]
        parts[sheet.get("name")] = (target[1:] if target.startswith("/")
                                    else posixpath.normpath(posixpath.join("xl", target)))
    return parts


def _register_namespaces(xml: bytes) -> None:
    for _event, (prefix, uri) in ET.iterparse(io.BytesIO(xml), events=("start-ns",)):
        ET.register_namespace(prefix, uri)


def _set_cached(cell: ET.Element, value: object, *, formula: bool = True) -> None:
    if formula and cell.find(f"{{{MAIN}}}f") is None:
        raise ValueError(f"cell {cell.get('r')} has no formula: Excel caches values of "
                         "formula cells only")
    for old in cell.findall(f"{{{MAIN}}}v"):
        cell.remove(old)
    cell.attrib.pop("t", None)
    if value is None:
        return
    v = ET.SubElement(cell, f"{{{MAIN}}}v")
    if isinstance(value, bool):
        cell.set("t", "b")
        v.text = "1" if value else "0"
    elif isinstance(value, int | float):
        v.text = repr(float(value)) if isinstance(value, float) else str(value)
    elif isinstance(value, str) and value in ERRORS:
        cell.set("t", "e")
        v.text = value
    else:
        cell.set("t", "str")
        v.text = str(value)


def _array_cells(cells: dict[str, ET.Element]) -> set[str]:
    """The cells an array formula fills besides its own (``<f t="array" ref="Z5:AC6">``)."""
    filled = set()
    for ref, cell in cells.items():
        f = cell.find(f"{{{MAIN}}}f")
        if f is not None and f.get("t") == "array" and ":" in (f.get("ref") or ""):
            low_col, low_row, high_col, high_row = range_boundaries(f.get("ref"))
            filled |= {f"{get_column_letter(c)}{r}" for r in range(low_row, high_row + 1)
                       for c in range(low_col, high_col + 1)} - {ref}
    return filled


def _array_member(root: ET.Element, ref: str) -> ET.Element:
    """A new cell of an array formula's range, where Excel saves it: a value cell (no
    formula) in its row, in column order."""
    column, row = coordinate_from_string(ref)
    line = next(r for r in root.iter(f"{{{MAIN}}}row") if r.get("r") == str(row))
    cell = ET.Element(f"{{{MAIN}}}c", {"r": ref})
    place = sum(1 for c in line.findall(f"{{{MAIN}}}c")
                if column_index_from_string(coordinate_from_string(c.get("r"))[0])
                < column_index_from_string(column))
    line.insert(place, cell)
    return cell


def _edit_sheet(xml: bytes, values: Mapping[str, object]) -> bytes:
    _register_namespaces(xml)
    root = SafeET.fromstring(xml)
    cells = {c.get("r"): c for c in root.iter(f"{{{MAIN}}}c")}
    members = _array_cells(cells)
    for ref, value in values.items():
        if ref in members:  # an array formula's result beyond its first cell: a plain value
            cell = cells.get(ref)
            if cell is None:
                cell = _array_member(root, ref)
            _set_cached(cell, value, formula=False)
            continue
        if ref not in cells:
            raise ValueError(f"cell {ref} is not in the sheet")
        _set_cached(cells[ref], value)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def excel_saved(source: str | Path, target: str | Path,
                values: Mapping[tuple[str, str], object]) -> Path:
    """Copy ``source`` to ``target`` with cached values in formula cells, by (sheet, cell)."""
    by_sheet: dict[str, dict[str, object]] = {}
    for (sheet, cell), value in values.items():
        by_sheet.setdefault(sheet, {})[cell] = value
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as result:
        parts = _sheet_parts(archive)
        unknown = set(by_sheet) - set(parts)
        if unknown:
            raise ValueError(f"no sheet named {sorted(unknown)}")
        edits = {parts[sheet]: cells for sheet, cells in by_sheet.items()}
        for info in archive.infolist():
            data = archive.read(info.filename)
            if info.filename in edits:
                data = _edit_sheet(data, edits[info.filename])
            result.writestr(info, data)
    Path(target).write_bytes(out.getvalue())
    return Path(target)


def with_part_changed(source: str | Path, target: str | Path, part: str,
                      change: Callable[[bytes], bytes]) -> Path:
    """Copy the package ``source`` to ``target`` with one part's bytes changed (a damaged or
    hostile file, as no spreadsheet application would save it)."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as result:
        for info in archive.infolist():
            data = archive.read(info.filename)
            result.writestr(info, change(data) if info.filename == part else data)
    return Path(target)


def with_ids(source, target, ids: dict[str, str]):
    """A copy of ``source`` with each id of ``ids`` renamed on every sheet, through the
    package's XML, so that the characters are stored exactly as given (decomposed too)."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as result:
        for info in archive.infolist():
            data = archive.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                for old, new in ids.items():
                    data = data.replace(f"<t>{old}</t>".encode(),
                                        f"<t>{escape(new)}</t>".encode())
            result.writestr(info, data)
    return target



def garbled(source: str | Path, target: str | Path, part: str, at: float) -> Path:
    """A copy of ``source`` with 50 bytes flipped inside ``part``'s compressed data, ``at``
    (0–1) of the way through it: a bad disk or a cut download, which zlib fails to unpack."""
    raw = bytearray(Path(source).read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(part)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    where = start + int(info.compress_size * at)
    raw[where:where + 50] = bytes(b ^ 0xFF for b in raw[where:where + 50])
    Path(target).write_bytes(bytes(raw))
    return Path(target)
