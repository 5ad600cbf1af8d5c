# Makefile - everything starts here.
#
#   make          build/kernel.elf and build/tessera.iso
#   make run      boot Tessera in QEMU (serial console on this terminal),
#                 the kernel and the initramfs straight from build/
#   make run-iso  the same through the ISO and GRUB's menu
#   make ktest    the in-kernel tests (KTEST=suite,... to choose) in QEMU
#   make test     every test: host unit tests, ktests in several machines, ...
#   make bench    in-kernel benchmarks (BENCH=suite,... to choose), then
#                 the user-space ones of user/bench.c (UBENCH=name to choose)
#   make stress   the SMP ktests 20 times on -smp 4, a new seed each time,
#                 and a short run of the system-call fuzzer
#   make fuzz     the system-call fuzzer, 1000000 calls in each of four machines
#   make plot     a memory hog under swap, sampled and drawn as
#                 build/reclaim.png (tools/plot_reclaim.py, PLOT_ARGS)
#   make linux-check  the test programs on Debian's i386 Linux and on Tessera,
#                 compared (tools/linux.py)
#   make profile  where the kernel spends its time running PROG="..."
#                 (tools/profile.py: timer ticks per kernel function)
#   make compare  the benchmarks on Debian's i386 Linux and on Tessera in the
#                 same QEMU, interleaved: a table and a chart in build/compare/
#                 (tools/compare.py; SMP, MEM, RUNS, CASES, LOWMEM, CHECK=0)
#   make gdb      QEMU halted at reset with gdb attached to its stub (Ctrl-C
#                 stops the guest); make run GDB=1 + make gdb-attach: gdb on
#                 a running machine; make run KGDB=1 + make kgdb-attach: gdb
#                 through Tessera's own stub on ttyS1 (KGDB=wait: from boot)
#   make lab LAB=buddy, make grade LAB=buddy  a classroom lab: the student
#                 tree, and its score (tools/lab.py, docs/labs/teachers.md);
#                 make lab alone lists the labs; make lab-compare LAB=lru
#                 charts the policies' major faults
#   make modules  the loadable modules of labs/modules and tests/modules (M=DIR:
#                 also DIR's), into build/modules and the initramfs's /lib/modules
#   make check    Debian's sparse over every kernel source: must be silent
#   make clean
#
# The kernel is linked in passes so it can carry its own symbol table: pass
# 1 links with an empty table, tools/kallsyms.sh lists pass 1's text
# symbols, pass 2 links that list in.  The table lives in .rodata, after
# .text, so text addresses cannot move between the passes (checked).

CC        := gcc
LD        := ld
NASM      := nasm
PYTHON    := /usr/bin/python3
QEMU      := qemu-system-i386

KCFLAGS   := -m32 -march=i686 -ffreestanding -fno-builtin \
             -fno-tree-loop-distribute-patterns -fno-pic -fno-stack-protector \
             -fno-omit-frame-pointer -mno-sse -mno-mmx -mno-80387 \
             -fno-toplevel-reorder -std=gnu11 -O2 -g -Wall -Wextra -Werror -I. \
             -include kernel/compiler.h -MMD -MP
HOSTCFLAGS := -O1 -g -fno-toplevel-reorder -std=gnu11 -ffreestanding -fno-builtin \
             -fno-tree-loop-distribute-patterns -Wall -Wextra -Werror \
             -DHOST_TEST -I. -include kernel/compiler.h -MMD -MP
NASMFLAGS := -f elf32 -g -F dwarf
LDFLAGS   := -m elf_i386 -T linker.ld -nostdlib -z max-page-size=0x1000 \
             -z noexecstack
LIBGCC     = $(shell $(CC) -m32 -print-libgcc-file-name)

