"""Speed and memory of ``xlperf report`` against LibreOffice printing the same content.

    .venv/bin/python benchmarks/report_speed.py [EXECUTIVES] [--rounds R] [--memory N]

1. Generates a synthetic company of EXECUTIVES (default 200) executives with Chinese names
   (the demo's twelve profiles under new ids and names) and writes its workbook.
2. Runs the batch (``run_report``, one worker per core) in a child process and reports the
   milliseconds per executive (an appraisal report and a payout statement each, plus the
   summary and ledger) and the peak memory of the batch process and of its workers.
3. In the same run, writes an equivalent workbook — one sheet per executive holding the same
   content as that executive's two PDFs (the same rows and figures) — and converts it to PDF
   with LibreOffice headless, and reports milliseconds per executive.

The last line is ``ratio xlperf/LibreOffice per executive: R`` (target ≤ 1.0, aim 0.5).
With ``--rounds R`` steps 2 and 3 run R times, alternating, and the ratio printed is the
median of the rounds' ratios (this machine's speed drifts by ±15% from minute to minute; a
ratio measured over adjacent runs is steadier than either time).
With ``--memory N`` it also measures a batch over N executives (e.g. 10,000) that renders
only 20 of them: reading, checking, computing, summary and ledger for all N, with its peak
memory (the rendering workers' memory does not grow with N: at most 4 jobs per worker are
in flight).
"""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅文辉鹏飞斌宇浩"
    "凯晨欣怡子涵雨轩思远嘉琪俊杰雅婷海燕晓东立新"
)

CHILD = """
import json, os, sys, threading, time
from pathlib import Path
from xlperf.batch import ReportOptions, run_report

def children(pid):
    # the processes pid started (Linux: /proc/PID/task/TID/children)
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found

def descendants():
    # every process below this one (the workers sit under the forkserver, so
    # getrusage(RUSAGE_CHILDREN) would not see them). Only these are read: scanning every
    # /proc/*/status five times a second cost the measured run 3-6% of a core
    found, frontier = [], children(os.getpid())
    while frontier:
        pid = frontier.pop()
        frontier += children(pid)
        found.append(pid)
    return found

def field(pid, name, file="status"):
    # a "Name:  N kB" field of /proc/PID/status (or smaps_rollup) in MiB; 0 when absent
    try:
        text = open(f"/proc/{pid}/{file}").read()
    except OSError:
        return 0.0
    return int(text.split(name + ":")[1].split()[0]) / 1024 if name + ":" in text else 0.0

peak_worker, peak_total, running = 0.0, 0.0, True
def sample():
    # each process's own high-water mark (VmHWM) five times a second; once a second the
    # proportional set size (Pss: pages shared after fork counted once) of the batch and
    # all its processes together, which is what the run needs of the machine
    global peak_worker, peak_total
    ticks = 0
    while running:
        pids = descendants()
        peak_worker = max([peak_worker, *(field(p, "VmHWM") for p in pids)])
        if ticks % 5 == 0:
            total = sum(field(p, "Pss", "smaps_rollup") for p in [os.getpid(), *pids])
            peak_total = max(peak_total, total)
        ticks += 1
        time.sleep(0.2)

threading.Thread(target=sample, daemon=True).start()
only = tuple(json.loads(sys.argv[3]))
start = time.perf_counter()
result = run_report([sys.argv[1]], ReportOptions(Path(sys.argv[2]), only=only))
seconds = time.perf_counter() - start
running = False
peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak, "worker_peak_mib": peak_worker,
                  "total_peak_mib": peak_total,
                  "ok": result.ok, "files": len(result.files)}))
"""

def chinese_name(rng: random.Random) -> str:
    """A plausible Chinese name: a surname and one or two given-name characters."""
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def synthetic_company(executives: int):
    """``executives`` inputs: the demo's profiles under new ids and Chinese names."""
    from xlperf.demo import demo_inputs

    rng = random.Random(2026)
    demo = demo_inputs()
    result = []
    for i in range(executives):
        item = demo[i % len(demo)]
        ex = dataclasses.replace(item.executive, id=f"E{i + 1:05d}", name=chinese_name(rng),
                                 name_en="")
        result.append(dataclasses.replace(item, executive=ex))
    return result


def write_company(path: Path, executives: int) -> None:
    """The synthetic company's xlperf workbook."""
    from xlperf.demo import COLLECTION_CURVE, COMPANY, YEAR
    from xlperf.workbook.write import write_workbook

    write_workbook(path, synthetic_company(executives), company=COMPANY, year=YEAR,
                   table_names={COLLECTION_CURVE: "CollectionCurve"})


