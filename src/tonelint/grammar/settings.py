"""The ``languagetool:`` config mapping: strict validation, and where text may go.

Drafts are confidential, so LanguageTool is off unless configured, and text goes
only where the user pointed it:

- ``server: URL``: any LanguageTool HTTP server; loopback ones (``localhost``,
  ``127.0.0.0/8``, ``::1``) are this machine, any other is used because it was
  named (config, ``TONELINT_LANGUAGETOOL_URL`` or ``--languagetool``), never as a
  default or a fallback;
- ``server: public``, or a ``languagetool.org`` URL with ``allow-public: true``:
  the public API, only by this explicit opt-in;
- ``local: true``: language-tool-python's own server on this machine (Java 17;
  it downloads LanguageTool, about 250 MB, once).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from ..errors import TonelintError
from ..finding import Severity
from ..kinds.base import Option
from ..schema import as_list, validate
from ..yamlfile import Located

PUBLIC = "public"
PUBLIC_URL = "https://api.languagetool.org/"
PUBLIC_HOSTS = ("languagetool.org", "languagetoolplus.com")
ENV_URL = "TONELINT_LANGUAGETOOL_URL"
DEFAULT_TIMEOUT = 10.0

SCHEMA: dict[str, Option] = {
    "enabled": Option("bool"),
    "server": Option("str"),
    "local": Option("bool"),
    "allow-public": Option("bool"),
    "enabled-rules": Option("strings"),
    "disabled-rules": Option("strings"),
    "enabled-categories": Option("strings"),
    "disabled-categories": Option("strings"),
    "level": Option("str", choices=("default", "picky")),
    "timeout": Option("number"),
    "languages": Option("mapping"),
    "severity": Option("mapping"),
    "required": Option("bool"),
}

# LanguageTool's issue types -> tonelint severity; anything unlisted is info.
ISSUE_SEVERITY: dict[str, Severity] = {
    "misspelling": Severity.WARNING,
    "grammar": Severity.WARNING,
    "duplication": Severity.WARNING,
}
# tonelint language -> LanguageTool language ("en" alone has no spell checker).
LANGUAGES = {"en": "en-US"}


class GrammarSettings(NamedTuple):
    """Validated ``languagetool:`` settings; ``server`` is None for ``local``."""

    server: str | None = None
    local: bool = False
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    picky: bool = False
    timeout: float = DEFAULT_TIMEOUT
    languages: Mapping[str, str] = MappingProxyType(LANGUAGES)
    severity: Mapping[str, Severity] = MappingProxyType(ISSUE_SEVERITY)
    required: bool = False
    origin: str = "config"

    def lt_language(self, lang: str) -> str:
        return self.languages.get(lang, lang)

    def severity_of(self, issue_type: str) -> Severity:
        return self.severity.get(issue_type, Severity.INFO)

    def destination(self) -> str:
        """Where drafts are sent, in words (for ``--verbose``)."""
        if self.server is None:
            return ("language-tool-python's local server on this machine "
                    "(Java 17; downloads LanguageTool, about 250 MB, once)")
        host = urlsplit(self.server).hostname or ""
        if _is_public(host):
            where = "the public LanguageTool API (opted in)"
        elif _is_loopback(host):
            where = "this machine"
        else:
            where = "another machine" + (", unencrypted" if self.server.startswith("http:") else "")
        return f"{self.server}v2/check ({where}; set by {self.origin})"


Error = Callable[..., TonelintError]  # (message, *keys) -> an error pointing at the key


def validate_mapping(doc: Located, raw: dict[str, Any], at: tuple[Any, ...] = ("languagetool",)
                     ) -> dict[str, Any]:
    """Types and known keys of a config file's ``languagetool:`` (errors name the line)."""
    values = validate(doc, at, raw, SCHEMA, what="languagetool key")
    settings_from(values, "", lambda msg, *keys: doc.error(f"languagetool: {msg}", *at, *keys))
    return values


def settings_from(values: dict[str, Any], origin: str, error: Error | None = None
                  ) -> GrammarSettings | None:
    """The settings in force, or None when LanguageTool is off (the default)."""
    fail: Error = error or (lambda msg, *_: TonelintError(f"languagetool: {msg}", origin))
    if error is None:  # not from a config file, which was checked with its lines (API, flags)
        validate(Located(values, {}, origin), (), values, SCHEMA, what="languagetool key")
    if "timeout" in values and not _positive(values["timeout"]):
        raise fail(f"timeout must be a positive number of seconds, got {values['timeout']!r}",
                   "timeout")
    languages = _strings(values.get("languages", {}), "languages", "en: en-GB", fail)
    severity = _severities(values.get("severity", {}), fail)
    server, local = values.get("server"), bool(values.get("local"))
    if server and local:
        raise fail("set `server` or `local`, not both", "server")
    url = _server_url(server, bool(values.get("allow-public")), fail) if server else None
    if values.get("enabled") is False or not (url or local):
        return None
    return GrammarSettings(
        server=url,
        local=local,
        enabled_rules=tuple(as_list(values.get("enabled-rules", []))),
        disabled_rules=tuple(as_list(values.get("disabled-rules", []))),
        enabled_categories=tuple(as_list(values.get("enabled-categories", []))),
        disabled_categories=tuple(as_list(values.get("disabled-categories", []))),
        picky=values.get("level") == "picky",
        timeout=float(values.get("timeout", DEFAULT_TIMEOUT)),
        languages={**LANGUAGES, **languages},
        severity={**ISSUE_SEVERITY, **severity},
        required=bool(values.get("required")),
        origin=origin,
    )


def _server_url(value: str, allow_public: bool, fail: Error) -> str:
    """``http(s)://host[:port][/prefix]/``, without the ``v2/`` language-tool-python adds."""
    if value == PUBLIC:
        return PUBLIC_URL
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(f"server must be an http:// or https:// URL (or `public`), got {value!r}",
                   "server")
    if _is_public(parts.hostname) and not allow_public:
        raise fail(f"{value} is the public LanguageTool API: drafts would leave this machine; "
                   "opt in with `allow-public: true` or `--languagetool public`", "server")
    path = parts.path.rstrip("/")
    if path.endswith("/v2") or path == "v2":
        path = path[:-2].rstrip("/")
    return f"{parts.scheme}://{parts.netloc}{path}/"


def _positive(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_public(host: str) -> bool:
    return any(host == h or host.endswith("." + h) for h in PUBLIC_HOSTS)


def is_loopback_url(url: str) -> bool:
    return _is_loopback(urlsplit(url).hostname or "")


def _strings(value: Any, key: str, example: str, fail: Error) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise fail(f"{key}: expected a mapping like `{example}`", key)
    return dict(value)


def _severities(value: Any, fail: Error) -> dict[str, Severity]:
    out: dict[str, Severity] = {}
    for issue, name in _strings(value, "severity", "misspelling: error", fail).items():
        try:
            out[issue] = Severity.parse(name)
        except ValueError:
            raise fail(f"severity of issue type {issue!r}: {name!r} is not one of: "
                       "error, warning, info", "severity", issue) from None
    return out
