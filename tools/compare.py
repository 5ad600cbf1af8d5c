#!/usr/bin/python3
"""tools/compare.py - Tessera against Debian's i386 Linux on the same
binaries in the same QEMU (`make compare`).

    tools/compare.py [--smp N] [--mem M] [--runs N] [--cases boot,bench,swap]
                     [--lowmem SIZE] [--linux-vmalloc SIZE] [--check PROG...]

Each case boots both kernels with the same -m, -smp, initramfs programs
and disk, interleaved - Linux, Tessera, Linux, Tessera ... - RUNS times
(default 3):

    boot    /bin/hello from an initramfs holding only it (and Linux's
            /init): QEMU start to the program's first line, and to QEMU's
            exit (figures: boot_first_output_s, boot_to_exit_s)
    bench   user/bench.c, every benchmark (figures: its BENCH lines)
    swap    user/memhog -t 160 2 in a 64 MiB machine (whatever --mem
            says) with a 256 MiB swap disk made by mkswap (figures: the
            first pass's writes, the second pass's check sweep, its major
            faults per second); Linux loads the disk's modules first
            (tools/linux.py:disk_initrd)

and prints a table: figure, Linux's median, Tessera's, the ratio
(Tessera's rate over Linux's, or Linux's time over Tessera's: above 1,
Tessera is faster) and the spread of each (max - min over the median).
The machine is shared: before each boot the host's load average is
noted, and how many other QEMUs were running; only ratios from
interleaved runs mean anything, never a figure from another day.
The table goes to build/compare/compare.md with those notes, and a bar
chart of the ratios to build/compare/compare.png (gnuplot).  --lowmem
gives Tessera lowmem=SIZE (most memory high); --linux-vmalloc gives Linux
vmalloc=SIZE, which moves its split the same way (a larger vmalloc area
leaves less of the 1 GiB kernel window for low memory: vmalloc=900M
leaves Linux 80 MiB low, and from about 920M Linux no longer boots).
--check runs tools/linux.py's `same` over the programs given (the
Makefile's LINUX_CHECK), reporting any that behave differently.
The Linux kernel is tools/linux.py's (fetched once, pinned by sha256).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import linux  # noqa: E402
import qemu  # noqa: E402

ROOT = qemu.ROOT
OUT = ROOT / "build" / "compare"
TIMEOUT = 600
BENCH = re.compile(r"^BENCH (\w+) ([\d.]+) (\S+)\r?$", re.M)
PASS = re.compile(r"memhog: pass (\d+): write ([\d.]+) MiB/s, check ([\d.]+) MiB/s, "
                  r"\d+ major faults \((\d+)/s\)")


class Timed:
    """One boot with the time of each line of output, from QEMU's start."""

    def __init__(self, append, kernel, initrd, smp, mem, disk=None, timeout=TIMEOUT):
        # The same bare machine for both kernels: no VGA, NIC, CD-ROM or
        # floppy (-nodefaults), whose option ROMs and probes are SeaBIOS's
        # time and not a kernel's.
        extra = ["-nodefaults", "-initrd", str(initrd)]
        if disk:
            extra += ["-drive", f"file={disk},format=raw,if=ide,index=0"]
        self.others = other_qemus()
        self.load = os.getloadavg()[0]
        self.lines = []
        start = time.monotonic()
        proc = subprocess.Popen(qemu.qemu_cmd(append, mem=mem, smp=smp, kernel=kernel,
                                              extra=extra),
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        for raw in proc.stdout:
            self.lines.append((time.monotonic() - start, raw.decode("utf-8", "replace")))
        proc.wait()
        self.timed_out = not timer.is_alive()
        timer.cancel()
        self.seconds = time.monotonic() - start
        self.others = max(self.others, other_qemus())
        self.output = "".join(line for _, line in self.lines)

    def first(self, pattern):
        """Seconds from QEMU's start to the first line matching pattern."""
        return next((t for t, line in self.lines if re.search(pattern, line)), None)


def other_qemus():
    """QEMUs running that are not ours (ours is at most the one booting)."""
    out = subprocess.run(["pgrep", "-c", "-f", "^qemu-system"], capture_output=True,
                         text=True).stdout.strip()
    return max(int(out or 0) - 1, 0)


class Kernels:
    """How each kernel boots a program: its command line and initramfs."""

    def __init__(self, lowmem, linux_vmalloc=""):
        self.manifest = linux.fetch()
        self.vmlinuz = linux.vmlinuz(self.manifest)
        self.lowmem = f"lowmem={lowmem} " if lowmem else ""
        # nokaslr too: the decompressor does not know vmalloc=, and a
        # randomly placed kernel above the smaller low memory hangs the
        # boot (3 of 4 boots at vmalloc=900M).
        self.vmalloc = f"nokaslr vmalloc={linux_vmalloc} " if linux_vmalloc else ""
        self.disk_initrd = linux.disk_initrd(self.manifest, ROOT / "build" / "initrd-tiny.cpio")
        self.hello = hello_initrd()
        self.linux_hello = OUT / "linux-hello.cpio"
        self.linux_hello.write_bytes((ROOT / "build" / "linux-init.cpio").read_bytes()
                                     + self.hello.read_bytes())

    def initrd(self, kernel, prog, disk):
        if disk:
            return self.disk_initrd if kernel == "linux" else ROOT / "build" / "initrd-tiny.cpio"
        if prog == "hello":
            return self.linux_hello if kernel == "linux" else self.hello
        return linux.LINUX_INITRD if kernel == "linux" else ROOT / "build" / "initrd.cpio"

    def boot(self, kernel, prog, smp, mem, disk=None):
        initrd = self.initrd(kernel, prog, disk)
        if kernel == "linux":
            swap = "-s /dev/sda " if disk else ""
            return Timed(f"console=ttyS0 quiet panic=-1 norandmaps {self.vmalloc}-- {swap}/bin/{prog}",
                         self.vmlinuz, initrd, smp, mem, disk)
        swap = "swap=/dev/hda " if disk else ""
        return Timed(f"console=ttyS0 {self.lowmem}{swap}init=/bin/{prog}", qemu.KERNEL,
                     initrd, smp, mem, disk)


def hello_initrd():
    """build/compare/hello.cpio: /bin/hello and nothing else, so that the
    boot figure is the kernels' and not the unpacking of an archive."""
    out = OUT / "hello.cpio"
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "bin").mkdir()
        (Path(tmp) / "bin" / "hello").write_bytes((ROOT / "build" / "initrd" / "bin" /
                                                    "hello").read_bytes())
        (Path(tmp) / "bin" / "hello").chmod(0o755)
        out.write_bytes(linux.pack_cpio(tmp))
    return out


