"""A finding is an immutable record: nothing changes it after a rule made it."""

from __future__ import annotations

import enum
from typing import NamedTuple


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= Severity.WARNING`` reads naturally."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


CORE_CATEGORIES = (
    "blame",
    "unfriendly",
    "sugarcoating",
    "missing-reason",
    "missing-next-steps",
    "missing-thanks",
)


class Finding(NamedTuple):
    """One problem at one place. Lines and columns are 1-based, counted in characters.

    ``offset``/``end_offset`` are character offsets into the file as decoded, for
    fixes and editors; ``replacement`` is set only when the suggestion can be applied
    mechanically (substitutions, grammar replacements).
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    category: str
    severity: Severity
    message: str
    suggestion: str | None = None
    replacement: str | None = None
    offset: int = 0
    end_offset: int = 0

    def as_dict(self) -> dict[str, object]:
        """The public JSON shape (one place, shared by every machine format)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "suggestion": self.suggestion,
        }
