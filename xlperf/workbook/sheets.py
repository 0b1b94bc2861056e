"""The workbook's sheets by the template's names, found the way Excel finds a sheet.

Excel tells sheet names apart regardless of case (a book cannot hold both "Config" and
"config", and ``config!B2`` is a cell of Config), so the reader does too, and it also
ignores spaces around a name (``"Config "``, typed when renaming a tab). Everything the
reader locates names the sheet as the template does (``Config!B5``).
"""

from __future__ import annotations

import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterable

from defusedxml import DefusedXmlException
from openpyxl.utils.cell import coordinate_to_tuple

from xlperf.errors import InputError

# What openpyxl raises while it streams a sheet's rows out of a damaged or crafted file: XML
# cut off or garbled (a ParseError is a SyntaxError), a broken zip member, a cell whose
# stored value its type cannot hold (<v>NaN</v> or <v>abc</v> in a number cell, a date cell
# of "junk", TRUE/FALSE of 2), a shared string the file does not have, a cell reference
# that is no cell ("ZZZZ1"). None of it is raised by xlperf's own code, which runs between
# the rows, outside the stream.
STREAM_ERRORS = (ValueError, TypeError, IndexError, KeyError, ArithmeticError, SyntaxError,
                 zipfile.BadZipFile, zlib.error, EOFError)
_CELL_TYPES = {"n": "a number", "d": "a date", "b": "TRUE/FALSE", "s": "a shared string",
               "e": "an error value", "str": "a formula's text"}


class DamagedSheet(Exception):
    """A sheet's rows could not be streamed: ``reason`` says what openpyxl met, and where
    when the cell is known ("Executives!F5 holds "NaN" as a number")."""

    def __init__(self, reason: str, refused: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.refused = refused  # an XML entity declaration defusedxml refused: not damage


def damage(sheet: str, error: BaseException) -> str:
    """A short, one-line reason for ``error``, raised by openpyxl while parsing a cell of
    ``sheet``: the cell and its stored value when the parser's frame shows them (openpyxl
    does not say), else the sheet and openpyxl's own words."""
    element = None
    trace = error.__traceback__
    while trace is not None:  # the innermost cell openpyxl was parsing
        if trace.tb_frame.f_code.co_name == "parse_cell":
            element = trace.tb_frame.f_locals.get("element")
        trace = trace.tb_next
    said = " ".join(str(error).split())[:120]
    get = getattr(element, "get", None)
    if get is None:
        return f"sheet {sheet}: {said}"
    ref, kind = str(get("r") or "")[:20], str(get("t") or "n")[:10]
    value = next((child.text for child in element if child.tag.endswith("}v")), None)
    shown = f'"{" ".join(str(value).split())[:40]}"' if value is not None else "no value"
    try:
        coordinate_to_tuple(ref)
    except (ValueError, TypeError):
        return f'sheet {sheet} has a cell whose reference "{ref}" is no cell of a worksheet'
    if kind == "s" and isinstance(error, IndexError):
        return f"{sheet}!{ref} refers to shared string number {value}, which the file does not have"
    return f"{sheet}!{ref} holds {shown} stored as {_CELL_TYPES.get(kind, f'type {kind!r}')}"


class _Streamed:
    """A worksheet whose ``iter_rows`` turns what openpyxl raises while streaming it into
    :class:`DamagedSheet`; anything else is the worksheet's own."""

    def __init__(self, ws, name: str) -> None:
        self._ws = ws
        self._name = name

    def __getattr__(self, attribute: str):
        return getattr(self._ws, attribute)

    def iter_rows(self, *args, **kwargs):
        try:
            yield from self._ws.iter_rows(*args, **kwargs)
        except DefusedXmlException:  # a ValueError, but no damage: a DTD, refused
            raise DamagedSheet(f"sheet {self._name}", refused=True) from None
        except STREAM_ERRORS as error:
            raise DamagedSheet(damage(self._name, error)) from None


def sheet_key(name: str) -> str:
    """What two sheet names must share to be one sheet: the name without surrounding spaces,
    case-folded."""
    return name.strip().casefold()


class Sheets:
    """An openpyxl workbook whose sheets answer to the template's names.

    ``sheetnames`` lists each template sheet found under its template name (and every other
    sheet as it is called); ``sheets[name]`` is the worksheet; ``name_of`` turns a title found
    in the package (a table's sheet, a defined name's reference) into the template's name.
    """

    def __init__(self, wb, wanted: Iterable[str]) -> None:
        self.wb = wb
        self.titles: dict[str, str] = {}  # template name -> the sheet's title in this book
        by_key: dict[str, list[str]] = defaultdict(list)
        for title in wb.sheetnames:
            by_key[sheet_key(title)].append(title)
        for name in wanted:
            found = [name] if name in wb.sheetnames else by_key.get(sheet_key(name), [])
            if len(found) > 1:  # "Config " and " Config": Excel allows both, xlperf cannot choose
                raise InputError(f"sheets {' and '.join(repr(t) for t in found)} could each "
                                 f"be {name}: rename the one that is not {name}", sheet=name)
            if found:
                self.titles[name] = found[0]
        self._names = {title: name for name, title in self.titles.items()}
        self._keys = {sheet_key(name): name for name in wanted}

    @property
    def sheetnames(self) -> list[str]:
        """Every sheet: a template sheet by the template's name, any other by its own."""
        return [self._names.get(title, title) for title in self.wb.sheetnames]

    @property
    def defined_names(self):
        """The workbook's defined names (openpyxl's)."""
        return self.wb.defined_names

    def __getitem__(self, name: str):
        """The worksheet, streamed (:class:`_Streamed`: damage raises :class:`DamagedSheet`)."""
        return _Streamed(self.wb[self.titles.get(name, name)], name)

    def name_of(self, title: str) -> str:
        """The template's name of the sheet called ``title`` in the package: a sheet's own
        title, or a reference Excel resolves regardless of case (``config!$B$2``)."""
        if title in self._names:
            return self._names[title]
        return self._keys.get(sheet_key(title), title)

    def respelled(self) -> list[tuple[str, str]]:
        """(template name, title) of each sheet found under a title differing by more than
        case: spaces Excel, unlike xlperf, counts as part of the name."""
        return [(name, title) for name, title in self.titles.items()
                if title.casefold() != name.casefold()]
