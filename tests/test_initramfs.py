"""tests/test_initramfs.py - the root file system from a real initramfs: an
archive made by Debian's `cpio -H newc -o` (as the Makefile and users make
them), passed with QEMU's -initrd, unpacked at boot into ramfs and read
back through the monitor; a corrupt archive refused with its reason
while the machine boots on; and a gzip-compressed archive behind a plain
one, as Linux takes them."""
import os
import re
import subprocess

import qemu


def make_archive(tmp_path):
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "bin").mkdir()
    (root / "etc" / "motd").write_text("hello from the initramfs\n")
    blob = bytes((i * 131 + 7) % 256 for i in range(10000))
    (root / "bin" / "blob").write_bytes(blob)
    os.symlink("/etc/motd", root / "motd-link")
    names = subprocess.run(["find", "."], cwd=root, capture_output=True, text=True,
                           check=True).stdout
    archive = tmp_path / "initrd.cpio"
    with open(archive, "wb") as out:
        subprocess.run(["cpio", "-H", "newc", "-o", "--quiet"], cwd=root, input=names.encode(),
                       stdout=out, check=True)
    return archive, blob


def test_initramfs_is_unpacked_into_the_root(console, tmp_path):
    archive, _ = make_archive(tmp_path)
    c = console("console=ttyS0 lowmem=32M", smp=2, extra=["-initrd", str(archive)])
    c.expect(r"initramfs: module 0: 2 files \(10025 bytes\), 2 directories, 1 symlinks")
    c.expect_prompt()
    assert "hello from the initramfs" in c.run("cat /etc/motd")
    assert "hello from the initramfs" in c.run("cat /motd-link"), "symlinks are followed"
    listing = c.run("ls /")
    for line in (r"^d755\s+2\s+0 etc", r"^l777\s+1\s+9 motd-link", r"^d755\s+2\s+0 bin"):
        assert re.search(line, listing, re.M), c.why(f"ls / lacks {line}")
    assert re.search(r"^-644\s+1\s+10000 blob", c.run("ls /bin"), re.M), c.why("blob size")


def test_corrupt_initramfs_is_refused_and_the_kernel_boots_on(console, tmp_path):
    archive, _ = make_archive(tmp_path)
    data = bytearray(archive.read_bytes())
    motd = data.index(b"etc/motd\0") - 110         # its header, and the bad one after it
    bad = data.index(b"070701", motd + 110)
    data[bad:bad + 6] = b"XXXXXX"
    archive.write_bytes(bytes(data))
    c = console("console=ttyS0", extra=["-initrd", str(archive)])
    c.expect(rf"initramfs: module 0: corrupt archive at offset {bad}: bad magic "
             r"\(not a newc cpio archive\); kept the \d+ files before it")
    c.expect_prompt()
    assert "hello from the initramfs" in c.run("cat /etc/motd"), c.why("what came before stays")


def test_gzip_initramfs_behind_a_plain_one(console, tmp_path):
    """Linux's mix, as tools/linux.py hands it over: a plain archive, then
    one compressed by the host's gzip (dynamic Huffman blocks), inflated
    by lib/inflate.c while it is unpacked."""
    archive, _ = make_archive(tmp_path)
    front = tmp_path / "front"
    front.mkdir()
    (front / "front-file").write_text("from the plain archive\n")
    with open(tmp_path / "front.cpio", "wb") as out:
        subprocess.run(["cpio", "-H", "newc", "-o", "--quiet"], cwd=front,
                       input=b"front-file\n", stdout=out, check=True)
    packed = subprocess.run(["gzip", "-n", "-9", "-c", str(archive)], capture_output=True,
                            check=True).stdout
    mixed = tmp_path / "mixed.cpio"
    mixed.write_bytes((tmp_path / "front.cpio").read_bytes() + packed)
    c = console("console=ttyS0 lowmem=32M", smp=2, extra=["-initrd", str(mixed)])
    c.expect(r"initramfs: module 0: 3 files \(10048 bytes\), 2 directories, 1 symlinks")
    c.expect_prompt()
    assert "hello from the initramfs" in c.run("cat /etc/motd")
    assert "from the plain archive" in c.run("cat /front-file")
    assert re.search(r"^-644\s+1\s+10000 blob", c.run("ls /bin"), re.M), c.why("blob size")
