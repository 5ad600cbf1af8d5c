"""tests/test_ktest.py - the in-kernel tests, booted in several machines:
one, two and four CPUs, 32 MiB to 3 GiB, and most memory high (lowmem=32M).
STRESS_CONFIGS are more machines of the same kinds, booted by `make
stress` (tools/stress.py) to keep `make test` within its ten minutes."""
import re

import pytest

import qemu

CONFIGS = {
    "smp1-32M": dict(smp=1, mem=32, args=""),
    "smp1-128M-lowmem32M": dict(smp=1, mem=128, args="lowmem=32M"),
    "smp2-128M-lowmem32M": dict(smp=2, mem=128, args="lowmem=32M"),
    "smp4-128M-lowmem32M": dict(smp=4, mem=128, args="lowmem=32M"),
    "smp2-1G": dict(smp=2, mem=1024, args=""),
    "smp2-3G": dict(smp=2, mem=3072, args=""),          # real highmem above 896 MiB
    "smp1-3G": dict(smp=1, mem=3072, args=""),
    "smp1-128M-slab_debug": dict(smp=1, mem=128, args="slab_debug lowmem=64M"),
    "smp1-128M-noapic": dict(smp=1, mem=128, args="noapic"),   # PIC and PIT
    # Two sockets, so SeaBIOS's MP table lists both CPUs; acpi=off uses it.
    "smp2-sockets-acpi_off": dict(smp="2,sockets=2,cores=1", mem=128, args="acpi=off"),
}
STRESS_CONFIGS = {
    "smp1-1G": dict(smp=1, mem=1024, args=""),
    "smp4-256M": dict(smp=4, mem=256, args=""),
}


def run_config(ktest_boot, name, suites="all"):
    c = CONFIGS[name]
    append = f"console=ttyS0 lock_debug ktest={suites} {c['args']}".strip()
    return ktest_boot(append, mem=c["mem"], smp=c["smp"])


def failures_with_seeds(output):
    """Each 'not ok' line, preceded by the seed its test printed (if any),
    so a failing randomised test can be replayed with ktest_seed=N."""
    lines, seed = [], None
    for line in output.splitlines():
        if "# seed " in line:
            seed = line
        elif "not ok " in line:
            lines += ([seed] if seed else []) + [line]
            seed = None
        elif re.search(r"\] ok \d+ ", line):
            seed = None
    return lines


@pytest.mark.parametrize("name", CONFIGS)
def test_all_ktests_pass(ktest_boot, name):
    b = run_config(ktest_boot, name)
    summary = qemu.ktest_summary(b.output)
    assert summary, b.why("no 'ktest: N passed, N failed' line")
    passed, failed = summary
    not_ok = failures_with_seeds(b.output)
    assert failed == 0 and not not_ok, b.why("failures:\n" + "\n".join(not_ok))
    assert passed > 0, b.why("no tests ran")
    assert len(re.findall(r"\] ok \d+ [\w.]+\r?$", b.output, re.M)) == passed
    assert b.returncode == qemu.EXIT_PASS, b.why("wrong exit status for a pass")
    # lockdep_assert_held() in real code: only the lockdep and rwsem tests'
    # own locks may be reported as not held.
    unheld = [l for l in re.findall(r"BUG: lock not held: (\S+)", b.output)
              if l not in ("&assert_lock", "&assert_mutex", "&assert_rwsem")]
    assert not unheld, b.why("locks asserted held and not held: " + ", ".join(unheld))


def test_suite_filter_runs_only_that_suite(ktest_boot):
    b = run_config(ktest_boot, "smp1-32M", suites="lib,cmdline")
    names = re.findall(r"\] ok \d+ (\w+)\.", b.output)
    assert names and set(names) == {"lib", "cmdline"}, b.why(f"suites run: {set(names)}")
    assert qemu.ktest_summary(b.output) == (len(names), 0)


def test_unknown_suite_runs_nothing(ktest_boot):
    b = run_config(ktest_boot, "smp1-32M", suites="nosuchsuite")
    assert qemu.ktest_summary(b.output) == (0, 0), b.why("expected an empty run")
    assert "no tests match 'nosuchsuite'" in b.output
    assert b.returncode == qemu.EXIT_PASS


