"""tests/test_monitor.py - the kernel monitor over the serial console:
commands, line editing, history, the oops report, reboot and power-off."""
import re

import pytest

import qemu

COMMANDS = ["help", "meminfo", "memmap", "buddyinfo", "zoneinfo", "vmstat",
            "min_free_kbytes", "cpuinfo", "uptime", "dmesg", "irqs", "cmdline",
            "sym", "ktest", "fault", "reboot", "poweroff", "pt", "kmaps",
            "vmallocinfo", "ps", "lockdep", "ls", "cat"]


def test_commands_report_the_machine(console):
    c = console(mem=128, smp=2)
    c.expect_prompt()
    out = c.run("help")
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s", out, re.M), c.why(f"help lacks {name}")

    names = re.findall(r"^  (\S+)\s", out, re.M)
    assert names == sorted(names), c.why("help lists the commands by name")

    out = c.run("memmap")
    assert re.search(r"\[mem 0x0+-0x0+9[0-9a-f]{4}\] usable", out), c.why("no low RAM range")
    m = re.search(r"Usable RAM:\s+(\d+) kB", out)
    assert m and 120 * 1024 < int(m.group(1)) <= 128 * 1024, c.why("usable RAM off")

    out = c.run("cpuinfo")
    assert re.search(r"vendor_id\s+: \w+", out) and "model name" in out
    assert re.findall(r"processor\s+: (\d+)", out) == ["0", "1"], c.why("both CPUs listed")
    assert "CPUs online: 2 (found in the ACPI MADT: 2)" in out, c.why("MADT lists 2 CPUs")

    out = c.run("ps")
    assert re.search(r"^\s+0 swapper/0\s+R\s+0\s+40\s", out, re.M), c.why("idle task in ps")
    assert re.search(r"^\s+1 init\s+R\s+\d\s+20\s", out, re.M), c.why("init runs the monitor")
    assert re.search(r"^\s+\d+ events/1\s+[SD]\s+1\s", out, re.M), c.why("a bound worker")

    out = c.run("uptime")
    assert re.search(r"up 0:00:\d\d .*jiffies \d+ at 100 Hz", out), c.why("uptime")

    out = c.run("dmesg")
    assert "Tessera version" in out and "Command line: console=ttyS0" in out

    out = c.run("sym start_kernel")
    assert re.search(r"^c0[0-9a-f]{6} start_kernel\+0x0/0x[0-9a-f]+", out, re.M), out

    out = c.run("irqs")
    assert re.search(r"^LOC:\s+[1-9]\d*\s+[1-9]\d*\s+Local timer", out, re.M), \
        c.why("each CPU's local timer ticks")
    assert re.search(r"^\s+4:\s+\d+\s+\d+\s+IO-APIC-edge\s+serial", out, re.M), c.why("serial")

    out = c.run("frobnicate now")
    assert "frobnicate: unknown command" in out

    c.send("poweroff\r")
    c.expect_exact("Power down")
    c.wait_exit()


def test_cat_reads_proc_files_as_a_user_read_does(console):
    """The monitor's cat opens and reads through the file's own read, as
    read() does, so /proc files (rendered at open) show their text, not
    their empty ramfs-like size 0; a whole file arrives, byte for byte."""
    c = console()
    c.expect_prompt()
    out = c.run("cat /proc/version")
    assert re.search(r"^Linux version \S+ \(Tessera", out, re.M), c.why("/proc/version")
    out = c.run("cat /proc/meminfo")
    for field in ("MemTotal", "MemFree", "LowTotal", "LowFree", "VmallocTotal"):
        assert re.search(rf"^{field}:\s+\d+ kB\r?$", out, re.M), c.why(f"meminfo's {field}")
    out = c.run("cat /proc/nonexistent")
    assert "cat: /proc/nonexistent: error -2" in out, c.why("a missing file")
    out = c.run("cat /proc")
    assert "cat: /proc: error -21" in out, c.why("a directory: EISDIR")


def test_poweroff_uses_acpi(console):
    c = console(debug_exit=False)
    c.expect_prompt()
    c.send("poweroff\r")
    assert c.wait_exit() == 0, c.why("ACPI power-off should end QEMU with status 0")


