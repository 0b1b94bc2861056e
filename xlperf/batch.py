"""Batch mode: filled workbooks → appraisal reports, payout statements, summary and ledger.

``run_report`` reads every workbook (all problems collected), appraises and pays each valid
executive with the same core the formulas use, reconciles Excel's cached formula values,
renders the PDFs on every core and writes each file atomically; ``manifest.json`` (written
last) lists every file with its sha256 and every executive's status. See docs/reports.md.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import signal
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from xlperf.errors import InputError, InputErrors, Problem
from xlperf.files import (
    TEMP_FILES,
    OutputError,
    remove_files,
    remove_listed,
    remove_output_folders,
    usable_folder,
    write_bytes_atomic,
    write_text_atomic,
)
from xlperf.ledger import ledger_csv, ledger_row
from xlperf.outputs import OutputFile, errors_csv, listed_files, manifest_json
from xlperf.reconcile import reconcile_executive, reconcile_plans, reconcile_quotas
from xlperf.report.appraisal_context import Header, appraisal_report
from xlperf.report.formats import Bilingual
from xlperf.report.payout_context import payout_report
from xlperf.report.problem_text import summary_text
from xlperf.report.summary_context import InvalidRow, SummaryCollector
from xlperf.report.workers import Document, RenderJob, RenderPool, RenderResult, worker_count
from xlperf.rules.inputs import id_key

Progress = Callable[[int, int, str], None]  # (done, total, what was just done)

# What a run writes: the run's own files in DIR, each workbook's PDFs in its folder. A run
# first removes these names (nothing else) left by an earlier run, so the folder never mixes
# two runs: no old manifest saying "ok", no old PDF of an executive now invalid.
RUN_FILES = ("manifest.json", "errors.csv", "ledger.xlsx", "ledger.csv")
BOOK_FILES = ("summary.pdf", "appraisal-*.pdf", "payout-*.pdf")


@dataclasses.dataclass(frozen=True)
class ReportOptions:
    """What ``xlperf report`` was asked for."""

    out_dir: Path
    lang: str = "both"
    only: tuple[str, ...] = ()  # executive ids; empty: everyone
    jobs: int = 0  # worker processes; 0: one per core (never more: workers.worker_count)
    keep_going: bool = False

    def wants(self, ex_id: str) -> bool:
        """True when ``ex_id``'s PDFs are asked for (``--only e003`` or ``ｅ００３`` means
        E003 too: IDs are compared by :func:`~xlperf.rules.inputs.id_key`)."""
        return not self.only or id_key(ex_id) in {id_key(i) for i in self.only}


@dataclasses.dataclass
class ExecutiveStatus:
    """One executive's outcome: reported, invalid, skipped (not in --only) or failed."""

    workbook: str
    id: str
    name: str = ""
    status: str = "reported"
    files: list[str] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class LocatedProblem:
    """A problem and the workbook it was found in."""

    workbook: str
    problem: Problem


@dataclasses.dataclass
class BatchResult:
    """What a run produced and found."""

    files: list[OutputFile] = dataclasses.field(default_factory=list)
    executives: list[ExecutiveStatus] = dataclasses.field(default_factory=list)
    problems: list[LocatedProblem] = dataclasses.field(default_factory=list)
    rendered: bool = False

    @property
    def errors(self) -> list[LocatedProblem]:
        """The problems of severity error."""
        return [p for p in self.problems if p.problem.severity == "error"]

    @property
    def ok(self) -> bool:
        """True when everything asked for was produced."""
        return self.rendered and not self.errors and all(
            e.status in ("reported", "skipped") for e in self.executives)


@dataclasses.dataclass
class _Book:
    """One workbook on its way through the batch."""

    path: str
    data: object | None  # WorkbookData, None when the file could not be read
    out_dir: Path
    ledger: list[dict] = dataclasses.field(default_factory=list)
    summary: SummaryCollector | None = None
    label: str = ""  # how reports and the ledger name it: the file name, unique in the run


