#!/usr/bin/python3
"""tools/bench_reclaim.py - reclaim's figures (`make bench`, last step):
a hog of 160 MiB in a 64 MiB machine with 256 MiB of swap (an image made
here with truncate and mkswap), `memhog -t 160 2` as the job of busybox
sh, /proc/vmstat read after it.  Prints, as BENCH lines (figures only,
nothing asserted):

    reclaim_write_mibs     the first pass's writes, MiB/s (pages new, the
                           earlier ones pushed out to make room)
    reclaim_sweep_mibs     the second pass's check-and-rewrite, MiB/s
                           (every page back in from swap, then out again)
    reclaim_majfaults      major faults (swap-ins) per second in pass 2
    reclaim_efficiency     pgsteal per 100 pages scanned (pgscan_*)
    reclaim_kswapd_share   the percentage of the pages scanned that
                           kswapd scanned (the rest: direct reclaim)
    pte_chain_kib          the slab memory of pte chains at the end

    tools/bench_reclaim.py [--smp N]
"""
import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import qemu  # noqa: E402

PASS = re.compile(r"memhog: pass (\d+): write ([\d.]+) MiB/s, check ([\d.]+) MiB/s, "
                  r"(\d+) major faults \((\d+)/s\)")


def counters(output):
    """/proc/vmstat as the script printed it: name -> value, zone suffixes
    summed into the plain name (pgscan_kswapd_normal -> pgscan_kswapd)."""
    block = output.split("--- vmstat", 1)[1] if "--- vmstat" in output else ""
    values = {}
    for name, value in re.findall(r"^(\w+) (\d+)\r?$", block, re.M):
        base = re.sub(r"_(dma|normal|high)$", "", name)
        values[base] = values.get(base, 0) + int(value)
    return values


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smp", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        swap = Path(tmp) / "swap.img"
        subprocess.run(["truncate", "-s", "256M", str(swap)], check=True)
        subprocess.run(["mkswap", str(swap)], check=True, capture_output=True)
        script = ("memhog -t 160 2; echo --- vmstat; cat /proc/vmstat; "
                  "grep pte_chain /proc/slabinfo")
        b = qemu.boot(f'console=ttyS0 swap=/dev/hda init=/bin/busybox sh -c "{script}"',
                      mem=64, smp=args.smp, timeout=600,
                      extra=["-initrd", str(qemu.ROOT / "build" / "initrd.cpio"),
                             "-drive", f"file={swap},format=raw,if=ide,index=0"])
    passes = {int(m.group(1)): m for m in PASS.finditer(b.output)}
    if b.timed_out or 1 not in passes or 2 not in passes:
        print(b.why("bench_reclaim: the hog did not finish its two passes"))
        return 1
    v = counters(b.output)
    scanned = v.get("pgscan_kswapd", 0) + v.get("pgscan_direct", 0)
    print(f"BENCH reclaim_write_mibs {float(passes[1].group(2)):.0f} MiB/s")
    print(f"BENCH reclaim_sweep_mibs {float(passes[2].group(3)):.0f} MiB/s")
    print(f"BENCH reclaim_majfaults {passes[2].group(5)} faults/s")
    if scanned:
        print(f"BENCH reclaim_efficiency {100 * v.get('pgsteal', 0) // scanned} stolen/100 scanned")
        print(f"BENCH reclaim_kswapd_share {100 * v.get('pgscan_kswapd', 0) // scanned} %")
    m = re.search(r"^pte_chain\s+(\d+)\s+(\d+)\s+(\d+)", b.output, re.M)
    if m:
        print(f"BENCH pte_chain_kib {int(m.group(2)) * int(m.group(3)) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
