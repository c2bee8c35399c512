"""Which modules an ``mtcheck`` command leaves imported, seen from a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys


def modules_after(argv: list[str], wanted: str) -> tuple[int | None, list[str]]:
    """(the command's exit code, or None for --help's SystemExit, the sorted modules of ``sys.modules``
    that ``wanted``, a Python expression over ``m``, accepts) after ``mtcheck argv`` in a new process."""
    code = (
        "import sys, contextlib, io\nfrom mtcheck.cli import main\ncode = None\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    try: code = main({argv!r})\n"
        "    except SystemExit: pass\n"
        f"print(repr((code, sorted(m for m in sys.modules if {wanted}))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return eval(result.stdout.strip().splitlines()[-1])  # noqa: S307 - our own repr of a tuple of str and int
