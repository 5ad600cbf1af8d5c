"""tests/test_reclaim.py - memory pressure end to end (issue 15): the
reverse map, the LRU lists, the swap cache, kswapd and direct reclaim,
swap-in, swapoff and the OOM killer, on real swap disks made here with
truncate and mkswap.

Every scenario boots a small machine with `swap=` areas and runs Debian's
busybox sh as init over user/memhog.c, which checks every word of every
page each time it touches it ("memhog: bad pages: N"), and reads
/proc/vmstat and /proc/swaps after.  What is checked: a hog of 2.5 times
the RAM comes back whole (-smp 1, 2, 4, with most memory high, and on a
16 MiB machine with a small initramfs); the
children of a fork each read their own copy of pages that were swapped
out (rmap with many mappings, copy-on-write after swap-in); VmSwap counts
what a hog has on swap; swapoff while
a hog runs brings every page of that area back; two areas fill in
priority order; a full swap ends in the OOM killer taking the hog with
Linux's log line, the shell surviving, oom_kill counted; a read error
during swap-in is SIGBUS for that process only; under a steady moderate
hog kswapd does most of the scanning.  lock_debug is on throughout and
must stay silent.

These are the quick ones, in `make test`; tests/stress_reclaim.py has the
long ones (hogs of 2.5 times the RAM on -smp 1, 2, 4 and with most memory
high, forked children, swapoff under a running hog, two areas by
priority, VmSwap, kswapd under a steady hog), run by `make stress`."""
import re
import subprocess

import pytest

import qemu

INITRD = str(qemu.ROOT / "build" / "initrd.cpio")
TINY_INITRD = str(qemu.ROOT / "build" / "initrd-tiny.cpio")    # busybox, memhog, vmstat
TIMEOUT = 300
LOCK_REPORTS = re.compile(r"BUG: |WARNING: |Oops|Kernel panic|possible circular locking")


def mkswap(path, mib):
    subprocess.run(["truncate", "-s", f"{mib}M", str(path)], check=True)
    subprocess.run(["mkswap", str(path)], check=True, capture_output=True)
    return path


def blkdebug_conf(path, sector):
    """Reads of SECTOR fail with EIO (writes go through)."""
    path.write_text(f'[inject-error]\nevent = "read_aio"\nerrno = "5"\nsector = "{sector}"\n')
    return path


def drive(index, img, blkdebug=None):
    file = f"blkdebug:{blkdebug}:{img}" if blkdebug else str(img)
    return ["-drive", f"file={file},format=raw,if=ide,index={index},rerror=report,werror=report"]


def hog(script, disks, smp=2, mem=64, append="", timeout=TIMEOUT, initrd=TINY_INITRD):
    """Boot with the disks (a list of -drive argument lists) and run script
    under busybox sh as init; the Boot, checked for lock_debug reports."""
    extra = ["-initrd", initrd] + [a for d in disks for a in d]
    b = qemu.boot(f'console=ttyS0 lock_debug swap=auto {append} init=/bin/busybox sh -c "{script}"',
                  smp=smp, mem=mem, timeout=timeout, extra=extra)
    assert not b.timed_out, b.why("the run must end")
    m = LOCK_REPORTS.search(b.output)
    assert not m, b.why("the kernel complained:\n" + b.output[m.start():m.start() + 1500])
    return b


def vmstat(output, name):
    """The last value /proc/vmstat printed for name (summed over zone
    suffixes, as vmstat(8) does for pgscan_kswapd etc.)."""
    blocks = re.findall(r"--- vmstat\r?\n(.*?)--- end", output, re.S)
    assert blocks, "no /proc/vmstat in the output"
    total = 0
    found = False
    for line in blocks[-1].splitlines():
        m = re.match(rf"({name}(_dma|_normal|_high)?) (\d+)", line.strip())
        if m:
            total += int(m.group(3))
            found = True
    assert found, f"no {name} in /proc/vmstat"
    return total


VMSTAT = "echo --- vmstat; cat /proc/vmstat; echo --- end"


@pytest.mark.parametrize("smp", [1, 2])
def test_a_hog_of_one_and_a_half_times_the_ram_comes_back_whole(tmp_path, smp):
    """48 MiB written and checked in a 32 MiB machine: the check reads the
    early pages back from swap (do_swap_page); no bad page, no OOM kill,
    and the counters show both directions and who scanned."""
    swap = mkswap(tmp_path / "swap.img", 128)
    b = hog(f"memhog 48 1; echo hog status $?; {VMSTAT}", [drive(0, swap)], smp=smp, mem=32)
    assert "memhog: bad pages: 0" in b.output and "hog status 0" in b.output, b.why("the hog")
    assert "Out of memory" not in b.output, b.why("no OOM kill with swap to spare")
    assert vmstat(b.output, "pswpout") > 0 and vmstat(b.output, "pswpin") > 0
    assert vmstat(b.output, "pgmajfault") > 0
    scanned = vmstat(b.output, "pgscan_kswapd") + vmstat(b.output, "pgscan_direct")
    assert 0 < vmstat(b.output, "pgsteal") <= scanned, b.why("stolen pages were scanned first")
    assert vmstat(b.output, "kswapd_steal") > 0, b.why("kswapd took part")


def test_a_16_mib_machine_runs_busybox_and_swaps(tmp_path):
    """The smallest machine: 16 MiB, busybox sh from the small initramfs,
    a 20 MiB hog written and checked, vmstat showing the swapping."""
    swap = mkswap(tmp_path / "swap.img", 64)
    b = hog(f"memhog 20 1; echo hog status $?; vmstat; {VMSTAT}", [drive(0, swap)], smp=1,
            mem=16, initrd=TINY_INITRD)
    assert "memhog: bad pages: 0" in b.output and "hog status 0" in b.output, b.why("the hog")
    assert vmstat(b.output, "pswpout") > 0 and vmstat(b.output, "pswpin") > 0
    assert re.search(r"^ r  b   swpd   free", b.output, re.M), b.why("vmstat's header")


def test_full_swap_ends_in_the_oom_killer_taking_the_hog_alone(tmp_path):
    """8 MiB of swap under a 64 MiB hog in 32 MiB: the OOM killer takes
    the hog, with Linux's log line; the shell goes on; oom_kill counts."""
    swap = mkswap(tmp_path / "swap.img", 8)
    b = hog(f"memhog 64 1; echo hog status $?; {VMSTAT}", [drive(0, swap)], mem=32)
    assert re.search(r"Out of memory: Killed process \d+ \(memhog\)", b.output), b.why("OOM line")
    assert "hog status 137" in b.output, b.why("the shell survives and sees SIGKILL")
    assert vmstat(b.output, "oom_kill") >= 1


def test_a_read_error_during_swap_in_is_sigbus_for_that_process_only(tmp_path):
    """A bad sector inside the area (slot 100): the page swapped out to it
    cannot come back, and the hog dies of SIGBUS (status 135); the shell
    and the kernel go on, and the next command runs."""
    swap = mkswap(tmp_path / "swap.img", 128)
    conf = blkdebug_conf(tmp_path / "blkdebug.conf", 8 * 100)
    b = hog("memhog 48 1; echo hog status $?; echo after", [drive(0, swap, conf)], mem=32)
    assert "hog status 135" in b.output, b.why("SIGBUS for the hog")
    assert "after" in b.output.split("hog status 135")[1]