def _read(paths: Sequence[str], result: BatchResult) -> list[_Book]:
    from xlperf.workbook.read import read_workbook

    books, read_at = [], {}
    for path in _once(paths, result):
        try:
            data = read_workbook(path)
        except InputErrors as many:
            result.problems += [LocatedProblem(path, Problem.from_error(e)) for e in many.errors]
            data = None
        except InputError as error:
            result.problems.append(LocatedProblem(path, Problem.from_error(error)))
            data = None
        if data is not None and data.sha256 in read_at:  # a copy: its payouts would count twice
            result.problems.append(LocatedProblem(path, Problem(
                f"has the same content as {read_at[data.sha256]} (a copy?): left out, or its "
                "executives would be paid twice in the ledger")))
            data = None
        if data is not None:
            read_at[data.sha256] = path
            result.problems += [LocatedProblem(path, p) for p in data.problems]
        books.append(_Book(path, data, Path()))
    _paid_once(books, result)
    return books


def _paid_once(books: list[_Book], result: BatchResult) -> None:
    """An executive in two workbooks of one company and year (a copy saved apart, a person
    moved without being removed) would be paid twice in the ledger: each later one is an
    error at its ID on Executives naming the first workbook, and is left out of its
    workbook (ids compared by :func:`~xlperf.rules.inputs.id_key`, as everywhere)."""
    from xlperf.workbook.layout import EXECUTIVES

    first: dict[tuple[str, int, str], str] = {}
    for book in books:
        data = book.data
        if data is None or not data.year:  # no year (an error of its own): nobody is paid
            continue
        company = data.company.casefold()  # its spacing made plain by the reader
        twice = []
        for ex_id, row in data.rows.items():
            earlier = first.setdefault((company, data.year, id_key(ex_id)), book.path)
            if earlier != book.path:
                twice.append(Problem(
                    f"executive {ex_id} is also in {earlier} ({data.company or 'no company'}, "
                    f"{data.year}): left out here, or they would be paid twice in the "
                    "ledger; appraise each executive in one workbook",
                    EXECUTIVES, f"A{row}", ex_id))
        if twice:
            _leave_out(book, twice, result)


def _leave_out(book: _Book, problems: list[Problem], result: BatchResult) -> None:
    """The executives ``problems`` name are left out of ``book``, those are their reasons."""
    ids = {p.executive for p in problems}
    book.data = dataclasses.replace(
        book.data, problems=book.data.problems + tuple(problems),
        statements=tuple(s for s in book.data.statements
                         if s.appraisal.executive.id not in ids))
    result.problems += [LocatedProblem(book.path, p) for p in problems]


def _once(paths: Sequence[str], result: BatchResult) -> list[str]:
    """The paths without one given again (``*.xlsx`` and the same file by name)."""
    seen: dict[Path, str] = {}
    for path in paths:
        real = Path(path).resolve()
        if real in seen:
            result.problems.append(LocatedProblem(path, Problem(
                "given twice: read once", severity="warning")))
        else:
            seen[real] = path
    return list(seen.values())


def _out_dirs(books: list[_Book], out_dir: Path) -> None:
    """One workbook writes into DIR; several write into DIR/<workbook name>/ each (a name
    used twice, whatever the case, gets -2, -3, … in the order given, never a name another
    workbook has nor a run file's: errors.csv.xlsx writes into errors.csv-2/). Each is
    labelled by its file name, or by its path as given when another workbook has the same
    name."""
    stems = [Path(book.path).stem for book in books]
    reserved = {name.casefold() for name in RUN_FILES}
    keeps: dict[str, int] = {}  # the first workbook of a name keeps it
    for i, stem in enumerate(stems):
        keeps.setdefault(stem.casefold(), i)
    taken = reserved | set(keeps)
    for i, (book, stem) in enumerate(zip(books, stems, strict=True)):
        name = stem
        if keeps[stem.casefold()] != i or stem.casefold() in reserved:
            n = 2
            while f"{stem}-{n}".casefold() in taken:
                n += 1
            name = f"{stem}-{n}"
            taken.add(name.casefold())
        book.out_dir = out_dir if len(books) == 1 else out_dir / name
    names = Counter(Path(book.path).name for book in books)
    for book in books:  # two companies' demo.xlsx from two folders: the path tells them apart
        name = Path(book.path).name
        book.label = name if names[name] == 1 else book.path


