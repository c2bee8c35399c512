"""The render stage: ``render`` (``emit.emit``) sends a ``Report`` to each ``--format``'s output through its
renderer.

``build`` makes the report from graded documents (stable ids, editors'
verdicts, the gate, the signature); it is imported from there, not here, as
it reaches back to the gate and the judge and a renderer must load light.
Renderers know the report's types, never the checks.
"""

from mtcheck.report.emit import emit as render

__all__ = ["render"]
