"""Throughput of the HTML, CSV and YAML/JSON readers on copy built from the bench corpus.

    python3 /work/shared/bench/make_corpus.py --size small --out /tmp/corpus-readers
    .venv/bin/python bench/other_readers.py /tmp/corpus-readers/small

Each Markdown file's paragraphs become <p> elements (with entities and a link), CSV
rows (Headline + quoted Description), YAML items and JSON objects; the script prints
each reader's MB/s on one core (best of three).
"""
from __future__ import annotations

import html
import json
import sys
import time
from pathlib import Path

import yaml

from smlint.readers import get_reader


def paragraphs(corpus: str) -> list[list[str]]:
    out = []
    for f in sorted(Path(corpus).rglob("*.md")):
        text = f.read_text(encoding="utf-8")
        out.append([p.strip() for p in text.split("\n\n") if p.strip() and not p.startswith(("```", "---", "|"))])
    return out


def as_html(paras: list[str]) -> str:
    body = "\n".join(f'<p class="copy">{html.escape(p)} <a href="https://x.example/a?b=1&amp;c=2">more</a></p>'
                     for p in paras)
    return f"<html><head><title>Campaign</title><style>p{{margin:0}}</style></head><body>\n{body}\n</body></html>"


def as_csv(paras: list[str]) -> str:
    rows = ["Campaign,Headline 1,Description 1,Final URL"]
    rows += ['spring,"{}","{}",https://x.example'.format(p[:30].replace('"', '""'), p.replace('"', '""'))
             for p in paras]
    return "\n".join(rows) + "\n"


def main(corpus: str) -> None:
    docs = paragraphs(corpus)
    formats = {
        "html": ("a.html", [as_html(p) for p in docs]),
        "csv": ("a.csv", [as_csv(p) for p in docs]),
        "structured (yaml)": ("a.yaml", [yaml.safe_dump({"ads": [{"text": t} for t in p]}, allow_unicode=True)
                                          for p in docs]),
        "structured (json)": ("a.json", [json.dumps({"ads": [{"text": t} for t in p]}, ensure_ascii=False, indent=1)
                                          for p in docs]),
    }
    for label, (name, texts) in formats.items():
        read = get_reader(label.split()[0])
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for text in texts:
                read(name, text, {})
            best = min(best, time.perf_counter() - started)
        print(f"{label}: {mb:.1f} MB in {best:.2f} s, {mb / best:.1f} MB/s")


if __name__ == "__main__":
    main(sys.argv[1])
