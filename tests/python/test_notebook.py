#!/usr/bin/env python3
"""Executes scripts/notebooks/compare_sites.ipynb headless (nbclient, ipykernel) on a synthetic
sweep file from make_sample_results.py, and checks its figures and outputs; then checks that a
missing sweep file stops it with a message naming DCSIM_SWEEP. Plain script run by CTest with the
h5py-capable interpreter; exits 1 and names every failed check.

Kernel: the installed `python3` kernel spec when it runs this interpreter (Debian's
python3-ipykernel installs /usr/share/jupyter/kernels/python3 for /usr/bin/python3); otherwise a
private spec for sys.executable in the temporary directory (nothing is installed for the user)."""
import json
import os
import shutil
import subprocess
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from checklist import Checklist

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("DCSIM_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))
SCRIPTS = os.path.join(SOURCE, "scripts")
NOTEBOOK = os.path.join(SCRIPTS, "notebooks", "compare_sites.ipynb")
FIGURES = ("site_comparison.png", "monthly_pue_by_site.png")
SITES = ("reykjavik", "dublin", "frankfurt", "ashburn", "phoenix", "singapore")
TIMEOUT_S = 300


def kernel_manager(tmp):
    """None to let nbclient start the `python3` spec, or a KernelManager for sys.executable."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from jupyter_client.manager import KernelManager
    try:
        argv0 = KernelSpecManager().get_kernel_spec("python3").argv[0]
        resolved = shutil.which(argv0) or argv0
        if os.path.realpath(resolved) == os.path.realpath(sys.executable):
            print(f"kernel: python3 spec ({resolved})")
            return None
        print(f"kernel: the python3 spec runs {resolved}, not {sys.executable}: private spec")
    except NoSuchKernel:
        print("kernel: no python3 spec installed: private spec")
    spec_dir = os.path.join(tmp, "kernels", "dcsim-python3")
    os.makedirs(spec_dir, exist_ok=True)
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                   "display_name": "dcsim python3", "language": "python"}, f)
    ksm = KernelSpecManager(kernel_dirs=[os.path.dirname(spec_dir)])
    return KernelManager(kernel_name="dcsim-python3", kernel_spec_manager=ksm)


def execute(tmp, sweep, figures):
    """Runs the notebook with DCSIM_SWEEP / DCSIM_FIGURES set; returns the executed notebook."""
    os.environ["DCSIM_SWEEP"] = sweep
    os.environ["DCSIM_FIGURES"] = figures
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=TIMEOUT_S, startup_timeout=120, kernel_name="python3",
                            km=kernel_manager(tmp),
                            resources={"metadata": {"path": os.path.dirname(NOTEBOOK)}})
    client.execute()
    return nb


def outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def check_executes(tmp):
    sweep = os.path.join(tmp, "sites.h5")
    r = subprocess.run([sys.executable, os.path.join(SCRIPTS, "make_sample_results.py"), "--sweep", sweep],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, f"make_sample_results.py failed: {r.stderr}"
    figures = os.path.join(tmp, "figures")
    start = time.monotonic()
    nb = execute(tmp, sweep, figures)
    took = time.monotonic() - start
    print(f"notebook executed in {took:.1f} s")
    assert took < TIMEOUT_S, f"took {took:.0f} s"

    for name in FIGURES:
        path = os.path.join(figures, name)
        assert os.path.isfile(path), f"{name} not written into DCSIM_FIGURES"
        with open(path, "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n", f"{name} is not a PNG"
        assert os.path.getsize(path) > 20_000, f"{name}: {os.path.getsize(path)} bytes"

    outs = outputs(nb)
    errors = [o for o in outs if o.output_type == "error"]
    assert not errors, f"error outputs: {[e.ename for e in errors]}"
    images = [o for o in outs if "image/png" in o.get("data", {})]
    assert len(images) == len(FIGURES), f"{len(images)} inline images, expected {len(FIGURES)}"
    # the table cell shows one row per site, and the ranking puts the coldest site first on PUE
    table = next(o for o in outs if o.output_type == "execute_result")
    text = table["data"]["text/plain"]
    missing = [s for s in SITES if s not in text]
    assert not missing, f"the table lacks {missing}"
    ranking = [o for o in outs if o.output_type == "execute_result"][-1]["data"]["text/plain"]
    first_row = ranking.splitlines()[2].split()
    assert first_row[0] == "reykjavik" and first_row[1] == "1", ranking


def check_missing_sweep_fails(tmp):
    missing = os.path.join(tmp, "no-such-sweep.h5")
    try:
        execute(tmp, missing, os.path.join(tmp, "figures-missing"))
    except CellExecutionError as e:
        assert "DCSIM_SWEEP" in str(e) and "no-such-sweep.h5" in str(e), str(e)[-500:]
        return
    raise AssertionError("the notebook ran without a sweep file")


def main():
    return Checklist([check_executes, check_missing_sweep_fails]).run("dcsim-test-notebook-")


if __name__ == "__main__":
    sys.exit(main())
