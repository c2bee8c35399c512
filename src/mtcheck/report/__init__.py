"""Renderers: they turn a Report into output and know nothing of the pipeline."""
