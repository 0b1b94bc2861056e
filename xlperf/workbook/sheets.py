"""The workbook's sheets by the template's names, found the way Excel finds a sheet.

Excel tells sheet names apart regardless of case (a book cannot hold both "Config" and
"config", and ``config!B2`` is a cell of Config), so the reader does too, and it also
ignores spaces around a name (``"Config "``, typed when renaming a tab). Everything the
reader locates names the sheet as the template does (``Config!B5``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from xlperf.errors import InputError


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
        return self.wb[self.titles.get(name, name)]

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
