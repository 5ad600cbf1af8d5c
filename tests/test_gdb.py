"""tests/test_gdb.py - stock gdb against QEMU's gdb stub, as `make gdb`
sets it up: the kernel's symbols load, a breakpoint at start_kernel hits,
bt and globals print; the Python helpers of tools/gdb/ walk the task list
and the runqueues (tests/test_gdb_helpers.py checks every helper)."""
import re
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


def test_gdb_helpers_list_tasks_and_runqueues():
    """tools/gdb/: lx-ps walks task_list, tx-rq a CPU's runqueue."""
    port = qemu.free_port()
    vm = subprocess.Popen(qemu.qemu_cmd("console=ttyS0", smp=2, extra=[
        "-gdb", f"tcp:127.0.0.1:{port}", "-S"]),
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        res = subprocess.run(
            ["gdb", "-q", "-batch", "-nx",
             "-ex", f"file {qemu.KERNEL}",
             "-ex", f"target remote 127.0.0.1:{port}",
             "-x", str(qemu.ROOT / "tools" / "gdb" / "tessera.gdb"),
             "-ex", "delete",
             "-ex", "break monitor_run",
             "-ex", "continue",
             "-ex", "lx-ps",
             "-ex", "tx-rq 1",
             "-ex", 'print $lx_per_cpu("runqueues", 0)',
             "-ex", "kill"],
            capture_output=True, text=True, timeout=60, cwd=qemu.ROOT)
    finally:
        vm.kill()
        vm.wait()
    out = res.stdout + res.stderr
    assert "Breakpoint 2, monitor_run" in out, out
    assert re.search(r"^\s+0\s+0 swapper/0\s+R\s+0\s+40 kthread$", out, re.M), out
    assert re.search(r"^\s+1\s+1 init\s+R\s+\d\s+20 kthread$", out, re.M), out
    assert re.search(r"^idle:\s+0\s+0 swapper/1\s+R\s+1\s+40 kthread$", out, re.M), out
    assert "nr_running" in out and "curr = " in out, out
