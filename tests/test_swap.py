"""tests/test_swap.py - swap areas on real disks: images made here by
truncate, mkswap and sfdisk (util-linux, fdisk) in a temporary directory,
attached as IDE disks (index 0..3 = hda..hdd), turned on with the
swapon system call (user/swaptest.c, busybox) or at boot with swap=.

What is checked: a good area's sizes in /proc/swaps (Linux's exact
columns), /proc/meminfo and sysinfo; EBUSY for a second swapon; swapoff;
busybox swapon -d / swapoff -a / free; a corrupt header, a
byte-swapped one and a device shorter than its header refused with a
message naming the device and the reason; swap=auto finding every area
(whole disk, primary and logical partitions) and refusing a partition of
the wrong type; the order in which slots are handed out from areas of
two priorities (the swap_disk ktests, run on a machine booted with the
areas on).  Every image's sha256 is the same after the boot as before:
swapon writes nothing.  Each runs on -smp 1 and 2."""
import hashlib
import re
import struct
import subprocess

import pytest

import qemu

INITRD = str(qemu.ROOT / "build" / "initrd.cpio")
TIMEOUT = 90
MiB = 1 << 20
LOCK_REPORTS = re.compile(r"BUG: lock not held|BUG: lock order violation|"
                          r"possible circular locking dependency")


def mkswap(path, size, label=None):
    subprocess.run(["truncate", "-s", str(size), str(path)], check=True)
    subprocess.run(["mkswap"] + (["-L", label] if label else []) + [str(path)],
                   check=True, capture_output=True)
    return path


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def patch(path, offset, data):
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(data)


def drives(*images):
    """IDE disks in order: hda, hdb, hdc, hdd (None leaves one out)."""
    args = []
    for index, img in enumerate(images):
        if img is not None:
            args += ["-drive", f"file={img},format=raw,if=ide,index={index}"]
    return args


def boot(append, images, smp):
    before = [sha256(i) for i in images if i is not None]
    b = qemu.boot(f"console=ttyS0 lock_debug {append}", smp=smp, timeout=TIMEOUT,
                  extra=["-initrd", INITRD] + drives(*images))
    m = LOCK_REPORTS.search(b.output)
    assert not m, b.why("lock_debug reported:\n" + b.output[m.start():m.start() + 1500])
    assert [sha256(i) for i in images if i is not None] == before, \
        b.why("a disk image changed: swap code must not write")
    return b


def swaps_line(name, size_kb, used_kb, prio):
    """A /proc/swaps line as Linux prints it."""
    pad = 40 - len(name) if len(name) < 40 else 1
    tab = lambda n: "\t" if n < 10000000 else ""
    return f"{name}{' ' * pad}partition\t{size_kb}\t{tab(size_kb)}{used_kb}\t{tab(used_kb)}{prio}"


def proc_swaps(output):
    """Each /proc/swaps that swaptest printed, as a list of lines."""
    out = output.replace("\r", "")
    return [block.split("\n") for block in re.findall(r"--- /proc/swaps\n(.*?)\n---\n", out, re.S)]


HEADER = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority"


def passed(b):
    assert "swaptest: all ok" in b.output, b.why("a swaptest step failed")
    assert re.search(r"init exited with status 0\r?$", b.output, re.M), b.why("exit status")


@pytest.mark.parametrize("smp", [1, 2])
def test_swapon_of_a_good_area(tmp_path, smp):
    hda = mkswap(tmp_path / "hda.img", 8 * MiB)        # 2048 pages: 2047 slots
    b = boot("init=/bin/swaptest errors swaps on:/dev/hda@0 swaps total:8188 on:/dev/hda@EBUSY "
             "off:/dev/hda@0 off:/dev/hda@EINVAL total:0 swaps", [hda], smp)
    passed(b)
    before, on, after = proc_swaps(b.output)
    assert before == [HEADER] and after == [HEADER], b.why("no area before or after")
    assert on == [HEADER, swaps_line("/dev/hda", 8188, 0, -1)], b.why(f"/proc/swaps: {on}")
    assert re.search(r"swapon: /dev/hda: 8188 KiB of swap", b.output), b.why("the boot line")


