"""Mutation testing (`make mutate`) of the modules that hold the README's guarantees.

Each group of modules is mutated by mutmut in its own scratch copy of the project
(build/mutate/<group>), against the fast test files of its stage only: mutmut runs,
for each mutant, those of the group's tests that call the mutated function.

A surviving mutant is either killed by a new test or listed, with the reason, as
equivalent in tests/mutation/equivalent.md. The score of a module is
killed / (mutants - equivalent); the table is printed and written to
build/mutate/report.md, the unexplained survivors with their diffs to
build/mutate/<group>/survivors.txt.

    scripts/mutate.py                      every group, from scratch
    scripts/mutate.py --group numbers      one group
    scripts/mutate.py --group clean --again   re-run the survivors against the current tests
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutate"
EQUIVALENT = ROOT / "tests" / "mutation" / "equivalent.md"
MUTMUT = Path(sys.executable).parent / "mutmut"

# group -> (modules mutated, the test files that guard them)
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "numbers": (("numbers.py",), ("test_numbers.py",)),
    "clean": (("clean.py",), ("test_clean.py",)),
    "attribute": (("attribute.py",), ("test_attribute.py",)),
    "evaluate": (("evaluate.py",), ("test_evaluate.py",)),
    "validate": (("validate.py",), ("test_validate.py",)),
    "store": (("store.py",), ("test_store.py",)),
    "io": (("io.py",), ("test_io.py",)),
    "rule_layer": (("frames.py", "extract/frames.py", "extract/vetoes.py"), ("test_frames.py", "test_rules.py")),
}
KILLED = {1, 3, 36, -24, 24, 152, 255, -11, -9}  # failed, pytest internal error, timeout, crash
SURVIVED_OR_UNTESTED = {0, 5, 33, 35}


def _config(modules: tuple[str, ...], tests: tuple[str, ...]) -> str:
    def toml_list(items) -> str:
        return "[" + ", ".join(json.dumps(i) for i in items) + "]"

    return "\n".join([
        "[tool.pytest.ini_options]",
        'testpaths = ["tests"]',
        "",
        "[tool.mutmut]",
        'source_paths = ["src"]',
        f"only_mutate = {toml_list('src/zxextract/' + m for m in modules)}",
        'also_copy = ["rules", "data"]',
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]',
        f"pytest_add_cli_args_test_selection = {toml_list('tests/' + t for t in tests)}",
        "",
    ])


def _copy_tests(target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    # tests/real/texts are third-party pages: never copied, never read.
    shutil.copytree(ROOT / "tests", target, ignore=shutil.ignore_patterns("__pycache__", "texts"))


def _prepare(work: Path, modules: tuple[str, ...], tests: tuple[str, ...]) -> None:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / "src", work / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "rules", work / "rules")
    shutil.copytree(ROOT / "data" / "raw", work / "data" / "raw")
    _copy_tests(work / "tests")
    (work / "pyproject.toml").write_text(_config(modules, tests), encoding="utf-8")


def _results(work: Path, modules: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """module -> {mutant name: exit code}"""
    out = {}
    for module in modules:
        meta = work / "mutants" / "src" / "zxextract" / f"{module}.meta"
        out[module] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"] if meta.exists() else {}
    return out


def _diffs(work: Path, module: str, mutants: list[str]) -> list[str]:
    """Each mutant's function beside the original, read from mutmut's mutated copy."""
    source = (work / "mutants" / "src" / "zxextract" / module).read_text(encoding="utf-8")
    lines = source.splitlines()
    functions = {node.name: "\n".join(lines[node.lineno - 1:node.end_lineno]) for node in ast.walk(ast.parse(source))
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    out = []
    for mutant in mutants:
        name = mutant.rsplit(".", 1)[1]
        original = functions.get(name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig", "")
        diff = difflib.unified_diff(original.splitlines()[1:], functions.get(name, "").splitlines()[1:],
                                    lineterm="", n=1)
        out.append(f"# {mutant}\n" + "\n".join(line for line in list(diff)[2:] if not line.startswith("@@")) + "\n")
    return out


def equivalent_mutants() -> dict[str, str]:
    """Names listed in tests/mutation/equivalent.md (`- `name`: reason`)."""
    if not EQUIVALENT.exists():
        return {}
    found = re.findall(r"^- `([\w.]+__mutmut_\d+)`:?\s*(.*)$", EQUIVALENT.read_text(encoding="utf-8"), re.M)
    return dict(found)


def run_group(name: str, again: bool) -> None:
    modules, tests = GROUPS[name]
    work = WORK / name
    if again and (work / "mutants").exists():
        survivors = [m for codes in _results(work, modules).values() for m, c in codes.items()
                     if c not in KILLED]
        if not survivors:
            return
        _copy_tests(work / "tests")
        _copy_tests(work / "mutants" / "tests")
        (work / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)  # new tests: map them again
        names = survivors
    else:
        _prepare(work, modules, tests)
        names = []
    print(f"== {name}: mutating {', '.join(modules)} against {', '.join(tests)}", flush=True)
    with open(work / "mutmut.log", "w", encoding="utf-8") as log:
        subprocess.run([str(MUTMUT), "run", *names], cwd=work, stdout=log, stderr=subprocess.STDOUT, check=False)


def report(groups: list[str]) -> str:
    """The table over every group run so far; survivors' diffs for `groups`."""
    equivalent = equivalent_mutants()
    rows = ["| module | mutants | killed | equivalent | survived | score |", "|---|---|---|---|---|---|"]
    for name in GROUPS:
        modules, _ = GROUPS[name]
        work = WORK / name
        survivors_text = []
        for module, codes in _results(work, modules).items():
            if not codes:
                rows.append(f"| {module} | not run | | | | |")
                continue
            killed = sum(c in KILLED for c in codes.values())
            listed = [m for m, c in codes.items() if c not in KILLED and m in equivalent]
            left = [m for m, c in codes.items() if c not in KILLED and m not in equivalent]
            scored = len(codes) - len(listed)
            rows.append(f"| {module} | {len(codes)} | {killed} | {len(listed)} | {len(left)} | "
                        f"{killed / scored:.1%} |" if scored else f"| {module} | {len(codes)} | 0 | {len(listed)} | 0 | |")
            if name in groups:
                survivors_text += _diffs(work, module, left)
        if work.exists() and name in groups:
            (work / "survivors.txt").write_text("\n".join(survivors_text), encoding="utf-8")
    table = "\n".join(rows)
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "report.md").write_text(table + "\n", encoding="utf-8")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--group", action="append", choices=sorted(GROUPS), help="only these groups")
    parser.add_argument("--again", action="store_true", help="re-run the survivors of an earlier run")
    parser.add_argument("--report", action="store_true", help="only print the table of the last runs")
    args = parser.parse_args()
    groups = args.group or list(GROUPS)
    if not args.report:
        for name in groups:
            run_group(name, args.again)
    print(report(groups))


if __name__ == "__main__":
    main()