# Every .c and .asm below the kernel's rooms is built: a new directory can
# never fall out of the build by being forgotten here.
KDIRS     := boot kernel mm fs ipc drivers lib
KSRC      := $(shell find $(KDIRS) -name '*.c' | LC_ALL=C sort)
# kernel/arch/vdso.asm is not the kernel's: it is linked on its own into
# the vsyscall page's shared object, which vsyscall_page.asm includes.
VDSO_SRC  := kernel/arch/vdso.asm
ASRC      := $(filter-out $(VDSO_SRC),$(shell find $(KDIRS) -name '*.asm' | LC_ALL=C sort))
KOBJ      := $(KSRC:%.c=build/%.o) $(ASRC:%.asm=build/%.o)
HOSTSRC   := $(wildcard lib/*.c) kernel/debug/ktest_run.c tests/host/harness.c \
             tests/host/gzip_host.c \
             tests/host/radix_glue.c
HOSTOBJ   := $(HOSTSRC:%.c=build/host/%.o)

QEMU_MEM  ?= 128
QEMU_SMP  ?= 2
comma := ,
# Disk images for the IDE channels: `make run DISK=swap.img` makes it
# /dev/hda, DISK2 /dev/hdb (the CD-ROM `make run-iso` boots from is hdc).
# -net none: Tessera has no network driver, and SeaBIOS running the
# e1000's PXE option ROM took 0.1 s of every boot under TCG.
QEMU_COMMON := -m $(QEMU_MEM) -smp $(QEMU_SMP) -no-reboot -net none \
             -device isa-debug-exit,iobase=0xf4,iosize=4 \
             $(if $(DISK),-drive file=$(DISK)$(comma)format=raw$(comma)if=ide$(comma)index=0) \
             $(if $(DISK2),-drive file=$(DISK2)$(comma)format=raw$(comma)if=ide$(comma)index=1)
QEMU_DISPLAY := $(if $(DISPLAY),,-display none)

# Quiet build lines ("  CC kernel/main.c"); `make V=1` shows full commands.
ifeq ($(V),1)
Q :=
quiet = @true
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
Q := @
quiet = @true
else
Q := @
quiet = @echo "  $(1)"
endif

.PHONY: all deps run run-iso ktest test bench stress fuzz plot linux-check compare profile hosttest gdb gdb-attach kgdb-attach modules lab grade grade-class lab-compare check clean
all: build/kernel.elf build/tessera.iso build/initrd.cpio build/initrd-tiny.cpio

deps:
	@tools/deps.sh

build/%.o: %.c
	@mkdir -p $(dir $@)
	$(call quiet,CC      $<)
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

build/%.o: %.asm
	@mkdir -p $(dir $@)
	$(call quiet,NASM    $<)
	$(Q)$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP $< -o $@

build/kernel/arch/vdso.so: build/kernel/arch/vdso.o kernel/arch/vdso.lds
	$(call quiet,LD      $@)
	$(Q)$(LD) -m elf_i386 -shared -soname linux-gate.so.1 --hash-style=sysv -nostdlib \
		-z max-page-size=0x1000 -z noexecstack -T kernel/arch/vdso.lds -o $@ $<

build/kernel/arch/vsyscall_page.o: build/kernel/arch/vdso.so

build/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(call quiet,HOSTCC  $<)
	$(Q)$(CC) $(HOSTCFLAGS) -c $< -o $@

build/kernel.elf: $(KOBJ) linker.ld tools/kallsyms.sh
	@mkdir -p build
	$(call quiet,LD      $@ (2 passes for kallsyms))
	$(Q)tools/kallsyms.sh > build/kallsyms0.c
	$(Q)$(CC) $(KCFLAGS) -c build/kallsyms0.c -o build/kallsyms0.o
	$(Q)$(LD) $(LDFLAGS) -o build/kernel.pass1 $(KOBJ) build/kallsyms0.o $(LIBGCC)
	$(Q)tools/kallsyms.sh build/kernel.pass1 > build/kallsyms1.c
	$(Q)$(CC) $(KCFLAGS) -c build/kallsyms1.c -o build/kallsyms1.o
	$(Q)$(LD) $(LDFLAGS) -o $@.tmp $(KOBJ) build/kallsyms1.o $(LIBGCC)
	$(Q)tools/kallsyms.sh $@.tmp | cmp -s - build/kallsyms1.c || \
		{ echo "kallsyms: text moved between link passes" >&2; exit 1; }
	$(Q)mv $@.tmp $@

# User programs: plain C against glibc, static 32-bit Linux executables,
# packed with the directory tree of the root file system into a newc cpio
# archive, gzip-compressed, for -initrd (or GRUB's module line).
USER_CFLAGS := -m32 -static -O2 -Wall -Wextra -Werror
USER_PROGS  := $(patsubst user/%.c,build/initrd/bin/%,$(wildcard user/*.c))

build/initrd/bin/%: user/%.c user/check.h
	@mkdir -p $(dir $@)
	$(call quiet,USERCC  $<)
	$(Q)$(CC) $(USER_CFLAGS) -o $@ $<

# The files of the root's tree (user/rootfs: /etc/passwd for ps and top)
# and Debian's busybox-static, fetched by tools/deps.sh into .deps/.
ROOTFS_FILES := $(shell find user/rootfs -type f)

.deps/busybox:
	tools/deps.sh

build/initrd/bin/busybox: .deps/busybox
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

# Busybox's applets as links, /bin/ls -> busybox, as Debian's `busybox
# --install -s` makes them (all in /bin, the one directory on PATH).  A
# program of user/ with an applet's name (cat, echo, free, ps, sh, wc)
# keeps its place: ours are the ones the handbook reads and the tests
# check; busybox's stay reachable as `busybox ps`.
build/applets.list: build/initrd/bin/busybox tools/busybox_applets.py $(USER_PROGS)
	$(call quiet,APPLETS $@)
	$(Q)$(PYTHON) tools/busybox_applets.py $< build/initrd/bin > $@

# The archive plain (what `make run` hands QEMU: under TCG, inflating
# 31 MB took the kernel a second, more than QEMU takes to load it) and
# gzip-compressed (the ISO, whose GRUB reads it through the BIOS, the
# tests and every machine with lowmem=32M, which could not hold it plain).
# Loadable modules (kernel/module.c): each .c of labs/modules and
# tests/modules, and of M=DIR for `make modules M=DIR`, is compiled alone
# against the kernel's headers into an ELF relocatable object,
# build/modules/NAME.ko (KBUILD_MODNAME: its name), and every .ko there
# goes into the initramfs's /lib/modules for insmod.
MODULE_CFLAGS = $(KCFLAGS) -fno-common -DKBUILD_MODNAME='"$(basename $(notdir $@))"'
MODULE_KO := $(patsubst %.c,build/modules/%.ko,$(notdir $(wildcard labs/modules/*.c tests/modules/*.c)))

build/modules/%.ko: labs/modules/%.c
	@mkdir -p build/modules
	$(call quiet,CC [M]  $<)
	$(Q)$(CC) $(MODULE_CFLAGS) -c $< -o $@

build/modules/%.ko: tests/modules/%.c
	@mkdir -p build/modules
	$(call quiet,CC [M]  $<)
	$(Q)$(CC) $(MODULE_CFLAGS) -c $< -o $@

modules: $(MODULE_KO)
	$(if $(M),@mkdir -p build/modules; for c in $(M)/*.c; do \
		ko=build/modules/$$(basename $$c .c).ko; echo "  CC [M]  $$c -> $$ko"; \
		$(CC) $(KCFLAGS) -fno-common -DKBUILD_MODNAME="\"$$(basename $$c .c)\"" \
			-c $$c -o $$ko || exit 1; done)

build/initrd-plain.cpio: $(USER_PROGS) build/initrd/bin/busybox build/applets.list $(ROOTFS_FILES) \
		$(MODULE_KO) $(wildcard build/modules/*.ko)
	$(call quiet,CPIO    $@)
	$(Q)cp -r user/rootfs/. build/initrd/
	$(Q)mkdir -p build/initrd/lib/modules && rm -f build/initrd/lib/modules/*.ko && \
		cp build/modules/*.ko build/initrd/lib/modules/
	$(Q)cd build/initrd && find . | LC_ALL=C sort | cpio -H newc -o --quiet > ../initrd-plain.cpio

build/initrd.cpio: build/initrd-plain.cpio
	$(call quiet,GZIP    $@)
	$(Q)gzip -n -9 < $< > $@

# A small initramfs for machines too small for the whole one (a 16 MiB
# machine swapping, tests/test_reclaim.py; the lru lab's comparison):
# busybox, memhog, vmstat and workset, the directories busybox wants, and
# nothing else.
TINY_PROGS := build/initrd/bin/busybox build/initrd/bin/memhog build/initrd/bin/vmstat \
	      build/initrd/bin/workset

build/initrd-tiny.cpio: $(TINY_PROGS)
	$(call quiet,CPIO    $@)
	$(Q)rm -rf build/tiny-root && mkdir -p build/tiny-root/bin build/tiny-root/proc \
		build/tiny-root/dev build/tiny-root/tmp
	$(Q)cp $(TINY_PROGS) build/tiny-root/bin/
	$(Q)cd build/tiny-root && find . | LC_ALL=C sort | cpio -H newc -o --quiet | gzip -n -9 > ../initrd-tiny.cpio

# The initramfs tools/linux.py boots Debian's Linux with: user/linuxinit
# as /init, in an archive of its own in front of Tessera's (the kernel
# unpacks concatenated archives one after the other), so the same
# binaries are in /bin on both kernels.
build/linux-initrd.cpio: build/initrd.cpio build/initrd/bin/linuxinit
	$(call quiet,CPIO    $@)
	$(Q)rm -rf build/linux-root && mkdir -p build/linux-root
	$(Q)cp build/initrd/bin/linuxinit build/linux-root/init
	$(Q)cd build/linux-root && find . | LC_ALL=C sort | cpio -H newc -o --quiet > ../linux-init.cpio
	$(Q)cat build/linux-init.cpio build/initrd.cpio > $@

build/tessera.iso: build/kernel.elf build/initrd.cpio iso/grub.cfg
	@mkdir -p build/iso/boot/grub
	$(call quiet,ISO     $@)
	$(Q)cp build/kernel.elf build/initrd.cpio build/iso/boot/
	$(Q)cp iso/grub.cfg build/iso/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ build/iso 2>build/grub-mkrescue.log || \
		{ cat build/grub-mkrescue.log >&2; exit 1; }

build/host/libtest: $(HOSTOBJ)
	$(call quiet,HOSTLD  $@)
	$(Q)$(CC) -o $@ $^

hosttest: build/host/libtest
	build/host/libtest

# QEMU's exit code says how Tessera stopped: 0 when quit (Ctrl-A x) or
# powered off through ACPI, 2N+1 when it powered off with status N through
# isa-debug-exit (init's exit status: `exit` at the shell is 0; a ktest
# run's 0 for all passed, 1 for a failure; 127 after a panic, code 255).
# Status 0 is success for make too; any other is said in words and fails.
QEMU_STATUS = rc=$$?; [ $$rc -le 1 ] && exit 0; \
	echo "tessera: stopped with status $$(( (rc - 1) / 2 )) (QEMU exit code $$rc)" >&2; \
	exit $$rc

# GDB=1: QEMU's gdb stub listens too, on the port in build/gdb-port
# (1234 unless taken), for `make gdb-attach`.  KGDB=1: Tessera's own stub
# on ttyS1, which QEMU serves on the port in build/kgdb-port, for `make
# kgdb-attach` (KGDB=wait: the kernel waits for gdb early in boot).
KGDB_APPEND = $(if $(KGDB),kgdboc=ttyS1 $(if $(filter wait,$(KGDB)),kgdbwait))
run: deps all build/initrd-plain.cpio
	$(if $(GDB),tools/gdb.sh port > build/gdb-port;) \
	$(if $(KGDB),tools/gdb.sh port > build/kgdb-port;) \
	$(QEMU) -kernel build/kernel.elf -initrd build/initrd-plain.cpio \
		-append "console=ttyS0 $(KGDB_APPEND) $(APPEND)" $(QEMU_COMMON) $(QEMU_DISPLAY) \
		$(if $(GDB),-gdb tcp:127.0.0.1:$$(cat build/gdb-port)) \
		-chardev stdio,id=con,mux=on,signal=off -serial chardev:con -mon chardev=con \
		$(if $(KGDB),-serial tcp:127.0.0.1:$$(cat build/kgdb-port)$(comma)server=on$(comma)wait=off); \
		$(QEMU_STATUS)

run-iso: deps all
	$(QEMU) -cdrom build/tessera.iso $(QEMU_COMMON) $(QEMU_DISPLAY) \
		-chardev stdio,id=con,mux=on,signal=off -serial chardev:con -mon chardev=con; \
		$(QEMU_STATUS)

ktest: deps build/kernel.elf
	$(QEMU) -kernel build/kernel.elf -append "console=ttyS0 lock_debug ktest=$(or $(KTEST),all) $(APPEND)" \
		$(QEMU_COMMON) -display none -monitor none -serial stdio; $(QEMU_STATUS)

# The tests run in parallel, one pytest-xdist worker per CPU; the ktest
# machines' tests stay together on one worker, where their boots are
# cached (conftest.py); TEST_JOBS=1 runs them one after the other.
TEST_JOBS ?= $(shell nproc)

test: deps
	$(MAKE) -j$(shell nproc) all
	$(PYTHON) -m pytest -q -n $(TEST_JOBS) --dist loadgroup tests/

# Benchmarks on a quiet guest with two CPUs (so cross-CPU figures exist;
# BENCH_SMP=4 to see the thread benchmarks scale), with lowmem=64M so high
# memory is there to measure: first in-kernel, then user/bench.c as init
# (the same binary runs on Linux for comparison), then reclaim - a hog of
# 160 MiB in a 64 MiB machine with swap (tools/bench_reclaim.py).
BENCH_SMP ?= 2
BENCH_QEMU = timeout 600 $(QEMU) -kernel build/kernel.elf -m 256 -smp $(BENCH_SMP) -display none -net none \
	-monitor none -serial stdio -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4
# The disk benchmarks run on a fresh sparse scratch disk, marked as one
# they may overwrite by its serial number (drivers/block/test_ide.c).
BENCH_DISK = build/bench-disk.img
BENCH_DISK_ARGS = -drive if=none,id=bd,file=$(BENCH_DISK),format=raw \
	-device ide-hd,drive=bd,bus=ide.0,unit=0,serial=SCRATCH0
bench: deps build/kernel.elf build/initrd.cpio
	@rm -f $(BENCH_DISK) && truncate -s 256M $(BENCH_DISK)
	@$(BENCH_QEMU) $(BENCH_DISK_ARGS) -append "console=ttyS0 lowmem=64M bench=$(or $(BENCH),all)" \
		| grep -E '^\[.*\] (BENCH|bench:)' ; true
	@$(BENCH_QEMU) -initrd build/initrd.cpio \
		-append "console=ttyS0 lowmem=64M init=/bin/bench $(or $(UBENCH),all)" \
		| grep -E '^BENCH|bench:|exited' ; true
	@$(PYTHON) tools/bench_reclaim.py --smp $(BENCH_SMP) ; true

# Static checking as Linux does it (docs/checking.md): sparse reads each
# kernel source with the kernel's own flags (sparse defines __CHECKER__,
# which turns kernel/compiler.h's annotations on) and must say nothing.
# CHECKSRC=file.c checks other files (tests/check/mistakes.c must warn).
# Each run writes its own log and only then renames it build/check.log:
# make test runs the clean check and the mistakes check at the same time.
# Beyond sparse's defaults (address spaces, lock contexts, casts that
# truncate constants, 0 used as a pointer, undeclared non-static symbols):
#   -Wbitwise               __bitwise types (endianness, flag words) kept apart
#   -Wcast-to-as            a cast that moves a pointer into an address space
#                           (kernel pointer to __user ...) needs __force
#   -Wdefault-bitfield-sign a bit-field without signed/unsigned
#   -Wundef                 #if on a macro nobody defined
#   -Wsizeof-bool           sizeof(bool): its size is the compiler's choice
#   -Wtypesign              pointers to signed and unsigned mixed silently
# Left off: -Wptr-subtraction-blows (page_to_pfn() divides by the size of
# struct page: 36 bytes, not a power of two), -Wdeclaration-after-statement and
# -Wshadow (the kernel is gnu11; nested min() shadows its own temporaries).
# sparse 0.6.4 does not know i386's __float128 (gcc's <stddef.h> names it
# under C11) nor __VERSION__: both are defined for it here.
CHECK      := sparse
CHECKFLAGS := $(filter-out -MMD -MP -Werror,$(KCFLAGS)) -D__float128='long double' \
              -D__VERSION__='"sparse"' -Wbitwise -Wcast-to-as -Wdefault-bitfield-sign \
              -Wundef -Wsizeof-bool -Wtypesign

CHECKSRC   ?= $(KSRC)
check: deps
	@mkdir -p build
	$(Q)log=$$(mktemp build/check.XXXXXX); \
	for f in $(CHECKSRC); do $(CHECK) $(CHECKFLAGS) $$f; done > $$log 2>&1; \
	if [ -s $$log ]; then cat $$log; mv -f $$log build/check.log; \
		echo "make check: sparse warned (build/check.log)" >&2; exit 1; fi; \
	mv -f $$log build/check.log; echo "  CHECK   $(words $(CHECKSRC)) sources: no warnings"

# The test programs on Debian's i386 Linux kernel and on Tessera, in the
# same QEMU one after the other, compared (tools/linux.py same;
# docs/comparing-with-linux.md): fails if any program's exit status or
# normalised output differs.  Fetches the kernel package into
# .deps/linux the first time.  Not part of `make test`.
LINUX_CHECK ?= hello segv forktest filetest memtest proctest efault longcall abitest \
	systest timetest sigtest vmtest shmtest futextest pthreadtest threadtest mmthreads vdsotest \
	"memhog 16" "affinity 5 100"
linux-check: deps all build/linux-initrd.cpio
	$(PYTHON) tools/linux.py same $(LINUX_CHECK) --smp $(or $(LINUX_SMP),2)

# The kernel's profile while a program runs: `profile` on the command
# line, /proc/profile after it (kernel/profile.c, tools/profile.py), e.g.
# make profile PROG="bench anon_page_faults 8" SMP=2 (LOWMEM=32M, TOP=40).
PROG ?= bench
profile: deps all
	$(PYTHON) tools/profile.py --smp $(or $(SMP),1) --top $(or $(TOP),25) \
		$(if $(LOWMEM),--lowmem $(LOWMEM)) $(PROG)

# Tessera against the same Linux on the same binaries, same QEMU flags,
# interleaved runs (tools/compare.py; docs/comparing-with-linux.md): the
# boot, user/bench.c and a 160 MiB hog with swap in 64 MiB, RUNS times
# each, then the test programs of LINUX_CHECK on both (CHECK=0 skips
# them).  SMP (1), MEM (256), CASES (boot,bench,swap), LOWMEM (Tessera's
# lowmem=, e.g. 32M), LINUX_VMALLOC (Linux's vmalloc=, which moves its own
# split: 900M leaves it 80 MiB low).  Table and chart in build/compare/
compare: deps all build/linux-initrd.cpio build/initrd-tiny.cpio
	$(PYTHON) tools/compare.py --smp $(or $(SMP),1) --mem $(or $(MEM),256) \
		--runs $(or $(RUNS),3) --cases $(or $(CASES),boot$(comma)bench$(comma)swap) \
		$(if $(LOWMEM),--lowmem $(LOWMEM)) $(if $(LINUX_VMALLOC),--linux-vmalloc $(LINUX_VMALLOC)) \
		$(if $(filter 0,$(CHECK)),,--check $(LINUX_CHECK))

# Reclaim in a picture (docs/reclaim-plot.md): a 64 MiB machine with a swap
# disk made for the run, user/memhog under user/vmsample as init, and the
# samples drawn by gnuplot into build/reclaim.png.  PLOT_ARGS go to
# tools/plot_reclaim.py (e.g. PLOT_ARGS="--mem 32 -- memhog -f 4 48 2").
plot: deps all
	$(PYTHON) tools/plot_reclaim.py $(PLOT_ARGS)

# Classroom labs (tools/lab.py, labs/LAB/lab.ini, docs/labs/): make lab
# lists them; make lab LAB=buddy writes the student tree to build/labs/buddy;
# make grade LAB=buddy scores this tree (TREE=DIR: another), exiting
# non-zero below full marks;
# make grade-class LAB=buddy TREES="a b c" prints a CSV of every tree's score.
# make lab-compare LAB=lru [TREES="a b"] [HANDOUT=1] [MUTATIONS=1] [SEED=N]:
# the lab's workloads on the reference and those trees, a table and a chart
# (build/labs/LAB-compare.png).
lab:
	$(PYTHON) tools/lab.py $(if $(LAB),make $(LAB),list)

grade:
	$(PYTHON) tools/lab.py grade $(LAB) $(if $(TREE),--tree $(TREE))

grade-class:
	$(PYTHON) tools/lab.py class $(LAB) $(TREES)

lab-compare: deps
	$(PYTHON) tools/lab.py compare $(LAB) $(TREES) $(if $(HANDOUT),--handout) \
		$(if $(MUTATIONS),--mutations) $(if $(SEED),--seed $(SEED))

# make gdb: QEMU halted at reset, gdb attached (Ctrl-C stops the guest,
# QEMU goes when gdb quits; the console is in build/gdb-serial.log).
# make gdb-attach: gdb on a running `make run GDB=1`.
gdb: deps build/kernel.elf build/initrd-plain.cpio
	tools/gdb.sh start build/kernel.elf -initrd build/initrd-plain.cpio \
		-append "console=ttyS0 $(APPEND)" $(QEMU_COMMON)

gdb-attach: build/kernel.elf
	tools/gdb.sh attach build/kernel.elf build/gdb-port

kgdb-attach: build/kernel.elf
	tools/gdb.sh attach build/kernel.elf build/kgdb-port

# The SMP suites STRESS_RUNS times on -smp 4, a fresh seed each run;
# fails on any hang or failure (not part of `make test`: it takes minutes).
# Stress and fuzz run QEMU with a host thread per vCPU (TCG_THREAD=multi,
# tests/qemu.py), for the races only true parallelism finds; make test
# runs two QEMUs at once and gives each one thread.
stress fuzz: export TCG_THREAD = multi
stress: deps all
	$(PYTHON) tools/stress.py $(or $(STRESS_RUNS),20)
	$(PYTHON) -m pytest -q tests/stress_reclaim.py
	$(PYTHON) tools/fuzz.py $(or $(STRESS_FUZZ_CALLS),50000) smp2-lowmem32M-lock_debug
	LAB_MUTATIONS=all $(PYTHON) -m pytest -q -n $(TEST_JOBS) tests/test_labs.py -k mistake

# The system-call fuzzer (user/fuzz.c) as init in four machines (-smp 1
# and 2, plain and with lowmem=32M lock_debug), FUZZ_CALLS calls each
# (default 1000000), a fresh seed each (FUZZ_SEED=N replays one); fails
# on any kernel complaint, a task that ignores SIGKILL, or a hang.  Not part of `make test`: it
# takes a long time.
fuzz: deps all
	$(PYTHON) tools/fuzz.py $(or $(FUZZ_CALLS),1000000) $(FUZZ_CONFIGS)

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
$(KOBJ) $(HOSTOBJ): Makefile
