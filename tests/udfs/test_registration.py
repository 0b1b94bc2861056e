"""Level 3: registration, as desktop Excel's "Import Functions" sees xlperf.udfs.

The real ``xlwings.udfs`` is imported with ``pythoncom``, ``pywintypes`` and ``win32com``
stubbed and ``xlperf.udfs`` is declared afresh under its decorators (on Linux ``xw.func`` and
friends are no-ops). Then xlwings' own ``import_udfs`` runs against a fake workbook: the VBA
module it writes and the ``MacroOptions`` calls that set the function wizard's help are what
Excel would get.
"""

import inspect
import re

import pytest

import xlperf.udfs as plain
from tests.udfs.excel_host import UDF_MODULE, import_functions
from xlperf.udfs.registry import (
    APPRAISAL,
    ARGUMENT_OPTIONS,
    CHINA,
    HELP_LIMIT,
    INCENTIVES,
    function_info,
)

CATEGORY = {
    **dict.fromkeys(["XP_SCORE", "XP_CURVE", "XP_BAND", "XP_DEDUCT", "XP_WEIGHTED", "XP_360",
                     "XP_DUTY", "XP_ANNUAL", "XP_OKR", "XP_TERM", "XP_GRADE", "XP_CONSEC",
                     "XP_QUOTA"], APPRAISAL),
    **dict.fromkeys(["XP_COEF", "XP_BONUS", "XP_EXTRA", "XP_ADVANCE", "XP_DEFER", "XP_SETTLE",
                     "XP_OPTION_BS", "XP_INTRINSIC", "XP_VESTED", "XP_VESTED_QTY",
                     "XP_VESTING_TABLE", "XP_RS_VALUE", "XP_PERF_PAYOUT", "XP_PERF_SHARES",
                     "XP_PERF_UNITS", "XP_SAR", "XP_PHANTOM", "XP_DEFERRED",
                     "XP_LTI_RECOMMEND"], INCENTIVES),
    **dict.fromkeys(["XP_CN_BONUS_TAX", "XP_CN_BONUS_NET", "XP_CN_BONUS_TRAP",
                     "XP_CN_EQUITY_TAX", "XP_CN_RS_INCOME", "XP_CN_OPTION_INCOME", "XP_NET_PAY",
                     "XP_CSRC_FLOOR", "XP_CSRC_CHECK", "XP_SOE_CHECK"], CHINA),
}

# VBA keywords cannot name an argument of the generated wrapper (VBA ignores case).
VBA_RESERVED = {
    "and", "as", "boolean", "byref", "byte", "byval", "call", "case", "cbool", "cbyte",
    "ccur", "cdate", "cdbl", "cdec", "cint", "clng", "clnglng", "clngptr", "const", "csng",
    "cstr", "currency", "cvar", "date", "decimal", "declare", "defbool", "dim", "do",
    "double", "each", "else", "elseif", "empty", "end", "endif", "enum", "eqv", "erase",
    "error", "event", "exit", "false", "for", "friend", "function", "get", "global", "gosub",
    "goto", "if", "imp", "implements", "in", "input", "integer", "is", "lbound", "len",
    "let", "like", "lock", "long", "longlong", "loop", "lset", "me", "mod", "name", "new",
    "next", "not", "nothing", "null", "object", "on", "open", "option", "optional", "or",
    "paramarray", "preserve", "print", "private", "property", "ptrsafe", "public",
    "raiseevent", "redim", "rem", "resume", "return", "rset", "seek", "select", "set",
    "single", "static", "step", "stop", "string", "sub", "then", "to", "true", "type",
    "typeof", "ubound", "until", "variant", "wend", "while", "with", "withevents", "write",
    "xor", "failed", "argsarray", "k",  # the last three: names the wrapper itself uses
}


@pytest.fixture(scope="module")
def book(declared):
    module, udfs = declared
    return import_functions(udfs, module)


def test_the_catalog_is_registered_in_its_categories():
    assert set(plain.__all__) == set(CATEGORY)


@pytest.mark.parametrize("name", plain.__all__)
def test_xlfunc_metadata(declared, name):
    function = getattr(declared[0], name)
    meta = function.__xlfunc__
    info = function_info(getattr(plain, name))
    assert meta["name"] == name and not meta["sub"]
    assert meta["category"] == CATEGORY[name] == info.category
    assert meta["call_in_wizard"] and not meta["volatile"] and meta["async_mode"] is None
    assert meta["ret"] == {"doc": info.summary, "options": {}}  # no converter on the result
    assert len(info.summary) <= HELP_LIMIT and "\n" not in info.summary
    parameters = list(inspect.signature(function).parameters.values())
    assert [a["name"] for a in meta["args"]] == [p.name for p in parameters]
    for arg, parameter, documented in zip(meta["args"], parameters, info.arguments,
                                          strict=True):
        assert arg["options"] == ARGUMENT_OPTIONS
        assert arg["doc"] == documented.help and len(arg["doc"]) <= HELP_LIMIT
        assert not arg["vararg"] and arg["vba"] is None
        if parameter.default is parameter.empty:
            assert "optional" not in arg
        else:
            assert arg["optional"] == parameter.default


