#!/usr/bin/env bash
# tools/gdb.sh - gdb on Tessera through QEMU's gdb stub.
#
#   tools/gdb.sh start KERNEL [QEMU ARGS...]   QEMU halted at reset, gdb attached
#   tools/gdb.sh attach KERNEL PORTFILE        gdb on a running `make run GDB=1`
#                                              (build/gdb-port: QEMU's stub) or
#                                              `make run KGDB=1` (build/kgdb-port:
#                                              Tessera's own, on ttyS1)
#   tools/gdb.sh port                          a free port (1234 when it is free)
#
# start: QEMU runs in a session of its own (setsid), so Ctrl-C typed in
# gdb reaches gdb alone, which stops the guest (QEMU sharing the
# terminal's process group took the SIGINT and exited: "terminating on
# signal 2"); it is killed when gdb exits.  Its serial console goes to
# build/gdb-serial.log: watch it with `tail -f build/gdb-serial.log` in
# another terminal.  Always qemu-system-i386: the x86_64 stub sends
# 64-bit registers.  attach: the port `make run` chose is in PORTFILE;
# quitting gdb detaches and leaves the machine running.
set -eu

free_port() {
	local port
	for port in 1234 $(shuf -i 20000-60000 -n 20); do
		if ! ss -Hltn "sport = :$port" | grep -q .; then
			echo "$port"
			return
		fi
	done
	echo "gdb.sh: no free port found" >&2
	exit 1
}

# QEMU opens its stub a moment after it starts: gdb must not be faster.
wait_listening() {
	for _ in $(seq 100); do
		ss -Hltn "sport = :$1" | grep -q . && return
		sleep 0.05
	done
	echo "gdb.sh: nothing listens on port $1" >&2
	exit 1
}

run_gdb() {
	gdb -q -nx -ex "file $1" -ex "target remote 127.0.0.1:$2" -x tools/gdb/tessera.gdb
}

case "${1:-}" in
port)
	free_port
	;;
start)
	kernel=$2
	shift 2
	port=${GDB_PORT:-$(free_port)}
	setsid qemu-system-i386 -kernel "$kernel" "$@" -display none -monitor none \
		-serial file:build/gdb-serial.log -gdb tcp:127.0.0.1:"$port" -S </dev/null &
	qemu=$!
	trap 'kill $qemu 2>/dev/null || true' EXIT
	wait_listening "$port"
	echo "gdb.sh: QEMU's stub on port $port; the console: tail -f build/gdb-serial.log"
	run_gdb "$kernel" "$port"
	;;
attach)
	[ -s "$3" ] || { echo "gdb.sh: no $3: start with make run GDB=1 (or KGDB=1)" >&2; exit 1; }
	port=$(cat "$3")
	wait_listening "$port"
	run_gdb "$2" "$port"
	;;
*)
	echo "usage: tools/gdb.sh start KERNEL [QEMU ARGS...] | attach KERNEL PORTFILE | port" >&2
	exit 2
	;;
esac