def _check_only(books: list[_Book], only: Sequence[str], result: BatchResult) -> None:
    if any(book.data is None for book in books):
        return  # an unreadable workbook's ids are unknown: its error is listed already
    ids: set[str] = set()
    for book in books:
        ids |= set(book.data.names)
        ids |= {s.appraisal.executive.id for s in book.data.statements}
        ids |= {p.executive for p in book.data.problems if p.executive}
    known = {id_key(k) for k in ids}
    listed = sorted(ids)
    some = ", ".join(listed[:ONLY_IDS_SHOWN]) + (" …" if len(listed) > ONLY_IDS_SHOWN else "")
    for ex_id in only:
        if id_key(ex_id) not in known:
            result.problems.append(LocatedProblem("", Problem(
                f"{ONLY_PREFIX}{ex_id}: no executive {ex_id} is in "
                f"{', '.join(b.path for b in books)}"
                + (f" (its IDs: {some})" if listed else " (it lists no executives)"),
                executive=ex_id)))


ONLY_PREFIX = "--only "  # heads the problem of an id --only names that no workbook has
ONLY_IDS_SHOWN = 8  # the workbook's ids said beside an id --only names that it lacks


def _header(book: _Book) -> Header:
    data = book.data
    return Header(data.company, data.year, book.label, data.sha256, data.policy.name)


def _invalid(book: _Book, result: BatchResult) -> dict[str, list[Problem]]:
    """Executives of a workbook left out, with their reasons, in the Executives table's
    order (an id not on it last)."""
    found: dict[str, list[Problem]] = defaultdict(list)
    for p in book.data.errors:
        if p.executive:
            found[p.executive].append(p)
    order = {ex_id: i for i, ex_id in enumerate(book.data.names)}
    reasons = dict(sorted(found.items(), key=lambda item: order.get(item[0], len(order))))
    for ex_id, problems in reasons.items():
        result.executives.append(ExecutiveStatus(book.path, ex_id, book.data.names.get(ex_id, ""),
                                                 status="invalid",
                                                 problems=[str(p) for p in problems]))
    return reasons


class _Writer:
    """Writes files atomically into the output folder and records them."""

    def __init__(self, root: Path, result: BatchResult) -> None:
        self.root, self.result = root, result

    def write(self, path: Path, data: bytes) -> str:
        if not path.resolve().is_relative_to(self.root.resolve()):  # ids are checked; still
            raise OutputError(f"{path}: refusing to write outside the output folder")
        sha = write_bytes_atomic(path, data)
        self.result.files.append(OutputFile(path.relative_to(self.root).as_posix(), sha,
                                            len(data)))
        return path.name

    def text(self, path: Path, text: str) -> None:
        self.write(path, text.encode("utf-8"))


def _prepare(book: _Book, options: ReportOptions, result: BatchResult):
    """Each valid executive's statement (computed by the reader) into the summary and
    ledger; yields render jobs for those asked for."""
    data = book.data
    header = _header(book)
    book.summary = SummaryCollector(data.policy)
    book.summary.reconciliation += reconcile_plans(data.plans)
    cached = defaultdict(list)
    for value in data.cached:
        cached[value.executive].append(value)
    created = dt.date(data.year, 12, 31)
    for statement in data.statements:
        ex = statement.appraisal.executive
        status = ExecutiveStatus(book.path, ex.id, ex.name)
        result.executives.append(status)
        reconciliation = reconcile_executive(cached.pop(ex.id, ()), statement)
        book.summary.add(statement, reconciliation)
        book.ledger.append(ledger_row(statement, book.label, data.company))
        if statement.appraisal.okr_not_counted:
            okr = statement.appraisal.okr
            result.problems.append(LocatedProblem(book.path, Problem(
                f"OKR score {okr:.2f} of {ex.id} is shown in the report but not counted: no "
                "individual indicator has the method okr (add an okr line to count it)",
                "OKR", "", ex.id, "warning")))
        if not options.wants(ex.id):
            status.status = "skipped"
            continue
        try:
            report = appraisal_report(statement, header, data.policy)
            payout = payout_report(statement, header, report.person)
        except Exception as error:  # a fault of ours in one report must not stop the others
            _failed(book, status, LAID_OUT, error, result)
            continue
        yield status, RenderJob((
            Document("appraisal", report, f"appraisal-{ex.id}.pdf"),
            Document("payout", payout, f"payout-{ex.id}.pdf")), options.lang, created)


