"""tests/test_modules.py - loadable modules (kernel/module.c) through
busybox's insmod, rmmod and lsmod as a user runs them: parameters, the
/proc/modules line, one module using another's export (and the first
refused rmmod while it does), an unexported symbol named and refused, a
failing init and a bad ELF refused with nothing left behind, an oops
inside a module's init named with the module's own symbols and the module
unloaded (insmod gets -EFAULT), and an oops with a lock held still fatal."""
import re

import qemu

INITRD = str(qemu.ROOT / "build" / "initrd-plain.cpio")


class Shell:
    """busybox sh as init on the serial console."""

    def __init__(self, smp=2, append=""):
        self.vm = qemu.Console(f"console=ttyS0 {append} init=/bin/busybox sh", smp=smp, mem=128,
                               extra=["-initrd", INITRD])
        self.n = 0
        self.vm.expect_exact("# ")

    def run(self, line):
        """Output of line (kernel messages included) and its exit status."""
        self.n += 1
        self.vm.send(f"{line}; echo @@{self.n}:$?@@\r")
        self.vm.expect(rf"@@{self.n}:(\d+)@@")
        out = self.vm.child.before
        status = int(self.vm.child.match.group(1))
        self.vm.expect_exact("# ")
        return out.replace("\r", ""), status

    def close(self):
        self.vm.close()


def vmalloc_areas(sh):
    out, _ = sh.run("cat /proc/vmallocinfo | wc -l")
    return int(re.findall(r"^(\d+)$", out, re.M)[-1])


def test_load_use_and_unload_modules():
    sh = Shell()
    try:
        areas = vmalloc_areas(sh)
        out, rc = sh.run("insmod /lib/modules/hello.ko count=3 who=class")
        assert rc == 0 and out.count("hello: hello, class (") == 3, sh.vm.why("parameters")
        out, _ = sh.run("cat /proc/modules")
        assert re.search(r"^hello \d+ 0 - Live 0x[0-9a-f]{8}$", out, re.M), sh.vm.why("/proc/modules")
        out, rc = sh.run("lsmod")
        assert rc == 0 and re.search(r"^hello\s+\d+\s+0", out, re.M), sh.vm.why("lsmod")

        out, rc = sh.run("insmod /lib/modules/modtest_user.ko")
        assert rc == 0 and "hello made 3 greetings" in out, sh.vm.why("a module using an export")
        out, _ = sh.run("cat /proc/modules")
        assert re.search(r"^hello \d+ 1 modtest_user, Live", out, re.M), sh.vm.why("used by")
        out, rc = sh.run("rmmod hello")
        assert rc != 0 and "Resource temporarily unavailable" in out, sh.vm.why("in use: refused")
        out, rc = sh.run("rmmod modtest_user && rmmod hello")
        assert rc == 0 and "hello: goodbye, class" in out, sh.vm.why("unloaded, exit ran")
        out, _ = sh.run("cat /proc/modules")
        assert "hello" not in out

        out, rc = sh.run("insmod /lib/modules/modtest_unresolved.ko")
        assert rc != 0 and "Unknown symbol do_page_fault" in out, sh.vm.why("not exported")
        out, rc = sh.run("insmod /lib/modules/modtest_failinit.ko")
        assert rc != 0 and "No such device" in out, sh.vm.why("init's error reaches insmod")
        out, rc = sh.run("insmod /bin/hello")
        assert rc != 0 and "invalid module format" in out, sh.vm.why("not a relocatable object")
        out, rc = sh.run("insmod /lib/modules/hello.ko count=many")
        assert rc != 0 and "not a valid value for 'count'" in out, sh.vm.why("bad parameter")
        out, _ = sh.run("cat /proc/modules")
        assert not re.search(r"^\w+ \d+ \d+ ", out, re.M), sh.vm.why("no module left")
        assert vmalloc_areas(sh) == areas, sh.vm.why("no vmalloc area left behind")
    finally:
        sh.close()


def test_an_oops_in_a_module_s_init_is_named_and_the_module_unloaded():
    sh = Shell(smp=1)
    try:
        areas = vmalloc_areas(sh)
        out, rc = sh.run("insmod /lib/modules/modtest_oops.ko")
        assert "Oops: page fault" in out, sh.vm.why("the oops")
        assert re.search(r"\[<c[0-9a-f]{7}>\] modtest_oops_read\+0x[0-9a-f]+/0x[0-9a-f]+ "
                         r"\[modtest_oops\]", out), sh.vm.why("named by the module's symbols")
        assert "Oops recovered" in out and "modtest_oops: init_module oopsed, unloaded" in out
        assert rc != 0 and "Bad address" in out and "Kernel panic" not in out, out
        out, _ = sh.run("cat /proc/modules")
        assert "modtest_oops" not in out, out
        assert vmalloc_areas(sh) == areas, sh.vm.why("no vmalloc area left behind")
        out, rc = sh.run("insmod /lib/modules/hello.ko && rmmod hello")
        assert rc == 0 and "hello: goodbye" in out, sh.vm.why("the machine goes on")
    finally:
        sh.close()


