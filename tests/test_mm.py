"""tests/test_mm.py - physical memory as a user of the monitor sees it:
/proc-style meminfo, buddyinfo and zoneinfo that agree with each other and
with the machine, lowmem= moving memory into ZONE_HIGHMEM, the
min_free_kbytes tunable, and the benchmarks printing their figures."""
import re

import qemu


def parse_meminfo(text):
    return {k: int(v) for k, v in re.findall(r"^(\w+):\s+(\d+) kB$", text, re.M)}


def buddy_free_kb(text):
    total = 0
    for line in re.findall(r"^Node 0, zone\s+\w+\s+([\d\s]+)$", text, re.M):
        counts = [int(x) for x in line.split()]
        assert len(counts) == 11, line
        total += sum(n << order for order, n in enumerate(counts)) * 4
    return total


def test_lowmem_boot_has_most_memory_high(console):
    c = console("console=ttyS0 lowmem=32M", mem=128, smp=2)
    c.expect_prompt()
    info = parse_meminfo(c.run("meminfo"))
    assert 120 * 1024 < info["MemTotal"] <= 128 * 1024, info
    assert info["LowTotal"] <= 32 * 1024 and info["HighTotal"] >= 90 * 1024, info
    assert info["MemTotal"] == info["LowTotal"] + info["HighTotal"]
    assert info["MemFree"] == info["LowFree"] + info["HighFree"]
    buddy = c.run("buddyinfo")
    assert re.search(r"^Node 0, zone\s+HighMem", buddy, re.M), buddy
    # Free pages on the buddy lists never exceed MemFree's count of them.
    assert 0 < buddy_free_kb(buddy) <= info["MemFree"]
    zones = c.run("zoneinfo")
    for name in ("DMA", "Normal", "HighMem"):
        m = re.search(rf"zone\s+{name}\n  pages free\s+(\d+)\n\s+min\s+(\d+)\n\s+low\s+(\d+)\n"
                      rf"\s+high\s+(\d+)", zones)
        assert m, c.why(f"zoneinfo lacks {name}")
        free, lo_min, low, high = map(int, m.groups())
        assert lo_min < low < high < free, m.group(0)


def test_min_free_kbytes_moves_watermarks(console):
    c = console(mem=128)
    c.expect_prompt()
    before = int(c.run("min_free_kbytes").strip())
    assert 128 <= before <= 65536
    c.run("min_free_kbytes 4096")
    assert c.run("min_free_kbytes").strip() == "4096"
    mins = [int(x) for x in re.findall(r"\n\s+min\s+(\d+)", c.run("zoneinfo"))]
    assert 1000 <= sum(mins[:2]) <= 1024, mins       # DMA + Normal share 4096 kB
    assert "expected 128..65536" in c.run("min_free_kbytes 5")


def test_default_boot_has_no_highmem_below_896M(console):
    c = console(mem=512)
    c.expect_prompt()
    info = parse_meminfo(c.run("meminfo"))
    assert info["HighTotal"] == 0 and info["LowTotal"] == info["MemTotal"], info


def test_benchmarks_print_figures():
    b = qemu.boot("console=ttyS0 bench=page_alloc", mem=128)
    lines = re.findall(r"BENCH (\S+) (\d+) (\S+)", b.output)
    names = {name for name, _, _ in lines}
    for want in ("page_alloc_order0_pcp_ns", "page_alloc_order0_zone_cycles",
                 "page_alloc_order3_ns"):
        assert want in names, b.why(f"no BENCH {want}")
    assert all(unit in ("cycles", "ns") for _, _, unit in lines)
    assert "bench: 3 benchmarks run" in b.output
    explained = re.findall(r"bench: page_alloc\.(\w+) - \S.{20,}", b.output)
    assert sorted(explained) == ["order0_pcp", "order0_zone", "order3"], \
        b.why("each benchmark says what it measures")


def test_slab_benchmarks_print_figures():
    b = qemu.boot("console=ttyS0 bench=slab", mem=128)
    names = set(re.findall(r"BENCH (\S+) \d+ (?:cycles|ns)", b.output))
    for want in ("kmalloc_kfree_32_ns", "kmalloc_kfree_256_ns", "kmalloc_kfree_4096_ns",
                 "kmem_cache_alloc_free_64_cycles"):
        assert want in names, b.why(f"no BENCH {want}")


