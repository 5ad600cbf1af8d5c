"""tools/lab_compare.py - a lab's comparison (`tools/lab.py compare`,
`make lab-compare`): the same workloads on several trees - the reference,
the handed-out tree, the deliberate mistakes, students' trees - and one
figure per workload and tree, as a table and a chart.

The lab's [compare] section (docs/labs/teachers.md) gives the machine
(mem, swap: MiB; smp), the metric (the words after the number on the
line a workload prints, e.g. "major faults") and the workloads, one
"name: command" per line, with {seed} where the seed goes.  Each tree
boots once: its own kernel, the reference tree's small initramfs
(build/initrd-tiny.cpio, so every tree runs the same programs), a fresh
swap disk, and busybox sh running the workloads one after the other.
Every tree gets the same seed (printed), so the touches are the same.

Data: figures[tree][workload], a number or None (the workload printed
no figure: the tree's log is kept in build/labs/).
"""
import re
import subprocess
import tempfile
from pathlib import Path

import qemu

ROOT = qemu.ROOT
BOOT_TIMEOUT = 600


def workloads(cfg):
    """[(name, command)] from the section's workloads lines."""
    pairs = []
    for line in filter(None, (ln.strip() for ln in cfg["workloads"].splitlines())):
        name, _, command = line.partition(":")
        pairs.append((name.strip(), command.strip()))
    return pairs


def swap_disk(tmp, mib):
    img = Path(tmp) / "swap.img"
    subprocess.run(["truncate", "-s", f"{mib}M", str(img)], check=True)
    subprocess.run(["mkswap", str(img)], check=True, capture_output=True)
    return img


def run_tree(tree, cfg, seed):
    """One boot of tree running every workload: the Boot and its figures."""
    script = "; ".join(f"echo @@ {name}; {cmd.format(seed=seed)}"
                       for name, cmd in workloads(cfg)) + "; echo @@ end"
    with tempfile.TemporaryDirectory() as tmp:
        img = swap_disk(tmp, int(cfg.get("swap", 256)))
        b = qemu.boot(f'console=ttyS0 swap=/dev/hda init=/bin/busybox sh -c "{script}"',
                      timeout=BOOT_TIMEOUT, smp=int(cfg.get("smp", 1)),
                      mem=int(cfg.get("mem", 64)), kernel=Path(tree) / "build" / "kernel.elf",
                      extra=["-initrd", str(ROOT / "build" / "initrd-tiny.cpio"),
                             "-drive", f"file={img},format=raw,if=ide,index=0"])
    metric = re.compile(rf"(\d+) {re.escape(cfg['metric'])}")
    figures = {}
    for name, _ in workloads(cfg):
        part = re.search(rf"^@@ {re.escape(name)}\r?$(.*?)^@@ ", b.output, re.M | re.S)
        m = metric.search(part.group(1)) if part else None
        figures[name] = int(m.group(1)) if m else None
    return b, figures


def table(cfg, labels, figures):
    """The figures as a Markdown table: a row per workload."""
    names = [n for n, _ in workloads(cfg)]
    lines = [f"| workload | {' | '.join(labels)} |", "|---|" + "---:|" * len(labels)]
    for n in names:
        cells = ["-" if figures[t][n] is None else str(figures[t][n]) for t in labels]
        lines.append(f"| {n} | {' | '.join(cells)} |")
    return "\n".join(lines)


def chart(cfg, labels, figures, png, title):
    """Grouped bars: a group per workload, a bar per tree."""
    names = [n for n, _ in workloads(cfg)]
    with tempfile.NamedTemporaryFile("w", suffix=".dat", delete=False) as dat:
        dat.write("workload " + " ".join(f'"{t}"' for t in labels) + "\n")
        for n in names:
            dat.write(n + " " + " ".join(str(figures[t][n] if figures[t][n] is not None else "NaN")
                                         for t in labels) + "\n")
    plots = ", ".join(f'"{dat.name}" using {i + 2}:xtic(1) title columnheader({i + 2})'
                      for i in range(len(labels)))
    script = f"""
set terminal pngcairo size 900,500 font "sans,10" noenhanced
set output "{png}"
set title "{title}"
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set ylabel "{cfg['metric']} (fewer is better)"
set yrange [0:*]
set grid ytics
set key top left
plot {plots}
"""
    res = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    Path(dat.name).unlink()
    if res.returncode:
        print(f"lab.py: gnuplot failed: {res.stderr.strip()}")
    return res.returncode == 0