def test_an_oops_with_a_lock_held_stays_fatal_and_says_why():
    sh = Shell(smp=1)
    try:
        sh.vm.send("insmod /lib/modules/modtest_oopslock.ko\r")
        sh.vm.expect(r"\[<c[0-9a-f]{7}>\] oopslock_read\+0x[0-9a-f]+/0x[0-9a-f]+ \[modtest_oopslock\]")
        sh.vm.expect_exact("Oops not recovered: a spinlock held, or preemption off")
        sh.vm.expect_exact("Kernel panic")
    finally:
        sh.close()


def test_gdb_finds_a_module_s_code():
    """lx-lsmod lists the module where /proc/modules does, lx-symbols loads
    its symbols at those addresses, and a breakpoint in module code hits."""
    import os

    import pexpect

    port = qemu.free_port()
    vm = qemu.Console("console=ttyS0 init=/bin/busybox sh", smp=1, mem=128,
                      extra=["-initrd", INITRD, "-gdb", f"tcp:127.0.0.1:{port}"])
    try:
        vm.expect_exact("# ")
        vm.send("insmod /lib/modules/hello.ko && cat /proc/modules\r")
        vm.expect(r"hello \d+ 0 - Live (0x[0-9a-f]{8})")
        core = int(vm.child.match.group(1), 16)
        vm.expect_exact("# ")
        g = pexpect.spawn("gdb", ["-q", "-nx", "-ex", "set pagination off", "-ex",
                                  "set confirm off", "-ex", f"file {qemu.KERNEL}",
                                  "-x", str(qemu.ROOT / "tools" / "gdb" / "tessera.gdb"),
                                  "-ex", f"target remote 127.0.0.1:{port}"],
                          cwd=str(qemu.ROOT), env=dict(os.environ, TERM="dumb"),
                          encoding="utf-8", timeout=60)
        g.expect_exact("(gdb) ")
        g.sendline("lx-lsmod")
        g.expect(rf"hello\s+{core:#010x}\s+\d+\s+0\s+Live")
        g.expect_exact("(gdb) ")
        g.sendline("lx-symbols")
        g.expect(r"hello: build/modules/hello.ko at 0x[0-9a-f]+")
        g.expect_exact("(gdb) ")
        g.sendline("break hello_greet")
        g.expect(r"Breakpoint \d+ at 0x[0-9a-f]+: file labs/modules/hello.c")
        g.expect_exact("(gdb) ")
        g.sendline("continue")
        g.expect_exact("Continuing.")
        vm.send("insmod /lib/modules/modtest_user.ko\r")
        g.expect(r"Breakpoint \d+, hello_greet \(from=")
        g.expect_exact("(gdb) ")
        g.sendline("lx-symbols")                          # modtest_user, in its init
        g.expect(r"modtest_user: build/modules/modtest_user.ko at 0x[0-9a-f]+")
        g.expect_exact("(gdb) ")
        g.sendline("bt")
        g.expect(r"user_init")
        g.close(force=True)
    finally:
        vm.close()


def test_the_pcp_lab_module_takes_pages_by_hand_and_gives_them_back():
    """labs/modules/pcplab.c on the default machine (2 CPUs) and, checked on
    a third CPU, on 4, with lock_debug: each worker CPU's list gives
    `pages` pages, each checked on main_cpu with count 1, and rmmod puts
    exactly those back on the list they came from (counts up by as many);
    both threads end on their own CPU."""
    for smp, main in ((2, 0), (2, 1), (4, 2)):
        sh = Shell(smp=smp, append="lock_debug")
        vm = sh.vm
        try:
            out, rc = sh.run(f"insmod /lib/modules/pcplab.ko pages=3 main_cpu={main}")
            assert rc == 0, vm.why("loaded")
            checked = re.findall(r"pcplab: page pfn 0x[0-9a-f]+ from CPU (\d)'s list, "
                                 r"checked on CPU (\d)", out)
            assert sorted(c for c, _ in checked) == ["0"] * 3 + ["1"] * 3, vm.why("3 from each")
            assert {m for _, m in checked} == {str(main)}, vm.why("checked on main_cpu")
            for before, after, n, bad in re.findall(
                    r"pcplab: CPU \d: pcp count (\d+) before, (\d+) after taking (\d+); (\d+) bad", out):
                assert (int(before) - int(after), int(n), int(bad)) == (3, 3, 0), vm.why("taken")
            out, rc = sh.run("rmmod pcplab")
            assert rc == 0 and out.count("ended with 0") == 2, vm.why("threads ended well")
            back = re.findall(r"pcplab: CPU \d: pcp count (\d+) before, (\d+) after giving back 3", out)
            assert len(back) == 2 and all(int(a) - int(b) == 3 for b, a in back), vm.why("given back")
            assert "BUG" not in vm.output() and "lock_debug" not in out, vm.why("no lock report")
        finally:
            vm.close()
