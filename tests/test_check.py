"""tests/test_check.py - static checking as Linux does it (docs/checking.md).

`make check` runs Debian's sparse over every kernel source with the
kernel's flags and must be silent: a user pointer dereferenced, a per-CPU
symbol used without per_cpu(), a device register read like memory, or a
function that leaves a lock held without saying so fails the test run.
And so that a checker that stopped checking cannot pass unnoticed,
tests/check/mistakes.c makes each of those mistakes on purpose: sparse
must report every line marked MISTAKE with the words the mark gives, and
nothing else."""
import pathlib
import re
import subprocess

import qemu

ROOT = pathlib.Path(qemu.ROOT)
MISTAKES = "tests/check/mistakes.c"
WARNING = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+):\d+: (?:warning|error): (?P<text>.*)$")


def make_check(*args):
    return subprocess.run(["make", "-s", "check", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def test_make_check_is_clean():
    # A check of the mistakes file runs meanwhile, as make test's other
    # worker may do: each run must judge its own output (they once shared
    # build/check.log, and the clean check reported the mistakes).
    clean = subprocess.Popen(["make", "-s", "check"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert make_check(f"CHECKSRC={MISTAKES}").returncode != 0
    stdout, stderr = clean.communicate(timeout=600)
    res = subprocess.CompletedProcess(clean.args, clean.returncode, stdout, stderr)
    out = res.stdout + res.stderr
    assert res.returncode == 0, "sparse warns:\n" + out
    assert not [line for line in out.splitlines() if WARNING.match(line)], out


def test_checker_catches_each_mistake():
    marks = {}
    for n, line in enumerate((ROOT / MISTAKES).read_text().splitlines(), 1):
        m = re.search(r"/\* MISTAKE: (.*?) \*/", line)
        if m:
            marks[n] = m.group(1)
    assert len(marks) >= 5, "the mistakes file lost its marks"
    res = make_check(f"CHECKSRC={MISTAKES}")
    assert res.returncode != 0, "make check passed a file full of mistakes"
    reported = {}
    for line in (res.stdout + res.stderr).splitlines():
        m = WARNING.match(line)
        if m:
            assert m.group("file") == MISTAKES, f"a warning outside the file: {line}"
            reported.setdefault(int(m.group("line")), []).append(m.group("text"))
    for n, want in sorted(marks.items()):
        assert any(want in text for text in reported.get(n, [])), \
            f"{MISTAKES}:{n}: sparse did not report '{want}' (it said: {reported.get(n)})"
    unexpected = sorted(set(reported) - set(marks))
    assert not unexpected, f"warnings on lines without a mistake: {unexpected} {reported}"
