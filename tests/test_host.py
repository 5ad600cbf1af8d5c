"""tests/test_host.py - lib/'s unit tests compiled and run on the host."""
import re
import subprocess

import qemu


def test_host_unit_tests_pass():
    res = subprocess.run(["make", "-s", "hosttest"], cwd=qemu.ROOT,
                         capture_output=True, text=True)
    out = res.stdout + res.stderr
    failures = [l for l in out.splitlines() if l.startswith("not ok")]
    assert res.returncode == 0 and not failures, "\n".join(failures) or out[-3000:]
    m = re.search(r"^ktest: (\d+) passed, (\d+) failed$", out, re.M)
    assert m, out[-3000:]
    assert int(m.group(1)) > 0 and int(m.group(2)) == 0
    assert len(re.findall(r"^ok \d+ ", out, re.M)) == int(m.group(1))
