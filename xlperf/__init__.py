"""xlperf: executive appraisal and pay, from Excel formulas to PDF reports.

The calculation core lives in :mod:`xlperf.rules` (pure Python); the tunable numbers in
:mod:`xlperf.policy`; the errors in :mod:`xlperf.errors`.
"""

__version__ = "0.1.0"
