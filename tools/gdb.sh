#!/usr/bin/env bash
# tools/gdb.sh KERNEL [QEMU ARGS...] - start QEMU halted with its gdb stub on
# a free port and attach gdb with the kernel's symbols and tools/gdb/*.gdb.
# The serial console goes to build/gdb-serial.log (gdb owns this terminal):
# watch it with `tail -f build/gdb-serial.log` in another one.
set -eu
kernel=$1
shift
port=${GDB_PORT:-1234}
qemu-system-i386 -kernel "$kernel" "$@" -display none \
	-serial file:build/gdb-serial.log -gdb tcp::"$port" -S &
qemu=$!
trap 'kill $qemu 2>/dev/null || true' EXIT
gdb -q -nx -ex "file $kernel" -ex "target remote :$port" -x tools/gdb/tessera.gdb
