"""tests/test_user.py - real programs: static glibc executables from user/
(built with gcc -m32 -static by the Makefile, packed into build/initrd.cpio)
run as init through the Linux i386 system-call ABI, per TESTING.md's
interface: init=/PROG ARGS, `init exited with status N`, and the status in
QEMU's exit code."""
import random
import re
import sys

import qemu

INITRD = str(qemu.ROOT / "build" / "initrd.cpio")


# What lock_debug reports when kernel code breaks the written lock order,
# an inversion, or a lockdep_assert_held(): a user program must never
# cause one.
LOCK_REPORTS = re.compile(r"BUG: lock not held|BUG: lock order violation|"
                          r"possible circular locking dependency")


def run(append, smp=2, mem=128, timeout=qemu.DEFAULT_TIMEOUT):
    b = qemu.boot(f"console=ttyS0 lock_debug {append}", smp=smp, mem=mem,
                  extra=["-initrd", INITRD], timeout=timeout)
    m = LOCK_REPORTS.search(b.output)
    assert not m, "lock_debug reported a locking bug:\n" + b.output[m.start():m.start() + 2000]
    return b


def test_static_glibc_program_runs_as_init_with_args_and_env():
    b = run("lowmem=32M init=/bin/hello 42 two FOO=bar")
    out = b.output
    assert "hello from /bin/hello, argc=3" in out, b.why("the program's first line")
    assert "argv[1]=42" in out and "argv[2]=two" in out, b.why("arguments after init=")
    assert "env FOO=bar" in out and "env HOME=/" in out, b.why("environment")
    assert "heap: ok" in out, b.why("malloc'd pages zeroed and writable")
    assert re.search(r"init exited with status 42\r?$", out, re.M), b.why("exit status")
    assert b.returncode == (42 << 1) | 1, b.why("the status rides out in the exit code")


def test_glibc_startup_needs_no_missing_system_call():
    out = run("init=/bin/hello").output
    assert "hello from /bin/hello" in out
    assert "not implemented" not in out, "every call glibc's startup makes is there"


def test_unknown_system_calls_are_enosys_and_logged_once():
    """The notice is KERN_DEBUG: in the log (dmesg), on the console only
    with loglevel=8, so it never lands in the middle of user output."""
    b = run("init=/bin/systest")
    assert "not implemented" not in b.output, b.why("no notice on the console")
    b = run("loglevel=8 init=/bin/systest")
    lines = re.findall(r"systest\[1\]: system call (\d+) not implemented", b.output)
    assert lines == ["17"], b.why("system call 17 logged once though called twice")


def test_file_and_process_calls_busybox_needs():
    """user/abitest.c: descriptor limits and errnos as Linux's, pipe writes
    up to PIPE_BUF whole, FIFOs, mknod, chmod/chown, utimensat, st_blocks,
    statfs, priorities, groups, rlimits, #! scripts, /tmp, syslog."""
    for smp in (1, 2, 4):
        b = run("init=/bin/abitest", smp=smp)
        fails = re.findall(r"^FAIL .*$", b.output, re.M)
        assert not fails and "abitest: 0 failures" in b.output, b.why(f"-smp {smp}: {fails}")
        assert "init exited with status 0" in b.output


def test_system_calls_through_the_vsyscall_page():
    """user/vdsotest.c: AT_SYSINFO_EHDR's object exports __kernel_vsyscall
    at AT_SYSINFO and glibc calls it; six arguments, restarts (handler,
    stop/continue), a bad sysenter stack, single-stepping across a call.
    With nosep the page is absent and the program says so and fails."""
    for smp in (1, 2):
        b = run("init=/bin/vdsotest", smp=smp)
        fails = re.findall(r"^FAIL .*$", b.output, re.M)
        assert not fails and "vdsotest: 0 failures" in b.output, b.why(f"-smp {smp}: {fails}")
    b = run("nosep init=/bin/vdsotest")
    assert "FAIL AT_SYSINFO_EHDR and AT_SYSINFO given" in b.output, b.why("nosep: no page")
    assert "vsyscall: nosep: system calls by int $0x80 only" in b.output, b.why("nosep noted")


def test_kernel_command_line_quotes_group_init_arguments():
    """Linux keeps init=/prog a "b c" as three words: /prog, a, b c."""
    b = run('init=/bin/hello 0 "b c" d')
    assert "argc=4" in b.output and "argv[2]=b c" in b.output and "argv[3]=d" in b.output, \
        b.why("quoted words stay one argument")


def test_segfault_is_reported_and_kills_the_process():
    b = run("init=/bin/segv")
    assert "writing to (nil)" in b.output
    assert re.search(r"segv\[1\]: segfault at 0 ip [0-9a-f]{8} sp [0-9a-f]{8} error 6",
                     b.output), b.why("Linux-style segfault line")
    assert "init killed by signal 11" in b.output
    assert b.returncode == (((128 + 11) << 1) | 1) & 0xff


def test_a_segfault_holding_a_pipe_dies_in_process_context():
    """Issue 12 defect 1: dying of a fault closes files (a pipe's mutex):
    that happens on the way back to user mode, never inside the fault
    handler with interrupts off ('sleeping function called')."""
    for smp in (1, 2):
        b = run("init=/bin/segv pipe", smp=smp)
        assert "child killed by signal 11" in b.output, b.why(f"-smp {smp}")
        assert re.search(r"segv\[\d+\]: segfault at 0 ip ", b.output), b.why("the log line")
        assert "BUG: sleeping function" not in b.output, b.why("no report")
        assert "init exited with status 0" in b.output, b.why("status 0")


def test_missing_init_is_reported_and_the_monitor_starts(console):
    c = console("console=ttyS0 init=/bin/nonexistent", extra=["-initrd", INITRD])
    c.expect(r"init: cannot run /bin/nonexistent \(error -2\)")
    c.expect_prompt()


