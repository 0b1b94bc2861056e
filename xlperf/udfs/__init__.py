"""xlperf's Excel formulas: the XP_ functions, as xlwings custom functions (UDFs).

Name this module in xlwings: ``UDF_MODULES`` = ``xlperf.udfs`` (desktop Excel, then "Import
Functions"), or ``from xlperf.udfs import *`` in xlwings Lite's ``main.py``. The functions
are thin wrappers over the calculation core; the reference is ``docs/functions.md``.

Conventions shared by every XP_ function (see :mod:`xlperf.udfs.cells`):

- ranges in, arrays out: cell-by-cell arguments accept a cell or a range, single cells
  broadcast, and the result spills; list and table arguments are read whole;
- a blank input gives a blank cell, not 0;
- a bad input gives one short text, ``#XP! <what to fix>``, never a traceback; the full
  detail goes to the ``xlperf.udfs`` log (to the file the environment variable
  ``XLPERF_UDF_LOG`` names, else to standard error); an input already showing ``#XP!`` is
  passed on;
- tables left out use the demo policy; money is rounded half-up to the cent.

Only xlwings, the core and the standard library are imported here, so the module loads in
xlwings Lite (Pyodide) as well.
"""

from xlperf.udfs.appraisal import (
    XP_360,
    XP_ANNUAL,
    XP_BAND,
    XP_CONSEC,
    XP_CURVE,
    XP_DEDUCT,
    XP_DUTY,
    XP_GRADE,
    XP_OKR,
    XP_QUOTA,
    XP_SCORE,
    XP_TERM,
    XP_WEIGHTED,
)
from xlperf.udfs.china import (
    XP_CN_BONUS_NET,
    XP_CN_BONUS_TAX,
    XP_CN_BONUS_TRAP,
    XP_CN_EQUITY_TAX,
    XP_CN_OPTION_INCOME,
    XP_CN_RS_INCOME,
    XP_CSRC_CHECK,
    XP_CSRC_FLOOR,
    XP_NET_PAY,
    XP_SOE_CHECK,
)
from xlperf.udfs.incentives import (
    XP_ADVANCE,
    XP_BONUS,
    XP_COEF,
    XP_DEFER,
    XP_EXTRA,
    XP_SETTLE,
)
from xlperf.udfs.lti import (
    XP_DEFERRED,
    XP_INTRINSIC,
    XP_LTI_RECOMMEND,
    XP_OPTION_BS,
    XP_PERF_PAYOUT,
    XP_PERF_SHARES,
    XP_PERF_UNITS,
    XP_PHANTOM,
    XP_RS_VALUE,
    XP_SAR,
    XP_VESTED,
    XP_VESTED_QTY,
    XP_VESTING_TABLE,
)

# In catalog order: the order of docs/functions.md.
__all__ = [
    "XP_SCORE", "XP_CURVE", "XP_BAND", "XP_DEDUCT", "XP_WEIGHTED", "XP_360", "XP_DUTY",
    "XP_ANNUAL", "XP_OKR", "XP_TERM", "XP_GRADE", "XP_CONSEC", "XP_QUOTA",
    "XP_COEF", "XP_BONUS", "XP_EXTRA", "XP_ADVANCE", "XP_DEFER", "XP_SETTLE",
    "XP_OPTION_BS", "XP_INTRINSIC", "XP_VESTED", "XP_VESTED_QTY", "XP_VESTING_TABLE",
    "XP_RS_VALUE", "XP_PERF_PAYOUT", "XP_PERF_SHARES", "XP_PERF_UNITS", "XP_SAR", "XP_PHANTOM",
    "XP_DEFERRED", "XP_LTI_RECOMMEND",
    "XP_CN_BONUS_TAX", "XP_CN_BONUS_NET", "XP_CN_BONUS_TRAP", "XP_CN_EQUITY_TAX",
    "XP_CN_RS_INCOME", "XP_CN_OPTION_INCOME", "XP_NET_PAY", "XP_CSRC_FLOOR", "XP_CSRC_CHECK",
    "XP_SOE_CHECK",
]
