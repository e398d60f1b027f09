"""A progress bar on stderr for big runs: ``files done / total`` (``smlint check``) or megabytes
read (``smlint leads``, whose exports are few and big).

Shown only when stderr is a terminal, only once the run has taken more than ``DELAY`` seconds
(a quick run should not flicker), and never for machine formats (the CLI decides that). It
redraws in place with ``\\r`` and erases itself at the end, so the report that follows on
stdout — or the terminal's scrollback — carries no trace of it.
"""
from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

DELAY = 0.5      # seconds before the bar first appears
INTERVAL = 0.1   # seconds between redraws
WIDTH = 30
MEGA = 1_000_000


class Progress:
    """Counts finished files and redraws the bar when enough time has passed."""

    def __init__(self, total: int, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic, unit: str = "files") -> None:
        self.total, self.done, self.unit = total, 0, unit
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.started = clock()
        self._drawn_at: float | None = None
        self.enabled = total > 0 and _is_tty(self.stream)

    def advance(self, n: int = 1) -> None:
        """``n`` more files (or bytes) done; draw if the run is slow enough and the last draw is old enough."""
        self.done = min(self.done + n, self.total)
        if not self.enabled:
            return
        now = self.clock()
        if now - self.started < DELAY:
            return
        if self._drawn_at is None or now - self._drawn_at >= INTERVAL or self.done == self.total:
            self._draw()
            self._drawn_at = now

    def close(self) -> None:
        """Erase the bar (if it was ever drawn)."""
        if self._drawn_at is not None:
            self.stream.write("\r" + " " * len(self.line()) + "\r")
            self.stream.flush()

    def line(self) -> str:
        filled = WIDTH * self.done // self.total if self.total else WIDTH
        if self.unit == "bytes":
            count = f"{self.done / MEGA:.1f}/{self.total / MEGA:.1f} MB"
        else:
            count = f"{self.done}/{self.total} {self.unit}"
        return f"smlint [{'#' * filled}{'.' * (WIDTH - filled)}] {count}"

    def _draw(self) -> None:
        self.stream.write("\r" + self.line())
        self.stream.flush()


def _is_tty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