def ended_well(kernel, b):
    ok = (re.search(r"^linuxinit: exited=0 ", b.output, re.M) if kernel == "linux"
          else re.search(r"\] init exited with status 0\r?$", b.output, re.M))
    return ok and not b.timed_out


# Each case: (program, its figures from a boot: name -> (value, unit, higher_is_better)).
def boot_figures(b):
    first = b.first(r"^hello from /bin/hello")
    return {"boot_first_output_s": (first, "s", False),
            "boot_to_exit_s": (b.seconds, "s", False)} if first else {}


def bench_figures(b):
    return {name: (float(v), unit, True) for name, v, unit in BENCH.findall(b.output)}


def swap_figures(b):
    passes = {int(m.group(1)): m for m in PASS.finditer(b.output)}
    if 1 not in passes or 2 not in passes:
        return {}
    return {"swap_write_160M_in_64M": (float(passes[1].group(2)), "MiB/s", True),
            "swap_sweep_160M_in_64M": (float(passes[2].group(3)), "MiB/s", True),
            "swap_majfaults_160M_in_64M": (float(passes[2].group(4)), "faults/s", True)}


CASES = {
    "boot": ("hello", boot_figures),
    "bench": ("bench", bench_figures),
    "swap": ("memhog -t 160 2", swap_figures),
}


def fresh_swap(tmp):
    img = Path(tmp) / "swap.img"
    img.unlink(missing_ok=True)
    subprocess.run(["truncate", "-s", "256M", str(img)], check=True)
    subprocess.run(["mkswap", str(img)], check=True, capture_output=True)
    return img


def run_all(opts, kernels):
    """figure -> kernel -> [values]; the units; the notes on each boot."""
    values, units, notes = {}, {}, []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(opts.runs):
            for case in opts.cases:
                prog, figures = CASES[case]
                for kernel in ("linux", "tessera"):
                    swap = case == "swap"
                    b = kernels.boot(kernel, prog, opts.smp, 64 if swap else opts.mem,
                                     fresh_swap(tmp) if swap else None)
                    got = figures(b) if ended_well(kernel, b) else {}
                    notes.append(f"run {r + 1} {case} {kernel}: {b.seconds:.1f} s, load "
                                 f"{b.load:.1f}, other QEMUs {b.others}"
                                 + ("" if got else " - FAILED (no figures)"))
                    print(notes[-1], flush=True)
                    if not got:
                        keep = OUT / f"failed-{case}-{kernel}-{r + 1}.log"
                        keep.write_text(b.output)
                        print(f"  serial log: {keep.relative_to(ROOT)}")
                    for name, (v, unit, higher) in got.items():
                        values.setdefault(name, {"linux": [], "tessera": []})[kernel].append(v)
                        units[name] = (unit, higher)
    return values, units, notes


def spread(vs):
    return (max(vs) - min(vs)) / statistics.median(vs) * 100 if vs and statistics.median(vs) else 0


def table(values, units):
    """Rows: figure, unit, Linux median, Tessera median, ratio, spreads."""
    rows = []
    for name, by in values.items():
        if not by["linux"] or not by["tessera"]:
            continue
        lm, tm = statistics.median(by["linux"]), statistics.median(by["tessera"])
        unit, higher = units[name]
        ratio = (tm / lm if higher else lm / tm) if lm and tm else 0
        rows.append((name, unit, lm, tm, ratio, spread(by["linux"]), spread(by["tessera"])))
    return rows