@pytest.mark.parametrize("smp", [1, 2])
def test_busybox_swapon_swapoff_and_free(tmp_path, smp):
    """Debian's busybox 1.35 swapon has no -s or -p; swapon -d passes
    SWAP_FLAG_DISCARD (accepted, nothing to do), and swapoff -a finds the
    areas by reading /proc/swaps (and /etc/fstab, which must exist)."""
    hda = mkswap(tmp_path / "hda.img", 4 * MiB)
    script = ("busybox swapon -d /dev/hda && echo swapon-ok; cat /proc/swaps; busybox free; "
              "free; touch /etc/fstab; busybox swapoff -a && echo swapoff-ok; cat /proc/swaps; "
              "echo done")
    b = boot(f'init=/bin/busybox sh -c "{script}"', [hda], smp)
    out = "\n".join(l for l in b.output.replace("\r", "").split("\n") if "Command line:" not in l)
    assert "swapon-ok" in out and "swapoff-ok" in out and "\ndone" in out, b.why("the commands")
    assert swaps_line("/dev/hda", 4092, 0, -1) in out, b.why("/proc/swaps after swapon")
    assert len(re.findall(r"^Swap:\s+4092\s+0\s+4092\s*$", out, re.M)) == 2, \
        b.why("busybox free and free: the Swap line")
    assert "/dev/hda" not in out[out.index("swapoff-ok"):], b.why("gone after swapoff -a")


@pytest.fixture
def bad_images(tmp_path):
    """hda: magic damaged; hdb: mkswap'd for 8 MiB, cut to 4 MiB; hdc:
    version 1 written big-endian; hdd: a bad-page entry past last_page."""
    hda = mkswap(tmp_path / "hda.img", 4 * MiB)
    patch(hda, 4096 - 10, b"SWAPSPACE0")
    hdb = mkswap(tmp_path / "hdb.img", 8 * MiB)
    subprocess.run(["truncate", "-s", str(4 * MiB), str(hdb)], check=True)
    hdc = mkswap(tmp_path / "hdc.img", 4 * MiB)
    patch(hdc, 1024, struct.pack(">I", 1))
    hdd = mkswap(tmp_path / "hdd.img", 4 * MiB)
    patch(hdd, 1032, struct.pack("<II", 1, 5000))       # nr_badpages 1, page 5000
    return [hda, hdb, hdc, hdd]


@pytest.mark.parametrize("smp", [1, 2])
def test_bad_areas_are_refused_and_left_untouched(bad_images, smp):
    b = boot("init=/bin/swaptest on:/dev/hda@EINVAL on:/dev/hdb@EINVAL on:/dev/hdc@EINVAL "
             "on:/dev/hdd@EINVAL total:0", bad_images, smp)
    passed(b)
    for dev, why in [("hda", "no swap signature"),
                     ("hdb", "last_page is beyond the end of the device"),
                     ("hdc", "byte-swapped header"),
                     ("hdd", "a bad-page entry is out of range")]:
        assert f"swapon: /dev/{dev}: {why}" in b.output, b.why(f"the message for {dev}")


def partitioned(path):
    """A 32 MiB disk: hdb1 swap (type 82), hdb2 a Linux partition (83)
    with a stale swap signature, hdb3 extended holding hdb5, swap (82);
    the partitions are mkswap'd in place."""
    subprocess.run(["truncate", "-s", str(32 * MiB), str(path)], check=True)
    table = ("label: dos\n"
             "start=2048, size=8192, type=82\n"
             "start=10240, size=8192, type=83\n"
             "start=18432, size=40960, type=5\n"
             "start=20480, size=16384, type=82\n")
    subprocess.run(["sfdisk", "-q", str(path)], input=table, text=True, check=True,
                   capture_output=True)
    for start, sectors in [(2048, 8192), (10240, 8192), (20480, 16384)]:
        part = mkswap(path.parent / f"part{start}.img", sectors * 512)
        patch(path, start * 512, part.read_bytes())
    return path


