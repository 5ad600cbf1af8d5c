"""tests/test_disk.py - disks: PCI, the IDE/ATA driver, the block layer.

IDE cases: the drives QEMU's PIIX3 presents (master and slave on both
channels) are identified at boot the way Linux prints them; the ktests of
suite `ide` move data by PIO and by DMA (and with ide=nodma), past the
LBA28 limit on a sparse 200 GiB disk (checked here, in the image), get
-EIO from read and write errors QEMU's blkdebug injects, and survive a drive that
never answers (a command to an absent slave: QEMU ignores it, so no
interrupt ever comes; the driver times out, resets the channel and the
next request works).  Disks are sparse images made by `truncate` in a
temporary directory; the scratch disk is marked for the ktests by its
serial number (SCRATCH...), the faulty one by EIO@<sector>.  Every boot
has a timeout; each configuration runs on -smp 1 and 2.
"""
import hashlib
import re
import subprocess

import pytest

import qemu

LBA28_LIMIT = 0x0FFFFFFF
BAD_SECTOR = 4096
BOOT_TIMEOUT = 120


def make_image(path, size):
    subprocess.run(["truncate", "-s", size, str(path)], check=True)
    return path


def ide_disk(path, bus, unit, serial, blkdebug=None):
    """-drive/-device arguments for one disk on ide.BUS as unit UNIT."""
    ident = f"d{bus}{unit}"
    if blkdebug:
        drive = (f"if=none,id={ident},file=blkdebug:{blkdebug}:{path},format=raw,"
                 "rerror=report,werror=report")
    else:
        drive = f"if=none,id={ident},file={path},format=raw"
    return ["-drive", drive, "-device", f"ide-hd,drive={ident},bus=ide.{bus},unit={unit},"
            f"serial={serial}"]


def blkdebug_conf(path, sector):
    """Reads and writes of SECTOR fail with EIO."""
    path.write_text("".join(f'[inject-error]\nevent = "{event}"\nerrno = "5"\n'
                            f'sector = "{sector}"\n\n' for event in ("read_aio", "write_aio")))
    return path


@pytest.fixture(scope="module")
def four_disks(tmp_path_factory):
    """hda: 200 GiB sparse scratch, hdb: read and write errors at BAD_SECTOR,
    hdc and hdd: small scratch disks sharing a channel.  Made once; each boot gets fresh
    copies of the scratch disk's name (the ktests rewrite what they use)."""
    d = tmp_path_factory.mktemp("ide")
    return {
        "hda": make_image(d / "hda.img", "200G"),
        "hdb": make_image(d / "hdb.img", "16M"),
        "hdc": make_image(d / "hdc.img", "24M"),
        "hdd": make_image(d / "hdd.img", "40M"),
        "conf": blkdebug_conf(d / "blkdebug.conf", BAD_SECTOR),
    }


def four_disk_args(disks):
    return (ide_disk(disks["hda"], 0, 0, "SCRATCH0")
            + ide_disk(disks["hdb"], 0, 1, f"EIO@{BAD_SECTOR}", blkdebug=disks["conf"])
            + ide_disk(disks["hdc"], 1, 0, "SCRATCH1")
            + ide_disk(disks["hdd"], 1, 1, "SCRATCH2"))


_boots = {}


def boot_four(disks, smp, extra_append=""):
    key = (smp, extra_append)
    if key not in _boots:
        _boots[key] = qemu.boot(f"console=ttyS0 lock_debug lowmem=64M ktest=ide {extra_append}",
                                timeout=BOOT_TIMEOUT, smp=smp, extra=four_disk_args(disks))
    return _boots[key]


def results(out):
    """ide ktest name -> 'ok', 'SKIP' or 'not ok ...'."""
    res = {}
    for m in re.finditer(r"^\[[ \d.]+\] ((?:not )?ok) \d+ ide\.(\w+)(.*?)\r?$", out, re.M):
        status, name, rest = m.groups()
        res[name] = "SKIP" if "# SKIP" in rest else status if status == "ok" else status + rest
    return res


