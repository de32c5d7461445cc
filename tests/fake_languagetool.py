"""A small LanguageTool HTTP server for the tests, on 127.0.0.1.

It speaks LanguageTool's API v2 as language-tool-python uses it: ``GET
/v2/languages`` and ``POST /v2/check`` (form fields), answering with the JSON
shape LanguageTool 6 sends, offsets and lengths in UTF-16 code units as Java
counts them. Its rules are a handful of regexes standing in for LanguageTool's
(real rule ids and categories, except TOO_MANY_EMOJI, which exists to put a
character outside the BMP inside a match). ``fail_check`` / ``fail_languages``
make it answer with an error instead, ``hang_check`` not at all.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "French", "code": "fr", "longCode": "fr"},
]  # no Hungarian: LanguageTool does not support it

SPELLING = {"teh": ["the", "ten", "tea"], "recieve": ["receive"], "adress": ["address", "adders"]}


@dataclass(frozen=True)
class FakeRule:
    id: str
    category: str
    issue_type: str
    pattern: str
    message: str
    replace: str | None  # a template for m.expand; None: from SPELLING


RULES = [
    FakeRule("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling",
             r"\b(?:" + "|".join(SPELLING) + r")\b",
             "Possible spelling mistake found.", None),
    FakeRule("EN_A_VS_AN", "MISC", "misspelling", r"\b[aA](?= [aeiouAEIOU]\w)",
             'Use "an" instead of "a" if the following word starts with a vowel sound.', "an"),
    FakeRule("ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication", r"\b(\w+) \1\b",
             "Possible typo: you repeated a word.", r"\1"),
    FakeRule("WHITESPACE_RULE", "TYPOGRAPHY", "whitespace", r"(?<=\S) {2,}(?=\S)",
             "Possible typo: you repeated a whitespace.", " "),
    FakeRule("EN_IN_ORDER_TO", "STYLE", "style", r"\b[Ii]n order to\b",
             'Consider "to" for brevity.', "to"),
    FakeRule("TOO_MANY_EMOJI", "STYLE", "style", "[\U0001F300-\U0001FAFF]{3,}",
             "Three or more emoji in a row.", ""),
]


def u16(s: str) -> int:
    """Length in UTF-16 code units, as Java's String.length()."""
    return len(s.encode("utf-16-le")) // 2


def check(text: str, form: dict[str, str]) -> dict[str, Any]:
    disabled = set(filter(None, form.get("disabledRules", "").split(",")))
    matches = []
    for rule in RULES:
        if rule.id in disabled:
            continue
        for m in re.finditer(rule.pattern, text):
            word = m.group()
            values = ([m.expand(rule.replace)] if rule.replace is not None
                      else SPELLING.get(word.lower(), []))
            cstart, cend = max(0, m.start() - 20), min(len(text), m.end() + 20)
            matches.append({
                "message": rule.message,
                "shortMessage": "Spelling mistake" if rule.issue_type == "misspelling" else "",
                "replacements": [{"value": v} for v in values],
                "offset": u16(text[: m.start()]),
                "length": u16(word),
                "context": {"text": text[cstart:cend], "offset": u16(text[cstart : m.start()]),
                            "length": u16(word)},
                "sentence": text,
                "type": {"typeName": "UnknownWord" if rule.issue_type == "misspelling"
                         else "Other"},
                "rule": {"id": rule.id, "description": rule.message, "issueType": rule.issue_type,
                         "category": {"id": rule.category, "name": rule.category.title()}},
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 0,
            })
    matches.sort(key=lambda x: x["offset"])
    lang = form.get("language", "en-US")
    return {
        "software": {"name": "LanguageTool", "version": "6.4",
                     "buildDate": "2024-03-28 15:00:00 +0000",
                     "apiVersion": 1, "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": lang, "code": lang,
                     "detectedLanguage": {"name": lang, "code": lang, "confidence": 0.99}},
        "matches": matches,
    }


@dataclass
class FakeLanguageTool:
    """The server's state: what it was asked, and how it should fail."""

    url: str = ""
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    fail_check: tuple[int, str] | None = None  # (status, body)
    fail_languages: tuple[int, str] | None = None
    hang_check: bool = False  # accept /v2/check and never answer (until shutdown)
    released: threading.Event = field(default_factory=threading.Event)

    def calls(self, path: str) -> list[dict[str, str]]:
        return [form for _, p, form in self.requests if p == path]

    @property
    def texts(self) -> list[str]:
        return [form["text"] for form in self.calls("/v2/check")]


def _handler(state: FakeLanguageTool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def _reply(self, status: int, body: str, ctype: str = "application/json") -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", f"{ctype}; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            state.requests.append(("GET", path, {}))
            if path != "/v2/languages":
                return self._reply(404, "Not found", "text/plain")
            if state.fail_languages:
                return self._reply(*state.fail_languages, "text/plain")
            self._reply(200, json.dumps(LANGUAGES))

        def do_POST(self) -> None:
            size = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(size).decode()).items()}
            state.requests.append(("POST", self.path, form))
            if self.path != "/v2/check":
                return self._reply(404, "Not found", "text/plain")
            if state.hang_check:
                state.released.wait()
                return None
            if state.fail_check:
                return self._reply(*state.fail_check, "text/plain")
            self._reply(200, json.dumps(check(form.get("text", ""), form)))

    return Handler


@contextmanager
def serve() -> Iterator[FakeLanguageTool]:
    state = FakeLanguageTool()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.released.set()
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server() -> Iterator[str]:
    """A port that accepts connections (the kernel's backlog) and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


def refused_url() -> str:
    """A loopback port with nothing listening (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
