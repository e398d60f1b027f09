"""The progress bar: only on a terminal, only for slow runs, only for the text format."""
from __future__ import annotations

import io

import smlint.progress as progress_mod
from smlint.progress import Progress
from tests.workflow.conftest import DEMO_PACK


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bar_appears_only_after_the_delay_and_is_erased():
    stream, clock = FakeTTY(), Clock()
    bar = Progress(4, stream, clock)
    bar.advance()
    assert stream.getvalue() == ""  # a quick start draws nothing
    clock.now += 0.6
    bar.advance()
    assert stream.getvalue() == "\rsmlint [###############...............] 2/4 files"
    clock.now += 0.01
    bar.advance()  # too soon after the last draw
    assert stream.getvalue().count("\r") == 1
    bar.advance()  # the last file is always drawn
    assert stream.getvalue().endswith("\rsmlint [##############################] 4/4 files")
    bar.close()
    assert stream.getvalue().endswith("\r" + " " * len(bar.line()) + "\r")


def test_no_bar_when_stderr_is_not_a_terminal():
    stream, clock = io.StringIO(), Clock()
    bar = Progress(3, stream, clock)
    clock.now += 5
    for _ in range(3):
        bar.advance()
    bar.close()
    assert stream.getvalue() == ""


def test_fast_runs_leave_no_trace():
    stream = FakeTTY()
    bar = Progress(2, stream, Clock())
    bar.advance(), bar.advance(), bar.close()
    assert stream.getvalue() == ""


def test_cli_draws_for_text_and_never_for_machine_formats(project, monkeypatch):
    """With the delay at zero and stderr a terminal, text runs draw the bar and json runs do not."""
    monkeypatch.setattr(progress_mod, "DELAY", 0.0)
    monkeypatch.setattr(progress_mod, "_is_tty", lambda stream: True)
    for i in range(3):
        project.write(f"f{i}.txt", "Act now.\n")
    text = project.run("check", "--pack", DEMO_PACK, ".")
    assert "smlint [" in text.stderr and "/3 files" in text.stderr
    assert "smlint [" not in text.stdout
    machine = project.run("check", "--pack", DEMO_PACK, "--format", "json", ".")
    assert machine.stderr == ""
    quiet = project.run("check", "--pack", DEMO_PACK, "-q", ".")
    assert quiet.stderr == ""
