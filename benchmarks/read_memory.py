"""Peak memory (and time) of reading a workbook of many executives with the streaming reader.

    .venv/bin/python benchmarks/read_memory.py [EXECUTIVES]   (default 10,000)

Writes a synthetic company (the demo's 12 executives repeated under new ids) with
``xlperf.workbook.write_workbook`` in one process, then reads it in a fresh process and prints
that process's peak resident memory (VmHWM) next to a baseline process that only imports the
reader. The parent process stays small, so no child inherits its memory. The target is well
under 1 GB for 10,000 executives.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import json, sys, time
start = time.perf_counter()
if sys.argv[1] != "-":
    from xlperf.workbook import read_workbook
    data = read_workbook(sys.argv[1])
    count, problems, cached = len(data.inputs), len(data.problems), len(data.cached)
else:
    import xlperf.workbook, xlperf.rules.appraisal
    count = problems = cached = 0
seconds = time.perf_counter() - start
status = open("/proc/self/status").read()  # VmHWM: this process's peak resident memory
peak = int(status.split("VmHWM:")[1].split()[0])  # KiB
print(json.dumps({"seconds": seconds, "peak_mib": peak / 1024,
                  "inputs": count, "problems": problems, "cached": cached}))
"""


def synthetic_company(executives: int):
    """``executives`` appraisal inputs: the demo's twelve, again and again, new ids."""
    from xlperf.demo import demo_inputs

    demo = demo_inputs()
    result = []
    for i in range(executives):
        item = demo[i % len(demo)]
        ex = dataclasses.replace(item.executive, id=f"E{i + 1:05d}")
        result.append(dataclasses.replace(item, executive=ex))
    return result


def measure(path: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)


def write(path: str, executives: int) -> None:
    """Write the synthetic company's workbook (run in its own process)."""
    from xlperf.demo import COLLECTION_CURVE, COMPANY, YEAR
    from xlperf.workbook.write import write_workbook

    write_workbook(path, synthetic_company(executives), company=COMPANY, year=YEAR,
                   table_names={COLLECTION_CURVE: "CollectionCurve"})


def main() -> None:
    if sys.argv[1:2] == ["--write"]:
        write(sys.argv[2], int(sys.argv[3]))
        return
    executives = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "company.xlsx"
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--write", str(path), str(executives)],
                       check=True)
        written = time.perf_counter() - start
        size = path.stat().st_size / 2**20
        baseline = measure("-")
        reading = measure(str(path))
    assert reading["inputs"] == executives, reading
    print(f"executives: {executives:,}; workbook {size:.1f} MiB written in {written:.1f} s")
    print(f"read: {reading['seconds']:.1f} s ({reading['seconds'] / executives * 1000:.2f} ms "
          f"per executive), {reading['cached']:,} formula cells, {reading['problems']} problems")
    print(f"baseline process (imports only): peak {baseline['peak_mib']:.0f} MiB")
    print(f"reading process: peak {reading['peak_mib']:.0f} MiB "
          f"({reading['peak_mib'] - baseline['peak_mib']:.0f} MiB above the baseline)")
    print(f"peak memory reading {executives:,} executives: {reading['peak_mib']:.0f} MiB "
          f"(limit 1024 MiB)")


if __name__ == "__main__":
    main()
