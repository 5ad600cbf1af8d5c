"""tests/stress_reclaim.py - the long memory-pressure scenarios of issue
15, run by `make stress` (not collected by `make test`: reclaim under
TCG moves a few MiB/s, so each takes minutes): a hog of 2.5 times the RAM
checked twice (-smp 1, 2, 4, and lowmem=32M), forked children reading
swapped pages and copying on write, VmSwap, swapoff while a hog runs,
two areas filled in priority order, kswapd under a steady hog, and
memhog -o (every page written once, none read back) of twice the RAM as
init on the whole initramfs.  The helpers are tests/test_reclaim.py's.

    /usr/bin/python3 -m pytest tests/stress_reclaim.py
"""
import re

import pytest

import qemu
from test_reclaim import INITRD, VMSTAT, drive, hog, mkswap, vmstat

LONG = 1500                     # s: a few MiB/s of swap traffic under TCG


def long_hog(*args, **kw):
    return hog(*args, timeout=LONG, **kw)


@pytest.mark.parametrize("smp,append", [(1, ""), (2, ""), (4, ""), (2, "lowmem=32M")])
def test_a_hog_of_twice_the_ram_comes_back_whole(tmp_path, smp, append):
    """160 MiB checked twice in a 64 MiB machine: every page goes to swap
    and back at least once; no bad page, no OOM kill."""
    swap = mkswap(tmp_path / "swap.img", 256)
    b = long_hog(f"memhog 160 2; echo hog status $?; {VMSTAT}", [drive(0, swap)], smp=smp,
            append=append)
    assert "memhog: bad pages: 0" in b.output and "hog status 0" in b.output, b.why("the hog")
    assert "Out of memory" not in b.output, b.why("no OOM kill with swap to spare")
    assert vmstat(b.output, "pswpout") > 0 and vmstat(b.output, "pswpin") > 0
    assert vmstat(b.output, "pgmajfault") > 0
    steal = vmstat(b.output, "pgsteal")
    assert steal > 0 and steal <= vmstat(b.output, "pgscan_kswapd") + \
        vmstat(b.output, "pgscan_direct"), b.why("stolen pages were scanned first")


def test_forked_children_read_their_own_copy_of_swapped_pages(tmp_path):
    """Four children share 96 MiB of swapped-out pages with their parent:
    each checks them all, writes its own quarter (copy-on-write after
    swap-in) and checks again; the parent's data is untouched."""
    swap = mkswap(tmp_path / "swap.img", 512)
    b = long_hog(f"memhog -f 4 96 2; echo hog status $?; {VMSTAT}", [drive(0, swap)])
    assert "memhog: bad pages: 0" in b.output and "hog status 0" in b.output, b.why("fork")
    assert "children lost" not in b.output or "children lost: 0" in b.output
    assert vmstat(b.output, "pswpin") > 0


def test_vmswap_counts_the_pages_a_hog_has_on_swap(tmp_path):
    """While a hog of 1.5 times the RAM holds its memory, VmSwap in its
    /proc/PID/status is most of what is not resident."""
    swap = mkswap(tmp_path / "swap.img", 256)
    script = ("memhog 96 1 600 > /tmp/log & "
              "while ! grep -q 'pass 1' /tmp/log; do sleep 1; done; "
              "grep -E 'VmRSS|VmSwap' /proc/$!/status; kill $!")
    b = long_hog(script, [drive(0, swap)])
    rss = re.search(r"VmRSS:\s+(\d+) kB", b.output)
    swapped = re.search(r"VmSwap:\s+(\d+) kB", b.output)
    assert rss and swapped, b.why("VmRSS and VmSwap in /proc/PID/status")
    rss, swapped = int(rss.group(1)), int(swapped.group(1))
    assert swapped > 32 * 1024, b.why(f"VmSwap {swapped} kB: a third of the hog at least")
    assert rss + swapped >= 90 * 1024, b.why(f"VmRSS {rss} + VmSwap {swapped} kB < the hog")


