"""tests/test_compare.py - the arithmetic and parsing of tools/compare.py
(`make compare`), which itself needs Debian's Linux kernel and runs for
many minutes, so it is not part of make test: figures read from serial
logs as both kernels print them, the medians and ratios of the table
(a rate: Tessera over Linux; a time: Linux over Tessera), the spread,
the markdown and the chart."""
import subprocess
import sys
from types import SimpleNamespace

import pytest

import qemu

sys.path.insert(0, str(qemu.ROOT / "tools"))
import compare  # noqa: E402


def fake_boot(lines, seconds=2.0):
    return SimpleNamespace(lines=[(t, line + "\n") for t, line in lines],
                           output="".join(line + "\n" for _, line in lines),
                           seconds=seconds, first=lambda p: compare.Timed.first(
                               SimpleNamespace(lines=[(t, line) for t, line in lines]), p))


def test_figures_are_read_as_both_kernels_print_them():
    memhog = ["memhog: pass 1: write 82.6 MiB/s, check 35.9 MiB/s, 5281 major faults (827/s)",
              "memhog: pass 2: write 29.6 MiB/s, check 28.0 MiB/s, 10950 major faults (984/s)"]
    got = compare.swap_figures(fake_boot([(1.0, line) for line in memhog]))
    assert got == {"swap_write_160M_in_64M": (82.6, "MiB/s", True),
                   "swap_sweep_160M_in_64M": (28.0, "MiB/s", True),
                   "swap_majfaults_160M_in_64M": (984.0, "faults/s", True)}
    assert compare.swap_figures(fake_boot([(1.0, memhog[0])])) == {}, "pass 2 missing"
    bench = fake_boot([(0.5, "bench: getpid_syscalls - the cheapest"),
                       (0.9, "BENCH getpid_syscalls 1113748 calls/s"),
                       (1.2, "BENCH sweep_seq_64M 321 MiB/s")])
    assert compare.bench_figures(bench) == {"getpid_syscalls": (1113748.0, "calls/s", True),
                                            "sweep_seq_64M": (321.0, "MiB/s", True)}
    hello = fake_boot([(0.2, "[    0.02] Tessera version"), (0.31, "hello from /bin/hello, argc=1")],
                      seconds=0.35)
    assert compare.boot_figures(hello) == {"boot_first_output_s": (0.31, "s", False),
                                           "boot_to_exit_s": (0.35, "s", False)}
    assert compare.boot_figures(fake_boot([(0.2, "panic")])) == {}, "no hello, no figure"


def test_ratios_say_how_much_faster_tessera_is_for_rates_and_times():
    values = {"anon_page_faults": {"linux": [100, 80, 90], "tessera": [150, 200, 180]},
              "boot_to_exit_s": {"linux": [5.0, 6.0, 4.0], "tessera": [0.5, 0.25, 0.3]},
              "only_linux": {"linux": [1], "tessera": []}}
    units = {"anon_page_faults": ("faults/s", True), "boot_to_exit_s": ("s", False),
             "only_linux": ("x", True)}
    rows = {r[0]: r for r in compare.table(values, units)}
    assert set(rows) == {"anon_page_faults", "boot_to_exit_s"}, "a figure needs both kernels"
    name, unit, lm, tm, ratio, sl, st = rows["anon_page_faults"]
    assert (lm, tm, unit) == (90, 180, "faults/s")
    assert ratio == pytest.approx(2.0)
    assert sl == pytest.approx(20 / 90 * 100) and st == pytest.approx(50 / 180 * 100)
    assert rows["boot_to_exit_s"][4] == pytest.approx(5.0 / 0.3), "a time: Linux's over ours"


def test_the_report_and_the_chart(tmp_path):
    rows = [("anon_page_faults", "faults/s", 90.0, 180.0, 2.0, 22.0, 28.0),
            ("fork_calls", "forks/s", 4000.0, 3000.0, 0.75, 5.0, 3.0)]
    opts = SimpleNamespace(smp=2, mem=256, runs=3, lowmem="96M", linux_vmalloc="900M")
    kernels = SimpleNamespace(manifest={"package": "linux-image-6.1.0-50-686",
                                        "version": "6.1.176-1"})
    md = compare.markdown(rows, opts, kernels, ["run 1 bench linux: 12.0 s, load 0.5"])
    assert "| anon_page_faults | faults/s | 90 | 180 | 2.00 | 22% | 28% |" in md
    assert "| fork_calls | forks/s | 4000 | 3000 | 0.75 |" in md
    assert "-smp 2" in md and "lowmem=96M" in md and "vmalloc=900M" in md \
        and "linux-image-6.1.0-50-686" in md
    assert "- run 1 bench linux: 12.0 s, load 0.5" in md
    png = tmp_path / "c.png"
    assert compare.chart(rows, png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_refuses_unknown_cases():
    r = subprocess.run([sys.executable, str(qemu.ROOT / "tools" / "compare.py"),
                        "--cases", "boot,nonsense"], capture_output=True, text=True)
    assert r.returncode == 2 and "cases are boot, bench, swap" in r.stderr
