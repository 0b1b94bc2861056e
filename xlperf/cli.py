"""The ``xlperf`` command: parses arguments, calls the library, prints. No rules here."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from xlperf import __version__
from xlperf.errors import InputError, XlperfError


def _policy(path: str | None):
    from xlperf.policy import DEMO_POLICY, policy_from_toml

    if path is None:
        return DEMO_POLICY
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read policy file {path}: {error.strerror}") from None
    return policy_from_toml(text)


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from xlperf.demo import COMPANY, YEAR, demo_inputs
    from xlperf.results_table import results_table
    from xlperf.rules.appraisal import appraise

    policy = _policy(args.policy)
    appraisals = [appraise(item, policy) for item in demo_inputs()]
    out.write(f"{COMPANY} — {YEAR} — {policy.name}\n")
    out.write(results_table(appraisals))
    return 0


def _show_policy(args: argparse.Namespace, out: TextIO) -> int:
    from xlperf.policy import policy_to_toml

    out.write(policy_to_toml(_policy(args.policy)))
    return 0


def _workbook_new(args: argparse.Namespace, out: TextIO) -> int:
    from xlperf.workbook.write import write_demo, write_template

    if args.demo and args.executives:
        raise InputError("--executives is for the template; the demo keeps its own rows")
    path = (write_demo(args.path, overwrite=args.force) if args.demo else
            write_template(args.path, overwrite=args.force, result_rows=args.executives))
    out.write(f"wrote {'the demo workbook' if args.demo else 'the template'} to {path}\n")
    return 0


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from xlperf.batch import ReportOptions, run_report, sigterm_stops_the_run
    from xlperf.progress import Progress, describe_result
    from xlperf.report.fonts import fonts_ready
    from xlperf.report.workers import worker_count

    if not fonts_ready():
        err.write("xlperf: the reports' compact CJK font is missing or out of date, so they "
                  "embed the full Noto Sans CJK (the same look, several times slower); build "
                  "it with: .venv/bin/python -m xlperf.report.fonts (./bootstrap does)\n")
    jobs = worker_count(args.jobs)
    if args.jobs > jobs:
        err.write(f"xlperf: --jobs {args.jobs}: {jobs} worker process(es), one per core this "
                  "process may use (more would only take turns)\n")
    options = ReportOptions(Path(args.out), args.lang, tuple(args.only or ()), jobs,
                            args.keep_going)
    with sigterm_stops_the_run(), Progress(err) as progress:
        result = run_report(args.workbooks, options, progress.update)
    out.write(describe_result(result, options))
    return 0 if result.ok else 1


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of worker processes "
                                         "(0 = one per core)")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``xlperf`` command and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="xlperf",
        description="Executive appraisal and pay: Excel formulas, workbooks and PDF reports.")
    parser.add_argument("--version", action="version", version=f"xlperf {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="appraise the demo company and print its results")
    demo.add_argument("--policy", metavar="FILE", help="a TOML policy file (default: demo)")
    demo.set_defaults(run=_demo)
    policy = commands.add_parser(
        "policy", help="print a policy as TOML (the demo policy: a starting point for yours)")
    policy.add_argument("--policy", metavar="FILE", help="check and print this TOML policy")
    policy.set_defaults(run=_show_policy)
    workbook = commands.add_parser("workbook", help="Excel workbooks: the template and the demo")
    workbook_commands = workbook.add_subparsers(dest="workbook_command", metavar="COMMAND",
                                                required=True)
    new = workbook_commands.add_parser(
        "new", help="write the empty template (or, with --demo, the demo company) to PATH",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Write an xlperf workbook to PATH: the empty template (the demo policy on its
Config sheet, no executives, Results formulas for 50) or, with --demo, the demo
company filled in. Fill it in Excel, then give it to `xlperf report`. The same
options always write the same bytes; the file is written whole or not at all.""",
        epilog="""\
what the reader (xlperf report) accepts in a filled workbook:
  executive ID   letters, digits, "-", "_", "." (at most 64 characters, 200 bytes in
                 UTF-8); an ID typed full-width (Ｅ００１) is read as E001, with a warning
  names          name, English name, department, title, company: at most 200 characters
  other text     indicator, unit, category, objective, key result, reason: at most 500
  workbook file  .xlsx or .xlsm, no password; a damaged file is one error naming it
docs/workbook.md describes every sheet and column.

exit status: 0 written; 1 refused (PATH exists without --force, not .xlsx, its folder
missing, N out of range) or not writable; 2 usage error""")
    new.add_argument("path", metavar="PATH",
                     help="the workbook to write; must end in .xlsx (save it as .xlsm in Excel "
                     "once the XP_ functions are imported)")
    new.add_argument("--demo", action="store_true",
                     help="fill it with the demo company (华夏汽车, 12 executives); the same as "
                     "workbooks/demo.xlsx")
    new.add_argument("--force", action="store_true",
                     help="replace PATH if it exists (else it is refused)")
    new.add_argument("--executives", type=int, default=0, metavar="N",
                     help="template only: Results formulas for N executives, up to 5000 "
                          "(fewer than 50 keeps 50; rows can also be copied down in Excel)")
    new.set_defaults(run=_workbook_new)
    report = commands.add_parser(
        "report", help="read filled workbooks; write PDF reports, summary, ledger, manifest",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Read filled xlperf workbooks, check every input, compute with the same rules as
the XP_ formulas, and write per-executive appraisal reports and payout
statements (PDF), summary.pdf, ledger.xlsx/.csv, errors.csv and manifest.json to
DIR. Problems are listed with their sheet and cell (the first 40 here, every one
in DIR/errors.csv).""",
        epilog="""\
exit status:
  0    everything asked for was produced
  1    input errors (nothing rendered; with --keep-going, not everyone), a workbook
       that cannot be read (missing, damaged, password), a PDF that failed, or a
       file that could not be written
  2    usage error (a missing --out, an unknown option, --jobs not a number)
  130  stopped by Ctrl+C; 143 stopped by SIGTERM (files written are whole; no
       manifest.json)
docs/reports.md describes every output and option.""")
    report.add_argument("workbooks", nargs="+", metavar="WORKBOOK",
                        help="filled workbooks (.xlsx or .xlsm)")
    report.add_argument("--out", required=True, metavar="DIR",
                        help="folder to write to (created); what an earlier run wrote there "
                        "is removed first")
    report.add_argument("--lang", choices=("zh", "en", "both"), default="both",
                        help="report language (default: both, Chinese and English)")
    report.add_argument("--only", nargs="+", metavar="ID",
                        help="render only these executives' reports (summary and ledger "
                        "still cover everyone)")
    report.add_argument("--jobs", type=_jobs, default=0, metavar="N",
                        help="worker processes rendering PDFs (default 0: one per core the "
                        "command may use; a larger N is capped at that, said on stderr; 1: no "
                        "worker, in this process)")
    report.add_argument("--keep-going", action="store_true",
                        help="render every valid executive even when others have errors")
    report.set_defaults(run=_report)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (0 only when everything asked was done)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(out)
        return 0
    try:
        if args.run is _report:
            return _report(args, out, err)
        return args.run(args, out)
    except XlperfError as error:
        err.write(f"Error: {error}\n")
        return 1
    except OSError as error:  # the disk filled, the folder went away: no traceback
        where = f"{error.filename}: " if error.filename else ""
        err.write(f"Error: cannot write {where}{error.strerror or error}\n")
        return 1
    except KeyboardInterrupt as stop:  # Ctrl+C, or SIGTERM (batch.Terminated)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # leaving: a second Ctrl+C changes nothing
        status = getattr(stop, "exit_status", 130)  # 130: as a shell reports Ctrl+C
        err.write(f"\n{'Interrupted' if status == 130 else 'Terminated'}: stopped; no files "
                  "were half-written (those written are complete, no manifest was written): "
                  "run the command again.\n")
        return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
