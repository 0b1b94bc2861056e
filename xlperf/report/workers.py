"""Render PDFs on every core: long-lived worker processes, each with its own WeasyPrint.

A :class:`RenderJob` is one executive's documents (or a summary); a worker turns each into
PDF bytes and hands them back, and the batch writes them atomically. ``jobs=1`` renders in
this process (no pool), which is what tests and small runs want. At most ``4 × jobs`` jobs
are in flight, so memory stays flat however many executives there are.
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import dataclasses
import datetime as dt
import gc
import multiprocessing
import multiprocessing.forkserver
import os
import select
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool

from xlperf.report.render import render_html

_renderer = None  # one PdfRenderer per process, built on first use


@dataclasses.dataclass(frozen=True)
class Document:
    """One PDF to make: which template, its context and the file name it goes to."""

    kind: str  # "appraisal", "payout" or "summary"
    report: object
    filename: str


@dataclasses.dataclass(frozen=True)
class RenderJob:
    """The documents of one executive (or one summary), rendered together."""

    documents: tuple[Document, ...]
    lang: str
    created: dt.date  # the PDFs' metadata date (fixed, so reruns give the same bytes)


@dataclasses.dataclass(frozen=True)
class RenderResult:
    """The PDFs of a job, or the error that stopped it."""

    pdfs: tuple[tuple[str, bytes], ...]  # (file name, PDF bytes)
    error: str = ""


def _pdf_renderer():
    global _renderer
    if _renderer is None:
        from xlperf.report.pdf import PdfRenderer

        _renderer = PdfRenderer()
        atexit.register(_drop_renderer)  # before interpreter teardown breaks its __del__
    return _renderer


def _drop_renderer() -> None:
    global _renderer
    _renderer = None


def _worker_start() -> None:
    """In a worker: leave Ctrl+C to the parent (it stops the run), build the renderer,
    collect garbage once per job instead of while rendering."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _pdf_renderer()
    # WeasyPrint allocates millions of objects per executive and keeps most of them alive
    # until the PDF is written, so the automatic collector scans them again and again (the
    # default threshold, 700, cost 15-25% of the CPU; 50,000 still about 10%). Off, with
    # one collection after each job (_render_in_worker, 13-17 ms), measured 5% less CPU
    # per executive than 50,000; memory stays flat (one job's garbage at a time). The
    # renderer, fonts and stylesheets built above are frozen: no collection scans them.
    gc.disable()
    gc.collect()
    gc.freeze()


def render_job(job: RenderJob) -> RenderResult:
    """Render every document of ``job``; an error becomes the result's ``error``."""
    try:
        renderer = _pdf_renderer()
        pdfs = tuple((d.filename, renderer.pdf(render_html(d.kind, d.report, job.lang),
                                               job.created)) for d in job.documents)
    except Exception as error:  # one executive's failure must not stop the others
        return RenderResult((), f"{type(error).__name__}: {error}")
    return RenderResult(pdfs)


def _render_in_worker(job: RenderJob) -> RenderResult:
    """:func:`render_job` in a worker process, then free that job's garbage (the automatic
    collector is off in workers, see :func:`_worker_start`)."""
    try:
        return render_job(job)
    finally:
        gc.collect()


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def worker_count(requested: int) -> int:
    """The worker processes for ``--jobs requested`` (0: one per core): never more than the
    cores this process may use, as more only take turns on them, each holding a WeasyPrint
    and its memory."""
    cores = default_jobs()
    return cores if requested <= 0 else min(requested, cores)