def test_idle_cpu_gives_back_its_pcp_pages(console):
    """Allocating fills this CPU's pcp lists; waiting at the prompt is idle
    time, which drains them back to the buddy lists."""
    c = console("console=ttyS0 lowmem=32M", mem=128)
    c.expect_prompt()
    out = c.run("ktest page")   # frees its pages onto the pcp lists
    assert "ktest: 2 passed, 0 failed" in out, out
    counts = [int(x) for x in re.findall(r"count: (\d+)", c.run("zoneinfo"))]
    assert counts and all(n == 0 for n in counts), counts


def test_pt_and_kmaps_commands(console):
    c = console("console=ttyS0 lowmem=32M", mem=128)
    c.expect_prompt()
    out = c.run("pt c0100000")                  # kernel text: read-only
    assert re.search(r"^pte 00100\w{3}  present ro kernel", out, re.M), out
    assert "paddr 00100000 (pfn 0x100)" in out
    out = c.run("pt c1800000")                  # direct map above the boot 16 MiB
    assert re.search(r"^pte 01800\w{3}  present rw kernel", out, re.M), out
    assert "pgd 00000000  not present" in c.run("pt 0")
    assert "usage: pt" in c.run("pt zzz")
    out = c.run("kmaps")
    assert re.search(r"pkmap window 0xff800000-0xffbfffff, 1024 slots", out), out
    assert "0 in use" in out
    c.run("ktest highmem")
    out = c.run("kmaps")
    m = re.search(r"(\d+) in use, (\d+) unmapped but not yet flushed, (\d+) free", out)
    assert m and int(m.group(1)) == 0 and int(m.group(2)) > 0, out


def test_vmallocinfo_lists_areas(console):
    c = console("console=ttyS0 lowmem=32M", mem=128)
    c.expect_prompt()
    out = c.run("vmallocinfo")
    assert re.search(r"vmalloc area 0xc2800000-0xff7fdfff", out), out


def test_slabinfo_and_meminfo_slab_line(console):
    c = console(mem=128)
    c.expect_prompt()
    out = c.run("slabinfo")
    assert out.startswith("slabinfo - version: 2.1\n# name            <active_objs> <num_objs> "
                          "<objsize> <objperslab> <pagesperslab> : tunables <limit> "
                          "<batchcount> <sharedfactor> : slabdata <active_slabs> "
                          "<num_slabs> <sharedavail>\n"), out
    rows = re.findall(r"^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+) : tunables\s+\d+\s+\d+"
                      r"\s+0 : slabdata\s+\d+\s+\d+\s+0$", out, re.M)
    names = {r[0] for r in rows}
    for size in (32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072):
        assert f"size-{size}" in names and f"size-{size}(DMA)" in names, size
    for name, active, num, objsize, perslab, pages in rows:
        assert int(active) <= int(num) and int(perslab) >= 1, name
        assert int(objsize) * int(perslab) <= int(pages) * 4096, name
    c.run("ktest kmalloc")
    slab_kb = int(re.search(r"^Slab:\s+(\d+) kB", c.run("meminfo"), re.M).group(1))
    assert slab_kb > 0


def test_fault_scaling_benchmark_prints_figures():
    """bench=fault: faults per second by 1, 2 and 4 threads on 4 CPUs, in
    one shared mm and in separate ones (mm/bench_fault.c)."""
    b = qemu.boot("console=ttyS0 bench=fault", mem=256, smp=4)
    figures = dict(re.findall(r"BENCH (page_faults_\S+) (\d+) faults/s", b.output))
    for mms in ("one_mm", "own_mms"):
        for n in ("1thread", "2threads", "4threads"):
            name = f"page_faults_{mms}_{n}"
            assert name in figures and int(figures[name]) > 0, b.why(f"no BENCH {name}")
    assert "bench_fault:" not in b.output, b.why("a fault failed or no memory")


def test_smp_benchmarks_print_figures():
    b = qemu.boot("console=ttyS0 bench=sched", mem=128, smp=2)
    names = set(re.findall(r"BENCH (\S+) \d+ (?:cycles|ns|cpus)", b.output))
    for want in ("context_switch_same_cpu_ns", "context_switch_cross_cpu_ns",
                 "spinlock_uncontended_cycles", "spinlock_contended_2cpus_cycles",
                 "ipi_round_trip_ns", "tlb_shootdown_one_page_ns"):
        assert want in names, b.why(f"no BENCH {want}")
    assert "bench: 5 benchmarks run" in b.output
