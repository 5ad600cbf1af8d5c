#!/usr/bin/python3
"""tools/fuzz.py - run user/fuzz (the system-call fuzzer) as init in
several machines and report what the kernel did.

Machines: -smp 1 and 2, each plain and with lowmem=32M and lock_debug
(most memory high, every lock checked), all at once.  Each boot gets a fresh seed,
printed, and a generous timeout; a boot fails on a kernel panic or oops,
a BUG or WARNING line, a lock_debug report, khungtaskd reporting a task
that ignored SIGKILL or hung, a worker the fuzzer could not kill, a hang
(no closing line before the timeout), or a bad exit status.

    tools/fuzz.py [CALLS [CONFIG ...]]     (default 1000000 calls; all)

FUZZ_SEED=N in the environment gives every machine seed N instead, to
replay a run that failed (the same seed makes the same calls; timing on
SMP can still differ).
"""
import os
import random
import re
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import qemu  # noqa: E402

CONFIGS = {
    "smp1": dict(smp=1, args=""),
    "smp2": dict(smp=2, args=""),
    "smp1-lowmem32M-lock_debug": dict(smp=1, args="lowmem=32M lock_debug"),
    "smp2-lowmem32M-lock_debug": dict(smp=2, args="lowmem=32M lock_debug"),
}
INITRD = str(qemu.ROOT / "build" / "initrd.cpio")
# What a clean run never prints.
BAD = re.compile(r"Kernel panic|Oops|BUG:|WARNING:|possible circular locking|"
                 r"lock order violation|INFO: task|^FAIL|Bad page state|slab error", re.M)
DONE = re.compile(r"^fuzz: (\d+) calls, (\d+) workers died, (\d+) stalled and killed, "
                  r"(\d+) ignored SIGKILL", re.M)


def fuzz_once(name, calls, seed, timeout):
    """Boot one machine with the fuzzer as init: (verdict, boot, problems)."""
    c = CONFIGS[name]
    append = f"console=ttyS0 {c['args']} init=/bin/fuzz -s {seed} -n {calls}".replace("  ", " ")
    b = qemu.boot(append, timeout=timeout, mem=128, smp=c["smp"], extra=["-initrd", INITRD])
    problems = [m.group(0) for m in BAD.finditer(b.output)]
    done = DONE.search(b.output)
    if b.timed_out or not done:
        return "HANG", b, problems
    if problems or int(done.group(4)) or not re.search(r"init exited with status 0", b.output):
        return "FAIL", b, problems
    if int(done.group(1)) > calls + 16:     # a worker wrote over the supervisor's counters
        return "FAIL (the call counters were overwritten)", b, problems
    return f"ok ({done.group(1)} calls, {done.group(2)} workers died, " \
           f"{done.group(3)} stalled)", b, problems


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    names = sys.argv[2:] or list(CONFIGS)
    timeout = 600 + calls // 400
    fixed = os.environ.get("FUZZ_SEED")
    seeds = {name: int(fixed) if fixed else random.randrange(1, 2**31) for name in names}
    bad = 0
    # The machines run at once: a fuzzer spends most of its time waiting
    # for stalled workers to be killed, not on the host's CPUs.
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        runs = {pool.submit(fuzz_once, name, calls, seeds[name], timeout): name
                for name in names}
        for done in as_completed(runs):
            name, seed = runs[done], seeds[runs[done]]
            verdict, b, _ = done.result()
            bad += report(name, seed, calls, verdict, b)
    print(f"fuzz: {len(names)} machines, {bad} failed")
    return 1 if bad else 0


def report(name, seed, calls, verdict, b):
    """Print one machine's verdict (and its evidence): 1 if it failed."""
    print(f"fuzz {name:28s} seed {seed:10d}: {verdict}", flush=True)
    if verdict.startswith("ok"):
        return 0
    for line in b.output.splitlines():
        if BAD.search(line) or "segfault" not in line and "fuzz" in line:
            print("    " + line.strip())
    print(f"    rerun: make fuzz FUZZ_CALLS={calls} FUZZ_CONFIGS={name} (seed {seed}: "
          f"init=/bin/fuzz -s {seed} -n {calls})", flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
