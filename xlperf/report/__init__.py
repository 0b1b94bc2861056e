"""PDF reports: what the templates receive (``*_context``), charts, Jinja rendering, WeasyPrint.

Only :mod:`xlperf.report.pdf` imports WeasyPrint; templates live in ``report_templates/``.
See docs/reports.md.
"""
