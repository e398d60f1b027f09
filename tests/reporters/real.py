"""A real run: lint files on disk with the built-in packs and build the Report the CLI would."""
from __future__ import annotations

from pathlib import Path

from smlint.api import Linter, LintOptions
from smlint.reporters import Report


def real_report(folder: Path, files: dict[str, str], lang: str = "en") -> Report:
    """Write ``files`` under ``folder``, lint them, and return a Report with paths relative to it."""
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    linter = Linter(LintOptions(lang=lang))
    result = linter.lint_paths([str(folder / name) for name in files])
    sources = {str(folder / name): text for name, text in files.items()}
    return Report(findings=sorted(result.findings, key=lambda f: f.sort_key()), rules=result.rules,
                  errors=result.errors, stats=result.stats, sources=sources, version="1.0", root=str(folder))
