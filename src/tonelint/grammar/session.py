"""One LanguageTool session per run, through language-tool-python, that never hangs.

language-tool-python is imported here, when the first draft is checked, never
when LanguageTool is off (the import costs about 120 ms). Its constructor asks
the server for ``/v2/languages``: that is the health check, made with a short
timeout; each draft is then one ``/v2/check`` request with the configured one.
Any failure becomes one warning through ``warn`` and stops LanguageTool for the
rest of the run; a language the server lacks (Hungarian) stops it for that
language only. Every other rule runs either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..document import Document
from .matches import GrammarHit, hits_from
from .settings import GrammarSettings, is_loopback_url

HEALTH_TIMEOUT = 3.0  # seconds, at most, for the first answer of a server
LOCAL_START = "local LanguageTool"
LOCAL_BUDGET = 120.0  # seconds for language-tool-python to download (once) and start Java
CURLY_QUOTES = "\u2018\u2019\u201b\u201c\u201d\u201e"  # as document.py reads them
_PLAIN_QUOTE = re.compile("['\"]")


class Grammar:
    """Checks documents against one LanguageTool server; built once per Linter."""

    def __init__(self, settings: GrammarSettings, warn: Callable[[str], None]) -> None:
        self.settings = settings
        self._warn = warn
        self._tools: dict[str, Any] = {}  # LanguageTool language -> client
        self._unsupported: set[str] = set()
        self.failure: str | None = None  # why LanguageTool stopped, if it did

    @property
    def incomplete(self) -> bool:
        """Whether some draft went unchecked (for ``--require-languagetool``)."""
        return self.failure is not None or bool(self._unsupported)

    @property
    def where(self) -> str:
        return self.settings.server or LOCAL_START

    def check(self, doc: Document) -> Iterator[GrammarHit]:
        """LanguageTool's matches in ``doc.text``, or nothing once it has failed."""
        if self.failure is not None or not doc.text.strip():
            return iter(())
        language = self.settings.lt_language(doc.lang or "en")
        tool = self._tool(language)
        if tool is None:
            return iter(())
        text = as_typed(doc)
        try:
            matches = tool.check(text)
            return iter(list(hits_from(matches, text)))
        except Exception as exc:  # a third party over the network: never a traceback
            self._fail(exc, self.settings.timeout)
            return iter(())

    def close(self) -> None:
        """Stop a local server (a remote one is left alone)."""
        for tool in self._tools.values():
            try:
                tool.close()
            except Exception:  # closing must not mask the run's result
                pass
        self._tools.clear()

    # -- the session ---------------------------------------------------------
    def _tool(self, language: str) -> Any:
        if language in self._tools:
            return self._tools[language]
        if language in self._unsupported:
            return None
        try:
            tool = self._open(language)
        except ValueError:  # language-tool-python: "unsupported language"
            self._unsupported.add(language)
            self._warn(f"LanguageTool at {self.where} does not support {language!r}; "
                       f"grammar and spelling not checked for {language!r} drafts")
            return None
        except Exception as exc:  # see check()
            self._fail(exc, min(self.settings.timeout, HEALTH_TIMEOUT))
            return None
        self._tools[language] = tool
        return tool

    def _open(self, language: str) -> Any:
        import shutil

        s = self.settings
        if s.local and shutil.which("java") is None:
            raise _NoJava("no `java` on PATH: the local LanguageTool server needs Java 17 "
                          "(or point `languagetool: server:` at a running server)")
        from .client import Client

        kwargs: dict[str, Any] = {"language": language}
        if s.server is not None:
            kwargs["remote_server"] = s.server
            if is_loopback_url(s.server):
                # A system proxy must not see text meant for this machine.
                kwargs["proxies"] = {"http": None, "https": None}
        first = min(s.timeout, HEALTH_TIMEOUT)
        if s.local:
            tool = _within(LOCAL_BUDGET, lambda: Client(first, s.timeout, **kwargs))
        else:
            tool = Client(first, s.timeout, **kwargs)
        tool.enabled_rules = set(s.enabled_rules)
        tool.disabled_rules = set(s.disabled_rules)
        tool.enabled_categories = set(s.enabled_categories)
        tool.disabled_categories = set(s.disabled_categories)
        tool.picky = s.picky
        return tool

    def _fail(self, exc: BaseException, timeout: float) -> None:
        self.failure = describe(exc, timeout)
        self._warn(f"LanguageTool at {self.where}: {self.failure}; "
                   "grammar and spelling not checked, other rules ran")


def as_typed(doc: Document) -> str:
    """``doc.text`` with the typographic quotes the author typed put back (the
    Document reads them as plain ones; LanguageTool has rules about which is right).
    Same length, so offsets hold."""
    chars = list(doc.text)
    for m in _PLAIN_QUOTE.finditer(doc.text):
        start, end = doc.source_span(m.start(), m.end())
        if end - start == 1 and doc.source[start] in CURLY_QUOTES:
            chars[m.start()] = doc.source[start]
    return "".join(chars)


class _NoJava(Exception):
    pass


def _within(seconds: float, start: Callable[[], Any]) -> Any:
    """``start()``, given up after ``seconds`` (a daemon thread: exit does not wait for it)."""
    import threading

    outcome: list[Any] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(start())
        except BaseException as exc:  # handed to the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=run, name="tonelint-languagetool-start", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise TimeoutError(f"the local LanguageTool server did not start within {seconds:g} s")
    if failure:
        raise failure[0]
    return outcome[0]


def describe(exc: BaseException, timeout: float) -> str:
    """One line that says what went wrong, from the exception types, not their text."""
    import requests
    from language_tool_python.exceptions import LanguageToolError, RateLimitError

    chain = list(_chain(exc))
    if any(isinstance(e, requests.Timeout) for e in chain):
        return f"no answer within {timeout:g} s"
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "connection refused (is the server running?)"
    if any(isinstance(e, requests.ConnectionError) for e in chain):
        return "cannot connect"
    if any(isinstance(e, RateLimitError) for e in chain):
        return "rate limit reached (HTTP 426)"
    if isinstance(exc, (_NoJava, TimeoutError)):
        return str(exc)
    if isinstance(exc, (KeyError, TypeError, ValueError, LanguageToolError)):
        return "unexpected answer, not LanguageTool's JSON: " + _short(str(exc))
    return f"{type(exc).__name__}: {_short(str(exc))}"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, its causes, and urllib3's ``reason`` (where "refused" hides)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [e.__cause__, e.__context__, getattr(e, "reason", None)]
        todo += [a for a in e.args if isinstance(a, BaseException)]


def _short(text: str, limit: int = 120) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"
