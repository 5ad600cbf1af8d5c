#!/usr/bin/python3
"""tools/busybox_applets.py - busybox's applet links in the initramfs.

    tools/busybox_applets.py BUSYBOX BINDIR

Makes BINDIR/NAME -> busybox for every applet the binary has, as Debian's
`busybox --install -s` does at install time, and prints the names linked.
The list is `busybox --list`; where the build machine cannot run an i386
binary (an amd64 kernel without 32-bit support), it is read from the
binary itself: busybox keeps its applet names as one sorted run of
NUL-terminated strings that starts with "[" and "[[" and ends with an
empty string.

A regular file already in BINDIR wins over the applet of the same name:
Tessera's own programs (user/cat.c, free.c, ps.c, sh.c ...) are what the
handbook and the tests read; busybox's are still there as `busybox ps`.
A link left from an earlier build is made again (it may have become ours).
"""
import os
import re
import subprocess
import sys

NAME = re.compile(r"^[][a-z0-9_.-]+$")


def listed(busybox):
    """`busybox --list`, or None when this machine cannot run it."""
    try:
        res = subprocess.run([busybox, "--list"], capture_output=True, text=True)
    except OSError:
        return None
    names = res.stdout.split()
    return names if res.returncode == 0 and names else None


def from_binary(busybox):
    """The applet name table, read out of the executable."""
    data = open(busybox, "rb").read()
    start = data.find(b"[\0[[\0")
    if start < 0:
        sys.exit(f"{busybox}: no applet name table found")
    end = data.find(b"\0\0", start)
    return [n.decode() for n in data[start:end].split(b"\0")]


def main():
    busybox, bindir = sys.argv[1], sys.argv[2]
    names = listed(busybox) or from_binary(busybox)
    if names != sorted(names) or not all(NAME.match(n) for n in names) \
            or not {"sh", "ls"} <= set(names):
        sys.exit(f"{busybox}: the applet list does not look right: {names[:10]}...")
    for name in names:
        path = os.path.join(bindir, name)
        if os.path.islink(path):
            os.unlink(path)
        elif os.path.exists(path):
            continue                    # ours wins
        os.symlink("busybox", path)
        print(name)


if __name__ == "__main__":
    main()
