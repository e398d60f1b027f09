"""Markdown reader throughput and the bench phrase count, on a corpus from make_corpus.py.

    python3 /work/shared/bench/make_corpus.py --size small --out /tmp/corpus-readers
    .venv/bin/python bench/markdown_reader.py /tmp/corpus-readers/small /work/shared/bench/phrases.txt

Prints the reader's MB/s (parse + view, one core, best of three runs), the whole check's MB/s (read + one
combined phrase scan + findings, one core) and the number of findings. With the bench's
262 phrases as one pack and front matter skipped entirely (as the peer linters do:
``front_matter_prose: []``), the small corpus must give 6,938 (shared/bench/README.md);
with the default prose keys (title, description …) the front matter adds its own findings.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

from smlint.api import Linter, LintOptions
from smlint.readers.markdown import read


def phrase_pack(phrases_file: str, folder: str) -> str:
    """One pack, one phrase rule holding every phrase of ``phrases_file``."""
    phrases = [p.strip() for p in Path(phrases_file).read_text(encoding="utf-8").splitlines() if p.strip()]
    pack = {"pack": "bench", "language": "any", "kind": "copy", "description": "bench phrases",
            "owner": "marketing", "rules": [{
                "id": "phrase", "kind": "phrase", "severity": "warning", "phrases": phrases,
                "message": "bench phrase '{match}'", "description": "bench", "why": "bench",
                "examples": {"bad": [phrases[0]], "good": ["plain words"]}}]}
    path = Path(folder) / "bench.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    return str(path)


def main(corpus: str, phrases_file: str) -> None:
    files = sorted(Path(corpus).rglob("*.md"))
    texts = [(str(f), f.read_text(encoding="utf-8")) for f in files]
    mb = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6
    print(f"{len(files)} files, {mb:.1f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        linter = Linter(LintOptions(packs=(phrase_pack(phrases_file, tmp),), lang="en"))
        for label, options in (("front matter skipped", {"front_matter_prose": []}),
                               ("default prose keys", {})):
            read_s = check_s = read_cpu = check_cpu = float("inf")
            for _ in range(3):  # best of three: the machine is shared
                started, cpu = time.perf_counter(), time.process_time()
                docs = [read(p, t, options) for p, t in texts]
                read_s, read_cpu = min(read_s, time.perf_counter() - started), min(read_cpu, time.process_time() - cpu)
                started, cpu = time.perf_counter(), time.process_time()
                count = sum(len(linter.check_document(d, "en")) for d in docs)
                check_s, check_cpu = (min(check_s, time.perf_counter() - started),
                                      min(check_cpu, time.process_time() - cpu))
            print(f"[{label}] findings: {count}\n"
                  f"  markdown reader: {mb / read_s:.1f} MB/s wall, {mb / read_cpu:.1f} MB/s CPU (one core)\n"
                  f"  read + check:    {mb / (read_s + check_s):.1f} MB/s wall, "
                  f"{mb / (read_cpu + check_cpu):.1f} MB/s CPU (one core)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
