#!/usr/bin/python3
"""tools/linux.py - run a program of user/ on Debian's i386 Linux kernel in
the same QEMU as Tessera, and check that both kernels run it alike.

    tools/linux.py fetch                       the kernel, into .deps/linux/
    tools/linux.py run PROG [ARGS] [--smp N] [--mem M] [--timeout S] [--raw]
    tools/linux.py same PROG... [--smp N] [--mem M] [--timeout S]

fetch resolves the package linux-image-686:i386 depends on (apt-cache
depends), downloads it with apt-get download and unpacks it with dpkg-deb
-x into .deps/linux/root/ - nothing is installed on the host.  A manifest,
.deps/linux/manifest.json, records the package, its version and the
sha256 of the .deb and of vmlinuz: later runs use that kernel, checked
against its sha256, until the cache is deleted.  The whole package stays
unpacked, modules included (root/lib/modules/RELEASE/, plain .ko files;
the manifest's "release" names the directory).  Debian builds the IDE
disk's drivers as modules: disk_initrd() resolves ata_piix and sd_mod
and everything they need (each module's `depends=` and `softdep=pre:`,
read from its own .modinfo section), and packs them with a load order
(/lib/modules/load, which linuxinit reads) between /init and the
programs' archive: that is how tools/compare.py gives Linux a swap disk.

run boots vmlinuz with build/linux-initrd.cpio (the Makefile's: our
user/linuxinit as /init, in front of Tessera's own archive) and the
command line `console=ttyS0 quiet panic=-1 norandmaps -- /bin/PROG ARGS`
(quiet: only errors from the kernel; norandmaps: no address-space
randomisation, which Tessera does not have either): linuxinit
runs the program as its child and prints `linuxinit: exited=N` (or
`killed=SIG`) with the child's rusage, then powers off.

same runs each PROG (a program of user/, with arguments when quoted:
"vmtest big 64") on Linux and then on Tessera (init=/bin/PROG ARGS), one
machine at a time, and reports whether the exit status and the output
agree once normalised (see normalise(): kernel log lines go, and per
program what legitimately differs - pids, addresses, timings).  A
difference is shown as a unified diff; both serial logs are kept in
build/linux/.  Exit status 0 when every program agreed.

Arguments containing '=' are refused: Linux passes them to init as
arguments after `--`, Tessera as environment.
"""
import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import qemu  # noqa: E402

ROOT = qemu.ROOT
CACHE = ROOT / ".deps" / "linux"
MANIFEST = CACHE / "manifest.json"
META_PACKAGE = "linux-image-686:i386"
LINUX_INITRD = ROOT / "build" / "linux-initrd.cpio"
TESSERA_INITRD = ROOT / "build" / "initrd.cpio"
LOGS = ROOT / "build" / "linux"
DEFAULT_TIMEOUT = 300


def say(*words):
    print("linux.py:", *words, file=sys.stderr, flush=True)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def image_package():
    """The versioned image package the meta-package depends on."""
    for attempt in range(2):
        out = subprocess.run(["apt-cache", "depends", META_PACKAGE],
                             capture_output=True, text=True).stdout
        m = re.search(r"^\s*Depends: (linux-image-\S+)$", out, re.M)
        if m:
            return m.group(1)
        if attempt == 0:
            # Package lists not there or stale (i386 ones come with
            # `dpkg --add-architecture i386`, done by tools/deps.sh).
            say("apt-cache does not know", META_PACKAGE, "- running apt-get update")
            subprocess.run(["apt-get", "update", "-q"], check=False)
    sys.exit(f"linux.py: cannot resolve {META_PACKAGE} (run tools/deps.sh as root)")


def download(package, into):
    into.mkdir(parents=True)
    into.chmod(0o755)               # apt downloads as its own user
    subprocess.run(["apt-get", "download", "-q", package], cwd=into, check=True)
    debs = list(into.glob("*.deb"))
    if len(debs) != 1:
        sys.exit(f"linux.py: apt-get download {package} left {len(debs)} files")
    return debs[0]


def deb_field(deb, name):
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True,
                          text=True, check=True).stdout.strip()