def test_swapoff_while_a_hog_runs_brings_every_page_back(tmp_path):
    """Two areas; the hog's pages are spread over both; swapoff of the
    first while the hog keeps checking brings its pages in (or over to
    the second area), the hog sees no bad page, /proc/swaps lists one."""
    a, b2 = mkswap(tmp_path / "a.img", 128), mkswap(tmp_path / "b.img", 128)
    script = ("memhog 96 4 & sleep 8; swapoff /dev/hda; echo swapoff status $?; "
              "wait $!; echo hog status $?; cat /proc/swaps")
    b = long_hog(script, [drive(0, a), drive(1, b2)])
    assert "swapoff status 0" in b.output, b.why("swapoff of a busy area")
    assert "memhog: bad pages: 0" in b.output and "hog status 0" in b.output, b.why("the hog")
    assert "/dev/hda" not in b.output.split("swapoff status")[1], b.why("hda still listed")
    assert re.search(r"^/dev/hdb\s+partition", b.output, re.M)


def test_two_areas_fill_in_priority_order(tmp_path):
    """hda at priority 5 (32 MiB) fills before hdb at priority 1 is used."""
    a, b2 = mkswap(tmp_path / "a.img", 32), mkswap(tmp_path / "b.img", 128)
    extra = [drive(0, a), drive(1, b2)]
    script = ("memhog 96 1 600 > /tmp/log & "
              "while ! grep -q 'pass 1' /tmp/log; do sleep 1; done; cat /proc/swaps; kill $!")
    b = qemu.boot(f'console=ttyS0 lock_debug swap=/dev/hda,5 swap=/dev/hdb,1 '
                  f'init=/bin/busybox sh -c "{script}"',
                  smp=2, mem=64, timeout=LONG, extra=["-initrd", INITRD] + extra)
    assert not b.timed_out, b.why("the run must end")
    rows = {m.group(1): (int(m.group(2)), int(m.group(3)))
            for m in re.finditer(r"^(/dev/hd[ab])\s+partition\s+(\d+)\s+(\d+)\s+-?\d+", b.output,
                                 re.M)}
    assert set(rows) == {"/dev/hda", "/dev/hdb"}, b.why("both areas listed")
    size_a, used_a = rows["/dev/hda"]
    assert rows["/dev/hdb"][1] == 0 or used_a >= size_a - 1024, \
        b.why(f"hdb used before hda was full: {rows}")
    assert used_a > 0, b.why("nothing swapped")


def test_kswapd_does_most_of_the_scanning_under_a_steady_hog(tmp_path):
    """A 96 MiB hog in 64 MiB touching a 24 MiB working set at 4 MiB/s:
    kswapd keeps up, so its scanning is well ahead of direct reclaim's."""
    swap = mkswap(tmp_path / "swap.img", 256)
    b = long_hog(f"memhog -s 20 -w 24 96 1; echo hog status $?; {VMSTAT}", [drive(0, swap)])
    assert "memhog: bad pages: 0" in b.output and "hog status 0" in b.output, b.why("the hog")
    kswapd, direct = vmstat(b.output, "pgscan_kswapd"), vmstat(b.output, "pgscan_direct")
    assert kswapd > 0 and kswapd >= 2 * direct, b.why(f"pgscan_kswapd {kswapd}, direct {direct}")
    assert vmstat(b.output, "kswapd_steal") > 0


@pytest.mark.parametrize("smp", [1, 2])
def test_a_hog_of_twice_memory_written_once_is_swapped_out(tmp_path, smp):
    """memhog -o 128 as init in 64 MiB: every page found, the earlier ones
    going to swap to make room, no OOM kill; pages written to swap,
    scanned and stolen, kswapd among the reclaimers."""
    hda = mkswap(tmp_path / "hda.img", 192)
    b = qemu.boot("console=ttyS0 lock_debug swap=/dev/hda init=/bin/memhog -o 128",
                  smp=smp, mem=64, timeout=LONG, extra=["-initrd", INITRD] + drive(0, hda))
    assert "Out of memory" not in b.output, b.why("the OOM killer ran")
    assert "memhog: 128 MiB written once" in b.output, b.why("memhog got all its memory")
    stat = {m.group(1): int(m.group(2))
            for m in re.finditer(r"^memhog: vmstat (\w+) (\d+)\r?$", b.output, re.M)}
    assert stat.get("pswpout", 0) > 0 and stat.get("kswapd_steal", 0) > 0, b.why(f"{stat}")
