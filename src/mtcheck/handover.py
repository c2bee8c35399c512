"""Giving a big value up: the receiver then holds the only reference and can let it go early.

A 10 MB article's pairs, findings and views are tens of megabytes a
generation. A stage that replaces them piece by piece (grade lets each
scored pair go as it makes the graded one) frees memory only if its caller
keeps no name for the old generation. ``Handover`` makes that explicit:

    box = Handover(document)
    del document                    # the caller's own name for it
    return grade(box.take(), ...)   # box keeps nothing once taken

CPython moves a call's arguments into the callee's frame, so once taken the
value lives in the receiver alone.
"""

from __future__ import annotations

from typing import Generic, TypeVar

Value = TypeVar("Value")


class Handover(Generic[Value]):
    __slots__ = ("_value", "_taken")

    def __init__(self, value: Value) -> None:
        self._value: Value | None = value
        self._taken = False

    def take(self) -> Value:
        """The value, once; the box keeps no reference to it."""
        if self._taken:
            raise RuntimeError("a handed-over value is taken once")
        value, self._value, self._taken = self._value, None, True
        return value  # type: ignore[return-value]  (None only after the one take)
