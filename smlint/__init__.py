"""smlint — a linter that keeps marketing and sales honest with each other and with customers.

The public API lives in :mod:`smlint.api`; the names below are re-exported lazily so that
``smlint --version`` does not pay for importing the engine.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_paths", "Finding", "Severity", "Location"]


def __getattr__(name: str):  # PEP 562: lazy re-exports
    if name in ("lint_text", "lint_paths", "load_packs", "LintResult"):
        from smlint import api

        return getattr(api, name)
    if name in ("Finding", "Severity", "Location"):
        from smlint import model

        return getattr(model, name)
    raise AttributeError(f"module 'smlint' has no attribute {name!r}")