@pytest.mark.parametrize("smp", [1, 2])
def test_identify_master_and_slave_on_both_channels(four_disks, smp):
    b = boot_four(four_disks, smp)
    out = b.output
    assert not b.timed_out, b.why("boot timed out")
    sizes = {"hda": 200 * 2**30, "hdb": 16 * 2**20, "hdc": 24 * 2**20, "hdd": 40 * 2**20}
    serials = {"hda": "SCRATCH0", "hdb": f"EIO@{BAD_SECTOR}", "hdc": "SCRATCH1", "hdd": "SCRATCH2"}
    for name, size in sizes.items():
        sectors = size // 512
        assert f"{name}: QEMU HARDDISK, ATA DISK drive" in out, b.why(f"{name} not identified")
        assert re.search(rf"{name}: {sectors} sectors \({sectors * 512 // 10**6} MB\) w/cache, "
                         r"CHS=\d+/16/63, DMA", out), b.why(f"{name}'s capacity line")
        assert re.search(rf"{name}: serial {re.escape(serials[name])}, firmware \S+, "
                         r"PIO4 MWDMA2 UDMA5, multi-sector 16, LBA48", out), b.why(name)
        assert f"{name}: max request size: 512KiB" in out
    assert "ide0 at 0x1f0-0x1f7,0x3f6 on irq 14" in out
    assert "ide1 at 0x170-0x177,0x376 on irq 15" in out
    assert re.search(r"ide0: BM-DMA at 0x[0-9a-f]{4}-0x[0-9a-f]{4}", out)


@pytest.mark.parametrize("smp", [1, 2])
def test_pio_dma_lba48_and_injected_read_and_write_errors(four_disks, smp):
    b = boot_four(four_disks, smp)
    res = results(b.output)
    for name in ["pio_roundtrip_through_pieces_of_high_pages",
                 "pio_roundtrip_one_sector_per_interrupt", "dma_roundtrip_through_a_prd_table",
                 "lba48_beyond_the_lba28_limit", "transfers_the_drive_cannot_do_are_refused",
                 "read_and_write_errors_are_eio_and_the_next_request_works",
                 "both_drives_of_a_channel_share_it_through_their_queues"]:
        assert res.get(name) == "ok", b.why(f"ide.{name}: {res.get(name)}")
    assert not re.search(r"WARNING|BUG|Oops", b.output), b.why("a kernel complaint")
    assert re.search(r"hdb: read_intr: status=0x41 \{ DriveReady Error \}", b.output)
    assert re.search(r"hdb: read_intr: error=0x04 \{ DriveStatusError \}", b.output)
    assert re.search(rf"hdb: I/O error, READ sector {BAD_SECTOR} ", b.output)
    assert re.search(r"hdb: dma_intr: status=0x41 \{ DriveReady Error \}", b.output)
    assert re.search(rf"hdb: multwrite_intr: status=0x41 \{{ DriveReady Error \}}", b.output)
    for command in ("0xc4", "0xc5", "0xc8", "0xca"):   # READ/WRITE MULTIPLE, READ/WRITE DMA
        assert re.search(rf"hdb: I/O error, (READ|WRITE) sector {BAD_SECTOR} \(8 sectors, "
                         rf"command {command}\)", b.output), b.why(f"{command} failed")
    assert re.search(r"ktest: \d+ passed, 0 failed", b.output), b.why("a ktest failed")
    assert b.returncode == qemu.EXIT_PASS, b.why("ktest run failed")
    # The sectors past LBA28's reach, as the host sees them in the image.
    with open(four_disks["hda"], "rb") as f:
        for sector, mode in [(LBA28_LIMIT + 0x101, "PIO"), (LBA28_LIMIT + 0x102, "DMA")]:
            f.seek(sector * 512)
            text = f.read(64).split(b"\0")[0].decode()
            assert text == f"TESSERA {mode} sector {sector}\n", text


@pytest.mark.parametrize("smp", [1, 2])
def test_ide_nodma_moves_everything_by_pio(four_disks, smp):
    b = boot_four(four_disks, smp, "ide=nodma")
    res = results(b.output)
    assert "ide: DMA off (ide=nodma)" in b.output
    assert re.search(r"hda: \d+ sectors .*, PIO\r?$", b.output, re.M), b.why("hda by PIO")
    assert "BM-DMA" not in b.output
    assert res.get("dma_roundtrip_through_a_prd_table") == "SKIP", b.why("DMA test ran")
    for name in ["pio_roundtrip_through_pieces_of_high_pages", "lba48_beyond_the_lba28_limit",
                 "read_and_write_errors_are_eio_and_the_next_request_works"]:
        assert res.get(name) == "ok", b.why(f"ide.{name}: {res.get(name)}")
    assert "dma_intr" not in b.output
    assert b.returncode == qemu.EXIT_PASS, b.why("ktest run failed")