def test_processes_fork_wait_vfork_execve():
    """user/forktest.c: copy-on-write after fork, wait statuses (exit codes
    and SIGSEGV), several children then ECHILD, vfork + execve, ENOENT."""
    for smp in (1, 2, 4):
        b = run("lowmem=32M init=/bin/forktest", smp=smp)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and "forktest: all ok" in b.output, b.why(f"-smp {smp}: {fails}")
        assert "init exited with status 0" in b.output
        assert re.search(r"forktest\[\d+\]: segfault at 0 ip", b.output), b.why("the child's report")


def test_small_system_calls_and_reboot_power_off():
    """user/systest.c: clocks across nanosleep, getrandom, uname, ids,
    pinning itself to each CPU, sysinfo; then reboot(RB_POWER_OFF)."""
    b = run("init=/bin/systest", smp=4)
    fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
    assert not fails and "systest: all ok" in b.output, b.why(str(fails))
    assert "cpus: 4" in b.output, b.why("all four CPUs in the affinity mask")
    assert "reboot: Power down" in b.output
    assert b.returncode == qemu.EXIT_PASS, b.why("RB_POWER_OFF exits with status 0")


def test_files_from_user_space():
    """user/filetest.c: mkdir/chdir/getcwd, create-write-seek-read across
    pages, fstat/stat, readdir (getdents64), dup2 with O_APPEND, errors."""
    for smp in (1, 2):
        b = run("lowmem=32M init=/bin/filetest", smp=smp)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and "filetest: all ok" in b.output, b.why(f"-smp {smp}: {fails}")
        assert b.returncode == (0 << 1) | 1, b.why("init's status 0 in the exit code")


def test_shell_runs_pipelines_redirections_and_builtins(console):
    """The default init (/bin/init, found without init=) starts user/sh.c
    on the console: pipes, <, >, >>, cd/pwd, a missing command, exit N."""
    c = console("console=ttyS0 lock_debug", smp=2, extra=["-initrd", INITRD])
    c.expect_exact("Tessera init: starting /bin/sh")

    def run_line(line, *want):
        c.expect_exact("$ ")
        c.send(line + "\r")
        for w in want:
            c.expect_exact(w)

    run_line("echo one two three | wc", "1 3 14")
    run_line("echo first > /out.txt")
    run_line("echo second >> /out.txt")
    run_line("cat < /out.txt | cat | wc", "2 2 13")
    run_line("cd /bin")
    run_line("pwd", "/bin")
    run_line("nosuch", "sh: nosuch: No such file or directory")
    run_line("exit 3", "init exited with status 3")
    assert c.wait_exit() == (3 << 1) | 1


def test_memory_calls_and_devices():
    """user/memtest.c: mmap2 (anonymous, private and shared files, shared
    across fork), munmap, madvise, big mallocs, stack growth, /dev/zero,
    /dev/null, /dev/urandom."""
    for smp in (1, 2):
        b = run("lowmem=32M init=/bin/memtest", smp=smp)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and "memtest: all ok" in b.output, b.why(f"-smp {smp}: {fails}")
        hole = re.search(r"# the hole is at ([0-9a-f]+)", b.output)
        assert hole and re.search(rf"memtest\[\d+\]: segfault at {hole.group(1)} ", b.output), \
            b.why("the hole")


def test_thread_groups():
    """user/threadtest.c: clone's flag rules and tid words, 64 threads
    (gettid, getpid, TLS), /proc/self/task and Threads:, exit_group, the
    leader exiting first, execve from a thread, kill/tgkill/tkill and
    per-thread masks, a fault and a fatal signal ending the group, wait4
    seeing one child, a fault handled in its thread, sigwait in a thread,
    a group stop and SIGCONT; -smp 1, 2 and 4."""
    for smp in (1, 2, 4):
        b = run("init=/bin/threadtest", smp=smp)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and "threadtest: all ok" in b.output, b.why(f"-smp {smp}: {fails}")
        assert "init exited with status 0" in b.output, b.why(f"-smp {smp}: status 0")


def test_process_accounting():
    """user/accttest.c: the ITIMER_REAL timer is the process's (armed in one
    thread, seen, cancelled and taken in others, outliving the thread that
    armed it and an execve from a thread), and so are ITIMER_PROF and
    ITIMER_VIRTUAL, run out by another thread's CPU time; getrusage, times(),
    CLOCK_PROCESS_CPUTIME_ID and /proc/self/stat count every thread's CPU
    time, faults and switches, RUSAGE_THREAD, CLOCK_THREAD_CPUTIME_ID and
    /proc/self/task/TID/stat one thread's; a reaped child's whole totals
    go to wait4, RUSAGE_CHILDREN, cutime and cminflt; VmPeak is a peak;
    -smp 1 and 2."""
    run_suite("accttest")


def test_glibc_pthreads():
    """user/pthreadtest.c: glibc's mutexes, condition variables, barriers,
    rwlocks, unnamed semaphores, timed waits on both clocks, TLS and keys,
    cancellation at read/nanosleep/pthread_cond_wait, a robust mutex whose
    owner dies, PTHREAD_PRIO_INHERIT refused, 64 threads, detach - counts
    checked; a process-shared mutex and condvar in MAP_SHARED anonymous
    memory first touched after fork, semaphores in a /dev/shm object, named
    semaphores (sem_open: link(2) in /dev/shm) and unnamed pshared ones
    shared with a child; main
    returns with a thread asleep in read, and init's exit_group must still
    end it; -smp 1, 2 and 4."""
    for smp in (1, 2, 4):
        b = run("init=/bin/pthreadtest", smp=smp, timeout=180)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and "pthreadtest: all ok" in b.output, b.why(f"-smp {smp}: {fails}")
        assert "init exited with status 0" in b.output, b.why(f"-smp {smp}: status 0")


def test_one_mm_on_several_cpus():
    """user/mmthreads.c: 4 threads fault the same and different pages of
    one mapping at once, then both together in 16 MiB (contents and the
    resident size checked); munmap while another thread reads the range (it
    must take SIGSEGV, never see the freed pages poisoned by a new
    mapping); mprotect read-only while another thread writes (no write
    lands after it returns); -smp 1, 2 and 4."""
    for smp in (1, 2, 4):
        b = run("init=/bin/mmthreads", smp=smp)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and "mmthreads: all ok" in b.output, b.why(f"-smp {smp}: {fails}")
        assert "init exited with status 0" in b.output, b.why(f"-smp {smp}: status 0")


