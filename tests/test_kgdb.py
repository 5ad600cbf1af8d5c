"""tests/test_kgdb.py - Debian's gdb against Tessera's own gdb stub
(kernel/debug/kgdb.c, gdbstub.c) on the second serial port, which QEMU
serves on a TCP socket: kgdbwait, breakpoints (software and hardware),
stepping, globals and struct fields, a hardware watchpoint firing on a
write, tasks as threads with a sleeping kthread's backtrace, a monitor
command's output, Ctrl-C break-in, detach; and an oops landing in gdb."""
import os
import re

import pexpect

import qemu

INITRD = str(qemu.ROOT / "build" / "initrd-plain.cpio")


class Gdb:
    """Debian's gdb, interactive (Ctrl-C needs a terminal)."""

    def __init__(self, port):
        self.child = pexpect.spawn(
            "gdb", ["-q", "-nx", "-ex", "set pagination off", "-ex", "set confirm off",
                    "-ex", "set remotetimeout 20", "-ex", f"file {qemu.KERNEL}"],
            env=dict(os.environ, TERM="dumb"), encoding="utf-8", codec_errors="replace",
            timeout=90)
        self.log = []
        self.child.logfile_read = self
        self.port = port
        self.prompt()

    def write(self, data):
        self.log.append(data)

    def flush(self):
        pass

    def why(self, message):
        return f"{message}\n--- gdb ---\n{qemu.tail(''.join(self.log), 60)}"

    def prompt(self):
        try:
            self.child.expect_exact("(gdb) ")
        except (pexpect.TIMEOUT, pexpect.EOF) as e:
            raise AssertionError(self.why(f"no gdb prompt: {type(e).__name__}"))
        return self.child.before

    def cmd(self, line):
        self.child.sendline(line)
        return self.prompt()

    def connect(self):
        return self.cmd(f"target remote 127.0.0.1:{self.port}")

    def close(self):
        self.child.close(force=True)


def machine(append, port, smp=2, initrd=True):
    extra = ["-serial", f"tcp:127.0.0.1:{port},server=on,wait=off"]
    if initrd:
        extra += ["-initrd", INITRD]
    return qemu.Console(f"console=ttyS0 kgdboc=ttyS1 {append}", smp=smp, mem=128, extra=extra)


def test_gdb_drives_the_kernel_through_its_own_stub():
    port = qemu.free_port()
    vm = machine("kgdbwait", port)
    try:
        vm.expect_exact("kgdb: waiting for gdb to connect (kgdbwait)")
        g = Gdb(port)
        out = g.connect()
        assert "kgdb_breakpoint" in out, g.why("stopped at kgdbwait's breakpoint")
        out = g.cmd("bt")
        assert "kgdb_init" in out and "start_kernel" in out, g.why("bt from kgdbwait")

        g.cmd("hbreak ide_init")                         # Z1: DR0
        out = g.cmd("continue")
        assert re.search(r"breakpoint \d+, ide_init", out, re.I), g.why("hbreak")
        g.cmd("delete")
        g.cmd("break populate_rootfs")                   # Z0: an int3 in the text
        out = g.cmd("continue")
        assert re.search(r"Breakpoint \d+, populate_rootfs", out), g.why("break")
        out = g.cmd("next")
        assert re.search(r"^\d+\t", out, re.M), g.why("next: a new line")
        out = g.cmd("print init_mm.pgd == swapper_pg_dir")
        assert "= 1" in out, g.why("a struct field and a global")
        out = g.cmd("print/x max_pfn")
        assert re.search(r"= 0x[0-9a-f]{4,}", out), g.why("a global")

        out = g.cmd("info threads")
        assert "kswapd" in out and re.search(r"CPU 1", out), g.why("tasks and CPUs as threads")
        m = re.search(r"^\s+(\d+)\s+Thread \d+ \(kswapd", out, re.M)
        assert m, g.why("kswapd's thread")
        g.cmd(f"thread {m.group(1)}")
        out = g.cmd("bt")
        assert "kswapd" in out and ("schedule" in out or "wait" in out), \
            g.why("a sleeping kthread's stack, from its saved context")
        g.cmd("thread 1")

        out = g.cmd("monitor uptime")
        assert re.search(r"up \d+:\d\d:\d\d", out), g.why("monitor: uptime")
        out = g.cmd("monitor help")
        assert "kgdb" in out and "vmallocinfo" in out, g.why("monitor: help")

        g.cmd("delete")
        g.cmd("watch -l jiffies")                         # Z2: written every tick
        out = g.cmd("continue")
        assert re.search(r"Hardware watchpoint \d+: -location jiffies", out) and \
            "New value" in out, g.why("a watchpoint on a write")
        g.cmd("delete")

        g.child.sendline("continue")
        g.child.expect_exact("Continuing.")
        vm.expect_exact("$ ")                            # user space is up
        g.child.sendintr()                                # Ctrl-C: 0x03 on the line
        out = g.prompt()
        assert "SIGINT" in out, g.why("Ctrl-C breaks in")
        out = g.cmd("bt")
        assert "#0" in out, g.why("bt after the break-in")
        g.cmd("detach")
        vm.send("echo alive-after-detach\r")
        vm.expect_exact("alive-after-detach\r")
        g.close()
    finally:
        vm.close()


