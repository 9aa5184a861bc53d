"""The errors yusuan raises: one class per way a file can fail, each carrying
the CLI's one-line reason (``FILE: reason``) as its message and the file as
``source``.

::

    Error                    any yusuan error
    ├── NoTableError         readable, but no table of the kind asked for (CLI status ``no_table``)
    ├── FailedError          unreadable (CLI status ``failed``); batch functions raise this class
    │   ├── ReadError        the file cannot be read (also an OSError)
    │   ├── UnsupportedError empty, binary, encrypted, scanned, over the size limit …
    │   └── MalformedError   claims a format but is damaged
    └── UsageError           a bad argument (also a ValueError)

All of them pickle, so errors raised on a Dask worker arrive intact.
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "Error",
    "NoTableError",
    "FailedError",
    "ReadError",
    "UnsupportedError",
    "MalformedError",
    "UsageError",
]


class Error(Exception):
    """Base class: ``str(e)`` is the CLI's line, ``e.source`` the file (or None)."""

    def __init__(self, message: str, source: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __reduce__(self):
        # Exception pickles only .args; keep source too.
        return (type(self), (self.message, self.source))


class NoTableError(Error):
    """The file was read but holds no table of the kind asked for."""


class FailedError(Error):
    """The file could not be converted (the CLI's ``failed`` status)."""


class ReadError(FailedError, OSError):
    """The file could not be read (missing, unreadable)."""

    def __str__(self) -> str:
        return self.message


class UnsupportedError(FailedError):
    """Empty, binary, encrypted with a password, scanned, too large …"""


class MalformedError(FailedError):
    """The file claims a format (PDF …) but is damaged."""


class UsageError(Error, ValueError):
    """An argument the library cannot work with."""