def test_shared_memory_between_processes():
    """user/shmtest.c: MAP_SHARED|MAP_ANONYMOUS pages first touched after
    fork shared both ways (they were not before mm/shmem.c), munmap and
    exit in one process leaving the other's, mprotect/madvise/mremap,
    MAP_SHARED and MAP_PRIVATE /dev/zero, System V shm (errnos,
    shm_nattch, IPC_RMID with the last detach, fork and exit), shm_open
    in /dev/shm, the maps lines, Shmem: in meminfo, mprotect's EACCES for
    what a mapping may not have (VM_MAY*), a truncate unmapping a /dev/shm
    file's pages from another process (SIGBUS past the end), shmem charged
    to Committed_AS and overcommit mode 2's ENOMEM; -smp 1, 2 and 4."""
    for smp in (1, 2, 4):
        b = run("init=/bin/shmtest", smp=smp)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and "shmtest: all ok" in b.output, b.why(f"-smp {smp}: {fails}")
        assert re.search(r"shmtest\[\d+\]: segfault at [0-9a-f]+ .* error [67]", b.output), \
            b.why("the write to a SHM_RDONLY attach")


def test_signals():
    """user/sigtest.c: handlers (rt frame with siginfo, and the old frame),
    blocking, SIGCHLD, a SIGSEGV handler, SIGTERM's default, SIGKILL of a
    child asleep in a pipe read, SIGPIPE/EPIPE; fault siginfo (si_code,
    si_addr), SIGCHLD's CLD_* siginfo, stop/continue of a child
    (WUNTRACED, WCONTINUED, T in /proc, SA_NOCLDSTOP), waitid,
    sigtimedwait/sigwaitinfo/sigwait, a nanosleep going on after a stop."""
    for smp in (1, 2):
        b = run("init=/bin/sigtest", smp=smp)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and "sigtest: all ok" in b.output, b.why(f"-smp {smp}: {fails}")
        assert re.search(r"traps: sigtest\[\d+\] trap divide error ip:[0-9a-f]{8} ", b.output), \
            b.why("the divide error is logged")
        assert re.search(r"traps: sigtest\[\d+\] general protection fault ip:", b.output), \
            b.why("the privileged instruction is logged")


def test_busybox_taskset_runs_a_child_bound_to_cpu0():
    """Issue 12 defect 0: `busybox taskset 1 busybox echo on-cpu0` from a
    script panicked -smp 2 (the CPU the task left idled lazily on the
    address space exec then freed: mm_count now pins it)."""
    for smp in (2, 4):
        b = run("init=/bin/busybox sh /test/taskset.sh", smp=smp)
        assert re.search(r"^on-cpu0\r?$", b.output, re.M) and "status=0" in b.output, \
            b.why(f"-smp {smp}")
        assert "init exited with status 0" in b.output, b.why(f"-smp {smp}: status 0")


def test_sched_setaffinity_on_tasks_in_every_state():
    """user/affinity.c: random masks for a spinning, a sleeping, a forking
    and an exec'ing task, and the caller, on -smp 2 and 4 (seeded; `make
    stress` runs 20000 rounds)."""
    seed = random.randrange(1 << 30)
    print(f"affinity seed {seed}")
    for smp in (2, 4):
        b = run(f"init=/bin/affinity {seed} 500", smp=smp)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and "affinity: all ok" in b.output, b.why(f"-smp {smp} seed {seed}: {fails}")
        assert "init exited with status 0" in b.output, b.why("status 0")


def test_sigkill_ends_long_system_calls():
    """Issue 12 defect 3 (user/longcall.c): a 16 MiB write to the console
    is killed part way; getrandom caps one call and checks its flags."""
    for smp in (1, 2):
        b = run("init=/bin/longcall", smp=smp, mem=256)
        fails = [l for l in b.output.splitlines() if "FAIL" in l]
        assert not fails and "longcall: all ok" in b.output, b.why(f"-smp {smp}: {fails}")
        assert "init exited with status 0" in b.output, b.why("status 0")


def test_init_out_of_memory_ends_with_init_killed():
    """Issue 12 defect 5: init (memhog as init= in 64 MiB) exhausting
    memory looped forever in OOM reports; with no other victim the OOM
    killer kills init, and the machine powers off saying so."""
    for smp in (1, 2):
        b = qemu.boot("console=ttyS0 lock_debug init=/bin/memhog 100", smp=smp, mem=64,
                      extra=["-initrd", INITRD], timeout=120)
        assert "Out of memory and no killable processes: killing init" in b.output, \
            b.why(f"-smp {smp}")
        assert "init killed by signal 9" in b.output, b.why("init's end")
        assert b.returncode == (((128 + 9) << 1) | 1) & 0xff, b.why("QEMU's status")


def test_fork_exit_wait_under_memory_pressure():
    """Issue 12 defect 6 (user/forkstress.c): forks, exits (some by a
    segfault holding a pipe, some after an exec), waits, with a hog that
    the OOM killer keeps taking and that keeps coming back, most memory
    high (lowmem=32M), -smp 2 and 4; every round must end (seeded; the
    long run is in `make stress`)."""
    seed = random.randrange(1 << 30)
    print(f"forkstress seed {seed}")
    for smp in (2, 4):
        # Seconds alone; on a busy two-core host -smp 4 under lock_debug
        # has taken over a minute (virtual CPUs spinning on preempted ones).
        b = run(f"lowmem=32M init=/bin/forkstress {seed} 60 56", smp=smp, mem=80, timeout=240)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and "forkstress: all ok" in b.output, b.why(f"-smp {smp} seed {seed}")
        assert "init exited with status 0" in b.output, b.why("status 0")
        assert "BUG: sleeping function" not in b.output, b.why("no atomic-sleep report")