def test_the_monitor_s_kgdb_and_an_oops_land_in_gdb():
    port = qemu.free_port()
    vm = machine("", port, smp=1, initrd=False)
    try:
        vm.expect_prompt()                               # the monitor
        g = Gdb(port)
        out = g.connect()                                # its packet breaks in
        assert re.search(r"0x[0-9a-f]+ in \w+", out), \
            g.why("stopped where the monitor waits")
        g.child.sendline("continue")
        g.child.expect_exact("Continuing.")
        vm.send("kgdb\r")                                # the monitor's way in
        out = g.prompt()
        assert "SIGTRAP" in out and ("cmd_kgdb" in out or "kgdb_breakpoint" in out), \
            g.why("monitor's kgdb command")
        g.child.sendline("continue")
        g.child.expect_exact("Continuing.")
        vm.expect_prompt()
        vm.send("fault null\r")
        out = g.prompt()
        assert "SIGSEGV" in out, g.why("the oops stops in gdb")
        out = g.cmd("bt")
        assert "fault_null" in out or "cmd_fault" in out, g.why("the faulting frame")
        g.child.sendline("continue")
        vm.expect_exact("Kernel panic")
        g.close()
    finally:
        vm.close()


def test_the_protocol_checks_sums_retransmits_and_refuses_long_packets():
    """Raw packets on the socket: a bad checksum is answered '-', a good one
    '+' and its reply; '-' after the reply gets the reply again; a packet
    longer than PacketSize is taken and answered with an error; D detaches
    and the kernel runs on."""
    import socket
    import time

    port = qemu.free_port()
    vm = machine("kgdbwait", port, smp=1, initrd=False)
    try:
        vm.expect_exact("kgdb: waiting for gdb to connect (kgdbwait)")
        s = socket.create_connection(("127.0.0.1", port), timeout=30)

        def packet(data):
            return f"${data}#{sum(data.encode()) % 256:02x}".encode()

        def read_until(end):
            buf = b""
            deadline = time.monotonic() + 30
            while not buf.endswith(end) and time.monotonic() < deadline:
                buf += s.recv(1)
            return buf

        def reply():
            data = read_until(b"#")
            return data + s.recv(2)

        s.sendall(b"$?#00")
        assert read_until(b"-") == b"-", "a bad checksum is refused"
        s.sendall(packet("?"))
        assert s.recv(1) == b"+"
        first = reply()
        assert re.match(rb"\$T05thread:[0-9a-f]+;#[0-9a-f]{2}$", first), first
        s.sendall(b"-")                                  # say it came garbled
        assert reply() == first, "sent again after '-'"
        s.sendall(b"+")
        s.sendall(packet("m" + "0" * 5000))
        assert s.recv(1) == b"+"
        assert reply() == packet("E1c"), "too long for PacketSize: an error, not a hang"
        s.sendall(b"+")
        s.sendall(packet("qSupported"))
        assert s.recv(1) == b"+"
        assert b"PacketSize=1000" in reply()
        s.sendall(b"+")
        s.sendall(packet("D"))
        assert s.recv(1) == b"+"
        assert reply() == packet("OK")
        s.sendall(b"+")
        s.close()
        vm.expect_prompt()                               # the boot went on
    finally:
        vm.close()


def test_a_watchpoint_finds_who_dropped_a_page_count():
    """The tour of docs/debugging.md: `fault pagecount` lends a page to a
    worker that puts it twice; the kernel's report blames the owner's
    later, correct put.  A watchpoint on the page's count, set through
    the stub while the command waits, stops at the change to 0 - in the
    worker."""
    port = qemu.free_port()
    vm = machine("", port, smp=2, initrd=False)
    try:
        vm.expect_prompt()
        g = Gdb(port)
        g.connect()
        g.child.sendline("continue")
        g.child.expect_exact("Continuing.")
        vm.send("fault pagecount\r")
        vm.expect(r"page (0x[0-9a-f]+) \(pfn")
        page = vm.child.match.group(1)
        g.child.sendintr()
        g.prompt()
        out = g.cmd(f"watch -l ((struct page *){page})->_count.counter")
        assert "Hardware watchpoint" in out, g.why("a hardware watchpoint on the count")
        for _ in range(4):
            out = g.cmd("continue")
            if "New value = 0" in out:
                break
        assert "New value = 0" in out, g.why("the count reaches 0")
        bt = g.cmd("bt")
        assert "pagecount_worker" in bt and "put_page" in bt, g.why("the culprit: the worker")
        g.cmd("delete")
        g.child.sendline("continue")
        vm.expect_exact("Bad page state: page count underflow")
        g.close()
    finally:
        vm.close()
