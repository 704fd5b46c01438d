"""The console driven through a pseudo-terminal, keystroke by keystroke, as a person types.

Each test starts `python -m bot chat` on a new pty (the process's controlling terminal, so Ctrl-C
is a real SIGINT from the terminal) and waits for what the console prints, never for a time: a
prompt, an answer, the end of the output. The keys are the bytes a terminal sends (Up is ESC [ A,
Ctrl-C is 0x03, Ctrl-D 0x04).
"""

from __future__ import annotations

import os
import re
import select
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import INVENTED_STORY, PROJECT_ROOT

pty = pytest.importorskip("pty")

UP = b"\x1b[A"
CTRL_C = b"\x03"
CTRL_D = b"\x04"
PROMPT = b"> "
#: Generous guard against a hung console; reached only when an expected output never comes.
GUARD_SECONDS = 60
_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r")


class Console:
    """One console process on a pty, read until an expected text appears."""

    def __init__(self, state: Path) -> None:
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "KNOWLEDGE_DIR")},
            "TERM": "xterm",
            "INPUTRC": os.devnull,  # the tester's own readline settings must not change the keys
            "XDG_STATE_HOME": str(state),
        }
        argv = [sys.executable, "-m", "bot", "--knowledge", str(INVENTED_STORY), "chat"]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes the console
            os.chdir(PROJECT_ROOT)
            os.execve(sys.executable, argv, env)
        self.seen = b""

    def read_until(self, marker: bytes) -> bytes:
        """Everything up to and including the next `marker` (raw terminal bytes)."""
        while marker not in self.seen:
            ready, _, _ = select.select([self.fd], [], [], GUARD_SECONDS)
            assert ready, (
                f"no {marker!r} after {GUARD_SECONDS} s; the console showed:\n{self.text(self.seen)}"
            )
            chunk = self._read()
            assert chunk, f"the console ended before {marker!r}:\n{self.text(self.seen)}"
            self.seen += chunk
        before, _, self.seen = self.seen.partition(marker)
        return before + marker

    def _read(self) -> bytes:
        try:
            return os.read(self.fd, 65536)
        except OSError:  # EIO: the console has exited and closed the terminal
            return b""

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def ask(self, keys: bytes) -> str:
        """Type a line (Enter included) and return what came back before the next prompt."""
        self.type(keys + b"\r")
        return self.text(self.read_until(PROMPT).removesuffix(PROMPT))

    def wait_until_reading(self) -> None:
        """Until the console sits in its read of the terminal, so a Ctrl-C now interrupts that read.

        Python's readline loop checks for Ctrl-C only while it waits; a signal that lands in the
        microseconds before the wait begins is noticed at the next key. Linux says in /proc which
        kernel function a process sleeps in: select and poll sleep in poll_schedule_timeout.
        """
        wchan = Path(f"/proc/{self.pid}/wchan")
        if not wchan.exists():
            pytest.skip("needs Linux's /proc to see that the console waits for a key")
        for _ in range(10_000_000):
            state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state == "S" and ("poll" in wchan.read_text() or "select" in wchan.read_text()):
                return
            os.sched_yield()
        pytest.fail("the console never waited for a key")

    def finish(self) -> tuple[str, int]:
        """The rest of the output and the exit code, once the console has ended."""
        rest = b""
        while chunk := self._wait_and_read():
            rest += chunk
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return self.text(self.seen + rest), os.waitstatus_to_exitcode(status)

    def _wait_and_read(self) -> bytes:
        ready, _, _ = select.select([self.fd], [], [], GUARD_SECONDS)
        assert ready, "the console did not end"
        return self._read()

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

    @staticmethod
    def text(raw: bytes) -> str:
        """What a person sees, without the terminal's control sequences."""
        return _ESCAPES.sub(b"", raw).decode("utf-8", "replace")


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def console(state: Path) -> Iterator[Console]:
    started = Console(state)
    started.read_until(PROMPT)
    yield started
    started.kill()


def test_a_question_is_answered_and_exit_leaves(console: Console) -> None:
    assert "Anton Brandl" in console.ask(b"wer ist toni")
    console.type(b"exit\r")
    output, code = console.finish()
    assert code == 0
    assert "Traceback" not in output


@pytest.mark.parametrize("word", [b"exit", b"quit", b":q", b"EXIT"])
def test_each_word_to_leave_leaves_without_being_asked(console: Console, word: bytes) -> None:
    console.type(word + b"\r")
    output, code = console.finish()
    assert code == 0
    assert "weiß ich nichts" not in output and "Meintest du" not in output


@pytest.mark.parametrize("word", [b"hilfe", b"help"])
def test_help_says_what_one_can_ask_and_the_commands(console: Console, word: bytes) -> None:
    shown = console.ask(word)
    assert "Zum Beispiel:" in shown and "Wer ist Anton Brandl?" in shown
    assert "exit, quit, :q" in shown and "Stand des Wissens: 09.03.2030, 20:00 Uhr" in shown
    assert "weiß ich nichts" not in shown


def test_an_empty_line_does_nothing_and_the_console_stays(console: Console) -> None:
    assert console.ask(b"").strip() == ""
    assert console.ask(b"   ").strip() == ""
    assert "Wer darf abstimmen?" in console.ask(b"wer darf abstimmen")


def test_the_up_arrow_brings_back_the_last_question(console: Console) -> None:
    first = console.ask(b"wer ist toni")
    again = console.ask(UP)
    assert "^[[A" not in again
    assert "Anton Brandl" in first and "Anton Brandl" in again


def test_line_editing_moves_the_cursor_instead_of_printing_codes(console: Console) -> None:
    # "wer ist oni", Left x3, "t": the t lands where it belongs -> "wer ist toni".
    shown = console.ask(b"wer ist oni" + b"\x1b[D" * 3 + b"t")
    assert "Anton Brandl" in shown and "^[[D" not in shown


def test_history_is_kept_for_the_next_session(console: Console, state: Path) -> None:
    console.ask(b"wer darf abstimmen")
    console.type(b"exit\r")
    assert console.finish()[1] == 0
    assert (state / "nachrichtenlage" / "history").read_text(encoding="utf-8").splitlines()[-2:] == [
        "wer darf abstimmen",
        "exit",
    ]
    second = Console(state)
    try:
        second.read_until(PROMPT)
        assert "Wer darf abstimmen?" in second.ask(UP + UP)
    finally:
        second.kill()


def test_ctrl_d_leaves(console: Console) -> None:
    console.type(CTRL_D)
    output, code = console.finish()
    assert code == 0 and "Traceback" not in output


def test_ctrl_c_leaves_quietly(console: Console) -> None:
    console.wait_until_reading()
    console.type(CTRL_C)
    output, code = console.finish()
    assert code == 0
    assert "Traceback" not in output and "KeyboardInterrupt" not in output


def test_ctrl_c_with_a_half_typed_question_leaves_quietly(console: Console) -> None:
    console.type(b"wer ist")
    console.read_until(b"wer ist")
    console.wait_until_reading()
    console.type(CTRL_C)
    output, code = console.finish()
    assert code == 0 and "Traceback" not in output


def test_a_question_over_the_limit_says_it_was_cut(console: Console) -> None:
    question = b"wer ist toni " + b"und " * 150
    shown = console.ask(question)
    assert (
        f"Deine Frage ist {len(question.strip())} Zeichen lang; gelesen habe ich nur die ersten 500" in shown
    )
    assert "Anton Brandl" in shown
