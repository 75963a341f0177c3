"""scripts/setup.sh installs what the suite imports, and `run`/`build` install only what building
and running need: every third-party module imported by tests/python/*.py, scripts/*.py and the
Python snippets the C++ tests write (R"(import ...) maps to a Debian package of `setup.sh packages
test`, and `setup.sh packages run` holds no test-only package (clang, Catch2, benchmark, Jupyter)."""
import ast
import os
import re
import subprocess
import sys

from checklist import Checklist

SRC = os.environ.get("DCSIM_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..", "..")
SETUP = os.path.join(SRC, "scripts", "setup.sh")

# Python module -> the Debian package that provides it.
DEBIAN = {
    "h5py": "python3-h5py", "numpy": "python3-numpy", "pandas": "python3-pandas",
    "matplotlib": "python3-matplotlib", "yaml": "python3-yaml", "jsonschema": "python3-jsonschema",
    "nbformat": "python3-nbformat", "nbclient": "python3-nbclient", "jupyter_client": "python3-jupyter-client",
    "ipykernel": "python3-ipykernel",
}
TEST_ONLY = ("clang", "libclang-rt", "catch2", "libbenchmark", "python3-nbclient", "python3-ipykernel",
             "python3-jsonschema", "python3-yaml")

checks = Checklist()


def packages(action):
    p = subprocess.run(["bash", SETUP, "packages", action], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return set(p.stdout.split())


def local_modules():
    names = set()
    for d in ("tests/python", "scripts"):
        for f in os.listdir(os.path.join(SRC, d)):
            if f.endswith(".py"):
                names.add(f[:-3])
    return names


def imported_modules():
    mods = {}
    for d in ("tests/python", "scripts"):
        for f in sorted(os.listdir(os.path.join(SRC, d))):
            if not f.endswith(".py"):
                continue
            path = os.path.join(SRC, d, f)
            tree = ast.parse(open(path, encoding="utf-8").read(), path)
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    for a in node.names:
                        mods.setdefault(a.name.split(".")[0], path)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    mods.setdefault(node.module.split(".")[0], path)
    for d in ("tests/app", "tests/output", "tests/models", "tests/sim"):
        for f in sorted(os.listdir(os.path.join(SRC, d))):
            path = os.path.join(SRC, d, f)
            for m in re.finditer(r'R"\((?:import|from) ([\w., ]+)', open(path, encoding="utf-8").read()):
                for name in m.group(1).replace(" import ", ",").split(","):
                    name = name.strip().split(".")[0]
                    if name:
                        mods.setdefault(name, path)
    return mods


@checks
def test_packages_cover_every_import(_):
    have = packages("test")
    local = local_modules()
    missing = []
    for mod, where in sorted(imported_modules().items()):
        if mod in sys.stdlib_module_names or mod in local:
            continue
        pkg = DEBIAN.get(mod)
        if pkg is None:
            missing.append(f"{mod} (imported by {where}): no Debian package known; add it to DEBIAN here")
        elif pkg not in have:
            missing.append(f"{mod} (imported by {where}): {pkg} is not in `setup.sh packages test`")
    assert not missing, "\n".join(missing)


@checks
def test_run_installs_no_test_only_package(_):
    run = packages("run")
    assert run == packages("build")
    bad = sorted(p for p in run if p.startswith(TEST_ONLY))
    assert not bad, f"`setup.sh run` would install test-only packages: {bad}"
    for needed in ("cmake", "libhdf5-dev", "libyaml-cpp-dev", "libfmt-dev", "libeigen3-dev"):
        assert needed in run, needed
    assert run <= packages("test"), "test must install everything run installs"


@checks
def test_unknown_action_exits_2_without_building(_):
    p = subprocess.run(["bash", SETUP, "packages", "bogus"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "unknown action" in p.stderr + p.stdout, (p.returncode, p.stdout, p.stderr)


if __name__ == "__main__":
    sys.exit(checks.run("dcsim-setup-"))
