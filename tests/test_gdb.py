"""tests/test_gdb.py - stock gdb against QEMU's gdb stub, as `make gdb`
sets it up: the kernel's symbols load, a breakpoint at start_kernel hits,
bt and globals print."""
import subprocess

import qemu


def test_gdb_stops_at_start_kernel():
    port = qemu.free_port()
    vm = subprocess.Popen(qemu.qemu_cmd("console=ttyS0", extra=[
        "-gdb", f"tcp:127.0.0.1:{port}", "-S"]),
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        res = subprocess.run(
            ["gdb", "-q", "-batch", "-nx",
             "-ex", f"file {qemu.KERNEL}",
             "-ex", f"target remote 127.0.0.1:{port}",
             "-x", str(qemu.ROOT / "tools" / "gdb" / "tessera.gdb"),
             "-ex", "continue",
             "-ex", "bt",
             "-ex", "print/x &swapper_pg_dir",
             "-ex", "print console_loglevel",
             "-ex", "kill"],
            capture_output=True, text=True, timeout=60)
    finally:
        vm.kill()
        vm.wait()
    out = res.stdout + res.stderr
    assert "Breakpoint 1, start_kernel" in out, out
    assert "#0  start_kernel" in out, out
    assert "= 0xc0" in out, out               # a higher-half address
    assert "$2 = 7" in out, out               # default console_loglevel