def markdown(rows, opts, kernels, notes):
    m = kernels.manifest
    head = [f"# Tessera and Linux, measured ({time.strftime('%Y-%m-%d %H:%M')})", "",
            f"{m['package']} {m['version']} against Tessera, -smp {opts.smp}, -m {opts.mem} "
            f"(the swap case: -m 64), {opts.runs} interleaved runs each"
            + (f", Tessera with lowmem={opts.lowmem}" if opts.lowmem else "")
            + (f", Linux with vmalloc={opts.linux_vmalloc}" if opts.linux_vmalloc else "") + ".",
            "Ratio: above 1, Tessera is faster (a rate over Linux's, or Linux's time over "
            "Tessera's).  Spread: (max - min) / median over the runs.", "",
            "| figure | unit | Linux | Tessera | ratio | spread L | spread T |",
            "|---|---|---:|---:|---:|---:|---:|"]
    body = [f"| {n} | {u} | {lm:.4g} | {tm:.4g} | {r:.2f} | {sl:.0f}% | {st:.0f}% |"
            for n, u, lm, tm, r, sl, st in rows]
    return "\n".join(head + body + ["", "Each boot: its host time, the host's load average "
                                    "before it, other QEMUs running meanwhile.", ""]
                     + [f"- {n}" for n in notes]) + "\n"


def chart(rows, png):
    """A bar per figure: the ratio, with lines at 1 and 1.5."""
    with tempfile.NamedTemporaryFile("w", suffix=".dat", delete=False) as dat:
        for i, (name, _, _, _, ratio, _, _) in enumerate(rows):
            dat.write(f"{i} {ratio:.3f} {name}\n")
    script = f"""
set terminal pngcairo size 1000,{200 + 22 * len(rows)} font "sans,10" noenhanced
set output "{png}"
set title "Tessera / Linux, same binaries, same QEMU (above 1: Tessera faster)"
set style fill solid 0.7
set boxwidth 0.7
set yrange [-0.8:{len(rows) - 0.2}]
set xrange [0:*]
set ytics nomirror
set grid xtics
set arrow from 1, graph 0 to 1, graph 1 nohead lc rgb "black"
set arrow from 1.5, graph 0 to 1.5, graph 1 nohead dt 2 lc rgb "dark-green"
unset key
plot "{dat.name}" using ($2*0.5):1:($2*0.5):(0.35):ytic(3) with boxxyerror lc rgb "steelblue", \\
     "" using ($2):1:(sprintf("%.2f", $2)) with labels left offset 0.5,0
"""
    res = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    os.unlink(dat.name)
    if res.returncode:
        print(f"compare.py: gnuplot failed: {res.stderr.strip()}")
    return res.returncode == 0


def check(progs, kernels, opts):
    """tools/linux.py's `same` over progs: the names that differ."""
    print(f"compare.py: the test programs on both kernels ({len(progs)})", flush=True)
    return [p for p in progs
            if not linux.compare(p, kernels.manifest, opts.smp, opts.mem, linux.DEFAULT_TIMEOUT)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smp", type=int, default=1)
    ap.add_argument("--mem", type=int, default=256, help="MiB")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cases", default="boot,bench,swap")
    ap.add_argument("--lowmem", default="", help="Tessera's lowmem= (e.g. 32M)")
    ap.add_argument("--linux-vmalloc", default="", help="Linux's vmalloc= (e.g. 900M)")
    ap.add_argument("--check", nargs="*", default=[], metavar="PROG")
    opts = ap.parse_args()
    opts.cases = [c for c in opts.cases.split(",") if c]
    unknown = [c for c in opts.cases if c not in CASES]
    if unknown or opts.runs < 1:
        ap.error(f"cases are {', '.join(CASES)}; runs at least 1")
    OUT.mkdir(parents=True, exist_ok=True)
    linux.build()
    subprocess.run(["make", "-s", "build/initrd-tiny.cpio"], cwd=ROOT, check=True)
    kernels = Kernels(opts.lowmem, opts.linux_vmalloc)
    values, units, notes = run_all(opts, kernels)
    rows = table(values, units)
    md = markdown(rows, opts, kernels, notes)
    (OUT / "compare.md").write_text(md)
    print(md.split("\nEach boot")[0])
    drawn = rows and chart(rows, OUT / "compare.png")
    print(f"compare.py: {OUT.relative_to(ROOT)}/compare.md"
          + (f", {OUT.relative_to(ROOT)}/compare.png" if drawn else ""))
    failed = sum("FAILED" in n for n in notes)
    differ = check(opts.check, kernels, opts) if opts.check else []
    if differ:
        print(f"compare.py: behave differently on Linux: {', '.join(differ)}")
    return 1 if failed or differ or not rows else 0


if __name__ == "__main__":
    sys.exit(main())
