"""The gate stage: each article's verdict (pass, review or fail) with its reasons, the run's, and a feed's.

``article`` decides one article from its findings, its judge estimate and its
coverage; ``feed`` is the gate over a batch, with its errored articles.
"""

from mtcheck.gate.article import gate_articles

__all__ = ["gate_articles"]
