"""tests/test_tree.py - the tree keeps its promises to readers: every
`file:function` the handbook, the READMEs and the code's own comments
point at exists, and every kernel source below the kernel's rooms is
built (the Makefile finds them all, so a new directory cannot silently
fall out of the build)."""
import pathlib
import re
import subprocess

import qemu

ROOT = pathlib.Path(qemu.ROOT)
DOCS = sorted(ROOT.glob("docs/*.md")) + [ROOT / "README.md"] + sorted(ROOT.glob("*/README.md"))
TOP = ("boot", "kernel", "mm", "fs", "ipc", "drivers", "lib", "tools", "tests", "user", "iso", "docs")
REF = re.compile(r"\b((?:%s)/[A-Za-z0-9_./-]*[A-Za-z0-9_]\.(?:c|h|asm|py|sh|gdb|ld|md))\b"
                 r"(?::([A-Za-z_]\w*))?" % "|".join(TOP))


def doc_references():
    """(where, path, function or None) for each reference outside code
    blocks (those are examples a reader is to write)."""
    for md in DOCS:
        in_code = False
        for lineno, line in enumerate(md.read_text().splitlines(), 1):
            if line.lstrip().startswith("```"):
                in_code = not in_code
            if in_code:
                continue
            for m in REF.finditer(line):
                if "NAME" not in m.group(1):
                    yield f"{md.relative_to(ROOT)}:{lineno}", m.group(1), m.group(2)


def source_references():
    """(where, path, function or None) for each reference in the sources'
    comments and strings (after a move, a stale path is easy to miss)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for rel in map(pathlib.Path, sorted(listed)):
        src = ROOT / rel
        if rel.parts[0] not in TOP or src.suffix not in (".c", ".h", ".asm", ".py", ".sh") \
                or not src.exists():
            continue
        for lineno, line in enumerate(src.read_text(errors="replace").splitlines(), 1):
            for m in REF.finditer(line):
                if "NAME" not in m.group(1):
                    yield f"{rel}:{lineno}", m.group(1), m.group(2)


def unresolved(refs):
    bad = []
    for where, path, func in refs:
        target = ROOT / path
        if not target.exists():
            bad.append(f"{where}: no file {path}")
        elif func and not re.search(r"\b%s\b" % func, target.read_text(errors="replace")):
            bad.append(f"{where}: {path} has no {func}")
    return bad


def test_docs_point_at_code_that_exists():
    refs = list(doc_references())
    assert len(refs) > 100, "the reference pattern no longer finds the handbook's links"
    bad = unresolved(refs)
    assert not bad, "\n".join(bad)


def test_source_comments_point_at_files_that_exist():
    refs = list(source_references())
    assert len(refs) > 100, "the reference pattern no longer finds the sources' links"
    bad = unresolved(refs)
    assert not bad, "\n".join(bad)


def test_every_kernel_source_is_built():
    sources = {p.relative_to(ROOT).with_suffix(".o")
               for d in ("boot", "kernel", "mm", "fs", "ipc", "drivers", "lib")
               for p in (ROOT / d).rglob("*") if p.suffix in (".c", ".asm")}
    res = subprocess.run(["make", "-s", "-n", "-B", "build/kernel.elf"], cwd=ROOT,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    missing = [str(s) for s in sources if f"build/{s}" not in res.stdout]
    assert not missing, "sources the build leaves out: " + ", ".join(sorted(missing))