@pytest.mark.parametrize("name,cpus", [("smp1-128M-lowmem32M", 1), ("smp2-128M-lowmem32M", 2),
                                       ("smp4-128M-lowmem32M", 4)])
def test_every_cpu_comes_up(ktest_boot, name, cpus):
    b = run_config(ktest_boot, name)
    assert f"SMP: {cpus} of {cpus} CPUs online" in b.output or \
        (cpus == 1 and "SMP: 1 of 1 CPUs online" in b.output), b.why("CPUs online")


def test_no_apic_falls_back_to_pic_and_pit(ktest_boot):
    b = run_config(ktest_boot, "smp1-128M-noapic")
    assert "APIC: disabled by noapic; one CPU, PIC and PIT" in b.output, b.why("noapic")
    assert "tick 100 Hz from the PIT" in b.output, b.why("PIT tick")


def test_mp_table_fallback_finds_both_sockets(ktest_boot):
    b = run_config(ktest_boot, "smp2-sockets-acpi_off")
    assert "ACPI: disabled by acpi=off" in b.output
    assert "SMP: MP table lists 2 CPU(s)" in b.output, b.why("MP table")
    assert "SMP: 2 of 2 CPUs online" in b.output, b.why("both CPUs up")


def test_eight_cpus_boot_and_run_the_scheduler_tests(ktest_boot):
    b = ktest_boot("console=ttyS0 lock_debug "
                   "ktest=sched,timer,workqueue,tlb,mm_smp,rwsem",
                   mem=256, smp=8)
    assert "SMP: 8 of 8 CPUs online" in b.output, b.why("8 CPUs")
    assert qemu.ktest_summary(b.output) and qemu.ktest_summary(b.output)[1] == 0, \
        b.why("\n".join(failures_with_seeds(b.output)))


def test_hung_test_is_reported_with_every_cpus_backtrace():
    b = qemu.boot("console=ttyS0 ktest=fault_hang ktest_timeout=2", mem=64, smp=2, timeout=60)
    assert not b.timed_out, b.why("the watchdog must end the run")
    assert re.search(r"not ok 1 fault_hang\.spins_with_interrupts_off # timed out after 2 s",
                     b.output), b.why("hang report")
    assert "Backtraces of all CPUs" in b.output
    m = re.search(r"NMI backtrace for CPU#\d \(task init/1\):.*?"
                  r"ktest_fault_hang_spins_with_interrupts_off\+0x", b.output, re.S)
    assert m, b.why("the hung CPU's backtrace must name the spinning function")
    assert qemu.ktest_summary(b.output) == (0, 1)
    assert b.returncode == qemu.EXIT_FAIL


def test_spinlock_lockup_is_reported_with_the_holders_backtrace():
    b = qemu.boot("console=ttyS0 lock_debug ktest=fault_lockup", mem=64, smp=2, timeout=60)
    assert "BUG: spinlock lockup suspected on CPU#0, lock &stuck, owner CPU#1" in b.output, \
        b.why("lockup report")
    assert re.search(r"NMI backtrace for CPU#1 \(task holder/\d+\):.*?stuck_holder\+0x",
                     b.output, re.S), b.why("the holder's backtrace")
    assert qemu.ktest_summary(b.output) == (1, 0), b.why("the waiter gets the lock after")


def test_fault_injection_boot_options_arm_with_the_seed(ktest_boot):
    """fail_page_alloc= and failslab= (Linux's order: interval, probability,
    space, times) are armed when the kernel starts the tests, with the
    seed of fault_inject_seed= printed for a replay; a bad value is
    reported and ignored.  times=2 keeps the run itself safe."""
    b = ktest_boot("console=ttyS0 lock_debug ktest=should_fail fault_inject_seed=4242 "
                   "fail_page_alloc=3,50,0,2 failslab=1,101,0,-1", mem=32, smp=1)
    out = b.output
    assert "fault_inject: fail_page_alloc on: interval 3, probability 50, space 0, times 2" \
        in out, b.why("fail_page_alloc= armed")
    assert "# seed 4242 (rerun with fault_inject_seed=4242)" in out, b.why("the seed")
    assert "kernel parameter failslab: invalid value '1,101,0,-1'" in out, b.why("101%")
    assert "failslab on" not in out
    assert qemu.ktest_summary(out)[1] == 0 and b.returncode == qemu.EXIT_PASS, b.why("pass")
