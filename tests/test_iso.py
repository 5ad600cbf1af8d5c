"""tests/test_iso.py - the bootable ISO: GRUB's menu over the serial port,
its default entry to init and the shell from the initramfs (GRUB's module
line), its lowmem entry, its ktest entry, and its kernel-monitor entry."""
import re

import qemu

MENU_HINT = "Use the ^ and v keys"


def shell_prompt(c):
    c.expect_exact("Tessera init: starting /bin/sh")
    c.expect_exact("$ ")


def test_default_entry_runs_the_shell_from_the_initramfs(console):
    c = console(iso=True, debug_exit=False, timeout=90)
    c.expect_exact(MENU_HINT)
    c.send("\r")
    c.expect_exact("Boot loader: GRUB")
    c.expect(r"initramfs: module 0: \d+ files")
    shell_prompt(c)
    c.send("echo a b | wc\r")
    c.expect_exact("1 2 4")
    c.send("exit 0\r")
    c.expect_exact("init exited with status 0")
    assert c.wait_exit() == 0, c.why("ACPI power-off")


def test_lowmem_entry_passes_its_parameter(console):
    c = console(iso=True, timeout=90)
    c.expect_exact(MENU_HINT)
    c.send("\x1b[B\r")
    c.expect_exact("Command line: console=ttyS0 lowmem=32M")
    c.expect(r"Memory: \d+k/\d+k available .*, 9\d{4}k highmem")
    shell_prompt(c)


def test_monitor_entry_without_initramfs(console):
    c = console(iso=True, debug_exit=False, timeout=90)
    c.expect_exact(MENU_HINT)
    c.send("\x1b[B\x1b[B\x1b[B\r")
    c.expect_exact("Command line: console=ttyS0")
    c.expect_prompt()
    assert c.run("cmdline").strip() == "console=ttyS0"
    c.send("poweroff\r")
    assert c.wait_exit() == 0, c.why("ACPI power-off")


def test_ktest_entry_runs_tests(console):
    c = console(iso=True, timeout=90)
    c.expect_exact(MENU_HINT)
    c.send("\x1b[B\x1b[B\r")
    c.expect(r"ktest: (\d+) passed, (\d+) failed")
    passed, failed = map(int, c.child.match.groups())
    assert passed > 0 and failed == 0, c.why("ktest entry")
    assert c.wait_exit() == qemu.EXIT_PASS
