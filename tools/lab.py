#!/usr/bin/python3
"""tools/lab.py - classroom labs: hand out a subsystem with its heart
taken out, and grade what comes back (`make lab`, `make grade`).

    tools/lab.py list                       the labs, their titles and points
    tools/lab.py make LAB [--out DIR]       the student tree (default build/labs/LAB)
    tools/lab.py grade LAB [--tree DIR]     score one tree (default: this one)
    tools/lab.py class LAB DIR... [--csv F] score many trees: a CSV
    tools/lab.py mutate LAB NAME --out DIR  a tree with a deliberate mistake
    tools/lab.py compare LAB [TREE...] [--handout] [--mutations] [--seed N]
                                            the lab's workloads on each tree:
                                            a table and a chart (lab_compare.py)
    (make and mutate: --reuse-build copies build/ too, for the tests)

A lab is labs/LAB/lab.ini (docs/labs/teachers.md): the files whose
marked regions become stubs, the boots that grade it (a kernel command
line, -smp, -m), the points of each ktest, and deliberate mistakes with
the tests that must catch them.  In a listed file a region is

    /* LAB name BEGIN: what the code does (becomes the TODO) */
    ... the reference code ...
    /* LAB name END */

and the student tree has the comment as a TODO and no code - or, where
the rest needs a value, the region's `/* LAB name STUB: code */` line as
code: it builds, boots, and fails the graded tests without hanging.  Grading builds the
tree's kernel, boots each configuration once with a fresh ktest seed
(printed), and reads the ktests' "ok N suite.name" / "not ok" lines: a
test earns its points when it passes in every boot (a skip is no pass).  A failing boot's
serial log is kept (build/labs/LAB-CONFIG.log) and its failure lines
shown.  The exit status is 0 only with full marks.
"""
import argparse
import configparser
import csv
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import qemu  # noqa: E402
import lab_compare  # noqa: E402

ROOT = qemu.ROOT
REGION = re.compile(r"^([ \t]*)/\* LAB (\w+) BEGIN: (.*?)\*/[ \t]*\n(.*?)^[ \t]*/\* LAB \2 END \*/\n",
                    re.M | re.S)
STUB_LINE = re.compile(r"^[ \t]*/\* LAB \w+ STUB: .*? \*/\n", re.M)
RESULT = re.compile(r"^\[[ \d.]+\] (ok|not ok) \d+ (\S+)( # SKIP)?", re.M)
BOOT_TIMEOUT = 240


def known_labs():
    return sorted(p.name for p in (ROOT / "labs").iterdir() if (p / "lab.ini").exists())


def load(lab):
    path = ROOT / "labs" / lab / "lab.ini"
    if not path.exists():
        sys.exit(f"lab.py: no lab {lab!r} (labs: {', '.join(known_labs())})")
    ini = configparser.ConfigParser(interpolation=None)
    ini.optionxform = str
    ini.read(path)
    return ini


def stub(text, lab):
    """The lab's regions as TODOs; other labs' markers go, their code stays."""
    def one(m):
        indent, name, comment, body = m.groups()
        if name != lab:
            return STUB_LINE.sub("", body)
        stubs = re.findall(rf"/\* LAB {name} STUB: (.*?) \*/", body)
        return f"{indent}/* TODO(lab {name}): {comment.rstrip()} */\n" + "".join(
            f"{indent}{code}\n" for code in stubs)
    return REGION.sub(one, text)


def not_lab_trees(directory, names):
    """build/labs holds grading logs and comparison trees: not copied."""
    return ["labs"] if Path(directory) == ROOT / "build" else []


def copy_tree(dest, with_build=False):
    """The tree as git knows it, busybox's cache, and (for speed, in the
    tests) build/ with its times."""
    if dest.exists():
        shutil.rmtree(dest)
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for f in filter(None, files):
        (dest / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / f, dest / f)
    # busybox for the initramfs; not .deps/linux (240 MB, make compare's)
    for extra in [".deps/busybox"] + (["build"] if with_build else []):
        if (ROOT / extra).exists():
            if (ROOT / extra).is_dir():
                shutil.copytree(ROOT / extra, dest / extra, symlinks=True,
                                copy_function=shutil.copy2, ignore=not_lab_trees)
            else:
                (dest / extra).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / extra, dest / extra)


