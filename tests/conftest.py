"""tests/conftest.py - shared fixtures: build once per session, boot each
ktest configuration once however many tests read its output; and, before
pytest's closing line, one line per layer saying what ran (tests passed,
failed, skipped per file) and one per ktest machine (its own counts from
the `ktest: N passed, N failed` and `N skipped` lines it printed)."""
import fcntl
import re
import subprocess
from collections import Counter, defaultdict

import pytest

import qemu


@pytest.fixture(scope="session", autouse=True)
def built():
    """Build the kernel and ISO once; fail every test clearly if that fails.
    Parallel workers (pytest-xdist) take turns: one builds, the others
    find everything up to date."""
    (qemu.ROOT / "build").mkdir(exist_ok=True)
    with open(qemu.ROOT / "build" / ".make.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        res = subprocess.run(["make", "-s", "all"], cwd=qemu.ROOT,
                             capture_output=True, text=True)
    if res.returncode != 0:
        pytest.exit(f"build failed:\n{res.stdout}\n{res.stderr}", returncode=1)


_boots = {}
_new_boots = []         # booted during the current test, not yet reported


@pytest.fixture(scope="session")
def ktest_boot():
    """ktest_boot(append, mem=, smp=) -> qemu.Boot, cached per configuration
    (per worker process when pytest-xdist runs the files in parallel)."""
    def get(append, **kw):
        key = (append, tuple(sorted(kw.items())))
        if key not in _boots:
            _boots[key] = qemu.boot(append, **kw)
            _new_boots.append(key)
        return _boots[key]
    return get


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A ktest machine booted by this test travels with its report (to the
    controlling process, under xdist) for the closing summary."""
    report = (yield).get_result()
    while _new_boots:
        append, kw = _new_boots.pop(0)
        machine = " ".join(f"{k}={v}" for k, v in kw) or "defaults"
        report.user_properties.append(
            ("ktest_machine", f"[{machine}] {append}: {_ktest_counts(_boots[(append, kw)].output)}"))


# What each layer (test file) did: outcome -> count, in the order run.
_layers = defaultdict(Counter)
LAYERS = {
    "test_host.py": "host unit tests (lib/)", "test_ktest.py": "ktests",
    "test_mm.py": "memory and SMP, benchmarks", "test_monitor.py": "the monitor",
    "test_initramfs.py": "the initramfs", "test_user.py": "user programs and the shell",
    "test_make.py": "make targets' exit statuses", "test_iso.py": "the ISO through GRUB",
    "test_gdb.py": "gdb", "test_check.py": "make check (sparse)", "test_tree.py": "the tree",
    "test_disk.py": "disks: PCI, IDE, the block layer",
    "test_blockdev.py": "block device files from user space",
    "test_swap.py": "swap areas on disks",
    "test_vmstat.py": "tools for watching reclaim",
    "test_reclaim.py": "memory pressure: reclaim, swap-out and swap-in",
    "test_compare.py": "make compare's table and chart (tools/compare.py)",
}


_machines = []


@pytest.hookimpl(tryfirst=True)         # before xdist reads the marks
def pytest_collection_modifyitems(items):
    """Under pytest-xdist's loadgroup, the ktest machines' tests stay on
    one worker (they share its cached boots); every other test goes to
    whichever worker is free."""
    for item in items:
        if item.nodeid.split("::")[0].endswith("test_ktest.py"):
            item.add_marker(pytest.mark.xdist_group(name="ktest_boots"))


def pytest_runtest_logreport(report):
    if report.when == "call" or report.outcome != "passed":
        _layers[report.nodeid.split("::")[0].split("/")[-1]][report.outcome] += 1
    _machines.extend(v for k, v in report.user_properties if k == "ktest_machine")


def _ktest_counts(output):
    m = re.search(r"ktest: (\d+) passed, (\d+) failed", output)
    skipped = re.search(r"ktest: (\d+) skipped", output)
    if not m:
        return "no summary line (hung or crashed)"
    return f"{m.group(1)} passed, {m.group(2)} failed, {skipped.group(1) if skipped else 0} skipped"


def pytest_terminal_summary(terminalreporter):
    """Printed before pytest's closing line."""
    if not _layers:
        return
    tr = terminalreporter
    tr.section("what ran")
    for layer, counts in _layers.items():
        what = ", ".join(f"{n} {o}" for o, n in sorted(counts.items()))
        tr.write_line(f"{LAYERS.get(layer, layer)} ({layer}): {what}")
        if layer == "test_ktest.py":
            for m in _machines:
                tr.write_line(f"    ktest machine {m}")


@pytest.fixture
def console():
    """Factory for interactive boots; every one is killed at teardown."""
    opened = []

    def start(append="console=ttyS0", **kw):
        c = qemu.Console(append, **kw)
        opened.append(c)
        return c
    yield start
    for c in opened:
        c.close()