def run_suite(prog, smps=(1, 2), append="lowmem=32M"):
    """A user/ test program as init on each CPU count: no FAIL line, its
    'all ok' line, and init's status 0."""
    for smp in smps:
        b = run(f"{append} init=/bin/{prog}", smp=smp)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and f"{prog}: all ok" in b.output, b.why(f"-smp {smp}: {fails}")
        assert "init exited with status 0" in b.output, b.why("status 0")


def test_timers_timeouts_and_the_wall_clock():
    """user/timetest.c: far alarms (in other processes too) do not hide a
    10 ms sleep, and alarm() still reports the far one's seconds;
    alarm(0xffffffff) does not fire at once; poll, nanosleep and
    clock_nanosleep (old and time64) with huge timeouts wait until a
    signal ends them; the wall clock starts from the RTC and ticks
    (time, gettimeofday, CLOCK_REALTIME), /proc/stat's btime."""
    run_suite("timetest")


def test_busybox_date_ticks_and_btime_is_the_boot_time():
    """Debian's busybox `date` across `sleep 2`: the seconds advance and
    the year is not 1970; /proc/stat's btime is set and not in the future."""
    b = run('init=/bin/busybox sh -c "date +%s; sleep 2; date +%s; date; grep btime /proc/stat"')
    secs = [int(x) for x in re.findall(r"^(\d{9,})\r?$", b.output, re.M)]
    assert len(secs) == 2 and secs[1] > secs[0], b.why(f"date +%s twice: {secs}")
    assert not re.search(r"^\w{3} \w{3} +\d+ [\d:]+ UTC 1970", b.output, re.M), b.why("1970")
    m = re.search(r"^btime (\d+)", b.output, re.M)
    assert m and 0 < int(m.group(1)) <= secs[1], b.why("btime")


def test_proc_and_file_calls():
    """user/proctest.c: /proc (meminfo, self's stat/status/maps/cmdline/exe,
    the listing, a vm tunable), unlink of an open file, rename, access,
    symlinks, fcntl and close-on-exec, openat with a dirfd, umask, poll."""
    run_suite("proctest")


class Busybox:
    """Debian's busybox sh, interactive on the console (started from our
    shell); its prompt is '~ # ' (followed by a cursor-position query)."""

    def __init__(self, console, smp):
        self.c = console("console=ttyS0 lock_debug", smp=smp, extra=["-initrd", INITRD])
        self.c.expect_exact("$ ")
        self.c.send("busybox sh\r")
        self.c.expect_exact("built-in shell (ash)")
        self.c.expect_exact("~ # ")

    def run(self, line):
        """Type a line; what it printed before the next prompt."""
        self.c.send(line + "\r")
        self.c.expect_exact(line)
        self.c.expect_exact("~ # ")
        return self.c.child.before.replace("\r", "").replace("\x1b[6n", "")


def meminfo_kb(text, name):
    m = re.search(rf"^{name}:\s+(\d+) kB$", text, re.M)
    assert m, f"no {name} in {text!r}"
    return int(m.group(1))


def test_busybox_runs_unmodified_as_init():
    """A static glibc program nobody here wrote, through init=: Debian's
    busybox as pid 1 with arguments, its output and exit status."""
    b = run("init=/bin/busybox uname -s -m")
    assert re.search(r"^Linux i686\r?$", b.output, re.M), b.why("uname's answer")
    assert "init exited with status 0" in b.output, b.why("status 0")
    b = run("init=/bin/busybox false")
    assert "init exited with status 1" in b.output, b.why("false's status")


def test_busybox_runs_interactively_and_reads_proc(console):
    """Debian's busybox-static, unmodified: ash on the console, and free,
    ps, top, ls -l /proc and cat /proc/meminfo agreeing with the kernel."""
    for smp in (1, 2):
        bb = Busybox(console, smp)
        assert bb.run("echo $((6 * 7))").strip() == "42"
        meminfo = bb.run("cat /proc/meminfo")
        total = meminfo_kb(meminfo, "MemTotal")
        assert meminfo_kb(meminfo, "LowTotal") + meminfo_kb(meminfo, "HighTotal") == total
        free = bb.run("free")
        m = re.search(r"^Mem:\s+(\d+)\s+(\d+)\s+(\d+)", free, re.M)
        assert m and int(m.group(1)) == total, bb.c.why("free's total is MemTotal")
        ps = bb.run("ps")
        assert re.search(r"^\s+1 root\s+/bin/init$", ps, re.M), bb.c.why("ps shows init")
        assert re.search(r"^\s+\d+ root\s+busybox sh$", ps, re.M), bb.c.why("ps shows ash")
        top = bb.run("top -n 1 -b")
        assert re.search(r"^Mem: \d+K used, \d+K free", top, re.M), bb.c.why("top's Mem")
        assert re.search(r"^Load average: [\d.]+ [\d.]+ [\d.]+ \d+/\d+ \d+$", top, re.M)
        assert re.search(r"^\s+1\s+0 root\s+S\s+\d+\s+\d+%\s+\d+% /bin/init$", top, re.M), \
            bb.c.why("top lists init")
        ls = bb.run("ls -l /proc")
        assert re.search(r"^-r--r--r--\s+1 root\s+root\s+0 .* meminfo$", ls, re.M), ls
        assert re.search(r"^dr-xr-xr-x\s+2 root\s+root\s+0 .* 1$", ls, re.M), ls
        assert re.search(r"^lrwxrwxrwx .* self -> \d+$", ls, re.M), ls
        assert "done 0" in bb.run("sleep 1 & wait; echo done $?"), bb.c.why("a job waited for")
        bb.c.send("exit\r")
        bb.c.expect_exact("$ ")


