"""How an XP_ function is declared: xlwings registration, error guard, help and examples.

:func:`excel_function` is the one decorator an XP_ function needs. It

- declares every argument to xlwings as ``ndim=2, err_to_str=True`` with its help text
  (``xw.arg``) and the function with its function-wizard category (``xw.func``): the same
  calls work in desktop xlwings (Windows: "Import Functions" writes a VBA wrapper and sets
  the wizard help) and in xlwings Lite (the docstring and argument docs become the Office.js
  metadata; categories are ignored there);
- guards the function so that no traceback ever reaches a cell: a bad input returns
  ``#XP! <short message>`` and the full detail goes to the ``xlperf.udfs`` log;
- cleans every float it returns to Excel's 15 significant digits
  (:func:`~xlperf.udfs.cells.excel_value`): 112.5, not 112.50000000000001;
- records the help and the examples in ``__xp__`` for ``docs/functions.md``.

It checks, when the module is imported, that the docstring and every argument's help exist
and fit the function wizard's 255 characters, so an undocumented function cannot ship.
Type hints are deliberately absent from XP_ functions: xlwings turns a hint into a converter.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import reprlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import xlwings as xw

from xlperf.errors import InputError
from xlperf.udfs.cells import INTERNAL_ERROR, CellError, error_text, excel_value, log

APPRAISAL = "xlperf appraisal"
INCENTIVES = "xlperf incentives"
CHINA = "xlperf China"
CATEGORIES = (APPRAISAL, INCENTIVES, CHINA)

HELP_LIMIT = 255  # Excel's function wizard shows at most this many characters
ARGUMENT_OPTIONS = {"ndim": 2, "err_to_str": True}  # how xlwings reads every XP_ argument

F = TypeVar("F", bound=Callable[..., Any])
_short = reprlib.Repr()
_short.maxlist = _short.maxtuple = 8
_short.maxstring = 60


@dataclasses.dataclass(frozen=True)
class Argument:
    """One argument of an XP_ function as the function wizard shows it."""

    name: str
    help: str
    optional: bool
    default: object = None
    cellwise: bool = False  # a cell or a range, applied cell by cell (⇵ in the reference)


@dataclasses.dataclass(frozen=True)
class FunctionInfo:
    """What the reference (docs/functions.md) says about an XP_ function."""

    name: str
    category: str
    summary: str  # the docstring: the function wizard's description
    arguments: tuple[Argument, ...]
    examples: tuple[tuple[object, ...], ...]  # argument values, as Excel hands them over


class DefinitionError(TypeError):
    """An XP_ function is declared wrongly (missing help, help too long, bad name)."""


def _describe(rule: Callable[..., Any], category: str, help: Mapping[str, str],
              cellwise: Sequence[str], examples: Sequence[tuple[object, ...]]) -> FunctionInfo:
    name = rule.__name__
    if not name.startswith("XP_") or name != name.upper():
        raise DefinitionError(f"{name}: XP_ functions are named XP_ in capitals")
    if category not in CATEGORIES:
        raise DefinitionError(f"{name}: category {category!r} is not one of {CATEGORIES}")
    summary = " ".join((rule.__doc__ or "").split())  # one line, as the wizard shows it
    if not summary or len(summary) > HELP_LIMIT:
        raise DefinitionError(f"{name}: the docstring is the wizard help: 1 to {HELP_LIMIT} "
                              f"characters, not {len(summary)}")
    parameters = inspect.signature(rule).parameters.values()
    if any(p.kind is not p.POSITIONAL_OR_KEYWORD for p in parameters):
        raise DefinitionError(f"{name}: Excel passes arguments by position only")
    names = [p.name for p in parameters]
    if list(help) != names:
        raise DefinitionError(f"{name}: give help for each argument, in order: {names}")
    for arg, text in help.items():
        if not text.strip() or len(text) > HELP_LIMIT:
            raise DefinitionError(f"{name}: help for {arg} must be 1 to {HELP_LIMIT} "
                                  f"characters, not {len(text)}")
    if not set(cellwise) <= set(names):
        raise DefinitionError(f"{name}: cellwise names unknown arguments {cellwise}")
    arguments = tuple(Argument(p.name, help[p.name], p.default is not p.empty,
                               None if p.default is p.empty else p.default, p.name in cellwise)
                      for p in parameters)
    return FunctionInfo(name, category, summary, arguments, tuple(examples))


def _guarded(rule: F) -> F:
    @functools.wraps(rule)
    def guarded(*args: object, **kwargs: object) -> object:
        try:
            return excel_value(rule(*args, **kwargs))  # no float noise in a cell
        except CellError as passed_on:
            return passed_on.text
        except InputError as error:
            log.warning("%s: %s (arguments %s)", rule.__name__, error, _short.repr(args))
            return error_text(error)
        except Exception:
            log.exception("%s failed (arguments %s)", rule.__name__, _short.repr(args))
            return INTERNAL_ERROR

    return guarded  # type: ignore[return-value]


def excel_function(category: str, *, help: Mapping[str, str], cellwise: Sequence[str] = (),
                   examples: Sequence[tuple[object, ...]] = ()) -> Callable[[F], F]:
    """Declare an XP_ function: its category, each argument's help, examples for the docs.

    ``cellwise`` names the arguments the function applies cell by cell (with
    :func:`xlperf.udfs.cells.each`); ``examples`` are argument tuples, as Excel hands them
    over, whose results the reference shows.
    """

    def register(rule: F) -> F:
        info = _describe(rule, category, help, cellwise, examples)
        function = _guarded(rule)
        function.__doc__ = info.summary  # xlwings hands the raw docstring to Excel
        function.__xp__ = info  # type: ignore[attr-defined]
        for argument in info.arguments:
            function = xw.arg(argument.name, doc=argument.help, **ARGUMENT_OPTIONS)(function)
        return xw.func(category=category)(function)

    return register


def function_info(function: Callable[..., Any]) -> FunctionInfo:
    """The help and examples recorded for an XP_ function."""
    return function.__xp__  # type: ignore[attr-defined]
