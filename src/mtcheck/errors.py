"""Errors that reach the user as one line on stderr and exit code 2."""


class InputError(Exception):
    """Bad usage or unreadable input; the message is shown as is."""


class OutputError(InputError):
    """A report could not be written (disk full, I/O error, refused path): exit 2 as well."""

