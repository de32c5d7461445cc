"""The language server, driven over stdio by a real client as an editor would."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

PACKS = Path(__file__).parent / "itest_pack"
TIMEOUT = 20


class Client:
    """A minimal LSP client: Content-Length framing, requests with ids, a message queue."""

    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tonelint", "lsp"], cwd=cwd,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate(timeout=TIMEOUT)  # closes the pipes

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            headers: dict[str, str] = {}
            while (line := out.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if not headers:
                return
            self.messages.put(json.loads(out.read(int(headers["content-length"]))))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any] | None = None) -> None:
        self.send({"method": method, **({"params": params} if params is not None else {})})

    def request(self, method: str, params: dict[str, Any] | None = None) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, **({"params": params} if params is not None else {})})
        reply = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)
        assert "error" not in reply, reply
        return reply["result"]

    def wait(self, wanted: Any) -> dict[str, Any]:
        while True:
            try:
                message = self.messages.get(timeout=TIMEOUT)
            except queue.Empty:
                raise AssertionError("no answer from the server") from None
            if wanted(message):
                return message

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri)
        return message["params"]["diagnostics"]


@pytest.fixture
def client(tmp_path: Path):
    pytest.importorskip("pygls", reason="needs the lsp extra")
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    c = Client(elsewhere)  # not the project folder: config must be found from the file
    c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    c.notify("initialized", {})
    yield c
    c.close()


def project(folder: Path, select: str) -> Path:
    folder.mkdir(parents=True)
    (folder / ".tonelint.yaml").write_text(f"rules: [{json.dumps(str(PACKS))}]\nselect: [{select}]\n")
    return folder


def open_draft(client: Client, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text,
    }})
    return uri


def test_diagnostics_fixes_and_clean_exit(client: Client, tmp_path: Path) -> None:
    folder = project(tmp_path / "proj", "itest")
    # The emoji is two UTF-16 units: LSP columns must count them so.
    uri = open_draft(client, folder / "draft.txt", "Hello,\n🙂 Sadly you ruined the launch.\n")
    diags = sorted(client.diagnostics(uri), key=lambda d: d["range"]["start"]["character"])
    assert [(d["code"], d["severity"], d["source"]) for d in diags] == [
        ("TL9902", 2, "tonelint"), ("TL9901", 1, "tonelint"),
    ]
    sadly, blame = diags
    assert sadly["range"] == {"start": {"line": 1, "character": 3}, "end": {"line": 1, "character": 8}}
    assert blame["range"] == {"start": {"line": 1, "character": 9}, "end": {"line": 1, "character": 19}}
    assert "itest.you-ruined" in blame["message"]
    assert sadly["codeDescription"] == {"href": "https://example.com/tonelint/rules/itest.sadly"}
    assert "codeDescription" not in blame  # no link: the rule id is in the message

    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": sadly["range"],
        "context": {"diagnostics": [sadly], "only": ["quickfix"]},
    })
    assert len(actions) == 1
    assert actions[0]["kind"] == "quickfix"
    assert actions[0]["edit"]["changes"] == {uri: [{"range": sadly["range"], "newText": "Unfortunately"}]}

    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": "Hello,\nThe launch slipped; here is what happens next.\n"}],
    })
    assert client.diagnostics(uri) == []

    assert client.request("shutdown") is None
    client.notify("exit")
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_each_file_gets_its_own_folders_config(client: Client, tmp_path: Path) -> None:
    text = "Sadly you ruined it.\n"
    blame_only = open_draft(client, project(tmp_path / "a", "itest.you-ruined") / "x.txt", text)
    assert [d["code"] for d in client.diagnostics(blame_only)] == ["TL9901"]
    wording_only = open_draft(client, project(tmp_path / "b", "itest.sadly") / "x.txt", text)
    assert [d["code"] for d in client.diagnostics(wording_only)] == ["TL9902"]


def test_a_broken_config_is_reported_on_the_file(client: Client, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / ".tonelint.yaml").write_text("selekt: [x]\n")
    diags = client.diagnostics(open_draft(client, folder / "d.txt", "Hello.\n"))
    assert len(diags) == 1 and diags[0]["severity"] == 1
    assert "selekt" in diags[0]["message"] and ".tonelint.yaml" in diags[0]["message"]


def test_without_pygls_lsp_says_which_extra_to_install(tmp_path: Path) -> None:
    block = ("import sys; sys.modules['pygls'] = sys.modules['lsprotocol'] = None; "
             "from tonelint.cli import main; main()")
    proc = subprocess.run([sys.executable, "-c", block, "lsp"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=TIMEOUT, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "tonelint: error: the language server needs pygls: pip install 'tonelint[lsp]'"


def test_saving_after_a_config_change_lints_with_the_new_config(client: Client, tmp_path: Path) -> None:
    folder = project(tmp_path / "p", "itest.you-ruined")
    uri = open_draft(client, folder / "x.txt", "Sadly you ruined it.\n")
    assert [d["code"] for d in client.diagnostics(uri)] == ["TL9901"]
    config = folder / ".tonelint.yaml"
    config.write_text(config.read_text().replace("itest.you-ruined", "itest.sadly"))
    stamp = config.stat().st_mtime_ns + 10**9  # a coarse clock must still see a change
    os.utime(config, ns=(stamp, stamp))
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert [d["code"] for d in client.diagnostics(uri)] == ["TL9902"]


def test_fix_all_applies_every_replacement(client: Client, tmp_path: Path) -> None:
    uri = open_draft(client, project(tmp_path / "p", "itest") / "x.txt", "Sadly, reply asap.\n")
    diags = client.diagnostics(uri)
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": diags, "only": ["source.fixAll"]},
    })
    assert [a["kind"] for a in actions] == ["source.fixAll.tonelint"]
    edits = actions[0]["edit"]["changes"][uri]
    assert [(e["range"]["start"]["character"], e["range"]["end"]["character"], e["newText"]) for e in edits] == [
        (0, 5, "Unfortunately"), (13, 17, "soon"),
    ]
