#!/usr/bin/env bash
# tools/deps.sh - make sure what Tessera builds and tests with is here: the
# Debian packages of the toolchain and test runner (and gnuplot, without
# X, for `make plot`), and Debian's busybox-static for i386 (the program
# nobody here wrote, run in the initramfs as /bin/busybox), unpacked into
# .deps/busybox.  Also the i386
# package lists (dpkg --add-architecture i386): busybox-static:i386 comes
# from them, and so does the Linux kernel package tools/linux.py fetches
# for `make linux-check`.  Quiet and fast when all is present; as root it
# installs what is missing with apt-get, otherwise it prints the command
# to run and fails.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="nasm grub-pc-bin grub-common xorriso mtools qemu-system-x86
gcc-multilib cpio util-linux fdisk gdb python3-pytest python3-pytest-xdist python3-pexpect sparse
gnuplot-nox"
BUSYBOX=.deps/busybox

# One dpkg-query for all of them: every `make run` starts here, and a
# query per package was half a second before QEMU even started.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' $PACKAGES 2>/dev/null |
            awk '/ ok installed$/ { print $1 }')
missing=""
for pkg in $PACKAGES; do
    case " $(echo $installed) " in
        *" $pkg "*) ;;
        *) missing="$missing $pkg" ;;
    esac
done
has_i386() { dpkg --print-foreign-architectures | grep -qx i386; }
[ -z "$missing" ] && [ -x "$BUSYBOX" ] && has_i386 && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "tools/deps.sh: missing packages:$missing ${BUSYBOX#.deps/}" \
        "$(has_i386 || echo "(and the i386 architecture)")" >&2
    echo "tools/deps.sh: run it as root" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! has_i386; then
    dpkg --add-architecture i386
fi
# One unreachable index (a mirror mid-sync) must not stop us: what we
# need is checked below.
apt-get update -q || echo "tools/deps.sh: apt-get update had errors; going on" >&2
if [ -n "$missing" ]; then
    echo "tools/deps.sh: installing$missing"
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
fi
if [ ! -x "$BUSYBOX" ]; then
    echo "tools/deps.sh: fetching busybox-static:i386"
    tmp=$(mktemp -d)
    chmod 755 "$tmp"                # apt downloads as its own user
    (cd "$tmp" && apt-get download busybox-static:i386)
    dpkg-deb -x "$tmp"/busybox-static_*_i386.deb "$tmp/root"
    mkdir -p .deps
    cp "$tmp/root/bin/busybox" "$BUSYBOX"
    rm -rf "$tmp"
    # An ELF file (magic), 32-bit (class 1), for the 80386 (machine 3).
    [ "$(od -An -tx1 -N5 "$BUSYBOX" | tr -d ' ')" = "7f454c4601" ] &&
        [ "$(od -An -tx1 -j18 -N2 "$BUSYBOX" | tr -d ' ')" = "0300" ] ||
        { echo "tools/deps.sh: $BUSYBOX is not an i386 executable" >&2; exit 1; }
fi
