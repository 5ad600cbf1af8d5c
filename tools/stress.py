#!/usr/bin/python3
"""tools/stress.py - run the SMP ktest suites many times on -smp 4, every
ktest once on the machines `make test` leaves out (tests/test_ktest.py's
STRESS_CONFIGS), then the long user-space stress programs
(user/forkstress.c: fork, exit and wait under memory pressure with
lowmem=32M; user/affinity.c).

Each run boots with its own seed (ktest_seed=, printed so a failure can be
replayed) and lock debugging on; a run that does not finish within the
timeout counts as a hang.  Prints one line per run and a summary, and exits
non-zero on any failure or hang.

    tools/stress.py [RUNS]
"""
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import qemu  # noqa: E402
from test_ktest import STRESS_CONFIGS  # noqa: E402

SUITES = "sched,timer,workqueue,tlb,highmem,pcp,kmalloc,buddy,lockdep,rwsem,mm_smp"
TIMEOUT = 180


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rng = random.Random()
    hangs = failures = 0
    for run in range(1, runs + 1):
        seed = rng.randrange(1, 2**31)
        append = f"console=ttyS0 lock_debug lowmem=32M ktest={SUITES} ktest_seed={seed}"
        b = qemu.boot(append, timeout=TIMEOUT, mem=128, smp=4)
        summary = qemu.ktest_summary(b.output)
        if b.timed_out or summary is None:
            hangs += 1
            verdict = "HANG"
        elif summary[1] or b.returncode != qemu.EXIT_PASS:
            failures += 1
            verdict = "FAIL"
        else:
            verdict = f"ok ({summary[0]} passed)"
        print(f"run {run:2d}/{runs} seed {seed:10d}: {verdict}", flush=True)
        if not verdict.startswith("ok"):
            for line in b.output.splitlines():
                if re.search(r"not ok |timed out|BUG|Oops|panic", line):
                    print("    " + line.strip())
            print(f"    rerun: qemu-system-i386 -m 128 -smp 4 -kernel build/kernel.elf "
                  f"-append '{append}'")
    for name, c in STRESS_CONFIGS.items():
        b = qemu.boot(f"console=ttyS0 lock_debug ktest=all {c['args']}".strip(),
                      timeout=TIMEOUT, mem=c["mem"], smp=c["smp"])
        summary = qemu.ktest_summary(b.output)
        ok = not b.timed_out and summary and not summary[1] and b.returncode == qemu.EXIT_PASS
        hangs += b.timed_out
        failures += not ok and not b.timed_out
        print(f"all ktests on {name}: {'ok' if ok else 'HANG' if b.timed_out else 'FAIL'}",
              flush=True)
        if not ok:
            print("\n".join("    " + l.strip() for l in b.output.splitlines()
                            if re.search(r"not ok |timed out|BUG|Oops|panic", l)))
    for prog, args, smp, mem in (("forkstress", "1000 56", 4, 80), ("forkstress", "1000 56", 2, 80),
                                 ("affinity", "20000", 4, 128)):
        seed = rng.randrange(1, 2**31)
        append = f"console=ttyS0 lock_debug lowmem=32M init=/bin/{prog} {seed} {args}"
        b = qemu.boot(append, timeout=TIMEOUT * 3, mem=mem, smp=smp,
                      extra=["-initrd", str(qemu.ROOT / "build" / "initrd.cpio")])
        ok = f"{prog}: all ok" in b.output and not b.timed_out
        hangs += b.timed_out
        failures += not ok and not b.timed_out
        print(f"{prog} -smp {smp} seed {seed}: {'ok' if ok else 'HANG' if b.timed_out else 'FAIL'}",
              flush=True)
    print(f"stress: {runs} runs, {failures} failed, {hangs} hung")
    return 1 if failures or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