def make_lab(lab, out, with_build=False):
    ini = load(lab)
    copy_tree(out, with_build)
    for f in ini["lab"]["files"].split():
        p = out / f
        text = p.read_text()
        if f"/* LAB {lab} BEGIN" not in text:
            sys.exit(f"lab.py: {f} has no region for {lab}")
        p.write_text(stub(text, lab))
    for p in out.rglob("*.[ch]"):               # other labs' markers, everywhere
        text = p.read_text()
        if "/* LAB " in text:
            p.write_text(stub(text, lab))
    return out


def mutate(lab, name, out, with_build=False):
    ini = load(lab)
    m = ini[f"mutation {name}"]
    copy_tree(out, with_build)
    p = out / m["file"]
    text = p.read_text()
    if m["find"] not in text:
        sys.exit(f"lab.py: mutation {name}: {m['find']!r} not in {m['file']}")
    p.write_text(text.replace(m["find"], m["replace"], 1))
    return m["loses"].split()


def build(tree):
    res = subprocess.run(["make", "-s", "build/kernel.elf"], cwd=tree, capture_output=True,
                         text=True)
    if res.returncode:
        print(res.stdout[-3000:] + res.stderr[-3000:])
        return False
    return True


def boot(tree, cfg, seed):
    append = f"console=ttyS0 {cfg['append']} ktest_seed={seed}"
    return qemu.boot(append, timeout=BOOT_TIMEOUT, smp=int(cfg.get("smp", 1)),
                     mem=int(cfg.get("mem", 128)), kernel=Path(tree) / "build" / "kernel.elf")


def failure_context(output, name):
    """The failed (or skipped) test's diagnostics - the "#" lines it printed
    while it ran, its seed among them - and its result line."""
    own = []
    for line in output.splitlines():
        if RESULT.match(line):
            if re.search(rf" \d+ {re.escape(name)}\b", line):
                return "\n".join(own + [line])
            own = []
        elif re.match(r"^\[[ \d.]+\] #", line):
            own.append(line)
    return ""


def grade(lab, tree, quiet=False, log_dir=None):
    """{test: passed in every boot}, the points, and the total."""
    ini = load(lab)
    points = {k: int(v) for k, v in ini["points"].items()}
    passed = {t: True for t in points}
    log_dir = log_dir or ROOT / "build" / "labs"
    log_dir.mkdir(parents=True, exist_ok=True)
    if not build(tree):
        print(f"{lab}: the tree does not build: 0 points")
        return {t: False for t in points}, points
    for section in (s for s in ini.sections() if s.startswith("boot ")):
        cfg, name = ini[section], section.split()[1]
        seed = random.randrange(1, 2**31)
        b = boot(tree, cfg, seed)
        seen = {t: r == "ok" and not skip for r, t, skip in RESULT.findall(b.output)}
        failed = [t for t in points if not seen.get(t, False)]
        if not quiet:
            state = "timed out" if b.timed_out else "ran"
            print(f"boot {name} ({cfg['append']}, -smp {cfg.get('smp', 1)}, seed {seed}): {state}")
        if failed:
            log = log_dir / f"{lab}-{name}.log"
            log.write_text(b.output)
            if not quiet:
                print(f"  serial log: {log}")
                for t in failed:
                    ctx = failure_context(b.output, t) or "  (no result line: it did not run)"
                    print(f"  {t} failed:\n" + "\n".join("    " + ln for ln in ctx.splitlines()))
        for t in points:
            passed[t] = passed[t] and seen.get(t, False)
    return passed, points


def report(passed, points):
    got = sum(points[t] for t in points if passed[t])
    for t in points:
        print(f"  {'PASS' if passed[t] else 'FAIL'} {t}: {points[t] if passed[t] else 0}/{points[t]}")
    total = sum(points.values())
    print(f"Score: {got}/{total}")
    return got, total