def test_line_editing_and_history(console):
    c = console()
    c.expect_prompt()
    # Backspace: "hx<BS>elp" is "help".
    c.send("hx\x7felp\r")
    c.expect_exact("list the monitor's commands")
    c.expect_prompt()
    # Ctrl-U kills the line typed so far.
    c.send("garbage\x15uptime\r")
    c.expect(r"up 0:00:\d\d")
    c.expect_prompt()
    # Left arrow twice, insert: "cmdlie" + <- + "n" ... gives "cmdline".
    c.send("cmdlie\x1b[Dn\x1b[C\r")
    c.expect_exact("console=ttyS0")
    c.expect_prompt()
    # Up arrow recalls the previous command.
    c.send("\x1b[A\r")
    c.expect_exact("console=ttyS0")
    c.expect_prompt()
    # Up twice reaches the one before it.
    c.send("\x1b[A\x1b[A\r")
    c.expect(r"up 0:00:\d\d")
    c.expect_prompt()


def test_unknown_parameters_are_reported(console):
    c = console("console=ttyS0 quiet foo=bar")
    c.expect_exact('Unknown kernel command line parameters "quiet foo", will be ignored')
    c.expect_prompt()


def test_invalid_parameter_value_is_reported(console):
    c = console("console=ttyS0 lowmem=banana")
    c.expect_exact("kernel parameter lowmem: invalid value 'banana'")
    c.expect_prompt()


SYM = r"\[<c0[0-9a-f]{6}>\] "
PANIC_PF = "Kernel panic - not syncing: Fatal exception: page fault"

# Each `fault KIND` and what its report must show, in order.  Regexes
# unless marked with a leading "=" (exact text).
FAULTS = {
    "null": [
        "=BUG: kernel NULL pointer dereference, address: 00000010",
        r"EIP: 0008:\[<c0[0-9a-f]{6}>\] EFLAGS: [0-9a-f]{8}\s+cmd_fault\+0x",
        r"CR0: [0-9a-f]{8} CR2: 00000010",
        "=Call Trace:",
        SYM + r"cmd_fault\+0x[0-9a-f]+/0x[0-9a-f]+",
        SYM + r"monitor_exec\+0x",
        SYM + r"kernel_init\+0x",
        "=" + PANIC_PF,
    ],
    "stack": [
        r"PANIC: double fault on CPU#\d, kernel stack probably overflowed",
        r"EIP: 0008:\[<c0[0-9a-f]{6}>\] EFLAGS: [0-9a-f]{8}\s+cmd_fault\+0x",
        r"ESP: 00001000",
        SYM + r"monitor_exec\+0x",
        # The panic names the task whose stack ran out (the monitor runs
        # as init, pid 1), not the double-fault stack's "?/-1".
        r"Kernel panic - not syncing: double fault \(CPU#\d, init/1\)",
    ],
    "text": [
        r"BUG: write to read-only kernel text/rodata at c0[0-9a-f]{6}",
        r"Oops: page fault, error 0003",
        SYM + r"(fault_text|cmd_fault)\+0x",
        "=" + PANIC_PF,
    ],
    "deadlock": [
        r"BUG: spinlock recursion on CPU#\d, lock &lock, init/1",
        "=Call Trace:",
        SYM + r"(fault_deadlock|cmd_fault)\+0x",
        "=Kernel panic - not syncing: spinlock recursion: this CPU would spin on &lock forever",
    ],
    "vmalloc": [
        r"BUG: unable to handle kernel paging request at [c-f][0-9a-f]{7}",
        r"in the vmalloc area \(a guard page: ran off the end of an area\): "
        r"page not present on write, kernel mode",
        SYM + r"(fault_vmalloc|cmd_fault)\+0x",
        "=" + PANIC_PF,
    ],
}


@pytest.mark.parametrize("kind", FAULTS)
def test_fault_report_is_symbolized_and_ends_the_machine(console, kind):
    c = console("console=ttyS0 lock_debug" if kind == "deadlock" else "console=ttyS0")
    c.expect_prompt()
    c.send(f"fault {kind}\r")
    for want in FAULTS[kind]:
        if want.startswith("="):
            c.expect_exact(want[1:])
        else:
            c.expect(want)
    assert c.wait_exit() == qemu.EXIT_PANIC, c.why("a fatal fault must exit via isa-debug-exit")


def test_reboot_restarts_the_machine(console):
    c = console()
    c.expect_prompt()
    c.send("reboot\r")
    c.expect_exact("Restarting system")
    assert c.wait_exit() == 0, c.why("with -no-reboot a reset ends QEMU")


@pytest.mark.parametrize("cpus", [1, 4, 8])
def test_cpuinfo_lists_every_cpu(console, cpus):
    c = console(smp=cpus)
    c.expect_prompt()
    out = c.run("cpuinfo")
    assert re.findall(r"processor\s+: (\d+)", out) == [str(i) for i in range(cpus)], \
        c.why(f"{cpus} CPUs in cpuinfo")
    assert f"CPUs online: {cpus} " in out, c.why("online count")
