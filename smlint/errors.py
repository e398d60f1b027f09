"""Errors that end a run with exit code 2 and a clear message instead of a traceback."""
from __future__ import annotations


class SmlintError(Exception):
    """Base class: a usage, configuration or pack error. ``str()`` is the user-facing message."""


class SourceError(SmlintError):
    """An error at a place in a YAML/JSON file: ``file:line:col: field.path: message``."""

    def __init__(self, path: str, message: str, line: int | None = None,
                 column: int | None = None, field: str | None = None) -> None:
        self.path, self.line, self.column, self.field, self.message = path, line, column, field, message
        super().__init__(self.render())

    def render(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class PackError(SourceError):
    """A rule pack that does not load, validate or compile."""


class ConfigError(SourceError):
    """A configuration file or option that is wrong."""
