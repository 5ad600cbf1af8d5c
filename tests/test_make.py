"""tests/test_make.py - what the README's make targets say when Tessera
stops: `make run` and `make run-iso` end cleanly (status 0, no "make: *** Error") when the
user types `exit` at the shell, `make ktest` is 0 when every test passed
and fails, in words, when one did not.  QEMU's code is 2N+1 for status N
through isa-debug-exit; the Makefile's QEMU_STATUS turns it back."""
import subprocess

import pexpect
import pytest

import qemu


def make(*args, timeout=240):
    return subprocess.run(["timeout", str(timeout), "make", "-s", *args], cwd=qemu.ROOT,
                          capture_output=True, text=True)


def test_make_ktest_is_success_when_all_pass_and_fails_in_words_otherwise():
    res = make("ktest", "KTEST=buddy")
    assert "ktest: " in res.stdout and " 0 failed" in res.stdout, res.stdout[-2000:]
    assert res.returncode == 0 and "Error" not in res.stderr, res.stderr
    # A test that hangs on purpose, reported after 3 s: status 1, code 3.
    res = make("ktest", "KTEST=fault_hang ktest_timeout=3")
    assert res.returncode != 0, res.stdout[-2000:]
    assert "tessera: stopped with status 1 (QEMU exit code 3)" in res.stderr, res.stderr


@pytest.mark.parametrize("target", ["run", "run-iso"])
def test_make_run_ends_cleanly_when_the_shell_exits(target):
    """The kernel and initramfs straight from build/ (run), or the ISO
    through GRUB, its default entry after the timeout (run-iso); the
    shell's `exit`, power-off with status 0: make says nothing more."""
    child = pexpect.spawn("make", ["-s", target, "QEMU_DISPLAY=-display none"],
                          cwd=str(qemu.ROOT), encoding="utf-8", timeout=120,
                          codec_errors="replace")
    try:
        child.expect_exact("Tessera init: starting /bin/sh")
        child.expect_exact("$ ")
        child.send("exit\r")
        child.expect_exact("init exited with status 0")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert "Error" not in child.before, child.before
    assert child.exitstatus == 0, f"make run ended with {child.exitstatus}: {child.before}"
