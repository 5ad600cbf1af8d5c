"""tests/conftest.py - shared fixtures: build once per session, boot each
ktest configuration once however many tests read its output."""
import subprocess

import pytest

import qemu


@pytest.fixture(scope="session", autouse=True)
def built():
    """Build the kernel and ISO once; fail every test clearly if that fails."""
    res = subprocess.run(["make", "-s", "all"], cwd=qemu.ROOT,
                         capture_output=True, text=True)
    if res.returncode != 0:
        pytest.exit(f"build failed:\n{res.stdout}\n{res.stderr}", returncode=1)


_boots = {}


@pytest.fixture(scope="session")
def ktest_boot():
    """ktest_boot(append, mem=, smp=) -> qemu.Boot, cached per configuration."""
    def get(append, **kw):
        key = (append, tuple(sorted(kw.items())))
        if key not in _boots:
            _boots[key] = qemu.boot(append, **kw)
        return _boots[key]
    return get


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