@pytest.mark.parametrize("smp,apic,bus", [(1, "", 0), (2, "", 0), (1, "noapic", 1)])
def test_silent_drive_times_out_and_the_channel_recovers(tmp_path, smp, apic, bus):
    """The lone master of channel BUS (IRQ 14 or 15: through the PIC with
    noapic); the ktest reads from the absent slave, which never answers."""
    disk = make_image(tmp_path / "disk.img", "64M")
    b = qemu.boot(f"console=ttyS0 lock_debug ktest=ide {apic}", timeout=BOOT_TIMEOUT, smp=smp,
                  extra=ide_disk(disk, bus, 0, "SCRATCH0"))
    res = results(b.output)
    slave, hwif = "hdb" if bus == 0 else "hdd", f"ide{bus}"
    assert res.get("silent_drive_times_out_and_the_channel_recovers") == "ok", \
        b.why(f"timeout test: {res.get('silent_drive_times_out_and_the_channel_recovers')}")
    assert res.get("pio_roundtrip_through_pieces_of_high_pages") == "ok", b.why("PIO")
    assert res.get("dma_roundtrip_through_a_prd_table") == "ok", b.why("DMA")
    # once by PIO (READ MULTIPLE), once by DMA (READ DMA)
    for command in ("0xc4", "0xc8"):
        assert re.search(rf"{slave}: I/O error, READ sector 0 \(8 sectors, command {command}\)",
                         b.output), b.why(f"timeout of command {command}")
    assert b.output.count(f"{hwif}: no interrupt for 3000 ms: resetting the channel") == 2
    assert b.output.count(f"{hwif}: reset done") == 2
    assert b.returncode == qemu.EXIT_PASS, b.why("ktest run failed")


def test_the_iso_cdrom_is_recognised_and_left_alone():
    c = qemu.Console(iso=True, smp=2, timeout=90)
    try:
        c.expect_exact("hdc: QEMU DVD-ROM, ATAPI CD/DVD-ROM drive (left alone)")
        c.expect_exact("ide1 at 0x170-0x177,0x376 on irq 15")
        c.expect_exact("Tessera init: starting /bin/sh")
        assert "ide0 at" not in c.output(), c.why("ide0 has no drive with -cdrom alone")
        assert "ATA DISK" not in c.output()
    finally:
        c.close()


def test_lspci_proc_bus_pci_devices_and_the_monitors_ide(console, tmp_path):
    disk = make_image(tmp_path / "hda.img", "8M")
    c = console(mem=128, smp=1, extra=ide_disk(disk, 0, 0, "DISK"))
    c.expect_prompt()
    out = c.run("ide")
    assert re.search(r"^ide0: 0x1f0,0x3f6 irq 14, bus-master DMA, [1-9]\d* interrupts, "
                     r"0 errors, 0 timeouts$", out, re.M), c.why("ide0 and its counts")
    assert re.search(r"^  hda: QEMU HARDDISK, ATA DISK, 16384 sectors, DMA, LBA48, "
                     r"multi-sector 16$", out, re.M), c.why("hda")

    out = c.run("lspci")
    assert re.search(r"^00:00\.0 Host bridge \[0600\]: 8086:1237", out, re.M), c.why("i440FX")
    assert re.search(r"^00:01\.0 ISA bridge \[0601\]: 8086:7000", out, re.M), c.why("PIIX3")
    assert re.search(r"^00:01\.1 IDE interface \[0101\]: 8086:7010 \(prog-if 80\) "
                     r"driver PIIX_IDE$", out, re.M), c.why("PIIX3 IDE bound")
    out = c.run("cat /proc/bus/pci/devices")
    lines = {line.split("\t")[0]: line.split("\t") for line in out.splitlines() if "\t" in line}
    ide = lines.get("0009")
    assert ide and ide[1] == "80867010", c.why("00:01.1 is devfn 0x09")
    assert len(ide) == 3 + 7 + 7 + 1, c.why("17 fields and the driver")
    bar4, size4 = int(ide[3 + 4], 16), int(ide[10 + 4], 16)
    assert bar4 & 1 and bar4 & ~3 >= 0x400 and size4 == 16, c.why("BAR4: 16 I/O ports")
    assert ide[17] == "PIIX_IDE"
    vga = lines.get("0010")
    assert vga and vga[1] == "12341111" and int(vga[3], 16) & 0xf == 0x8, \
        c.why("VGA's BAR0: prefetchable memory")
    assert int(vga[10], 16) == 16 << 20, c.why("16 MiB of VGA memory")


