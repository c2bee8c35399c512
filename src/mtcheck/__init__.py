"""mtcheck: find machine-translation artifacts in news articles."""

__version__ = "0.1.0"
