"""A feed (``mtcheck batch``): articles found (``inputs``), checked in worker processes or Ray actors
(``local_engine``, ``ray_engine``, each running ``work.check_article``), kept in a SQLite store (``store``),
handed on in feed order (``run.run_batch``). It wires the stages per article, like the pipeline."""

from mtcheck.batch.run import run_batch

__all__ = ["run_batch"]
