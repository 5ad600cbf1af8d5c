"""tests/test_labs.py - the lab system (tools/lab.py) on every lab in
labs/: the reference tree scores full marks; the student tree `make lab`
writes builds, boots and scores 0 of the graded points without hanging;
each deliberate mistake of lab.ini loses exactly the points of the tests
that must catch it (in make test the first of each lab's; make stress
runs them all); a class of trees grades into a CSV; a lab's
comparison gives every workload a figure on each tree, and the lru lab's
policy saves major faults on the workload it is for."""
import configparser
import csv
import io
import os
import re
import subprocess

import pytest

import qemu

LAB_PY = str(qemu.ROOT / "tools" / "lab.py")
LABS = sorted(p.parent.name for p in (qemu.ROOT / "labs").glob("*/lab.ini"))


def lab(*args, cwd=qemu.ROOT):
    return subprocess.run(["/usr/bin/python3", LAB_PY, *args], cwd=cwd, capture_output=True,
                          text=True, timeout=900)


def scores(out):
    """{test: (got, of)} and the total line of a grade report."""
    per = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in ("PASS", "FAIL"):
            got, of = parts[2].split("/")
            per[parts[1].rstrip(":")] = (int(got), int(of))
    return per


def ini(name):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(qemu.ROOT / "labs" / name / "lab.ini")
    return parser


def lab_files(name):
    return ini(name)["lab"]["files"].split()


def mutations(name):
    """The lab's deliberate mistakes: the first (make test) or, with
    LAB_MUTATIONS=all (make stress), every one."""
    parsed = ini(name)
    found = [(s.split()[1], parsed[s]["loses"].split()) for s in parsed.sections()
             if s.startswith("mutation ")]
    return found if os.environ.get("LAB_MUTATIONS") == "all" else found[:1]


def test_make_lab_alone_lists_every_lab_with_its_points():
    res = subprocess.run(["make", "-s", "lab"], cwd=qemu.ROOT, capture_output=True, text=True)
    listed = {ln.split()[0]: int(ln.split()[1]) for ln in res.stdout.splitlines() if ln.strip()}
    assert sorted(listed) == LABS, res.stdout + res.stderr
    for name in LABS:
        assert listed[name] == sum(int(v) for v in ini(name)["points"].values()), res.stdout


@pytest.mark.parametrize("name", LABS)
def test_the_reference_scores_full_marks(name):
    res = lab("grade", name)
    per = scores(res.stdout)
    assert per and all(got == of for got, of in per.values()), res.stdout + res.stderr
    assert res.returncode == 0 and "Score: " in res.stdout


@pytest.mark.parametrize("name", LABS)
def test_the_student_tree_builds_boots_and_scores_nothing(name, tmp_path):
    res = lab("make", name, "--out", str(tmp_path / name), "--reuse-build")
    assert res.returncode == 0, res.stdout + res.stderr
    for f in lab_files(name):
        text = (tmp_path / name / f).read_text()
        assert f"TODO(lab {name})" in text and f"LAB {name} BEGIN" not in text, f
    res = lab("grade", name, "--tree", str(tmp_path / name))
    per = scores(res.stdout)
    assert "does not build" not in res.stdout, res.stdout
    assert per and all(got == 0 for got, _ in per.values()), res.stdout
    assert res.returncode != 0, res.stdout
    assert not re.search(r"^boot \S+ .*\): timed out$", res.stdout, re.M), "QEMU had to be killed"


@pytest.mark.parametrize("name,mutation,loses",
                         [(n, m, lost) for n in LABS for m, lost in mutations(n)])
def test_a_mistake_loses_exactly_its_tests_points(name, mutation, loses, tmp_path):
    res = lab("mutate", name, mutation, "--out", str(tmp_path / "m"), "--reuse-build")
    assert res.returncode == 0, res.stdout + res.stderr
    res = lab("grade", name, "--tree", str(tmp_path / "m"))
    per = scores(res.stdout)
    lost = sorted(t for t, (got, of) in per.items() if got < of)
    assert lost == sorted(loses), res.stdout


def test_a_class_grades_into_a_csv(tmp_path):
    name = LABS[0]
    lab("make", name, "--out", str(tmp_path / "student"), "--reuse-build")
    res = lab("class", name, str(qemu.ROOT), str(tmp_path / "student"))
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert rows[0][:3] == ["tree", "score", "out_of"], res.stdout + res.stderr
    assert rows[1][1] == rows[1][2] and rows[2][1] == "0", res.stdout


COMPARED = [n for n in LABS if ini(n).has_section("compare")]


def compared(out):
    """{tree: {workload: figure}} from the table compare prints."""
    rows = [ln.strip("|").split("|") for ln in out.splitlines() if ln.startswith("| ")]
    trees = [c.strip() for c in rows[0][1:]]
    return {t: {r[0].strip(): r[i + 1].strip() for r in rows[1:]} for i, t in enumerate(trees)}


@pytest.mark.parametrize("name", COMPARED)
def test_the_comparison_charts_every_workload_on_every_tree(name):
    res = lab("compare", name, "--handout")
    assert res.returncode == 0, res.stdout + res.stderr
    figures = compared(res.stdout)
    assert set(figures) == {"reference", "handout"}, res.stdout
    workloads = [w.split(":")[0].strip() for w in ini(name)["compare"]["workloads"].splitlines()
                 if w.strip()]
    for tree in figures.values():
        assert sorted(tree) == sorted(workloads) and all(v.isdigit() for v in tree.values()), \
            res.stdout
    assert (qemu.ROOT / "build" / "labs" / f"{name}-compare.png").stat().st_size > 0
    if name == "lru":       # the policy's point: the hot tenth stays resident
        hot = {t: int(f["hotcold"]) for t, f in figures.items()}
        assert hot["reference"] * 1.15 < hot["handout"], res.stdout