INITRD = str(qemu.ROOT / "build" / "initrd.cpio")


@pytest.mark.parametrize("smp,mode", [(1, "dma"), (2, "dma"), (2, "pio")])
def test_user_space_round_trip_through_dev_hda(tmp_path, smp, mode):
    """busybox dd writes random data to /dev/hda and reads it back through
    the block layer and the driver (DMA, or PIO with ide=nodma); the host
    finds the same bytes in the image.  A read of hdb's injected bad
    sector fails with EIO in dd, and the next read works."""
    disk = make_image(tmp_path / "hda.img", "64M")
    bad = make_image(tmp_path / "hdb.img", "16M")
    conf = blkdebug_conf(tmp_path / "blkdebug.conf", BAD_SECTOR)
    c = qemu.Console(f"console=ttyS0 lock_debug {'ide=nodma' if mode == 'pio' else ''}",
                     smp=smp, timeout=90,
                     extra=["-initrd", INITRD] + ide_disk(disk, 0, 0, "DISK")
                     + ide_disk(bad, 0, 1, "BAD", blkdebug=conf))
    try:
        c.expect(r"hda: \d+ sectors .*, " + mode.upper())
        c.expect_exact("Tessera init: starting /bin/sh")
        c.expect_exact("$ ")

        def run_line(line):
            c.send(line + "\r")
            c.expect_exact(line)
            c.expect_exact("$ ")
            return c.child.before.replace("\r", "")

        out = run_line("dd if=/dev/urandom of=/dev/hda bs=64k count=64 seek=3")
        assert "64+0 records out" in out, c.why("dd to /dev/hda")
        run_line("sync")
        out = run_line("dd if=/dev/hda bs=64k count=64 skip=3 | sha256sum")
        m = re.search(r"^([0-9a-f]{64})\s", out, re.M)
        assert m, c.why("no checksum")
        out = run_line(f"dd if=/dev/hdb of=/dev/null bs=512 count=1 skip={BAD_SECTOR}")
        assert "Input/output error" in out, c.why("the bad sector's read must fail")
        out = run_line("dd if=/dev/hdb of=/dev/null bs=512 count=1 skip=8")
        assert "1+0 records in" in out, c.why("the next read works")
        out = run_line("cat /proc/diskstats")
        stats = re.search(r"^\s+3\s+0 hda (\d+) \d+ (\d+) \d+ (\d+) \d+ (\d+) ", out, re.M)
        assert stats and int(stats.group(2)) >= 8192 and int(stats.group(4)) >= 8192, \
            c.why("hda's sectors read and written")
        c.send("exit 0\r")
        c.expect_exact("init exited with status 0")
        c.wait_exit()
    finally:
        c.close()
    with open(disk, "rb") as f:
        f.seek(3 * 65536)
        data = f.read(64 * 65536)
    assert hashlib.sha256(data).hexdigest() == m.group(1), "the image differs from what was read"
    assert data != bytes(len(data)), "nothing was written"


def test_raw_transfer_benchmarks_print_figures(tmp_path):
    """bench=ide: MiB/s of the driver alone, PIO and DMA, reads and writes
    (figures printed, never judged)."""
    disk = make_image(tmp_path / "bench.img", "256M")
    b = qemu.boot("console=ttyS0 lowmem=64M bench=ide", timeout=BOOT_TIMEOUT, mem=256, smp=2,
                  extra=ide_disk(disk, 0, 0, "SCRATCH0"))
    figures = dict(re.findall(r"BENCH (ide_raw_\w+) (\d+) MiB/s", b.output))
    assert set(figures) == {"ide_raw_pio_read", "ide_raw_pio_write", "ide_raw_dma_read",
                            "ide_raw_dma_write"}, b.why("four figures")
    assert all(int(v) > 0 for v in figures.values()), b.why("a transfer failed")
    assert "bench: 4 benchmarks run" in b.output
