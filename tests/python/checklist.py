"""What the plain-script Python tests share: a list of checks run in one temporary directory, one
line per check (`ok` or `FAIL` with the traceback) and a count, exit status 1 if any failed; and the
dcsim program of the build (env DCSIM) run with its output captured. Imported by the test scripts
from their own directory (tests/python, first on sys.path when a script is run as a file)."""
import os
import subprocess
import tempfile
import traceback


class Checklist(list):
    """Checks in the order they are declared: `@checks` (an instance) adds a function."""

    def __call__(self, fn):
        self.append(fn)
        return fn

    def run(self, prefix, context=lambda tmp: tmp):
        """Runs every check fn(context(tmp)) with tmp a new temporary directory named `prefix`...,
        prints one line per check and the count; returns 1 if any check failed, else 0."""
        failed = 0
        with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
            c = context(tmp)
            for fn in self:
                try:
                    fn(c)
                    print(f"ok   {fn.__name__}")
                except Exception:
                    failed += 1
                    print(f"FAIL {fn.__name__}\n{traceback.format_exc()}")
        print(f"{len(self) - failed}/{len(self)} checks passed")
        return 1 if failed else 0


def dcsim(*args, timeout=300, cwd=None):
    """Runs the dcsim program of env DCSIM with `args`; returns the CompletedProcess (text output)."""
    exe = os.environ.get("DCSIM")
    if not exe:
        raise RuntimeError("env DCSIM (path of the dcsim program) is not set")
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd)
