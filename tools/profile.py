#!/usr/bin/python3
"""tools/profile.py - where the kernel spends its time running a program
(`make profile`).

    tools/profile.py [--smp N] [--mem M] [--top K] [--lowmem SIZE] PROG [ARGS...]

Boots Tessera with `profile` on the command line (kernel/profile.c: each
CPU's timer tick counts the kernel function it interrupted, or user
mode), and runs under busybox sh: reset the counts, run PROG, print
/proc/profile.  Shows PROG's own output, then the K functions (default 25)
that took the most ticks, with their share of all ticks.  At HZ 100 a
tick is 10 ms, so run the program long enough to be seen (a benchmark's
SCALE argument is there for that).

    tools/profile.py bench anon_page_faults 8
    make profile PROG="bench fork_exit_wait_16M 4" SMP=2
"""
import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import qemu  # noqa: E402

MARK = "--- profile"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smp", type=int, default=1)
    ap.add_argument("--mem", type=int, default=256, help="MiB")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--lowmem", default="", help="lowmem= (e.g. 32M)")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("prog", nargs=argparse.REMAINDER)
    opts = ap.parse_args()
    prog = " ".join(opts.prog)
    if not prog or '"' in prog or "=" in prog:
        ap.error("a program to run, without '\"' or '=' (they mean other things on the "
                 "kernel command line)")
    lowmem = f"lowmem={opts.lowmem} " if opts.lowmem else ""
    script = f"echo 0 > /proc/profile; {prog}; echo {MARK}; cat /proc/profile"
    b = qemu.boot(f'console=ttyS0 profile {lowmem}init=/bin/busybox sh -c "{script}"',
                  smp=opts.smp, mem=opts.mem, timeout=opts.timeout,
                  extra=["-initrd", str(qemu.ROOT / "build" / "initrd.cpio")])
    out = b.output.replace("\r", "")
    if b.timed_out or f"\n{MARK}\n" not in out:
        print(b.why("profile.py: the program did not finish"))
        return 1
    before, after = out.split(f"\n{MARK}\n", 1)
    start = before.find("Freeing initrd memory")
    print(before[before.find("\n", start) + 1:] if start >= 0 else before)
    lines = [line for line in after.splitlines() if not re.match(r"\[ *\d+\.\d+\]", line)]
    body = [line for line in lines[1:] if not line.endswith("  total")]
    total = [line for line in lines if line.endswith("  total")]
    print(f"--- kernel profile, -smp {opts.smp}: where the timer ticks landed while "
          f"{prog} ran")
    print("\n".join(lines[:1] + body[:opts.top] + total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