def fetch():
    """The manifest of the cached kernel: fetched and unpacked the first time."""
    if MANIFEST.exists():
        return json.loads(MANIFEST.read_text())
    package = image_package()
    say("fetching", package)
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=CACHE, prefix="fetch."))
    work.chmod(0o755)
    try:
        deb = download(package, work / "deb")
        subprocess.run(["dpkg-deb", "-x", str(deb), str(work / "root")], check=True)
        vmlinuz = sorted((work / "root" / "boot").glob("vmlinuz-*"))
        if len(vmlinuz) != 1:
            sys.exit(f"linux.py: {deb.name} holds {len(vmlinuz)} vmlinuz files")
        manifest = {
            "package": deb_field(deb, "Package"),
            "version": deb_field(deb, "Version"),
            "architecture": deb_field(deb, "Architecture"),
            "deb": deb.name,
            "deb_sha256": sha256(deb),
            "release": vmlinuz[0].name[len("vmlinuz-"):],
            "vmlinuz": str(vmlinuz[0].relative_to(work)),
            "vmlinuz_sha256": sha256(vmlinuz[0]),
        }
        shutil.rmtree(CACHE / "root", ignore_errors=True)
        (work / "root").rename(CACHE / "root")
        deb.rename(CACHE / deb.name)
        MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest


# The IDE disk on Linux: the PIIX controller's driver and the SCSI disk
# driver on top of libata (what QEMU's -drive if=ide is to Linux 6.1).
DISK_MODULES = ("ata_piix", "sd_mod")


def elf_section(data, wanted):
    """The bytes of a section of a 32-bit little-endian ELF file."""
    if data[:5] != b"\x7fELF\x01":
        raise ValueError("not a 32-bit ELF file")
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2e)
    headers = [struct.unpack_from("<10I", data, shoff + i * shentsize) for i in range(shnum)]
    names = headers[shstrndx][4]
    for h in headers:
        if data[names + h[0]:data.index(b"\0", names + h[0])].decode() == wanted:
            return data[h[4]:h[4] + h[5]]
    return b""


def modinfo(path):
    """A module's .modinfo as (key, value) pairs, as modinfo(8) prints them."""
    raw = elf_section(path.read_bytes(), ".modinfo")
    return [tuple(s.decode().split("=", 1)) for s in raw.split(b"\0") if b"=" in s]


def module_name(name):
    return name.replace("-", "_")


def module_index(manifest):
    """Every module of the release: name -> path."""
    return {module_name(ko.stem): ko
            for ko in (CACHE / "root" / "lib" / "modules" / manifest["release"]).rglob("*.ko")}


def module_aliases(paths):
    """alias -> module name, for softdeps that name a service (crct10dif)."""
    aliases = {}
    for name, ko in paths.items():
        for key, value in modinfo(ko):
            if key == "alias":
                aliases.setdefault(value, name)
                aliases.setdefault(value.removeprefix("crypto-"), name)
    return aliases


def needs(ko):
    """The modules ko needs loaded first: depends= and softdep pre:."""
    out = []
    for key, value in modinfo(ko):
        if key == "depends":
            out += [module_name(n) for n in value.split(",") if n]
        elif key == "softdep" and value.startswith("pre:"):
            out += [module_name(n) for n in value[4:].split()]
    return out


def load_order(manifest, wanted=DISK_MODULES):
    """The module files to load, each after all it needs."""
    paths, aliases, order = module_index(manifest), None, []

    def visit(name, chain):
        nonlocal aliases
        if name not in paths:
            aliases = aliases or module_aliases(paths)
            if name not in aliases:
                sys.exit(f"linux.py: no module {name} (needed by {' <- '.join(chain)})")
            name = aliases[name]
        if paths[name] in order or name in chain:
            return
        for dep in needs(paths[name]):
            visit(dep, chain + [name])
        order.append(paths[name])

    for name in wanted:
        visit(name, [])
    return order


def pack_cpio(tree):
    """A newc archive of everything under the directory tree, as bytes."""
    files = subprocess.run(["find", "."], cwd=tree, capture_output=True, check=True).stdout
    return subprocess.run(["cpio", "-H", "newc", "-o", "--quiet"], cwd=tree, input=files,
                          capture_output=True, check=True).stdout


def disk_initrd(manifest, programs):
    """An initramfs for Linux with a disk: /init, the disk's modules and
    their load order, then the programs' archive (initrd.cpio or the tiny
    one); built under build/, its path returned."""
    release = manifest["release"]
    out = ROOT / "build" / f"linux-disk-{programs.stem}.cpio"
    with tempfile.TemporaryDirectory() as tmp:
        moddir = Path(tmp) / "lib" / "modules" / release
        moddir.mkdir(parents=True)
        lines = []
        for ko in load_order(manifest):
            shutil.copy(ko, moddir / ko.name)
            lines.append(f"/lib/modules/{release}/{ko.name}")
        (moddir.parent / "load").write_text("\n".join(lines) + "\n")
        modules = pack_cpio(tmp)
    with open(out, "wb") as f:
        f.write((ROOT / "build" / "linux-init.cpio").read_bytes())
        f.write(modules)
        f.write(programs.read_bytes())
    return out


