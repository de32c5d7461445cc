"""Exit codes a script can trust (pinned by tests/test_cli.py)."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0  # nothing at or above the failing severity
    FINDINGS = 1  # findings at or above the failing severity
    ERROR = 2  # usage, configuration or input error
