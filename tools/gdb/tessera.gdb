# tools/gdb/tessera.gdb - gdb settings for debugging Tessera under QEMU.
# Loaded explicitly by tools/gdb.sh (Debian's gdb does not auto-load a
# project's .gdbinit).  QEMU is halted at the reset vector when this runs.
set pagination off
source tools/gdb/tessera.py
set disassembly-flavor intel
break start_kernel
echo Tessera: breakpoint set at start_kernel; type 'continue'.\n
echo Helpers: lx-ps, lx-cpus, tx-buddy, tx-page, tx-pgwalk, ... - 'help tessera' lists them all.\n
