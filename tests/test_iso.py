"""tests/test_iso.py - the bootable ISO: GRUB's menu over the serial port,
its default entry to the monitor, and its ktest entry."""
import re

import qemu

MENU_HINT = "Use the ^ and v keys"


def test_default_entry_reaches_monitor(console):
    c = console(iso=True, debug_exit=False, timeout=90)
    c.expect_exact(MENU_HINT)
    c.send("\r")
    c.expect_exact("Boot loader: GRUB")
    c.expect_exact("Command line: console=ttyS0")
    c.expect_prompt()
    assert c.run("cmdline").strip() == "console=ttyS0"
    c.send("poweroff\r")
    assert c.wait_exit() == 0, c.why("ACPI power-off")


def test_lowmem_entry_passes_its_parameter(console):
    c = console(iso=True, timeout=90)
    c.expect_exact(MENU_HINT)
    c.send("\x1b[B\r")
    c.expect_exact("Command line: console=ttyS0 lowmem=32M")
    c.expect_prompt()
    assert "Low memory:      32768 kB" in c.run("memmap")
    assert re.search(r"^HighTotal:\s+9\d{4} kB$", c.run("meminfo"), re.M)


def test_ktest_entry_runs_tests(console):
    c = console(iso=True, timeout=90)
    c.expect_exact(MENU_HINT)
    c.send("\x1b[B\x1b[B\r")
    c.expect(r"ktest: (\d+) passed, (\d+) failed")
    passed, failed = map(int, c.child.match.groups())
    assert passed > 0 and failed == 0, c.why("ktest entry")
    assert c.wait_exit() == qemu.EXIT_PASS