def run_batch(book: Path, out: Path, only: list[str]) -> dict:
    """Run the batch in a fresh process; its time and peak memory."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(book), str(out), json.dumps(only)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_equivalent(path: Path, executives: int) -> int:
    """The same content as the reports, one formatted sheet per executive (see
    benchmarks/equivalent_workbook.py); returns the number of rows written."""
    from equivalent_workbook import write_equivalent as write

    from xlperf.demo import COMPANY
    from xlperf.policy import DEMO_POLICY
    from xlperf.report.appraisal_context import Header, appraisal_report
    from xlperf.report.payout_context import payout_report
    from xlperf.rules.appraisal import appraise
    from xlperf.rules.pay_statement import pay_statement

    header = Header(COMPANY, 2026, "company.xlsx", "0" * 64, DEMO_POLICY.name)
    reports = []
    for item in synthetic_company(executives):
        statement = pay_statement(appraise(item))
        report = appraisal_report(statement, header, DEMO_POLICY)
        reports.append((report, payout_report(statement, header, report.person)))
    return write(path, reports, COMPANY)


def run_libreoffice(book: Path, out: Path) -> float:
    """Seconds LibreOffice headless takes to convert ``book`` to PDF (fresh profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = out / "lo-profile"
    start = time.perf_counter()
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(book)],
                   capture_output=True, check=True, timeout=3600)
    return time.perf_counter() - start


def weasyprint_used() -> str:
    """Which WeasyPrint the workers import: the compiled copy or the installed package."""
    from xlperf.report.compiled import folder_to_use

    if folder_to_use() is None:
        return "as installed (not compiled)"
    return "compiled with Cython (xlperf.report.compiled)"


def pages(pdf: Path) -> int:
    """Page count (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(info.split("Pages:")[1].split()[0])


def _option(args: list[str], name: str) -> int | None:
    """Remove ``name N`` from ``args``; N, or None when absent."""
    if name not in args:
        return None
    i = args.index(name)
    value = int(args[i + 1])
    del args[i:i + 2]
    return value


def main() -> None:
    args = sys.argv[1:]
    memory = _option(args, "--memory")
    rounds = _option(args, "--rounds") or 1
    executives = int(args[0]) if args else 200
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        book = tmp / "company.xlsx"
        write_company(book, executives)
        equivalent = tmp / "equivalent.xlsx"
        cells = write_equivalent(equivalent, executives)
        print(f"executives: {executives}; equivalent workbook: {cells} rows; "
              f"WeasyPrint: {weasyprint_used()}")
        ratios = []
        for n in range(1, rounds + 1):
            shutil.rmtree(tmp / "reports", ignore_errors=True)
            batch = run_batch(book, tmp / "reports", [])
            pdfs = sorted((tmp / "reports").glob("*-E*.pdf"))
            our_pages = sum(pages(p) for p in pdfs)
            lo_seconds = run_libreoffice(equivalent, tmp / f"lo-{n}")
            lo_pages = pages(tmp / f"lo-{n}" / "equivalent.pdf")
            ours = batch["seconds"] * 1000 / executives
            theirs = lo_seconds * 1000 / executives
            ratios.append(ours / theirs)
            label = f"round {n}: " if rounds > 1 else ""
            print(f"{label}xlperf report: {batch['seconds']:.1f} s, {ours:.0f} ms per executive, "
                  f"{len(pdfs)} PDFs, {our_pages} pages; peak memory {batch['peak_mib']:.0f} MiB "
                  f"(batch), {batch['worker_peak_mib']:.0f} MiB (largest worker)")
            print(f"{label}LibreOffice: {lo_seconds:.1f} s, {theirs:.0f} ms per executive, "
                  f"{lo_pages} pages; ratio {ours / theirs:.2f}")
        if memory:
            big = tmp / "big.xlsx"
            write_company(big, memory)
            run = run_batch(big, tmp / "big-reports", [f"E{i:05d}" for i in range(1, 21)])
            print(f"memory: {memory} executives (20 rendered): {run['seconds']:.0f} s, peak "
                  f"{run['peak_mib']:.0f} MiB (batch), {run['worker_peak_mib']:.0f} MiB "
                  f"(largest worker), {run['total_peak_mib']:.0f} MiB (all processes "
                  "together, Pss sampled once a second)")
        print(f"ratio xlperf/LibreOffice per executive: {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
