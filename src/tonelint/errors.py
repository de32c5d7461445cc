"""The one error type for the user's mistakes; the CLI turns it into exit code 2."""

from __future__ import annotations


class TonelintError(Exception):
    """A problem with the user's input: a file, the config, a rule pack or an option.

    It carries the place (file, line, column) so the CLI can print one line that a
    user can act on and an editor can jump to.
    """

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = [str(x) for x in (self.path, self.line, self.column) if x is not None]
        return f"{':'.join(where)}: {self.message}" if where else self.message

    def __reduce__(self) -> tuple[type, tuple[str, str | None, int | None, int | None]]:
        """Keep the place when pickled (``--jobs`` sends errors between processes)."""
        return (type(self), (self.message, self.path, self.line, self.column))
