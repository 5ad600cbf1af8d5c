"""tests/test_vmstat.py - the tools for watching reclaim: user/vmstat.c
(procps's columns, its numbers against /proc/meminfo, DELAY and COUNT),
user/memhog.c's per-page checks (no bad page in a run that fits in memory,
children after fork, random order with its seed, steady mode, and a page
spoiled on purpose with the test flag -X found, with status 1), and
user/vmsample.c with tools/plot_reclaim.py drawing build/reclaim.png's
picture (here into a temporary directory), and the script's arithmetic
on made-up samples.  Each boot has a timeout; the
runs with swap under pressure belong to the reclaim tests."""
import re
import subprocess
import sys

import qemu
from test_user import INITRD, LOCK_REPORTS, Shell, meminfo_kb, run

HEADER1 = "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----"
HEADER2 = " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa"
COLUMNS = HEADER2.split()


def data_lines(out):
    """vmstat's lines after its header, each as a list of numbers."""
    lines = out.replace("\r", "").split("\n")
    assert HEADER1 in lines and HEADER2 in lines, out
    rows = lines[lines.index(HEADER2) + 1:]
    return [[int(v) for v in row.split()] for row in rows if re.match(r"^ *\d[\d ]*$", row)]


def test_vmstat_columns_and_values_agree_with_proc(console):
    """One line: procps's header, 16 columns; swpd, free, buff and cache
    are /proc/meminfo's (free and cache within what two programs starting
    in between can move); the CPU shares add up to about 100.  `vmstat 1
    3` prints three lines.  Bad arguments get the usage line."""
    sh = Shell(console)
    out = sh.run("vmstat")
    meminfo = sh.run("cat /proc/meminfo")
    rows = data_lines(out)
    assert len(rows) == 1 and len(rows[0]) == len(COLUMNS), sh.c.why(f"one full line: {rows}")
    v = dict(zip(COLUMNS, rows[0]))
    assert v["swpd"] == meminfo_kb(meminfo, "SwapTotal") - meminfo_kb(meminfo, "SwapFree")
    assert v["buff"] == meminfo_kb(meminfo, "Buffers")
    assert abs(v["free"] - meminfo_kb(meminfo, "MemFree")) < 2048, (v, meminfo)
    cache = meminfo_kb(meminfo, "Cached") + meminfo_kb(meminfo, "SReclaimable")
    assert abs(v["cache"] - cache) < 2048, (v, meminfo)
    assert v["r"] >= 1, sh.c.why("vmstat itself runs")
    assert 97 <= v["us"] + v["sy"] + v["id"] + v["wa"] <= 103, v
    rows = data_lines(sh.run("vmstat 1 3", timeout=30))
    assert len(rows) == 3 and all(len(r) == len(COLUMNS) for r in rows), sh.c.why("3 lines")
    assert all(r[COLUMNS.index("cs")] > 0 for r in rows[1:]), sh.c.why("context switches counted")
    for bad in ("vmstat x", "vmstat 0", "vmstat 1 0", "vmstat 1 2 3"):
        assert "usage: vmstat" in sh.run(bad), sh.c.why(bad)
    assert not LOCK_REPORTS.search(sh.c.output()) and "BUG" not in sh.c.output()


def test_memhog_checks_every_page(console):
    """Without swap, in memory: 0 bad pages in plain, forked (each child
    checks and writes its share), random (the seed printed; -S takes it
    back) and steady runs; -t's figures, one line a pass; a page spoiled
    with -X is the one bad page, and memhog says so and fails."""
    sh = Shell(console)
    out = sh.run("memhog -f 4 16 2", timeout=120)
    assert len(re.findall(r"memhog: child (\d): bad pages: 0", out)) == 4, sh.c.why("children")
    assert "memhog: pass 2: 16 MiB written and checked" in out, sh.c.why("pass 2")
    assert "memhog: bad pages: 0\nmemhog: 16 MiB ok" in out, sh.c.why("all good")
    out = sh.run("memhog -r 8 2", timeout=60)
    m = re.search(r"memhog: seed (\d+)", out)
    assert m and "memhog: 8 MiB ok" in out, sh.c.why("random order")
    assert f"memhog: seed {m.group(1)}" in sh.run(f"memhog -S {m.group(1)} 4"), sh.c.why("-S")
    out = sh.run("memhog -s 2 -p 2000 -w 2 4", timeout=60)
    m = re.search(r"memhog: steady: (\d+) pages touched in 2 s over 2 MiB", out)
    assert m and int(m.group(1)) > 1000 and "memhog: 4 MiB ok" in out, sh.c.why("steady")
    out = sh.run("memhog -t 4 2")
    assert len(re.findall(r"^memhog: pass \d: write [\d.]+ MiB/s, check [\d.]+ MiB/s, "
                          r"\d+ major faults \([\d.]+/s\)$", out, re.M)) == 2, sh.c.why("-t")
    out = sh.run("memhog -X 5 4 1")
    assert re.search(r"memhog: page 5 \(generation 1\) bad at word 7: ", out), sh.c.why("named")
    assert "memhog: bad pages: 1\n" in out and "MiB ok" not in out, sh.c.why("counted once")
    assert "usage: memhog" in sh.run("memhog -f 2 -s 1 4"), sh.c.why("-f needs a pass")
    assert not LOCK_REPORTS.search(sh.c.output()) and "BUG" not in sh.c.output()
    b = run("init=/bin/memhog -X 0 2", smp=1)
    assert "memhog: bad pages: 1" in b.output, b.why("as init")
    assert "init exited with status 1" in b.output, b.why("a bad page is a failure")


def test_vmsample_and_the_reclaim_plot(tmp_path):
    """tools/plot_reclaim.py end to end on a small run: QEMU with a swap
    disk made here, vmsample sampling memhog, the samples parsed, and a
    PNG drawn by gnuplot."""
    png = tmp_path / "reclaim.png"
    res = subprocess.run([sys.executable, str(qemu.ROOT / "tools" / "plot_reclaim.py"),
                          "--mem", "64", "--swap", "64", "--interval", "200",
                          "--out", str(png), "--", "memhog", "8", "2"],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    m = re.search(r"plot_reclaim: (\d+) samples", res.stdout)
    assert m and int(m.group(1)) >= 2, res.stdout
    assert "memhog exited 0" in res.stdout, res.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "a PNG file"
    assert (tmp_path / "reclaim.dat").read_text().count("\n") >= 2, "the samples kept"


def test_plot_rates_from_counters():
    """tools/plot_reclaim.py:rates on made-up samples (no QEMU): levels
    in MiB, counter differences over the time between samples, swap in
    pages turned into KiB/s as vmstat's si and so."""
    sys.path.insert(0, str(qemu.ROOT / "tools"))
    import plot_reclaim
    rows = plot_reclaim.rates([(0, 2048, 0, 0, 0, 0, 0),
                               (500, 1024, 4096, 10, 50, 300, 20)])
    assert rows[0] == (0, 2, 0, 0, 0, 0, 0)
    assert rows[1] == (0.5, 1, 4, 80, 400, 600, 40)