LAID_OUT = "report could not be laid out"  # an executive's reports: a fault of ours
RENDERING = "rendering failed"  # their PDFs: WeasyPrint (or its worker) failed


def _failed(book: _Book, status: ExecutiveStatus, what: str, error: BaseException | str,
            result: BatchResult) -> None:
    """``status``'s executive failed (``what``: :data:`LAID_OUT` or :data:`RENDERING`):
    said in their manifest entry, and as an error of theirs in errors.csv and the account
    at the end of the run, as any other executive's problem is."""
    if isinstance(error, BaseException):
        error = f"{type(error).__name__}: {error}"
    said = f"{what}: {' '.join(str(error).split())[:500]}"  # one line, whatever it held
    status.status = "failed"
    status.problems.append(said)
    label = f"{status.id} {status.name}".strip()
    result.problems.append(LocatedProblem(book.path, Problem(f"{label}: {said}",
                                                             executive=status.id)))


def _warn_of_differences(book: _Book, result: BatchResult) -> None:
    """Each formula cell whose cached value is not xlperf's, as a warning at its cell (in the
    terminal, errors.csv and the manifest, not only in summary.pdf); cells showing #NAME?
    as one warning about the add-in."""
    rec = book.summary.reconciliation
    if rec.not_loaded:
        result.problems.append(LocatedProblem(book.path, Problem(
            f"{rec.not_loaded} XP_ formula cell(s) show #NAME?: Excel calculated the book "
            "without xlperf's functions loaded (install the xlwings add-in and import the "
            "functions, README); they are not reconciled", severity="warning")))
    for d in rec.differences:
        what = d.key.replace("_", " ")
        result.problems.append(LocatedProblem(book.path, Problem(
            f"{what}: the workbook shows {d.workbook_value}, xlperf computes "
            f"{d.xlperf_value} (a formula typed over, or the book saved without "
            "recalculating)", d.sheet, d.cell, d.executive, "warning")))


def _summary_job(book: _Book, options: ReportOptions,
                 invalid: dict[str, list[Problem]]) -> RenderJob:
    data = book.data

    def warning(w: Problem) -> Bilingual:
        """A warning's text, headed by the ID and name of the executive it is about (the
        table's ID and name cells are the left-out executives')."""
        text = summary_text(w)
        who = " ".join(x for x in (w.executive, data.names.get(w.executive, "")) if x)
        if not w.executive:
            return text
        if text.zh == text.en:  # said in English only: one line, as before
            return Bilingual(f"{who}: {text.en}", f"{who}: {text.en}")
        return Bilingual(f"{who}：{text.zh}", f"{who}: {text.en}")

    report = book.summary.report(
        _header(book), data.policy_source,
        [InvalidRow(k, data.names.get(k, ""), tuple(summary_text(p) for p in v))
         for k, v in invalid.items()],
        [warning(w) for w in data.warnings], data.plans)
    return RenderJob((Document("summary", report, "summary.pdf"),), options.lang,
                     dt.date(data.year, 12, 31))


def _render(readable: list[_Book], options: ReportOptions, result: BatchResult,
            writer: _Writer, pool: RenderPool, progress: Progress | None) -> None:
    """Every PDF asked for: jobs go to the pool, each result is written as it arrives."""
    total = len(readable) + sum(1 for b in readable for s in b.data.statements
                                if options.wants(s.appraisal.executive.id))
    done = 0

    def finished(tag: tuple, res: RenderResult) -> None:
        nonlocal done
        done += 1
        status, book = tag
        if status is None:  # the workbook's summary
            if res.error:
                result.problems.append(LocatedProblem(book.path, Problem(
                    f"summary.pdf could not be rendered: {res.error}")))
            label = f"summary of {book.label}"
        else:
            label = f"{status.id} {status.name}".strip()
            if res.error:
                _failed(book, status, RENDERING, res.error, result)
        for name, pdf in res.pdfs:
            written = writer.write(book.out_dir / name, pdf)
            if status is not None:
                status.files.append(written)
        if progress:
            progress(done, total, label)

    for book in readable:
        invalid = _invalid(book, result)
        for status, job in _prepare(book, options, result):
            for tag, res in pool.submit(job, (status, book)):
                finished(tag, res)
        if not invalid:  # with an executive left out the spilled counts cannot agree
            book.summary.reconciliation += reconcile_quotas(
                book.data.quota_cache, book.summary.grades, book.data.policy)
        _warn_of_differences(book, result)
        for tag, res in pool.submit(_summary_job(book, options, invalid), (None, book)):
            finished(tag, res)
    for tag, res in pool.drain():
        finished(tag, res)


