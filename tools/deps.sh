#!/usr/bin/env bash
# tools/deps.sh - make sure the Debian packages Tessera builds and tests with
# are installed.  Quiet and fast when they all are; as root it installs the
# missing ones with apt-get, otherwise it prints the command to run and fails.
set -eu

PACKAGES="nasm grub-pc-bin grub-common xorriso mtools qemu-system-x86
gcc-multilib cpio util-linux gdb python3-pytest python3-pexpect"

missing=""
for pkg in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $pkg"
    fi
done
[ -z "$missing" ] && exit 0

cmd="apt-get update && apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
    echo "tools/deps.sh: missing packages:$missing" >&2
    echo "tools/deps.sh: run as root:  $cmd" >&2
    exit 1
fi
echo "tools/deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