def test_nothing_else_in_the_module_is_registered(declared):
    module = declared[0]
    registered = {n for n in dir(module) if hasattr(getattr(module, n), "__xlfunc__")}
    assert registered == set(plain.__all__)


def _declarations(vba):
    return dict(re.findall(r"^Function (\w+)\((.*)\)$", vba, flags=re.MULTILINE))


def test_import_functions_writes_a_vba_wrapper_for_every_function(book):
    assert book.vba.startswith('Attribute VB_Name = "xlwings_udfs"')
    declared = _declarations(book.vba)
    assert set(declared) == set(plain.__all__)
    for name in plain.__all__:
        arguments = function_info(getattr(plain, name)).arguments
        expected = ", ".join(("Optional " if a.optional else "") + a.name for a in arguments)
        assert declared[name] == expected
        names = ", ".join(a.name for a in arguments)
        assert (f'{name} = XLPy.CallUDF("{UDF_MODULE}", "{name}", Array({names}), '
                "ThisWorkbook, Application.Caller)") in book.vba


def test_the_catalog_signatures_in_vba(book):
    declared = _declarations(book.vba)
    assert declared["XP_SCORE"] == ("actual, target, Optional method, Optional floor, "
                                    "Optional cap, Optional table")
    assert declared["XP_SETTLE"] == ("annual_bonus, advances, Optional deferral_share, "
                                     "Optional soe")
    assert declared["XP_OKR"] == ("kr_scores, kr_weights, Optional objectives, "
                                  "Optional objective_weights")


def test_vba_lines_fit_the_editor(book):
    assert max(len(line) for line in book.vba.splitlines()) < 1023  # VBA's line limit
    assert "ParamArray" not in book.vba


def test_function_wizard_help_and_categories(book):
    options = {macro: kwargs for macro, kwargs in book.macro_options}
    assert set(options) == {f"'xlperf_demo.xlsm'!{n}" for n in plain.__all__}
    for name in plain.__all__:
        info = function_info(getattr(plain, name))
        given = options[f"'xlperf_demo.xlsm'!{name}"]
        assert given["Description"] == info.summary  # not cut: at most 255 characters
        assert given["Category"] == CATEGORY[name]
        assert given["ArgumentDescriptions"] == [a.help for a in info.arguments]


# Han ideographs: CJK Unified Ideographs, Extension A and the compatibility block.
CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@pytest.mark.parametrize("name", plain.__all__)
def test_every_help_names_the_chinese_term(name):
    # HR reads the wizard in English with the Chinese term it uses (年数, 否决封顶等级, …):
    # every argument's help and the function's description carry at least one.
    info = function_info(getattr(plain, name))
    assert CJK.search(info.summary), name
    missing = [a.name for a in info.arguments if not CJK.search(a.help)]
    assert not missing, f"{name}: no Chinese term in the help of {missing}"


def test_names_are_valid_in_vba_and_office_js():
    for name in plain.__all__:
        assert name.lower() not in VBA_RESERVED
        assert re.fullmatch(r"[^\W\d_][\w.]*", name) and len(name) <= 128  # Office.js
        for argument in function_info(getattr(plain, name)).arguments:
            assert argument.name.lower() not in VBA_RESERVED, (name, argument.name)
            assert re.fullmatch(r"[a-z][a-z0-9_]*", argument.name)


def test_lite_compatible_declarations():
    # xlwings Lite and desktop both read type hints as converters: XP_ functions have none,
    # and Excel passes arguments by position only.
    for name in plain.__all__:
        function = getattr(plain, name)
        assert inspect.get_annotations(inspect.unwrap(function)) == {}
        assert all(p.kind is p.POSITIONAL_OR_KEYWORD
                   for p in inspect.signature(function).parameters.values())


def test_the_incentive_and_china_signatures_in_vba(book):
    declared = _declarations(book.vba)
    assert declared["XP_OPTION_BS"] == ("spot, strike, years, rate, volatility, "
                                        "Optional dividend_yield, Optional option_type")
    assert declared["XP_VESTED"] == "grant_date, as_of, schedule, Optional leaving_date"
    assert declared["XP_CN_BONUS_TAX"] == "bonus, Optional pay_date"
    assert declared["XP_CSRC_CHECK"] == (
        "instrument, grant_price, tranches, share_capital, Optional previous_day_average, "
        "Optional period_average, Optional participants, Optional plan_shares, "
        "Optional other_plan_shares, Optional regime, Optional previous_close, "
        "Optional average_close_30, Optional period_days, Optional par_value, "
        "Optional announce_date")
    options = dict(book.macro_options)
    assert options["'xlperf_demo.xlsm'!XP_CN_BONUS_TRAP"]["Category"] == "xlperf China"
    assert options["'xlperf_demo.xlsm'!XP_LTI_RECOMMEND"]["Category"] == "xlperf incentives"