class RenderPool:
    """Submit jobs, get results as they finish; in-process when ``jobs`` is 1.

    A worker that dies (killed, out of memory) breaks a process pool and every job in it is
    lost with it. The pool is then started again and each lost job tried once more, alone,
    so that a job that kills its worker again fails by itself (:data:`DIED`) and the others
    are rendered; the run goes on with a new pool.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._executor: cf.ProcessPoolExecutor | None = None
        self._pending: dict[cf.Future, tuple[object, RenderJob]] = {}

    def __enter__(self) -> RenderPool:
        if self.jobs > 1:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["xlperf.report.pdf", "xlperf.report.render"])
            # The server imports WeasyPrint now (about a second), in the background: the
            # batch enters the pool before reading the workbooks, so that overlaps the
            # reading. Workers are forked from it on the first submit.
            # Started with Ctrl+C ignored, the server keeps ignoring it (Python installs no
            # KeyboardInterrupt handler then), while it imports and in the workers it forks:
            # Ctrl+C to the terminal's process group printed the server's traceback. The
            # command stops them itself (__exit__).
            main = threading.current_thread() is threading.main_thread()
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
            try:
                multiprocessing.forkserver.ensure_running()
            finally:
                if main:
                    signal.signal(signal.SIGINT, previous)
            self._start()
        return self

    def _start(self) -> None:
        self._executor = cf.ProcessPoolExecutor(
            self.jobs, mp_context=multiprocessing.get_context("forkserver"),
            initializer=_worker_start)

    def __exit__(self, kind, value, traceback) -> None:
        if self._executor is None:
            return
        if kind is None:
            self._executor.shutdown(wait=True)
            return
        # Ctrl+C, SIGTERM or a failure: the PDFs in progress are not wanted, so stop the
        # workers now instead of waiting for them; a second Ctrl+C or SIGTERM meanwhile is
        # ignored (it used to interrupt the pool's own shutdown, which then waited forever).
        main = threading.current_thread() is threading.main_thread()
        stops = (signal.SIGINT, signal.SIGTERM)
        previous = {s: signal.signal(s, signal.SIG_IGN) for s in stops} if main else {}
        try:
            for process in list((self._executor._processes or {}).values()):  # no public API
                process.terminate()
            self._executor.shutdown(wait=False, cancel_futures=True)
            _unstick(self._executor)
            # let the pool's manager thread end here: left running, it closed its wake-up pipe
            # as the interpreter's exit wrote to it, "OSError: Bad file descriptor" printed
            # after the run's last line (CPython 3.11's concurrent.futures, seldom)
            thread = getattr(self._executor, "_executor_manager_thread", None)
            if thread is not None:
                thread.join(10)
        finally:
            for stop, handler in previous.items():
                signal.signal(stop, handler)

    def submit(self, job: RenderJob, tag: object) -> Iterator[tuple[object, RenderResult]]:
        """Queue ``job``; yields (tag, result) of jobs that finished meanwhile, waiting when
        too many are queued. ``tag`` stays in this process (only the job is sent)."""
        if self._executor is None:
            yield tag, render_job(job)
            return
        try:
            future = self._send(job)
        except BrokenProcessPool:  # a worker died since the last wait
            yield from self._recover()
            future = self._send(job)
        self._pending[future] = (tag, job)
        if len(self._pending) >= 4 * self.jobs:
            yield from self._collect(self._wait())

    def _send(self, job: RenderJob) -> cf.Future:
        """Submit ``job``, which starts a worker when the pool has fewer than it may. Ctrl+C
        and SIGTERM are held back meanwhile and acted on after: raised halfway through a
        worker's start, they left it starting as the pool shut down (a traceback)."""
        if threading.current_thread() is not threading.main_thread():
            return self._executor.submit(_render_in_worker, job)
        held = []
        previous = {s: signal.signal(s, lambda number, frame: held.append(number))
                    for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            return self._executor.submit(_render_in_worker, job)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
            for number in dict.fromkeys(held):
                signal.raise_signal(number)  # to its own handler now

    def drain(self) -> Iterator[tuple[object, RenderResult]]:
        """(tag, result) of every job still to come."""
        while self._pending:
            yield from self._collect(self._wait())

    def _wait(self) -> set[cf.Future]:
        """The jobs finished once one is. A worker dead for seconds with nothing finished
        died sending its result, which leaves the pool's reader waiting for the rest of it:
        it is freed, so that the pool breaks and its jobs are tried again (_recover)."""
        while True:
            done, _ = cf.wait(self._pending, timeout=5, return_when=cf.FIRST_COMPLETED)
            if done:
                return done
            if any(p.exitcode is not None for p in
                   list((self._executor._processes or {}).values())):
                _unstick(self._executor, wait=False)

    def _collect(self, done) -> Iterator[tuple[object, RenderResult]]:
        broken = False
        for future in done:
            result = _outcome(future)
            if result is None:
                broken = True
            else:
                yield self._pending.pop(future)[0], result
        if broken:
            yield from self._recover()

    def _recover(self) -> Iterator[tuple[object, RenderResult]]:
        """The pool broke: results that made it, then each lost job again, alone, in a new
        pool (see the class doc)."""
        cf.wait(self._pending)  # a broken pool fails every job it held, at once
        lost = []
        for future, (tag, job) in self._pending.items():
            result = _outcome(future)
            if result is None:
                lost.append((tag, job))
            else:
                yield tag, result
        self._pending.clear()
        self._restart()
        for tag, job in lost:
            future = self._send(job)
            self._pending[future] = (tag, job)
            self._wait()
            del self._pending[future]
            result = _outcome(future)
            if result is None:
                result = RenderResult((), DIED.format(files=_files(job)))
                self._restart()
            yield tag, result

    def _restart(self) -> None:
        self._executor.shutdown(wait=True)  # broken: its workers are stopped already
        self._start()


# A job whose worker died twice (its pool restarted in between; RenderPool)
DIED = ("the PDF renderer stopped unexpectedly (out of memory?) while rendering {files}, "
        "twice; the other PDFs are not affected")


def _unstick(executor: cf.ProcessPoolExecutor, wait: bool = True) -> None:
    """Free the pool's result reader (its manager thread) when a worker killed while sending
    its result left it waiting for the rest, which never comes (this process holds the
    pipe's other end too, so no end of file either; shutting the pool down then waited
    forever). Zeros complete the message, which then fails to load: the pool breaks, as it
    should. Private API of concurrent.futures (CPython 3.11-3.13)."""
    thread = getattr(executor, "_executor_manager_thread", None)
    try:
        fd = executor._result_queue._writer.fileno()
    except (AttributeError, OSError):
        return
    if thread is None:
        return
    thread.join(0.5)
    deadline = time.monotonic() + 30
    zeros = bytes(select.PIPE_BUF)  # a write this short never blocks once select says so
    while thread.is_alive() and time.monotonic() < deadline:
        try:
            if select.select([], [fd], [], 0.05)[1]:
                os.write(fd, zeros)
        except OSError:
            return
        if not wait and executor._broken:
            return
        thread.join(0.01)


def _files(job: RenderJob) -> str:
    return " and ".join(d.filename for d in job.documents)


def _outcome(future: cf.Future) -> RenderResult | None:
    """A finished job's result; None when its pool broke (a worker died)."""
    error = future.exception()
    if isinstance(error, BrokenProcessPool):
        return None
    if error is not None:  # not the job's own error (render_job returns that): a result
        return RenderResult((), f"{type(error).__name__}: {error}")  # that could not be sent
    return future.result()
