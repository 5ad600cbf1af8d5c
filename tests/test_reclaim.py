"""tests/test_reclaim.py - page reclaim (mm/vmscan.c) seen from user
space: a machine with a swap disk made here by mkswap (swap=/dev/hda at
boot) runs user/memhog.c as init, asking for twice its memory.

The part that needs no swap-in: memhog -o writes each page once and
reads none back, so every page must be found - the earlier ones going to
swap to make room - with no OOM kill, and /proc/vmstat (memhog prints its
reclaim lines at the end) must show pages written to swap, LRU scanning
and pages that kswapd reclaimed.  Each runs on -smp 1 and 2, with
lock_debug."""
import re
import subprocess

import pytest

import qemu

INITRD = str(qemu.ROOT / "build" / "initrd.cpio")
MiB = 1 << 20
MEM = 64                                # MiB of RAM: the hog takes twice that
LOCK_REPORTS = re.compile(r"BUG: lock not held|BUG: lock order violation|"
                          r"possible circular locking dependency")


def mkswap(path, size):
    subprocess.run(["truncate", "-s", str(size), str(path)], check=True)
    subprocess.run(["mkswap", str(path)], check=True, capture_output=True)
    return path


def vmstat(output):
    """memhog's "memhog: vmstat NAME VALUE" lines as a dict."""
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"^memhog: vmstat (\w+) (\d+)\r?$", output, re.M)}


def total(stat, prefix):
    return sum(v for k, v in stat.items() if k.startswith(prefix))


@pytest.mark.parametrize("smp", [1, 2])
def test_a_hog_of_twice_memory_written_once_is_swapped_out(tmp_path, smp):
    hda = mkswap(tmp_path / "hda.img", 3 * MEM * MiB)
    b = qemu.boot(f"console=ttyS0 lock_debug swap=/dev/hda init=/bin/memhog -o {2 * MEM}",
                  smp=smp, mem=MEM, timeout=600,
                  extra=["-initrd", INITRD, "-drive", f"file={hda},format=raw,if=ide,index=0"])
    m = LOCK_REPORTS.search(b.output)
    assert not m, b.why("lock_debug reported:\n" + b.output[m.start():m.start() + 1500])
    assert "Out of memory" not in b.output, b.why("the OOM killer ran")
    assert f"memhog: {2 * MEM} MiB written once" in b.output, b.why("memhog got all its memory")
    assert re.search(r"init exited with status 0\r?$", b.output, re.M), b.why("exit status")
    stat = vmstat(b.output)
    assert stat.get("oom_kill") == 0, b.why(f"oom_kill: {stat}")
    assert stat.get("pswpout", 0) > 0, b.why(f"pswpout: {stat}")
    assert total(stat, "pgscan_kswapd_") + total(stat, "pgscan_direct_") > 0, \
        b.why(f"pgscan: {stat}")
    assert total(stat, "pgsteal_") > 0, b.why(f"pgsteal: {stat}")
    assert stat.get("kswapd_steal", 0) > 0 and stat.get("pageoutrun", 0) > 0, \
        b.why(f"kswapd: {stat}")