def test_what_one_write_says_comes_out_whole(console):
    """Four shells on two CPUs echo lines to the console at once: each
    echo is one write(), and no line may be cut by another's (the tty's
    write lock; before it, lines came out as "m" + someone's line +
    "emhog: ...")."""
    bb = Busybox(console, 2)
    tail = "x" * 60
    bb.run(f"t={tail}")                # typed lines stay short: no wrapping
    bb.run("f() { for i in $(seq 100); do echo line-$1-$i-$t; done; }")
    out = bb.run("f 1 & f 2 & f 3 & f 4 & wait; echo all-written")
    lines = [line.strip() for line in out.splitlines() if "line-" in line]
    whole = [line for line in lines if re.fullmatch(rf"line-[1-4]-\d+-{tail}", line)]
    assert len(whole) == 400 and len(lines) == 400, \
        f"{len(whole)} whole of {len(lines)}: {[ln for ln in lines if ln not in whole][:5]}"
    assert "all-written" in out


def test_busybox_file_and_process_commands(console):
    """Debian's busybox running what a newcomer tries (issue 12), with
    Linux's answers: touch, stat's blocks, mknod/mkfifo and a FIFO, tar x
    keeping modes and owners, renice, ionice, df, id, cat, ulimit -a,
    sysctl and hostname, dmesg, /proc/PID/status's CPUs, a #! script,
    ln (a hard link: link(2))."""
    bb = Busybox(console, 2)
    bb.run("cd /tmp; PS1='~ # '")     # the prompt Busybox.run waits for
    assert bb.run("touch t && stat -c '%s %b %a' t").strip() == "0 0 644"
    assert bb.run("printf %24s x > b; stat -c '%s %b' b").strip() == "24 8"
    assert bb.run("cat b | wc -c").strip() == "24"
    assert bb.run("ln b b2 && stat -c '%h %i' b b2 | uniq -c").split()[:2] == ["2", "2"]
    assert "File exists" in bb.run("ln b b2")
    assert bb.run("rm b2; stat -c %h b").strip() == "1"
    ls = bb.run("mknod p p && mkfifo q && ls -l p q")
    assert re.search(r"^prw-r--r-- .* p$", ls, re.M) and re.search(r"^prw-r--r-- .* q$", ls, re.M), ls
    assert bb.run("(echo through > q &); cat q").strip() == "through"
    bb.run("mkdir d; echo hi > d/f; chmod 751 d/f; chown 5:6 d/f")
    bb.run("tar cf a.tar d; rm -r d")
    assert bb.run("tar xf a.tar && stat -c '%a %u %g' d/f").strip() == "751 5 6"
    bb.run("renice -n 5 -p $$ >/dev/null")
    assert bb.run("cut -d' ' -f19 /proc/self/stat").strip() == "5", "inherited nice"
    assert bb.run("ionice -c 2 -n 3 -p $$; ionice -p $$").strip() == "best-effort: prio 3"
    # busybox skips "rootfs" (the initramfs root, as on Linux): proc shows
    df = bb.run("df -a")
    assert re.search(r"^proc\s+0\s+0\s+0\s+0% /proc$", df, re.M), df
    sf = bb.run("stat -f -c '%T %S %b %f' /")
    m = re.match(r"tmpfs 4096 (\d+) (\d+)$", sf.strip())
    assert m and int(m.group(1)) >= int(m.group(2)) > 0, sf
    id_ = bb.run("id")
    assert id_.strip().startswith("uid=0(root) gid=0(root)") and "can't" not in id_, id_
    ulimit = bb.run("ulimit -a")
    for name, flag, value in (("open files", "n", "1024"), ("stack size \\(kb\\)", "s", "8192"),
                              ("core file size \\(blocks\\)", "c", "0"),
                              ("max locked memory \\(kb\\)", "l", "8192"),
                              ("POSIX message queues \\(bytes\\)", "q", "819200")):
        assert re.search(rf"^{name}\s+\(-{flag}\) {value}$", ulimit, re.M), ulimit
    assert bb.run("sysctl kernel.ostype").strip() == "kernel.ostype = Linux"
    bb.run("sysctl -w kernel.hostname=box >/dev/null")
    assert bb.run("hostname; uname -n").split() == ["box", "box"]
    assert "kernel.osrelease = 6.1.0-tessera" in bb.run("sysctl -a 2>/dev/null")
    status = bb.run("grep Cpus /proc/self/status")
    assert re.search(r"^Cpus_allowed:\s+3$", status, re.M), status
    assert re.search(r"^Cpus_allowed_list:\s+0-1$", status, re.M), status
    bb.run("printf '#!/bin/busybox sh\\necho script $1\\n' > s")
    assert bb.run("chmod +x s; ./s arg").strip() == "script arg"
    assert bb.run("dmesg | grep -c 'initramfs: module 0'").strip() == "1", "dmesg reads the log"
    bb.c.send("exit\r")
    bb.c.expect_exact("$ ")


def test_proc_shows_where_a_task_sleeps(console):
    """/proc/PID/wchan and /proc/PID/stack (root only) as Linux has them:
    the function a sleeping task chose to sleep in, not schedule(), and
    its kernel call chain innermost first; "0" and nothing while it runs."""
    bb = Busybox(console, 2)
    bb.run("sleep 30 & sleep 1; s=$!")
    assert bb.run("cat /proc/$s/wchan; echo").strip() == "sleep_interruptible"
    stack = bb.run("cat /proc/$s/stack").strip().splitlines()
    assert stack and all(re.fullmatch(r"\[<c0[0-9a-f]{6}>\] \w+\+0x[0-9a-f]+/0x[0-9a-f]+", l)
                         for l in stack), stack
    names = [l.split()[1].split("+")[0] for l in stack]
    assert names.index("schedule") < names.index("sleep_interruptible") \
        < names.index("sys_clock_nanosleep32"), names
    assert bb.run("cat /proc/self/wchan; echo").strip() == "0", "a running task"
    assert bb.run("cat /proc/self/stack | wc -l").strip() == "0"
    assert bb.run("cat /proc/1/wchan; echo").strip() == "do_wait", "init waits for children"
    assert bb.run("ls -l /proc/1/stack").strip().startswith("-r-------- "), "root only, as on Linux"
    bb.run("kill $s")


def test_every_pointer_taking_call_gives_efault_for_bad_pointers():
    """user/efault.c: 64 calls x (NULL, a kernel address, an unmapped
    page) -> EFAULT each, the kernel unharmed, good pointers still fine."""
    run_suite("efault")


