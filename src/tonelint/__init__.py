"""tonelint: a linter for the tone of messages that end a client relationship.

Library API::

    from tonelint import lint_text
    for finding in lint_text("You failed to pay on time.", lang="en"):
        print(finding.line, finding.column, finding.rule, finding.message)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .finding import Finding

__all__ = ["Finding", "__version__", "lint_paths", "lint_text"]


def lint_text(text: str, path: str = "<text>", **config: Any) -> list[Finding]:
    """Lint one draft given as a string. ``config`` takes config-file keys
    (``lang="en"``, ``select=["blame"]``, ...); no config file is read."""
    from .config import Config
    from .engine import Linter

    settings = Config(base_dir=Path.cwd()).merged({k.replace("_", "-"): v for k, v in config.items()}, "api")
    linter = Linter(settings)
    try:
        return linter.lint_text(text, path)
    finally:
        _finish(linter)


def lint_paths(paths: list[str], **config: Any) -> list[Finding]:
    """Lint files and folders; a file that cannot be read raises TonelintError."""
    from .config import Config
    from .engine import Linter, expand_paths
    from .errors import TonelintError

    settings = Config(base_dir=Path.cwd()).merged({k.replace("_", "-"): v for k, v in config.items()}, "api")
    linter = Linter(settings)
    findings: list[Finding] = []
    for item in expand_paths(paths):
        if isinstance(item, TonelintError):
            raise item
        result = linter.lint_file(*item)
        if result.error is not None:
            raise result.error
        findings += result.findings
    _finish(linter)
    return findings


def _finish(linter: Any) -> None:
    """Close the LanguageTool session; its trouble (server down, ...) as Python warnings."""
    import warnings

    linter.close()
    for message in linter.warnings:
        warnings.warn(f"tonelint: {message}", UserWarning, stacklevel=3)


def __getattr__(name: str) -> Any:
    if name == "Finding":
        from .finding import Finding

        return Finding
    raise AttributeError(name)
