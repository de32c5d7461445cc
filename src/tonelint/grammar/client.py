"""language-tool-python's client with tonelint's timeouts; imported only when LanguageTool is on.

language-tool-python waits up to 300 s for every request and tries a check
twice. Here the first request (the constructor's ``GET /v2/languages``, the
health check) gets ``first_timeout``, and every ``/v2/check`` after it is one
request with ``timeout``. Written against language-tool-python 3.4 (``_TIMEOUT``
and ``_query_server`` are its internals; pyproject pins the major version).
"""

from __future__ import annotations

from typing import Any

from language_tool_python import LanguageTool


class Client(LanguageTool):
    def __init__(self, first_timeout: float, timeout: float, **kwargs: Any) -> None:
        self._TIMEOUT = first_timeout  # type: ignore[assignment]  # read per request
        super().__init__(**kwargs)
        self._TIMEOUT = timeout  # type: ignore[assignment]

    def _query_server(self, url: str, params: Any = None, num_tries: int = 2,
                      method: Any = "get") -> Any:
        return super()._query_server(url, params, num_tries=1, method=method)