class Shell:
    """user/sh.c on the console, started by the default init."""

    def __init__(self, console, mem=128, smp=2, append="console=ttyS0 lock_debug"):
        self.c = console(append, smp=smp, mem=mem, extra=["-initrd", INITRD])
        self.c.expect_exact("Tessera init: starting /bin/sh")
        self.c.expect_exact("$ ")

    def run(self, line, timeout=-1):
        """Type a line; what it printed before the next prompt."""
        self.c.send(line + "\r")
        self.c.expect_exact(line)
        self.c.expect_exact("$ ", timeout=timeout)
        return self.c.child.before.replace("\r", "")


def test_fork_bomb_is_contained_and_the_shell_survives(console):
    """user/forkbomb.c: with 128 MiB the process limit (RLIMIT_NPROC, half
    of threads-max) stops it with EAGAIN; with 44 MiB and 256 KiB touched
    by each child memory runs out first, the OOM killer takes bomb
    children, and fork fails with ENOMEM.  Either way every child is reaped
    and the shell goes on."""
    for mem, cmd, err in ((128, "forkbomb", "Resource temporarily unavailable"),
                          (44, "forkbomb 1000000 256", "Cannot allocate memory")):
        sh = Shell(console, mem=mem)
        out = sh.run(cmd, timeout=120)
        m = re.search(r"forkbomb: fork failed after (\d+) children: (.*)\n", out)
        assert m and m.group(2) == err, sh.c.why(f"{mem} MiB: fork's error")
        assert f"forkbomb: reaped {m.group(1)}" in out, sh.c.why("every child reaped")
        if mem == 44:
            assert re.search(r"Out of memory: Killed process \d+ \(forkbomb\)", out), out
        assert "alive" in sh.run("echo alive")
        assert "BUG" not in sh.c.output(), sh.c.why("no kernel complaint on the way")


def test_tools_free_ps_memhog(console):
    """user/free.c, ps.c and memhog.c against the kernel's own numbers."""
    sh = Shell(console)
    free = sh.run("free")
    m = re.search(r"^Mem:\s+(\d+)\s+(\d+)\s+(\d+)", free, re.M)
    meminfo = sh.run("cat /proc/meminfo")
    assert m and int(m.group(1)) == meminfo_kb(meminfo, "MemTotal"), free
    assert re.search(r"^Zones:\s+\d+\s+\d+", free, re.M), free
    ps = sh.run("ps")
    assert re.search(r"^\s+1\s+0 S\s+\d+\s+\d+\s+\d+\s+[\d.]+ /bin/init$", ps, re.M), ps
    assert re.search(r"^\s+\d+\s+1 [RS] .* sh$", ps, re.M), ps
    assert re.search(r"^\s+\d+\s+\d+ R .* ps$", ps, re.M), ps
    assert re.search(r"\[events/0\]$", ps, re.M), ps
    maps = sh.run("cat /proc/self/maps")
    assert re.search(r"^bffe0000-c0000000 rw-p .*\[stack\]$", maps, re.M), \
        sh.c.why("PT_GNU_STACK without X: a non-executable stack area")
    assert len(re.findall(r"\[heap\]$", maps, re.M)) == 1, sh.c.why("brk grows one heap area")
    out = sh.run("memhog 24 2")
    assert "memhog: pass 2: 24 MiB written and checked" in out and "memhog: 24 MiB ok" in out
    assert "usage: memhog" in sh.run("memhog")


def test_user_benchmarks_print_figures():
    """user/bench.c as init, as `make bench` runs it: each benchmark prints
    one BENCH line with a positive rate (figures only; timing is never
    asserted), on -smp 1, 2 and 4 (the thread benchmarks are about how one
    mm scales with CPUs; -smp 2 is left to `make bench`)."""
    names = ("anon_page_faults", "cow_faults", "fork_exit_wait_16M", "fork_calls",
             "fork_exec_wait", "mmap_munmap_1M", "sweep_seq_64M", "sweep_random_64M",
             "getpid_syscalls",
             "pipe_pingpong", "futex_pingpong", "thread_create_join", "futex_pingpong_threads",
             "anon_faults_threads_1", "anon_faults_threads_2", "anon_faults_threads_4")
    for smp in (1, 4):
        b = run("lowmem=64M init=/bin/bench", smp=smp, mem=256, timeout=240)
        for name in names:
            m = re.search(rf"^BENCH {name} (\d+) \S+/s\r?$", b.output, re.M)
            assert m and int(m.group(1)) > 0, b.why(f"-smp {smp}: {name}")
            assert re.search(rf"^bench: {name} - \S.{{20,}}", b.output, re.M), \
                b.why(f"{name} says what it measures")
        assert "init exited with status 0" in b.output, b.why("status 0")
    b = run("init=/bin/bench no_such_bench")
    assert "bench: no benchmark called no_such_bench" in b.output, b.why("a bad name")
    assert "init exited with status 2" in b.output, b.why("status 2")


def test_terminal_line_editing_type_ahead_and_ctrl_d(console):
    """The console's line discipline: Backspace and Ctrl-U edit the line a
    program reads, Ctrl-D on an empty line is end of file, and what is
    typed while a command runs is echoed at once and read after it."""
    sh = Shell(console)
    sh.c.send("cat\r")
    sh.c.send("abx\x7fc\r")            # the echo rubs out: "abx\b \bc"
    sh.c.expect(r"\nabc\r*\n")          # what cat read
    sh.c.send("junk\x15ok\r")
    sh.c.expect(r"\nok\r*\n")
    sh.c.send("\x04")
    sh.c.expect_exact("$ ")
    sh.c.send("busybox sleep 2\r")
    sh.c.expect_exact("busybox sleep 2")
    sh.c.send("echo typed ahead\r")
    sh.c.expect_exact("echo typed ahead")   # echoed at once, before the prompt
    sh.c.expect_exact("$ ")
    sh.c.expect_exact("typed ahead")
    sh.c.expect_exact("$ ")