def vmlinuz(manifest):
    """The cached kernel, refused if it is not the one the manifest names."""
    path = CACHE / manifest["vmlinuz"]
    if not path.exists() or sha256(path) != manifest["vmlinuz_sha256"]:
        sys.exit(f"linux.py: {path} is not the kernel of {MANIFEST} "
                 f"(delete {CACHE} to fetch again)")
    return path


def build():
    """What the boots need, built by the Makefile as `make` would."""
    subprocess.run(["make", "-s", "--no-print-directory", "build/kernel.elf",
                    "build/initrd.cpio", "build/linux-initrd.cpio"], cwd=ROOT, check=True)


@dataclass
class Run:
    """One boot: the serial log, how the program ended, its rusage."""
    kernel: str
    log: str
    seconds: float
    timed_out: bool
    status: str = "no status line"
    rusage: dict = field(default_factory=dict)


def quote(args):
    for a in args:
        if "=" in a or '"' in a:
            sys.exit(f"linux.py: argument {a!r}: '=' and '\"' mean different things "
                     "on the two kernels' command lines")
    return " ".join(f'"{a}"' if re.search(r"\s", a) else a for a in args)


def boot(kernel, append, initrd, smp, mem, timeout):
    started = time.monotonic()
    b = qemu.boot(append, timeout=timeout, smp=smp, mem=mem, kernel=kernel,
                  extra=["-initrd", str(initrd)])
    return b, time.monotonic() - started


LINUXINIT = re.compile(r"^linuxinit: ((?:exited|killed)=\d+)((?: \w+=\d+)*)\r?$", re.M)
TESSERA_END = re.compile(r"\] init (exited with status|killed by signal) (\d+)\r?$", re.M)
POWER_DOWN = re.compile(r"\] reboot: Power down\r?$", re.M)


def run_linux(manifest, prog, args, smp, mem, timeout):
    append = f"console=ttyS0 quiet panic=-1 norandmaps -- /bin/{prog} {quote(args)}".rstrip()
    b, secs = boot(vmlinuz(manifest), append, LINUX_INITRD, smp, mem, timeout)
    r = Run("linux", b.output, secs, b.timed_out)
    m = LINUXINIT.search(b.output)
    if m:
        r.status = m.group(1)
        r.rusage = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(2))}
    elif POWER_DOWN.search(b.output):
        r.status = "powered off by the program"
    return r


def run_tessera(prog, args, smp, mem, timeout):
    append = f"console=ttyS0 init=/bin/{prog} {quote(args)}".rstrip()
    b, secs = boot(qemu.KERNEL, append, TESSERA_INITRD, smp, mem, timeout)
    r = Run("tessera", b.output, secs, b.timed_out)
    m = TESSERA_END.search(b.output)
    if m:
        r.status = ("exited=" if m.group(1).startswith("exited") else "killed=") + m.group(2)
    elif POWER_DOWN.search(b.output):
        r.status = "powered off by the program"
    return r


# What is not the program's output, on either kernel: kernel messages
# (both print them with a timestamp, and one may land in the middle of a
# line the program is writing) and linuxinit's closing line.
KERNEL_LINE = re.compile(r"\[ *\d+\.\d{6}\] [^\n]*\n")
NOT_OUTPUT = re.compile(r"^linuxinit: .*\n", re.M)

# What may differ between the kernels without either being wrong
# (pattern, replacement), applied line by line: first COMMON, then the
# program's own.  Each is a measurement or a name the kernel chooses; a
# value the test program checks is never normalised away.
NUMBER = (r"\b(0x)?[0-9a-f]*[0-9][0-9a-f]*\b", "N")  # decimal or hex; and spaces
COMMON = [
    # A time the program measured, in seconds: "took 0.061 s".
    (r"\b\d+\.\d+ s\b", "N s"),
]
PER_PROGRAM = {
    # Lines starting "# " are what the program measured (addresses,
    # inode numbers, sizes, counters): printed for people, not checked.
    "memtest": [(r"^# .*", NUMBER)],
    "shmtest": [(r"^# .*", NUMBER)],
    "vmtest": [(r"^(# |MemAvailable: ).*", NUMBER)],
    # How much of the 16 MiB write reached the console before SIGKILL;
    # the bytes one getrandom call returns (the check takes Linux's
    # caps before 5.18, Tessera's, and after).
    "longcall": [(r"^\.+", "..."), (r"^getrandom of 40 MiB: \d+$", "getrandom of 40 MiB: N")],
    "mmthreads": [(r"resident grew by \d+", "resident grew by N")],
    # CPU time charged to a spin, in ticks.
    "systest": [(r"^utime \d+ stime \d+ ticks$", "utime N stime N ticks")],
    # The wall clock and the boot time, in seconds since 1970.
    "timetest": [(r"^wall clock \d+ -> \d+ (.*) btime \d+$", r"wall clock N -> N \1 btime N")],
    # PI futexes are optional (Linux without CONFIG_FUTEX_PI, Tessera):
    # the test checks ENOTSUP without them, a working mutex with them.
    "pthreadtest": [(r"^ok PTHREAD_PRIO_INHERIT: (FUTEX_UNLOCK_PI is ENOSYS|PI futexes present).*",
                     "ok PTHREAD_PRIO_INHERIT: as the kernel's PI futexes allow")],
}