def compare(lab, trees, handout, mutations, seed):
    """The lab's workloads on the reference and the chosen trees."""
    ini = load(lab)
    if "compare" not in ini:
        sys.exit(f"lab.py: lab {lab} has no [compare] section")
    cfg = ini["compare"]
    subprocess.run(["make", "-s", "build/initrd-tiny.cpio"], cwd=ROOT, check=True)
    seed = seed or random.randrange(1, 2**31)
    print(f"compare {lab}: seed {seed} for every tree", flush=True)
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        runs = [("reference", ROOT)]
        if handout:
            runs.append(("handout", make_lab(lab, Path(tmp) / "handout", True)))
        for name in (s.split()[1] for s in ini.sections() if mutations and s.startswith("mutation ")):
            mutate(lab, name, Path(tmp) / name, True)
            runs.append((name, Path(tmp) / name))
        runs += [(Path(t).resolve().name, Path(t).resolve()) for t in trees]
        for label, tree in runs:
            figures[label] = compare_one(lab, label, tree, cfg, seed)
    labels = list(figures)
    print(lab_compare.table(cfg, labels, figures))
    png = ROOT / "build" / "labs" / f"{lab}-compare.png"
    if lab_compare.chart(cfg, labels, figures, png, f"{ini['lab']['title']} (seed {seed})"):
        print(f"chart: {png}")
    return all(None not in f.values() for f in figures.values())


def compare_one(lab, label, tree, cfg, seed):
    """One tree's figures; its serial log kept if a workload gave none."""
    if not build(tree):
        print(f"{label}: the tree does not build")
        return {name: None for name, _ in lab_compare.workloads(cfg)}
    b, figures = lab_compare.run_tree(tree, cfg, seed)
    print(f"{label}: {', '.join(f'{n} {v}' for n, v in figures.items())}", flush=True)
    if None in figures.values():
        log = ROOT / "build" / "labs" / f"{lab}-compare-{label}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(b.output)
        print(b.why(f"  {label}: a workload gave no figure; serial log: {log}"))
    return figures


def main():
    ap = argparse.ArgumentParser(description="classroom labs")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list")
    p = sub.add_parser("make")
    p.add_argument("lab")
    p.add_argument("--out")
    p.add_argument("--reuse-build", action="store_true",
                   help="copy build/ too, so only the changed files recompile (tests)")
    p = sub.add_parser("grade")
    p.add_argument("lab")
    p.add_argument("--tree", default=str(ROOT))
    p = sub.add_parser("class")
    p.add_argument("lab")
    p.add_argument("trees", nargs="+")
    p.add_argument("--csv", default="-")
    p = sub.add_parser("mutate")
    p.add_argument("lab")
    p.add_argument("name")
    p.add_argument("--out", required=True)
    p.add_argument("--reuse-build", action="store_true")
    p = sub.add_parser("compare")
    p.add_argument("lab")
    p.add_argument("trees", nargs="*", help="students' trees, named by their directories")
    p.add_argument("--handout", action="store_true",
                   help="also the tree make lab hands out, its TODOs as they are")
    p.add_argument("--mutations", action="store_true", help="also each deliberate mistake")
    p.add_argument("--seed", type=int)
    opts = ap.parse_args()

    if opts.cmd == "list":
        for name in known_labs():
            ini = load(name)
            total = sum(int(v) for v in ini["points"].values())
            print(f"{name:8} {total:3} points  {ini['lab']['title']}  ({ini['lab']['handout']})")
        return 0
    if opts.cmd == "make":
        out = make_lab(opts.lab, Path(opts.out or ROOT / "build" / "labs" / opts.lab).resolve(),
                       opts.reuse_build)
        print(f"lab {opts.lab}: the student tree is {out} (handout: "
              f"{load(opts.lab)['lab']['handout']})")
        return 0
    if opts.cmd == "mutate":
        loses = mutate(opts.lab, opts.name, Path(opts.out).resolve(), opts.reuse_build)
        print(f"mutation {opts.name} in {opts.out}: must lose {' '.join(loses)}")
        return 0
    if opts.cmd == "compare":
        return 0 if compare(opts.lab, opts.trees, opts.handout, opts.mutations, opts.seed) else 1
    if opts.cmd == "grade":
        got, total = report(*grade(opts.lab, Path(opts.tree).resolve()))
        return 0 if got == total else 1
    rows = []
    for tree in opts.trees:
        passed, points = grade(opts.lab, Path(tree).resolve(), quiet=True)
        rows.append([tree, sum(points[t] for t in points if passed[t]), sum(points.values())]
                    + [int(passed[t]) for t in points])
    out = sys.stdout if opts.csv == "-" else open(opts.csv, "w", newline="")
    w = csv.writer(out)
    w.writerow(["tree", "score", "out_of"] + list(points))
    w.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
