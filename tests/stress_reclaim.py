"""tests/stress_reclaim.py - the memory-pressure scenarios of
tests/test_reclaim.py at twice the size and length, run by `make stress`
(with a host thread per vCPU): a hog of 2.5 times a 64 MiB machine's RAM
checked twice (-smp 1, 2, 4, and lowmem=32M), forked children reading
swapped pages and copying on write, swapoff while a hog runs, kswapd
under a steady hog for 30 s, and memhog -o (every page written once,
none read back) of twice the RAM as init on the whole initramfs.  The
helpers are tests/test_reclaim.py's.

    /usr/bin/python3 -m pytest tests/stress_reclaim.py
"""
import re

import pytest

import qemu
from test_reclaim import (INITRD, VMSTAT, drive, hog, mkswap, swapoff_under_a_running_hog,
                          vmstat)

LONG = 900                      # s: several QEMUs may share the machine


def long_hog(*args, **kw):
    return hog(*args, timeout=LONG, **kw)


@pytest.mark.parametrize("smp,append", [(1, ""), (2, ""), (4, ""), (2, "lowmem=32M")])
def test_a_hog_of_two_and_a_half_times_the_ram_comes_back_whole(tmp_path, smp, append):
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


def test_swapoff_while_a_hog_runs_brings_every_page_back(tmp_path):
    """tests/test_reclaim.py's scenario at twice the size: 160 MiB in 64
    MiB over two 192 MiB areas; two whole passes after swapoff."""
    swapoff_under_a_running_hog(tmp_path, area_mib=192, hog_mib=160, mem=64, timeout=LONG)


def test_kswapd_does_most_of_the_scanning_under_a_steady_hog(tmp_path):
    """A 96 MiB hog in 64 MiB, after its first pass, touching all of
    itself at 4 MiB/s for 30 s: kswapd's scanning well ahead of direct
    reclaim's over that time."""
    swap = mkswap(tmp_path / "swap.img", 256)
    script = ("memhog -s 30 96 1 > /tmp/log & "
              f"while ! grep -q 'pass 1' /tmp/log; do sleep 1; done; {VMSTAT}; "
              f"wait $!; echo hog status $?; cat /tmp/log; {VMSTAT}")
    b = long_hog(script, [drive(0, swap)])
    assert "memhog: bad pages: 0" in b.output and "hog status 0" in b.output, b.why("the hog")
    kswapd = vmstat(b.output, "pgscan_kswapd") - vmstat(b.output, "pgscan_kswapd", block=0)
    direct = vmstat(b.output, "pgscan_direct") - vmstat(b.output, "pgscan_direct", block=0)
    assert kswapd > 0 and kswapd >= 2 * direct, b.why(f"pgscan_kswapd {kswapd}, direct {direct}")


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