@pytest.mark.parametrize("smp", [1, 2])
def test_swap_auto_finds_every_area(tmp_path, smp):
    hda = mkswap(tmp_path / "hda.img", 4 * MiB)
    hdb = partitioned(tmp_path / "hdb.img")
    hdc = tmp_path / "hdc.img"                          # no signature at all
    subprocess.run(["truncate", "-s", str(4 * MiB), str(hdc)], check=True)
    b = boot("swap=auto init=/bin/swaptest swaps total:16372", [hda, hdb, hdc], smp)
    passed(b)
    (swaps,) = proc_swaps(b.output)
    assert swaps == [HEADER, swaps_line("/dev/hda", 4092, 0, -1),
                     swaps_line("/dev/hdb1", 4092, 0, -2),
                     swaps_line("/dev/hdb5", 8188, 0, -3)], b.why(f"/proc/swaps: {swaps}")
    assert "swapon: /dev/hdb2: partition type 83 is not Linux swap (82)" in b.output, \
        b.why("the partition of the wrong type")
    assert "swapon: /dev/hdc" not in b.output and "swapon: /dev/hdb:" not in b.output, \
        b.why("disks without a signature (hdc, hdb's MBR) are passed over quietly")


@pytest.mark.parametrize("smp", [1, 2])
def test_two_priorities_then_turns(tmp_path, smp):
    """hdc (priority 10) is used first, then hda and hdb (5) in turn, each
    in clusters of consecutive slots: the swap_disk ktest checks the
    entries get_swap_page hands out."""
    images = [mkswap(tmp_path / f"{d}.img", 4 * MiB) for d in ("hda", "hdb")]
    images.append(mkswap(tmp_path / "hdc.img", 2 * MiB))
    before = [sha256(i) for i in images]
    b = qemu.boot("console=ttyS0 lock_debug swap=/dev/hda,5 swap=/dev/hdb,5 swap=/dev/hdc,10 "
                  "ktest=swap_disk", smp=smp, timeout=TIMEOUT, extra=drives(*images))
    assert qemu.ktest_summary(b.output) == (1, 0), b.why("the swap_disk ktest")
    assert "skipped" not in b.output, b.why("the ktest must run, not skip")
    assert [sha256(i) for i in images] == before
    for dev, prio in [("hda", 5), ("hdb", 5), ("hdc", 10)]:
        assert re.search(rf"swapon: /dev/{dev}: \d+ KiB of swap \(\d+ slots\), priority {prio}\b",
                         b.output), b.why(f"{dev} on with priority {prio}")


@pytest.mark.parametrize("smp", [1, 2])
def test_swap_boot_parameter_and_priorities_from_swapon_flags(tmp_path, smp):
    """swap=/dev/hdb at boot gets priority -1; swapon with
    SWAP_FLAG_PREFER|5 gives 5; off and on again without a priority, the
    next automatic one.  Bad swap= values are reported, not fatal."""
    images = [mkswap(tmp_path / f"{d}.img", 4 * MiB) for d in ("hda", "hdb")]
    b = boot("swap=/dev/nosuchdisk swap=/dev/hda,99999 swap=/dev/hdb init=/bin/swaptest "
             "on:/dev/hda:5@0 swaps off:/dev/hda@0 on:/dev/hda@0 swaps", images, smp)
    passed(b)
    assert "swap=/dev/nosuchdisk: not enabled (error -2)" in b.output, b.why("a missing disk")
    assert "swap=/dev/hda,99999: the priority must be 0..32767" in b.output, b.why("a bad prio")
    first, second = proc_swaps(b.output)
    assert first == [HEADER, swaps_line("/dev/hdb", 4092, 0, -1),
                     swaps_line("/dev/hda", 4092, 0, 5)], b.why(f"/proc/swaps: {first}")
    assert second == [HEADER, swaps_line("/dev/hdb", 4092, 0, -1),
                      swaps_line("/dev/hda", 4092, 0, -2)], b.why(f"/proc/swaps: {second}")
