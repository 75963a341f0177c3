#!/usr/bin/env python3
"""docs/claims.md and docs/validation.md are generated from real runs by scripts/claims.py and
scripts/validation.py; this test regenerates both in memory (`--check`) and fails, with the diff,
when a committed page no longer matches what the current code and scenarios give. The figures are
printed at fixed precision, so any drift beyond that precision fails.

To make sure the check can fail, it is first run against a copy of the source tree whose
docs/claims.md has one figure changed."""
import os
import shutil
import subprocess
import sys
import tempfile

SOURCE = os.environ.get("DCSIM_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else sys.executable


def check(script, source):
    env = dict(os.environ, DCSIM_SOURCE_DIR=source)
    if "DCSIM" not in env:
        env["DCSIM"] = os.path.join(SOURCE, "build", "dcsim")
    return subprocess.run([PYTHON, os.path.join(source, "scripts", script), "--check"],
                          capture_output=True, text=True, timeout=600, env=env)


def stale_copy_fails():
    """A tampered claims page must be reported as stale, with a diff naming the line."""
    with tempfile.TemporaryDirectory(prefix="dcsim-docs-") as tmp:
        for d in ("scripts", "scenarios", "models", "docs"):
            shutil.copytree(os.path.join(SOURCE, d), os.path.join(tmp, d))
        path = os.path.join(tmp, "docs", "claims.md")
        with open(path) as fh:
            text = fh.read()
        marker = "| flagship PUE 1.15 | "
        i = text.index(marker) + len(marker)
        tampered = text[:i] + ("9" if text[i] != "9" else "8") + text[i + 1:]
        with open(path, "w") as fh:
            fh.write(tampered)
        p = check("claims.py", tmp)
        return p.returncode == 1 and "out of date" in p.stdout and "flagship PUE 1.15" in p.stdout, p


def main():
    ok, p = stale_copy_fails()
    failures = []
    if not ok:
        failures.append(f"a tampered docs/claims.md was not reported as stale:\n{p.stdout}{p.stderr}")
    for script in ("claims.py", "validation.py"):
        p = check(script, SOURCE)
        if p.returncode != 0:
            failures.append(f"scripts/{script} --check failed ({p.returncode}):\n{p.stdout}{p.stderr}")
        else:
            print(p.stdout.strip())
    if failures:
        print("FAILED:\n" + "\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
