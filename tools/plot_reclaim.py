#!/usr/bin/python3
"""tools/plot_reclaim.py - a picture of reclaim at work (`make plot`).

Boots Tessera in QEMU with a swap disk (an image made here with truncate
and mkswap in a temporary directory, turned on with swap=/dev/hda), runs a
memory hog under user/vmsample.c as init, and turns the samples vmsample
prints on the serial console into a PNG drawn by gnuplot: free memory and
swap used (MiB), swap-in and swap-out (KiB/s, as vmstat's si and so), and
the pages scanned by kswapd and by direct reclaim (pages/s) over time.
The samples, with the rates worked out, are kept beside the PNG
(NAME.dat) for other plots.  It prints what the hog and vmsample said
(with the kernel's out-of-memory lines), the number of samples, and the
PNG's path; it fails if the machine timed out or gave fewer than two
samples.

    tools/plot_reclaim.py [--mem MB] [--smp N] [--swap MB] [--interval MS]
                          [--out PNG] [--timeout S] [-- PROG ARGS...]

Defaults: a 64 MiB machine, -smp 2, 256 MiB of swap, a sample every
500 ms, build/reclaim.png, and `memhog 128 2`: twice the RAM, written and
checked twice.  docs/reclaim-plot.md says how to read the picture.
"""
import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import qemu  # noqa: E402

PAGE_KB = 4
# vmsample's line: ms MemFree SwapUsed (KiB) pswpin pswpout pgscan_kswapd pgscan_direct
SAMPLE = re.compile(r"^vmsample (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)\r?$", re.M)
COLUMNS = "seconds free_MiB swap_used_MiB si_KiB/s so_KiB/s kswapd_scan/s direct_scan/s"

GNUPLOT = """\
set terminal pngcairo size 900,1000 font ",10"
set output "{png}"
set multiplot layout 3,1 title "{title}"
set xlabel "seconds"
set grid
set key top right box opaque
set yrange [0:1<*]
set ylabel "MiB"
plot "{dat}" using 1:2 with lines lw 2 title "free", \\
     "" using 1:3 with lines lw 2 title "swap used"
set ylabel "KiB/s"
plot "{dat}" using 1:4 with lines lw 2 title "swap in (si)", \\
     "" using 1:5 with lines lw 2 title "swap out (so)"
set ylabel "pages/s"
plot "{dat}" using 1:6 with lines lw 2 title "scanned by kswapd", \\
     "" using 1:7 with lines lw 2 title "scanned by direct reclaim"
unset multiplot
"""


def parse_args():
    p = argparse.ArgumentParser(description="Plot reclaim under a memory hog.")
    p.add_argument("--mem", type=int, default=64, help="the machine's MiB")
    p.add_argument("--smp", type=int, default=2)
    p.add_argument("--swap", type=int, default=256, help="MiB of swap")
    p.add_argument("--interval", type=int, default=100, help="ms between samples")
    p.add_argument("--out", default=str(qemu.ROOT / "build" / "reclaim.png"))
    p.add_argument("--timeout", type=int, default=600, help="seconds for the boot")
    p.add_argument("prog", nargs="*", default=["memhog", "128", "2"],
                   help="the hog and its arguments (after --)")
    return p.parse_args()


def run_machine(args):
    """Boot with a fresh swap image; the serial log."""
    prog = args.prog[0] if "/" in args.prog[0] else "/bin/" + args.prog[0]
    append = (f"console=ttyS0 swap=/dev/hda init=/bin/vmsample -i {args.interval} "
              + " ".join([prog] + args.prog[1:]))
    with tempfile.TemporaryDirectory() as tmp:
        img = Path(tmp) / "swap.img"
        subprocess.run(["truncate", "-s", f"{args.swap}M", str(img)], check=True)
        subprocess.run(["mkswap", str(img)], check=True, capture_output=True)
        b = qemu.boot(append, timeout=args.timeout, mem=args.mem, smp=args.smp,
                      extra=["-initrd", str(qemu.ROOT / "build" / "initrd.cpio"),
                             "-drive", f"file={img},format=raw,if=ide,index=0"])
    if b.timed_out:
        sys.exit(b.why("plot_reclaim: the machine did not finish"))
    return b.output


def told(output):
    """What the hog and vmsample said, and the kernel's OOM and BUG lines:
    the serial log without the samples and the boot messages."""
    for line in output.replace("\r", "").splitlines():
        if SAMPLE.match(line) or line.startswith("# vmsample"):
            continue
        if not line.startswith("[") or re.search(r"Out of memory|BUG|Killed process", line):
            yield line


def rates(samples):
    """One row per sample: time, levels in MiB, the counters' rates since
    the sample before (0 for the first)."""
    rows, prev = [], None
    for ms, free, swap, *counters in samples:
        if prev is None:
            per_s = [0.0] * len(counters)
        else:
            dt = max(ms - prev[0], 1) / 1000
            per_s = [(c - p) / dt for c, p in zip(counters, prev[3:])]
        si, so, kswapd, direct = per_s
        rows.append((ms / 1000, free / 1024, swap / 1024, si * PAGE_KB, so * PAGE_KB,
                     kswapd, direct))
        prev = (ms, free, swap, *counters)
    return rows


def main():
    args = parse_args()
    output = run_machine(args)
    samples = [tuple(int(v) for v in m.groups()) for m in SAMPLE.finditer(output)]
    for line in told(output):
        print(line)
    if not re.search(r"^vmsample: ", output, re.M):
        print("plot_reclaim: vmsample did not say how the hog ended")
    print(f"plot_reclaim: {len(samples)} samples")
    if len(samples) < 2:
        sys.exit("plot_reclaim: too few samples to plot\n" + qemu.tail(output))
    png = Path(args.out)
    dat = png.with_suffix(".dat")
    png.parent.mkdir(parents=True, exist_ok=True)
    dat.write_text(f"# {COLUMNS}\n" + "".join(
        " ".join(f"{v:.2f}" for v in row) + "\n" for row in rates(samples)))
    title = (f"{' '.join(args.prog)} in {args.mem} MiB, {args.swap} MiB swap, "
             f"-smp {args.smp}")
    script = GNUPLOT.format(png=png, dat=dat, title=title)
    res = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    # A panel whose lines are all 0 (no swap activity yet) is fine: the
    # range [0:1<*] gives it its axis, and gnuplot's note about it is noise.
    noise = re.compile(r"^Warning: empty y range")
    sys.stderr.write("".join(l for l in res.stderr.splitlines(True) if not noise.match(l)))
    if res.returncode:
        sys.exit(f"plot_reclaim: gnuplot failed ({res.returncode})")
    print(f"plot_reclaim: {png}")


if __name__ == "__main__":
    main()