def run_report(paths: Sequence[str], options: ReportOptions,
               progress: Progress | None = None) -> BatchResult:
    """Read, check, compute and render; see the module doc. Never raises for bad input."""
    result = BatchResult()
    usable_folder(options.out_dir)  # raises OutputError now, not after rendering
    _remove_previous_run(options.out_dir)  # first: a run stopped while reading leaves none
    with RenderPool(worker_count(options.jobs)) as pool:  # it starts while reading
        books = _read(paths, result)
        _out_dirs(books, options.out_dir)
        _check_only(books, options.only, result)
        _remove_book_files(books, options.out_dir)
        writer = _Writer(options.out_dir, result)
        if result.errors and not options.keep_going:
            writer.text(options.out_dir / "errors.csv", errors_csv(result.problems))
            return result
        readable = [b for b in books if b.data is not None and not b.data.blocked]
        _render(readable, options, result, writer, pool, progress)
    result.rendered = True
    _finish(books, readable, options, writer, result)
    return result


class Terminated(KeyboardInterrupt):
    """SIGTERM stopped the run (see :func:`sigterm_stops_the_run`)."""

    exit_status = 128 + signal.SIGTERM  # 143, as a shell reports a process SIGTERM ended


@contextlib.contextmanager
def sigterm_stops_the_run() -> Iterator[None]:
    """Within it, SIGTERM (``kill``, a service or container stopped) stops a run as Ctrl+C
    does: :class:`Terminated`, a ``KeyboardInterrupt``, is raised where the run is, so the
    render workers are stopped and the temporary file being written is removed on the way
    out, instead of the process dying and leaving both behind. Main thread only (where
    Python runs signal handlers); for the command, not for a program calling the library."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the way out is not cut short
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        if signal.getsignal(signal.SIGTERM) is stop:
            signal.signal(signal.SIGTERM, previous)


def _remove_previous_run(out_dir: Path) -> None:
    # what the last run's manifest lists goes first: a book's subfolder of a run over
    # several workbooks too, which this run may not write again
    remove_listed(out_dir, listed_files(out_dir), RUN_FILES + BOOK_FILES)
    remove_files(out_dir, RUN_FILES + (TEMP_FILES,))


def _remove_book_files(books: list[_Book], out_dir: Path) -> None:
    """What a run stopped before its manifest left (unlisted): xlperf's files in this run's
    folders, in DIR itself when this run writes a folder per workbook (a stopped run over
    one workbook wrote there), and the book folders this run does not write (a stopped
    run over other workbooks) when nothing else is in them."""
    folders = list(dict.fromkeys(book.out_dir for book in books))
    for folder in dict.fromkeys([out_dir, *folders]):
        if folder.is_dir():
            remove_files(folder, BOOK_FILES + (TEMP_FILES,))
    remove_output_folders(out_dir, folders, BOOK_FILES + (TEMP_FILES,))


def _finish(books, readable, options: ReportOptions, writer: _Writer,
            result: BatchResult) -> None:
    from xlperf.workbook.ledger import ledger_xlsx_bytes

    rows = [row for book in readable for row in book.ledger]
    writer.write(options.out_dir / "ledger.xlsx", ledger_xlsx_bytes(rows))
    writer.text(options.out_dir / "ledger.csv", ledger_csv(rows))
    writer.text(options.out_dir / "errors.csv", errors_csv(result.problems))
    write_text_atomic(options.out_dir / "manifest.json",
                      manifest_json(books, options, result))

