"""Errors that reach the user as one line on stderr and exit code 2."""


class InputError(Exception):
    """Bad usage or unreadable input; the message is shown as is."""
