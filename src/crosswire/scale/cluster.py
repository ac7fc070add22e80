"""Extraction on a Dask cluster (``dask.distributed``).

Articles are cut into partitions of ``partition_size``; each partition is one
task. A worker builds its :class:`~crosswire.extract.Pipeline` once (the
spaCy model is loaded once per worker process, not once per task) and keeps
it for every later task with the same configuration.

At most ``max_in_flight`` partitions are submitted ahead of the one being
collected, so a corpus larger than the client's memory streams through: the
client holds only those partitions and their results. Results come back in
input order, which keeps ``crosswire ingest`` deterministic (the same order
gives the same story clustering and the same database) however the cluster
schedules the work.
"""
from __future__ import annotations

import json
import threading
from collections import deque
from itertools import islice
from typing import Any, Iterable, Iterator

from ..model import Article, InputError, Record

_worker_pipelines: dict[str, Any] = {}
_worker_lock = threading.Lock()


def parse_scheduler(spec: str) -> tuple[str, int | str]:
    """``"local"`` / ``"local:4"`` -> ("local", workers); else ("address", spec).

    Local clusters use processes with one thread each: spaCy's parser is
    CPU-bound Python and does not gain from threads.
    """
    if spec == "local":
        return "local", 2
    if spec.startswith("local:"):
        count = spec.split(":", 1)[1]
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"bad scheduler {spec!r}: expected local:N with N >= 1")
        return "local", int(count)
    if "://" not in spec:
        raise ValueError(f"bad scheduler {spec!r}: expected tcp://HOST:PORT, local or local:N")
    return "address", spec


def _pipeline_on_worker(config_json: str):
    """The worker's pipeline for this configuration, built on first use."""
    with _worker_lock:
        pipeline = _worker_pipelines.get(config_json)
        if pipeline is None:
            from ..extract import Pipeline
            pipeline = Pipeline(config=json.loads(config_json))
            _worker_pipelines[config_json] = pipeline
        return pipeline


def extract_partition(articles: list[Article], config_json: str) -> list:
    """Task body: extract one partition (runs on a worker)."""
    return list(_pipeline_on_worker(config_json).run(articles))


class ClusterPipeline:
    """Drop-in for ``Pipeline.run`` that executes on a Dask cluster."""

    def __init__(self, scheduler: str = "local", config: dict | None = None,
                 partition_size: int = 16, max_in_flight: int | None = None):
        from distributed import Client, LocalCluster

        kind, where = parse_scheduler(scheduler)
        self._cluster = None
        if kind == "local":
            self._cluster = LocalCluster(n_workers=int(where), threads_per_worker=1,
                                         processes=True, dashboard_address=None,
                                         silence_logs=40)
            self.client = Client(self._cluster)
        else:
            self.client = Client(str(where))
        self.config_json = json.dumps(config or {}, sort_keys=True)
        self.partition_size = partition_size
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.max_in_flight = max_in_flight or 2 * workers

    def run(self, items: Iterable[Article | InputError]) -> Iterator[Record | Any]:
        """Yield every result in input order; input errors pass straight through."""
        pending: deque = deque()
        iterator = iter(items)
        while True:
            chunk = list(islice(iterator, self.partition_size))
            if chunk:
                pending.append(self._submit(chunk))
            if pending and (not chunk or len(pending) >= self.max_in_flight):
                yield from self._collect(pending.popleft())
            if not chunk and not pending:
                return

    def _submit(self, chunk: list[Article | InputError]):
        articles = [item for item in chunk if isinstance(item, Article)]
        future = (self.client.submit(extract_partition, articles, self.config_json, pure=False)
                  if articles else None)
        return chunk, future

    @staticmethod
    def _collect(submitted) -> Iterator[Record | Any]:
        chunk, future = submitted
        results = iter(future.result() if future is not None else [])
        for item in chunk:
            yield item if isinstance(item, InputError) else next(results)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> "ClusterPipeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
