"""Running the per-document work on a Dask cluster: a LocalCluster of `jobs`
worker processes by default, or the cluster whose scheduler is at ADDRESS.

The client reads the files and sends their bytes, and gets the results back:
workers need zxextract installed (the same version) but no access to the input
or output folders. As with local processes, only a few documents per worker
are in flight, so the client's memory stays flat.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from itertools import islice
from typing import Any

from .errors import EngineError
from .parallel import Lost, R, Task, Work

# A Dask task costs about a millisecond of scheduling on top of its work, as
# much as a small document: documents go in batches.
DOCUMENTS_PER_TASK = 8
IN_FLIGHT_PER_WORKER = 3  # batches: enough to cover a round trip to the scheduler
CONNECT_TIMEOUT = "20s"


def _run_batch(work: Work, batch: list[Task], context: Any) -> list:
    return [work(task, context) for task in batch]


def run_dask(work: Work, tasks: Iterator[Task], context: Any, jobs: int, scheduler: str | None,
             lost: Lost) -> Iterator[tuple[Task, R]]:
    """Yield (task, work(task, context)) for every task, in completion order."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        where = f"the scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise EngineError(f"{scheduler or 'dask'}: cannot reach {where} ({exc}); "
                          "check the address, or run without --scheduler") from exc
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))
        shared = client.scatter(context, broadcast=True)
        pending: dict[Any, list[Task]] = {}
        finished = as_completed()

        def submit_next() -> None:
            batch = list(islice(tasks, DOCUMENTS_PER_TASK))
            if batch:
                future = client.submit(_run_batch, work, batch, shared, pure=False)
                pending[future] = batch
                finished.add(future)

        for _ in range(workers * IN_FLIGHT_PER_WORKER):
            submit_next()
        for future in finished:
            batch = pending.pop(future)
            try:
                results = future.result()
            except Exception as exc:  # a worker died or the task could not run there
                reason = f"the Dask worker failed ({type(exc).__name__}: {exc}); the next run retries it"
                results = [lost(task, reason) for task in batch]
            future.release()
            yield from zip(batch, results)
            submit_next()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