def substitute(line, pattern, repl):
    """repl: a string, or NUMBER: every number in what pattern matched."""
    if repl is NUMBER:
        return re.sub(pattern, lambda m: re.sub(r" +", " ", re.sub(*NUMBER, m.group(0))), line)
    return re.sub(pattern, repl, line)


def normalise(prog, text):
    text = KERNEL_LINE.sub("", text.replace("\r", ""))
    text = NOT_OUTPUT.sub("", text)
    lines = text.splitlines(True)
    for pattern, repl in COMMON + PER_PROGRAM.get(prog, []):
        lines = [substitute(line, pattern, repl) for line in lines]
    return "".join(lines)


def keep_log(r, name):
    LOGS.mkdir(parents=True, exist_ok=True)
    path = LOGS / f"{name}.{r.kernel}.log"
    path.write_text(r.log)
    return path


def status_of(r):
    return "timed out" if r.timed_out else r.status


def compare(spec, manifest, smp, mem, timeout):
    """Run one program on both kernels; True when they agree."""
    prog, *args = spec.split()
    name = "_".join([prog] + args)
    linux = run_linux(manifest, prog, args, smp, mem, timeout)
    tessera = run_tessera(prog, args, smp, mem, timeout)
    logs = [keep_log(r, name) for r in (linux, tessera)]
    a, b = normalise(prog, linux.log), normalise(prog, tessera.log)
    same_status = status_of(linux) == status_of(tessera) and not linux.timed_out
    verdict = "same" if same_status and a == b else "DIFFERENT"
    print(f"{verdict:9} {spec}: linux {status_of(linux)} ({linux.seconds:.1f} s), "
          f"tessera {status_of(tessera)} ({tessera.seconds:.1f} s)", flush=True)
    if a != b:
        sys.stdout.writelines(difflib.unified_diff(
            a.splitlines(True), b.splitlines(True), f"linux/{name}", f"tessera/{name}"))
    if verdict != "same":
        print(f"          logs: {logs[0].relative_to(ROOT)}, {logs[1].relative_to(ROOT)}")
    return verdict == "same"


def cmd_run(opts):
    manifest = fetch()
    build()
    r = run_linux(manifest, opts.prog, opts.args, opts.smp, opts.mem, opts.timeout)
    out = r.log.replace("\r", "") if opts.raw else normalise(None, r.log)
    sys.stdout.write(out)
    m = LINUXINIT.search(r.log)
    print(m.group(0).strip() if m else f"linuxinit: {status_of(r)}")
    print(f"linux.py: {manifest['package']} {manifest['version']}, -smp {opts.smp} "
          f"-m {opts.mem}: {r.seconds:.1f} s")
    return 0 if r.status == "exited=0" else 1


def cmd_same(opts):
    manifest = fetch()
    build()
    print(f"linux.py: {manifest['package']} {manifest['version']} against Tessera, "
          f"-smp {opts.smp} -m {opts.mem}", flush=True)
    differ = [p for p in opts.progs if not compare(p, manifest, opts.smp, opts.mem, opts.timeout)]
    print(f"linux.py: {len(opts.progs) - len(differ)} same, {len(differ)} different"
          + (": " + ", ".join(differ) if differ else ""))
    return 1 if differ else 0


def cmd_fetch(_opts):
    print(json.dumps(fetch(), indent=2))
    return 0


def parser(command):
    p = argparse.ArgumentParser(prog=f"tools/linux.py {command}")
    if command == "fetch":
        return p
    p.add_argument("--smp", type=int, default=2)
    p.add_argument("--mem", type=int, default=128, help="MiB")
    p.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, help="seconds for each boot")
    if command == "run":
        p.add_argument("--raw", action="store_true", help="the whole serial log")
        p.add_argument("prog")
        p.add_argument("args", nargs="*", help="(after -- when one starts with -)")
    else:
        p.add_argument("progs", nargs="+", metavar="PROG", help='a program, or "PROG ARGS"')
    return p


COMMANDS = {"fetch": cmd_fetch, "run": cmd_run, "same": cmd_same}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__.split("\n\n")[1])
    command = sys.argv[1]
    # Options may follow the program's arguments: run vmtest big 64 --smp 1.
    opts = parser(command).parse_intermixed_args(sys.argv[2:])
    return COMMANDS[command](opts)


if __name__ == "__main__":
    sys.exit(main())