def test_ctrl_c_stops_the_foreground_command_only(console):
    """Ctrl-C: the terminal echoes ^C and sends SIGINT to its foreground
    group.  A foreground program dies of it; the shell catches it (an
    abandoned input line just gets a new prompt), and a background job,
    started with SIGINT ignored, lives on."""
    for smp in (1, 2):
        sh = Shell(console, smp=smp)
        sh.c.send("half a line\x03")
        sh.c.expect_exact("^C")
        sh.c.expect_exact("$ ")
        m = re.search(r"\[\d+\] (\d+)", sh.run("busybox sleep 60 &"))
        assert m, sh.c.why("a background job")
        bg = m.group(1)
        sh.c.send("memhog 1 1 60\r")        # says when it is running, then sleeps
        sh.c.expect_exact("memhog: pass 1: 1 MiB written and checked")
        sh.c.send("\x03")
        sh.c.expect_exact("^C", timeout=10)
        sh.c.expect_exact("$ ", timeout=10)
        ps = sh.run("ps")
        assert "memhog" not in ps, sh.c.why("the foreground memhog died of SIGINT")
        sleeps = re.findall(r"^\s*(\d+)\s+\d+ [RS] .* busybox sleep 60\r?$", ps, re.M)
        assert sleeps == [bg], sh.c.why(f"the background sleep {bg} lives on: {sleeps}")
        assert "alive" in sh.run("echo alive")
        assert "BUG" not in sh.c.output() and "killed by signal" not in sh.c.output()


def test_nothing_lost_under_injected_allocation_failures():
    """user/failtest.c: with fail_page_alloc and failslab switched on
    through /proc/sys/debug at 2, 10 and 25%, a child churns mmap, munmap,
    mremap, brk, fork and exec; ENOMEM/EAGAIN are fine, a kernel report or
    a lost page is not: MemFree (after drop_caches, counting slabs kept
    only by fragmentation) and each cache's live objects must be what they
    were.  Then the task filter: only the child that wrote 1 to
    /proc/self/make-it-fail has its mmap refused.  A fresh seed each run,
    printed so a failure can be replayed (`init=/bin/failtest SEED`)."""
    seed = random.randrange(1, 1 << 31)
    for smp in (1, 2):
        b = qemu.boot(f"console=ttyS0 lock_debug lowmem=32M init=/bin/failtest {seed}",
                      smp=smp, mem=128, extra=["-initrd", INITRD], timeout=240)
        out = b.output
        where = f"-smp {smp}, seed {seed}"
        assert f"# seed {seed} (rerun with failtest {seed})" in out, b.why(where)
        assert f"# seed {seed} (rerun with fault_inject_seed={seed})" in out, \
            b.why(f"{where}: the kernel says injection is on, with the seed")
        fails = [l for l in out.splitlines() if l.startswith("FAIL")]
        assert not fails and "failtest: all ok" in out, b.why(f"{where}: {fails}")
        assert "failtest: task filter ok" in out, b.why(f"{where}: the task filter")
        assert "FAULT_INJECTION: forcing a failure." in out, b.why(f"{where}: nothing failed")
        assert re.search(r"probability 25%: [1-9]\d* ENOMEM/EAGAIN", out), \
            b.why(f"{where}: the churn saw failures")
        for bad in ("Bad page state", "slab error", "BUG", "Oops", "panic"):
            assert bad not in out, b.why(f"{where}: {bad}")
        assert "init exited with status 0" in out, b.why(where)
        # Rate-limited: far fewer reports than failures.
        assert out.count("FAULT_INJECTION") < 400, b.why(f"{where}: reports not rate-limited")


# ---- The first hour at the shell (issue 12, items 8 and 11) ----

def test_busybox_applets_are_commands_at_the_default_shell(console):
    """`ls /proc`, the README's first suggestion: busybox's applets are
    links in /bin (/bin/ls -> busybox, made by the Makefile from busybox's
    applet list), while Tessera's own programs keep their names."""
    sh = Shell(console)
    out = sh.run("ls /proc")
    assert "No such file" not in out, sh.c.why("ls is a command")
    for name in ("meminfo", "version", "self", "1"):
        assert re.search(rf"(^|\s){name}(\s|$)", out, re.M), sh.c.why(f"ls /proc lacks {name}")
    out = sh.run("ls -l /bin")
    assert re.search(r"^l\S+ .* ls -> busybox$", out, re.M), sh.c.why("/bin/ls -> busybox")
    assert re.search(r"^-\S+ .* ps$", out, re.M), sh.c.why("our ps is a file, not the applet")
    assert re.search(r"^Zones:", sh.run("free"), re.M), sh.c.why("free is user/free.c")


def test_shell_history_walks_back_with_the_up_arrow(console):
    """The shell's line editor: Up recalls the previous line, Up twice the
    one before, Down comes back; the recalled line runs as typed."""
    sh = Shell(console)
    sh.run("echo first-line")
    sh.run("echo second-line")
    sh.c.send("\x1b[A\r")
    sh.c.expect_exact("second-line")
    sh.c.expect_exact("$ ")
    sh.c.send("\x1b[A\x1b[A\r")             # back past the repeat: first-line
    sh.c.expect(r"echo first-line\r*\n(\r*\n)?first-line")
    sh.c.expect_exact("$ ")
    sh.c.send("\x1b[A\x1b[A\x1b[Becho\x15echo third\r")  # edit a recalled line away
    sh.c.expect(r"\nthird\r*\n")
    sh.c.expect_exact("$ ")


