"""A minimal LSP client for the tests: JSON-RPC with Content-Length framing over a subprocess's
stdio, written by hand so the server is checked against the protocol, not against pygls itself."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time

TIMEOUT = 20.0  # seconds to wait for one message (a loaded CI machine; a healthy run takes < 1 s)


class Client:
    def __init__(self, cwd: str, stderr, cache: str) -> None:
        env = {**os.environ, "SMLINT_CACHE_DIR": cache}  # never the user's ~/.cache (tests/conftest.py)
        self.proc = subprocess.Popen([sys.executable, "-m", "smlint", "server"], cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=stderr, env=env)
        self.inbox: queue.Queue = queue.Queue()
        self.seen: list[dict] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            self.inbox.put(json.loads(out.read(int(headers["content-length"])).decode("utf-8")))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params) -> object:
        self.next_id += 1
        rid = self.next_id
        self.send({"id": rid, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == rid and "method" not in m)
        assert "error" not in reply, reply
        return reply["result"]

    def wait(self, wanted, timeout: float = TIMEOUT) -> dict:
        """The first message (already seen or still to come) that ``wanted`` accepts; it is consumed."""
        for m in self.seen:
            if wanted(m):
                self.seen.remove(m)
                return m
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, f"no such message within {timeout} s; got {self.seen}"
            try:
                m = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            assert m is not None, "the server closed its output"
            if "method" in m and "id" in m:  # a request from the server: answer as a client does
                self.send({"id": m["id"], "result": None})
                continue
            if wanted(m):
                return m
            self.seen.append(m)

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict]:
        """The next publishDiagnostics for ``uri`` (of ``version`` when given)."""
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri and (version is None or m["params"].get("version") == version))
        return m["params"]["diagnostics"]


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def apply_edits(text: str, edits: list[dict]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to ``text`` as an editor does, last first."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(pos: dict) -> int:
        before = sum(len(line) for line in lines[:pos["line"]])
        line, units, i = lines[pos["line"]] if pos["line"] < len(lines) else "", 0, 0
        while units < pos["character"]:
            units += utf16(line[i])
            i += 1
        return before + i

    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                    reverse=True):
        text = text[:offset(e["range"]["start"])] + e["newText"] + text[offset(e["range"]["end"]):]
    return text
