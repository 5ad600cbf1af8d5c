"""tests/qemu.py - booting Tessera under QEMU for the tests.

boot() runs one machine to completion (ktest runs end by themselves through
isa-debug-exit) and returns its exit code and serial output; Console drives
an interactive boot (the monitor, GRUB's menu) with pexpect.  Every boot has
a timeout, and every failure message carries the tail of the serial log.
boot() also boots another kernel (kernel=: tools/linux.py boots Debian's
Linux with it) and needs only the standard library; Console needs pexpect.
"""
import os
import re
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

try:
    import pexpect
except ImportError:     # tools/linux.py on a machine without it: boot() only
    pexpect = None

ROOT = Path(__file__).resolve().parent.parent
KERNEL = ROOT / "build" / "kernel.elf"
ISO = ROOT / "build" / "tessera.iso"
QEMU = "qemu-system-i386"
PROMPT = "tessera> "
# A boot that has not ended by then is a hang.  Generous: make test runs
# two QEMUs at once on a shared machine, and an -smp 4 or 8 guest under
# TCG gets a fraction of a host CPU (the 8-CPU ktests took 60 s so).
DEFAULT_TIMEOUT = 180
# How QEMU's TCG runs a guest's CPUs: "single" (one host thread takes the
# vCPUs in turn) or "multi" (a host thread each).  The tests run two
# QEMUs at once on a machine with few cores; with a thread per vCPU, two
# -smp 2 guests want four threads on two cores, and a vCPU spinning on a
# lock whose holder's thread the host has descheduled burns its whole
# time slice: two 80 MiB hogs in 32 MiB took 43 s each, against 4.8 s
# with one thread per QEMU.  Round-robin still interleaves the CPUs at
# every kick of QEMU's timer, so SMP code runs concurrently; `make
# stress` and `make fuzz` use "multi" (TCG_THREAD), for races only true
# parallelism finds.
TCG_THREAD = os.environ.get("TCG_THREAD", "single")

# QEMU's isa-debug-exit turns the status the kernel writes into (status << 1) | 1.
EXIT_PASS = 1
EXIT_FAIL = 3
EXIT_PANIC = (0x7F << 1) | 1


def qemu_cmd(append=None, mem=128, smp=1, iso=False, debug_exit=True,
             monitor="none", extra=(), kernel=KERNEL):
    cmd = [QEMU, "-accel", f"tcg,thread={TCG_THREAD}", "-m", str(mem), "-smp", str(smp),
           "-display", "none",
           # No NIC: Tessera has no network driver, and SeaBIOS running the
           # e1000's PXE option ROM took 0.1 s of every boot under TCG.
           "-net", "none",
           "-monitor", monitor, "-no-reboot",
           # Ctrl-C typed on the console is the guest's (SIGINT to its
           # foreground job), not a signal that ends QEMU.
           "-chardev", "stdio,id=con,signal=off", "-serial", "chardev:con"]
    if iso:
        cmd += ["-cdrom", str(ISO)]
    else:
        cmd += ["-kernel", str(kernel), "-append", append or ""]
    if debug_exit:
        cmd += ["-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
    return cmd + list(extra)


def tail(text, lines=40):
    return "\n".join(text.splitlines()[-lines:])


@dataclass
class Boot:
    returncode: int
    output: str
    timed_out: bool

    def why(self, message):
        """A failure message with the serial log's tail."""
        state = "timed out" if self.timed_out else f"QEMU exit code {self.returncode}"
        return f"{message} ({state})\n--- serial log tail ---\n{tail(self.output)}"


def boot(append, timeout=DEFAULT_TIMEOUT, **kw):
    """Boot once with this command line and wait for QEMU to exit."""
    proc = subprocess.Popen(qemu_cmd(append, **kw), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        out, _ = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        timed_out = True
    return Boot(proc.returncode, out.decode("utf-8", "replace"), timed_out)


def ktest_summary(output):
    """(passed, failed) from the closing 'ktest: N passed, N failed' line."""
    m = re.search(r"\bktest: (\d+) passed, (\d+) failed\r?$", output, re.M)
    return (int(m.group(1)), int(m.group(2))) if m else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Console:
    """An interactive QEMU whose serial console is a pexpect session."""

    def __init__(self, append=None, timeout=DEFAULT_TIMEOUT, **kw):
        cmd = qemu_cmd(append, **kw)
        self.log = []
        self.child = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8",
                                   codec_errors="replace", timeout=timeout)
        self.child.logfile_read = self

    # pexpect calls these on logfile_read: keep everything for the report.
    def write(self, data):
        self.log.append(data)

    def flush(self):
        pass

    def output(self):
        return "".join(self.log)

    def why(self, message):
        return f"{message}\n--- serial log tail ---\n{tail(self.output())}"

    def expect(self, pattern, timeout=-1):
        try:
            return self.child.expect(pattern, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF) as e:
            raise AssertionError(self.why(f"waiting for {pattern!r}: {type(e).__name__}"))

    def expect_prompt(self):
        self.expect_exact(PROMPT)

    def expect_exact(self, text, timeout=-1):
        try:
            return self.child.expect_exact(text, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF) as e:
            raise AssertionError(self.why(f"waiting for {text!r}: {type(e).__name__}"))

    def send(self, text):
        self.child.send(text)

    def run(self, command):
        """Type a command, return what it printed before the next prompt."""
        self.child.send(command + "\r")
        self.expect_exact(command)
        self.expect("\r*\n")
        self.expect_prompt()
        # QEMU's stdio keeps output post-processing on: "\r\n" arrives as
        # "\r\r\n".  Callers get plain "\n" lines.
        return self.child.before.replace("\r", "")

    def wait_exit(self, timeout=DEFAULT_TIMEOUT):
        """Wait for QEMU to exit; returns its exit status."""
        try:
            self.child.expect(pexpect.EOF, timeout=timeout)
        except pexpect.TIMEOUT:
            raise AssertionError(self.why("QEMU did not exit"))
        self.child.close()
        return self.child.exitstatus

    def close(self):
        if self.child.isalive():
            self.child.terminate(force=True)


class HumanMonitor:
    """QEMU's human monitor on a unix socket: type keys, read guest memory."""

    def __init__(self, path, timeout=30):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.settimeout(timeout)
        for _ in range(100):
            try:
                self.sock.connect(str(path))
                break
            except (FileNotFoundError, ConnectionRefusedError):
                time.sleep(0.05)
        self._read_prompt()

    def _read_prompt(self):
        data = b""
        while not data.endswith(b"(qemu) "):
            chunk = self.sock.recv(65536)
            if not chunk:
                raise AssertionError("QEMU monitor closed")
            data += chunk
        return data.decode("utf-8", "replace")

    def command(self, line):
        self.sock.sendall(line.encode() + b"\n")
        return self._read_prompt()

    def sendkeys(self, keys):
        for key in keys:
            self.command(f"sendkey {key}")

    def vga_text(self, rows=25, cols=80):
        """The VGA text screen as a list of strings, read from 0xb8000."""
        out = self.command(f"xp /{rows * cols}hx 0xb8000")
        cells = [int(w, 16) for w in re.findall(r"0x([0-9a-f]{4})\b", out)]
        chars = "".join(chr(c & 0xFF) if 32 <= (c & 0xFF) < 127 else " " for c in cells)
        return [chars[r * cols:(r + 1) * cols].rstrip() for r in range(rows)]

    def close(self):
        self.sock.close()