def test_shell_jobs_kill_and_fg(console):
    """A background job is numbered and listed by `jobs`; `kill %1` ends
    it (its whole process group); `fg` brings one to the front, where
    Ctrl-C reaches it and the shell stays."""
    for smp in (1, 2):
        sh = Shell(console, smp=smp)
        m = re.search(r"^\[1\] (\d+)$", sh.run("busybox sleep 60 &"), re.M)
        assert m, sh.c.why("job 1 and its pid")
        pid = m.group(1)
        jobs = sh.run("jobs")
        assert re.search(r"^\[1\]\+\s+Running\s+busybox sleep 60 &$", jobs, re.M), \
            sh.c.why("jobs lists it")
        out = sh.run("kill %1") + sh.run("echo after")   # a prompt reaps it
        assert re.search(r"\[1\]\+\s+Done\s+busybox sleep 60 &", out), sh.c.why("reported done")
        assert "Running" not in sh.run("jobs"), sh.c.why("the table is empty")
        assert not re.search(rf"^\s*{pid}\s", sh.run("ps"), re.M), sh.c.why("the sleep is gone")
        assert "no such job" in sh.run("kill %7")
        sh.c.send("memhog 1 1 60 &\r")           # says when it is running, then sleeps
        sh.c.expect_exact("memhog: pass 1: 1 MiB written and checked", timeout=30)
        sh.c.send("fg\r")
        sh.c.expect(r"fg\r*\n(\r*\n)?memhog 1 1 60 &")   # in front (and holding the terminal)
        sh.c.send("\x03")
        sh.c.expect_exact("$ ", timeout=10)
        assert "memhog" not in sh.run("ps"), sh.c.why("Ctrl-C reached the job brought to the front")
        assert "alive" in sh.run("echo alive")


def test_shell_ctrl_z_stops_the_job_in_front(console):
    """Ctrl-Z makes the terminal send SIGTSTP to the job in front, which
    stops (a group stop): the shell's waitpid(WUNTRACED) sees it, it is
    listed as Stopped and ps shows it T; bg continues it in the background
    (SIGCONT), fg brings it to the front, where Ctrl-C ends it."""
    sh = Shell(console, smp=2)
    sh.c.send("memhog 1 1 60\r")              # says when it is running, then sleeps
    sh.c.expect_exact("memhog: pass 1: 1 MiB written and checked", timeout=30)
    sh.c.send("\x1a")
    sh.c.expect(r"\[1\]\+\s+Stopped\s+memhog 1 1 60")
    sh.c.expect_exact("$ ")
    assert re.search(r"^\[1\]\+\s+Stopped\s+memhog 1 1 60\r?$", sh.run("jobs"), re.M), \
        sh.c.why("jobs lists it stopped")
    assert re.search(r"^\s*\d+\s+\d+ T .*memhog", sh.run("ps"), re.M), sh.c.why("ps: T")
    assert re.search(r"^\[1\]\+ memhog 1 1 60", sh.run("bg"), re.M), sh.c.why("bg")
    assert re.search(r"^\[1\]\+\s+Running\s+memhog 1 1 60\r?$", sh.run("jobs"), re.M), \
        sh.c.why("running again")
    assert re.search(r"^\s*\d+\s+\d+ [SR] .*memhog", sh.run("ps"), re.M), sh.c.why("ps: not T")
    sh.c.send("fg\r")
    sh.c.expect(r"fg\r*\n(\r*\n)?memhog 1 1 60")
    sh.c.send("\x03")
    sh.c.expect_exact("$ ", timeout=10)
    assert "memhog" not in sh.run("ps"), sh.c.why("Ctrl-C ended it in front")
    assert "alive" in sh.run("echo alive")


def test_system_call_fuzzer_finds_nothing():
    """user/fuzz.c, as `make fuzz` runs it but briefly: 10000 random calls
    with hostile arguments on -smp 2 with lowmem=32M and lock_debug, a
    fresh seed each run (printed).  No panic, oops, BUG/WARNING, lock
    report, khungtaskd report or unkillable worker; the run ends."""
    sys.path.insert(0, str(qemu.ROOT / "tools"))
    import fuzz  # tools/fuzz.py: the machines and what a clean run never prints
    seed = random.randrange(1, 1 << 31)
    verdict, b, problems = fuzz.fuzz_once("smp2-lowmem32M-lock_debug", 10000, seed, 300)
    assert verdict.startswith("ok"), b.why(f"seed {seed} (init=/bin/fuzz -s {seed} -n 10000): "
                                           f"{verdict}: {problems[:5]}")


def test_address_space_as_on_linux():
    """user/vmtest.c (issue 12): a partly applied mprotect leaves the page
    usable and open() of a path in it ends (it spun in the kernel for
    ever); mmap/mprotect argument errors; ru_maxrss; pgfault; vfork
    sharing memory (busybox xargs exits 127); the top-down layout in
    /proc/self/maps; the formats of slabinfo, meminfo and zoneinfo;
    MemAvailable without ramfs pages; VmHWM; mlock of more than the
    machine has ending in the OOM killer taking the locker alone."""
    for smp in (1, 2):
        for cmd in ("", " mlock-oom"):
            b = run("lowmem=32M init=/bin/vmtest" + cmd, smp=smp)
            fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
            assert not fails and "vmtest: all ok" in b.output, b.why(f"-smp {smp}: {fails}")


def test_one_large_mmap_and_the_legacy_layout_in_3g():
    """The flexible layout: 2600 MiB in one mmap on a 3 GiB machine (the
    bottom-up search from 1 GiB found no gap above 2 GiB); with an
    unlimited stack rlimit, exec picks the legacy bottom-up layout."""
    for args in ("big 2600", "legacy"):
        b = run(f"init=/bin/vmtest {args}", mem=3072)
        fails = [l for l in b.output.splitlines() if l.startswith("FAIL")]
        assert not fails and "vmtest: all ok" in b.output, b.why(f"{args}: {fails}")


def test_futexes_between_processes():
    """user/futextest.c: futex errors as Linux's, relative and absolute
    timeouts on both clocks, EINTR and restarts, wake counts, ping-pong,
    requeue, wake_op, a file mapped at two addresses, robust futexes whose
    owner dies - on -smp 1, 2 and 4."""
    for smp in (1, 2, 4):
        # Thousands of cross-process wake-ups: -smp 4 on a busy two-core
        # host needs more than the default minute.
        b = run("init=/bin/futextest", smp=smp, timeout=180)
        fails = re.findall(r"^FAIL .*$", b.output, re.M)
        assert not fails and "futextest: all ok" in b.output, b.why(f"-smp {smp}: {fails}")
        assert "init exited with status 0" in b.output
