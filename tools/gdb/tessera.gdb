# tools/gdb/tessera.gdb - gdb settings for debugging Tessera.
# Loaded explicitly by tools/gdb.sh (Debian's gdb does not auto-load a
# project's .gdbinit).  Under `make gdb` QEMU is halted at the reset
# vector when this runs; under `make gdb-attach` or `make kgdb-attach`
# the kernel is running (and the breakpoint below is for a later boot).
set pagination off
set confirm off
source tools/gdb/tessera.py
set disassembly-flavor intel
break start_kernel
echo Tessera: breakpoint set at start_kernel; 'continue' to run, Ctrl-C to stop.\n
echo Before paging is on (boot/head.asm, up to start_kernel) use hbreak:\n
echo   a software breakpoint is written at a virtual address not mapped yet.\n
echo Helpers: lx-ps, lx-cpus, tx-buddy, tx-page, tx-pgwalk, ... - 'help tessera' lists them all.\n
