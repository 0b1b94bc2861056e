"""The calculation core: pure Python, no I/O, no spreadsheet or PDF libraries.

One module per rule family; the tunable numbers they use come from :mod:`xlperf.policy`.
"""
