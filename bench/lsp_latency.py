"""How long `smlint server` makes a writer wait: didOpen → diagnostics (the first one compiles the
packs), didChange → diagnostics (includes the server's 0.15 s pause after typing), hover and
codeAction round trips. The built-in packs, no config, on examples/en/spring-email.html.

    python bench/lsp_latency.py [--changes 20] [--cache DIR]

Without --cache the parse cache is a fresh temporary folder (a first start on a new machine);
run it twice with the same --cache for a start with a warm cache. Speaks LSP over stdio with the
tests' hand-written client (tests/lsp/client.py).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.lsp.client import Client  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=20)
    ap.add_argument("--cache", help="parse cache folder (default: a fresh temporary one)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="smlint-lsp-bench-"))
    (work / ".git").mkdir()
    doc = work / "spring-email.html"
    shutil.copy(ROOT / "examples" / "en" / "spring-email.html", doc)
    text = doc.read_text(encoding="utf-8")
    with open(work / "server.log", "wb") as log:
        started = time.perf_counter()
        c = Client(str(work), log, args.cache or str(work / "cache"))
        c.request("initialize", {"processId": None, "rootUri": work.as_uri(), "capabilities": {}})
        c.notify("initialized", {})
        initialized = time.perf_counter()
        uri = doc.as_uri()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "html", "version": 1,
                                                           "text": text}})
        found = c.diagnostics(uri, version=1)
        opened = time.perf_counter()
        changes = []
        for version in range(2, args.changes + 2):
            t0 = time.perf_counter()
            text += "\n"
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                "contentChanges": [{"text": text}]})
            c.diagnostics(uri, version=version)
            changes.append(time.perf_counter() - t0)
        at = found[0]["range"]
        hovers = [_timed(c.request, "textDocument/hover", {"textDocument": {"uri": uri}, "position": at["start"]})
                  for _ in range(args.changes)]
        code_actions = [_timed(c.request, "textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": at, "context": {"diagnostics": [found[0]]}})
            for _ in range(args.changes)]
        c.request("shutdown", None)
        c.notify("exit", None)
        c.proc.wait(timeout=30)
    print(f"{len(found)} diagnostics on {doc.name} ({len(text.encode())} bytes)")
    print(f"start + initialize: {initialized - started:.2f} s; didOpen → diagnostics: {opened - initialized:.2f} s")
    for name, times in (("didChange → diagnostics", changes), ("hover", hovers), ("codeAction", code_actions)):
        print(f"{name}: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
              f"({len(times)} times)")
    shutil.rmtree(work)


def _timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
