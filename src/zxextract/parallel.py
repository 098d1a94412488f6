"""Running the per-document work on local processes.

Only a few documents per worker are in flight at once, and results come back
as they finish, so memory stays flat however large the corpus. A worker that
dies (killed for memory, a crash in a native library) costs only the
documents it held: they come back as lost, and a fresh pool goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, TypeVar

from .models import Source

R = TypeVar("R")
# Documents in flight per worker: enough to keep a worker busy while the
# parent stores the previous result.
IN_FLIGHT_PER_WORKER = 2
PARENT_CHECK_SECONDS = 0.5


@dataclass(frozen=True)
class Task:
    key: str
    path: str
    data: bytes
    doc_id: str | None = None  # None: the file's name without its extension
    source: Source | None = None  # the file's manifest row


Work = Callable[[Task, Any], R]
Lost = Callable[[Task, str], R]

_context: Any = None


def _init_worker(context: Any) -> None:
    global _context
    _context = context
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    # A run killed outright (kill -9) cannot stop its pool, and its workers
    # would wait for work forever: each leaves once its parent is gone.
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _call(work: Work, task: Task):
    return work(task, _context)


def _start_method() -> str:
    # fork starts workers at once with the rules already compiled and caches
    # warm, but is unsafe beside other threads (a lock one holds stays held in
    # the child); forkserver starts clean processes that load what they need.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def run_local(work: Work, tasks: Iterator[Task], context: Any, jobs: int,
              lost: Lost) -> Iterator[tuple[Task, R]]:
    """Yield (task, work(task, context)) for every task, in completion order,
    on up to `jobs` processes; in this process when there is one job or one task."""
    tasks = iter(tasks)
    head = list(islice(tasks, jobs))
    if jobs == 1 or len(head) <= 1:
        for task in chain(head, tasks):
            yield task, work(task, context)
        return
    yield from _run_pool(work, chain(head, tasks), context, min(jobs, len(head)), lost)


def _run_pool(work: Work, tasks: Iterator[Task], context: Any, workers: int,
              lost: Lost) -> Iterator[tuple[Task, R]]:
    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, multiprocessing.get_context(_start_method()),
                                   initializer=_init_worker, initargs=(context,))

    pool = new_pool()
    pending: dict[Future, Task] = {}
    try:
        while True:
            while len(pending) < workers * IN_FLIGHT_PER_WORKER:
                task = next(tasks, None)
                if task is None:
                    break
                pending[pool.submit(_call, work, task)] = task
            if not pending:
                pool.shutdown()
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                task = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    # Which document killed the worker is unknown: every
                    # document in flight is reported lost.
                    for other in [task, *pending.values()]:
                        yield other, lost(other, "the worker process died while extracting it "
                                                 "(out of memory?); the next run retries it")
                    pending.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    break
                yield task, result
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
