"""xlperf workbooks: the template and demo (write), the reader (read), the layout contract.

openpyxl is imported only inside this package.
"""

from xlperf.workbook.plans import PlanCheckResult
from xlperf.workbook.read import CachedValue, WorkbookData, read_workbook
from xlperf.workbook.write import write_demo, write_template, write_workbook

__all__ = ["CachedValue", "PlanCheckResult", "WorkbookData", "read_workbook", "write_demo",
           "write_template", "write_workbook"]
