"""tests/test_gdb_session.py - `make gdb` as a student uses it: gdb in a
terminal, QEMU behind it.  Ctrl-C in gdb stops the guest and both go on
(QEMU used to share the terminal's process group and die of the SIGINT),
QEMU goes when gdb quits, a taken port 1234 is no obstacle, and
`make run GDB=1` + `make gdb-attach` (QEMU's stub) and `make run KGDB=1`
+ `make kgdb-attach` (Tessera's own) attach to a running machine."""
import os
import socket
import subprocess
import time

import pexpect
import pytest

import qemu

GDB_SH = str(qemu.ROOT / "tools" / "gdb.sh")
QEMU_ARGS = ["-append", "console=ttyS0", "-m", "128", "-smp", "2", "-net", "none"]


def qemu_alive(port):
    out = subprocess.run(["pgrep", "-f", f"tcp:127.0.0.1:{port}"], capture_output=True,
                         text=True).stdout
    return bool(out.strip())


def stop_with_ctrl_c(g):
    g.sendline("continue")
    g.expect_exact("Continuing.")
    time.sleep(1.5)
    g.sendintr()
    g.expect(r"received signal SIGINT", timeout=30)
    g.expect_exact("(gdb)")


def test_ctrl_c_stops_the_guest_and_quit_ends_qemu():
    port = str(qemu.free_port())
    g = pexpect.spawn(GDB_SH, ["start", str(qemu.KERNEL)] + QEMU_ARGS, cwd=str(qemu.ROOT),
                      env=dict(os.environ, GDB_PORT=port, TERM="dumb"), encoding="utf-8",
                      timeout=60)
    try:
        g.expect_exact("(gdb)")
        g.sendline("continue")
        g.expect(r"Breakpoint 1, start_kernel")
        g.expect_exact("(gdb)")
        for _ in range(2):                              # and again: both survived
            stop_with_ctrl_c(g)
            g.sendline("print jiffies > 0")
            g.expect_exact("= 1")
            g.sendline("bt")
            g.expect(r"#0 ")
            g.expect_exact("(gdb)")
            assert qemu_alive(port), "QEMU died of the Ctrl-C"
        g.sendline("quit")
        g.expect(pexpect.EOF)
    finally:
        g.close(force=True)
    for _ in range(50):
        if not qemu_alive(port):
            break
        time.sleep(0.1)
    assert not qemu_alive(port), "QEMU outlived gdb"


def test_a_taken_port_1234_gives_another_free_one():
    s = socket.socket()
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 1234))
        s.listen()
    except OSError:
        pass                                            # taken already: as good
    try:
        port = int(subprocess.run([GDB_SH, "port"], capture_output=True, text=True,
                                  check=True).stdout)
    finally:
        s.close()
    assert port != 1234
    free = socket.socket()
    free.bind(("127.0.0.1", port))                      # it is free
    free.close()


@pytest.mark.parametrize("stub,attach", [("GDB=1", "gdb-attach"), ("KGDB=1", "kgdb-attach")])
def test_gdb_attach_to_a_running_make_run(stub, attach):
    """QEMU's stub, or Tessera's own on ttyS1: gdb attaches to the running
    machine, reads a global, and quitting leaves the machine running."""
    make = pexpect.spawn("make", ["-s", "run", stub, "QEMU_SMP=2"], cwd=str(qemu.ROOT),
                         encoding="utf-8", timeout=120)
    try:
        make.expect_exact("$ ")                         # the shell is up
        g = pexpect.spawn("make", ["-s", attach], cwd=str(qemu.ROOT),
                          env=dict(os.environ, TERM="dumb"), encoding="utf-8", timeout=60)
        g.expect_exact("(gdb)")
        g.sendline("print init_mm.mm_users.counter > 0")
        g.expect_exact("= 1")
        g.sendline("quit")
        g.expect(pexpect.EOF)
        g.close()
        make.sendline("echo still-here")                # detached: the machine runs on
        make.expect(r"\nstill-here\r+\n")
        make.sendline("exit")
        make.expect(pexpect.EOF)
    finally:
        make.close(force=True)
