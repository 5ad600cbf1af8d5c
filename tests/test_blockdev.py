"""tests/test_blockdev.py - the block layer end to end: block device files
on a real (QEMU's IDE) disk used from user space.

- user/disktest.c on /dev/hda: stat and the ioctls, the host's pattern
  read at odd offsets, its own written (70000 bytes, unaligned) and found
  here in the image, EFAULT writing nothing, ENOSPC and short counts at
  the end, O_EXCL, /proc/diskstats counting; on -smp 1 and 2;
- a table made by sfdisk (primary, extended, two logical partitions):
  /proc/partitions exactly as Linux would print it for that table, the
  boot's " hda: hda1 hda2 < hda5 hda6 >" line, a /proc/diskstats line of
  20 fields per disk and partition;
- Debian's busybox on the partitions: dd | hexdump of a partition's first
  sector, mkswap on a logical partition (its header checked here, where
  sfdisk put that partition), fdisk -l reading the table back, blockdev's
  sizes, and BLKRRPART refused (EBUSY) while a partition is open, then
  dropping the partitions once the MBR is zeroed;
- bench=block printing its figures with a disk attached.

Disk images are sparse files made by truncate (and sfdisk) in a temporary
directory.  Every boot has a timeout.
"""
import re
import subprocess

import pytest

import qemu

INITRD = str(qemu.ROOT / "build" / "initrd.cpio")
SIZE = 64 << 20
IN, IN_LEN = (1 << 20) + 3, 10000              # the host's pattern (disktest.c)
OUT, OUT_LEN = (2 << 20) + 100, 70000          # disktest's pattern
TIMEOUT = 120


def in_byte(i):
    return (i * 13 + 7) & 0xff


def out_byte(i):
    return (i * 31 + 5) & 0xff


def make_image(path, size=SIZE):
    subprocess.run(["truncate", "-s", str(size), str(path)], check=True)
    return path


def run(append, img, smp=2, timeout=TIMEOUT):
    return qemu.boot(f"console=ttyS0 lock_debug {append}", smp=smp, timeout=timeout,
                     extra=["-initrd", INITRD,
                            "-drive", f"file={img},format=raw,if=ide,index=0"])


@pytest.mark.parametrize("smp", [1, 2])
def test_round_trip_through_dev_hda(tmp_path, smp):
    img = make_image(tmp_path / "hda.img")
    with open(img, "r+b") as f:
        f.seek(IN)
        f.write(bytes(in_byte(i) for i in range(IN_LEN)))
    b = run(f"init=/bin/disktest /dev/hda {SIZE} {IN} {OUT}", img, smp=smp)
    assert re.search(r"disktest: ok \(reads \d+ -> \d+, writes \d+ -> \d+\)", b.output), \
        b.why("disktest's checks")
    assert "init exited with status 0" in b.output, b.why("disktest's status")
    data = img.read_bytes()
    assert data[OUT:OUT + OUT_LEN] == bytes(out_byte(i) for i in range(OUT_LEN)), \
        "the guest's write is in the image"
    assert data[OUT - 100:OUT] == bytes(100) and data[OUT + OUT_LEN:OUT + OUT_LEN + 100] == \
        bytes(100), "the bytes around an unaligned write are kept"
    assert data[IN:IN + IN_LEN] == bytes(in_byte(i) for i in range(IN_LEN))
    efault = OUT + OUT_LEN + 4096
    assert data[efault:efault + 4096] == bytes(4096), "a write from a bad pointer wrote nothing"
    assert data[SIZE - 10:] == b"end" + bytes(7), "the write straddling the end wrote 10 bytes"


SFDISK_TABLE = """label: dos
start=2048, size=20480, type=83
start=22528, size=81920, type=5
start=24576, size=16384, type=82
start=43008, size=8192, type=83
start=104448, size=20480, type=83
"""


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory):
    """A 64 MiB disk: hda1 (Linux), hda2 (extended) with hda5 (swap) and
    hda6 (Linux), hda3 (Linux); and what sfdisk says it made."""
    img = make_image(tmp_path_factory.mktemp("parts") / "hda.img")
    subprocess.run(["sfdisk", "-q", str(img)], input=SFDISK_TABLE, text=True, check=True,
                   capture_output=True)
    dump = subprocess.run(["sfdisk", "--dump", str(img)], text=True, check=True,
                          capture_output=True).stdout
    parts = {}
    for m in re.finditer(r"^\S+?(\d+) : start=\s*(\d+), size=\s*(\d+), type=(\w+)", dump, re.M):
        parts[int(m.group(1))] = (int(m.group(2)), int(m.group(3)), int(m.group(4), 16))
    assert sorted(parts) == [1, 2, 3, 5, 6], dump
    return img, parts


