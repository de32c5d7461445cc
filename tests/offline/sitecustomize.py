"""Loaded by every tonelint process the tests start: nothing leaves the machine.

``run_cli`` puts this folder on PYTHONPATH. A connection, datagram or name
lookup for anything but the loopback interface prints one line to stderr, is
written to $TONELINT_TEST_NETWORK_LOG (``run_cli`` fails the test when that
file exists) and raises OSError, so every CLI test that passes shows tonelint
needed no network. Loopback stays open: tests start fake servers there.
"""

from __future__ import annotations

import os
import socket
import sys
from typing import Any

_LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "", None}


def _local(address: Any) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths and the like never leave the machine
        return True
    host = address[0]
    return host in _LOCAL_NAMES or (isinstance(host, str) and host.startswith("127."))


def _refuse(what: str, address: Any) -> OSError:
    """Say so on stderr and in the run's log (the test fails on it even when the
    caller swallows the error), and give the error to raise."""
    line = f"offline test: blocked {what} to {address!r}"
    print(line, file=sys.stderr)
    log = os.environ.get("TONELINT_TEST_NETWORK_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(line + "\n")
    return OSError(f"network blocked by the test suite: {what} {address!r}")


def _guarded(name: str, index: int) -> Any:
    original = getattr(socket.socket, name)

    def method(self: socket.socket, *args: Any) -> Any:
        address = args[index] if len(args) > index else None
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address):
            raise _refuse(name, address)
        return original(self, *args)

    return method


def _getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _local((host,)):
        raise _refuse("name lookup", host)
    return _original_getaddrinfo(host, *args, **kwargs)


_original_getaddrinfo = socket.getaddrinfo
socket.socket.connect = _guarded("connect", 0)  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded("connect_ex", 0)  # type: ignore[method-assign]
socket.socket.sendto = _guarded("sendto", -1)  # type: ignore[method-assign]
socket.getaddrinfo = _getaddrinfo
