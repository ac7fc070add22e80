"""Scale-out: the same extraction, run on a Dask cluster.

``ClusterPipeline`` has the interface of :class:`crosswire.extract.Pipeline`
(``run(items)`` yields ``Record | Failure | InputError`` in input order), so
``crosswire extract`` and ``crosswire ingest`` only swap one object for the
other (``--scheduler``). Reading, duplicate screening and storage stay on the
client, where they are cheap and must be ordered; the parsing and extraction,
which are over 95% of the time, run on the workers.
"""
from .cluster import ClusterPipeline, parse_scheduler

__all__ = ["ClusterPipeline", "parse_scheduler"]