def expected_partitions(parts):
    lines = ["major minor  #blocks  name", "", f"   3        0 {SIZE // 1024:10d} hda"]
    for n in sorted(parts):
        start, size, ptype = parts[n]
        blocks = 1 if ptype in (0x05, 0x0f, 0x85) else size // 2   # Linux: 2 sectors
        lines.append(f"   3  {n:7d} {blocks:10d} hda{n}")
    return lines


def test_proc_partitions_matches_what_sfdisk_made(partitioned):
    img, parts = partitioned
    b = run('init=/bin/busybox sh -c "cat /proc/partitions; cat /proc/diskstats"', img)
    assert "init exited with status 0" in b.output, b.why("the shell's status")
    assert " hda: hda1 hda2 hda3 < hda5 hda6 >" in b.output, b.why("the table announced")
    lines = b.output.replace("\r", "").split("\n")
    want = expected_partitions(parts)
    start = lines.index(want[0])
    assert lines[start:start + len(want)] == want, b.why("/proc/partitions")
    for name in ["hda", "hda1", "hda2", "hda3", "hda5", "hda6"]:
        m = re.search(rf"^ +3 +\d+ {name} (.*)$", b.output.replace("\r", ""), re.M)
        assert m and len(m.group(1).split()) == 17, b.why(f"/proc/diskstats line of {name}")
    m = re.search(r"^ +3 +0 hda (\d+) ", b.output.replace("\r", ""), re.M)
    assert int(m.group(1)) > 0, b.why("the table's reads are counted")


def test_busybox_dd_hexdump_mkswap_fdisk_blockdev_on_partitions(partitioned, tmp_path):
    img, parts = partitioned
    copy = tmp_path / "hda.img"
    subprocess.run(["cp", "--sparse=always", str(img), str(copy)], check=True)
    start6 = parts[6][0] * 512
    with open(copy, "r+b") as f:
        f.seek(start6)
        f.write(b"TESSERA-HDA6")
    # A script file: words with '=' after init= would become environment.
    b = run("init=/bin/busybox sh /test/blockdev.sh", copy)
    out = b.output.replace("\r", "")
    assert re.search(r"00000000  54 45 53 53 45 52 41 2d  48 44 41 36 00 00 00 00", out), \
        b.why("dd | hexdump of hda6's first sector")
    assert "done" in out and "init exited with status 0" in out, b.why("the script ran")
    for n in (1, 5, 6):
        start, size, _ = parts[n]
        assert re.search(rf"^/dev/hda{n} .*\b{start} +{start + size - 1} ", out, re.M), \
            b.why(f"fdisk -l lists hda{n}")
    assert f"size64={SIZE} ss=512" in out, b.why("blockdev --getsize64, --getss")
    assert "rereadpt-busy=1" in out and "Device or resource busy" in out, \
        b.why("BLKRRPART refused while hda6 is open")
    assert "rereadpt=0" in out and " hda: unknown partition table" in out, \
        b.why("BLKRRPART after the MBR was zeroed")
    after = out[out.index("rereadpt=0"):]
    assert re.search(r"^ +3 +0 +65536 hda$", after, re.M) and "hda1" not in after, \
        b.why("/proc/partitions without the partitions")
    data = copy.read_bytes()
    assert data[510:512] == bytes(2), "dd of /dev/zero reached the MBR"
    start5 = parts[5][0] * 512
    assert data[start5 + 4086:start5 + 4096] == b"SWAPSPACE2", "mkswap's signature on hda5"
    version, last_page = int.from_bytes(data[start5 + 1024:start5 + 1028], "little"), \
        int.from_bytes(data[start5 + 1028:start5 + 1032], "little")
    assert version == 1 and last_page == parts[5][1] // 8 - 1, "the header fits hda5"
    assert data[start6:start6 + 12] == b"TESSERA-HDA6", "mkswap stayed inside hda5"


def test_block_benchmarks_print_figures(tmp_path):
    img = make_image(tmp_path / "hda.img", 16 << 20)
    b = qemu.boot("console=ttyS0 bench=block", mem=128, timeout=TIMEOUT,
                  extra=["-drive", f"file={img},format=raw,if=ide,index=0"])
    for disk in ("memdisk", "hda"):
        for what in ("read_MiBps", "write_MiBps", "read_merges_per_s", "write_merges_per_s",
                     "read_request_KiB", "write_request_KiB"):
            assert re.search(rf"BENCH block_{disk}_{what} \d+ ", b.output), \
                b.why(f"block_{disk}_{what}")
    assert "bench: 2 benchmarks run" in b.output, b.why("both benchmarks ran")
