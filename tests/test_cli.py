"""The command line: what `extract` says on success, per bad document, on a
re-run, and the one-line errors (exit 1) for what a person must fix."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zxextract.cli import main
from zxextract.pipeline import DEFAULT_RULES_DIR

RAW_FILES = sorted((Path(__file__).resolve().parents[1] / "data" / "raw").glob("*.txt"))
SNIPPET = "2024年，区政协共收到政协提案536件，审查立案284件。\n"


@pytest.fixture
def in_dir(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for path in RAW_FILES[:2]:
        shutil.copy(path, d / path.name)
    (d / "empty.txt").write_bytes(b"")
    (d / "gbk.txt").write_bytes((SNIPPET * 5).encode("gbk"))
    return d


def test_extract_reports_each_document_and_the_rerun_skips(in_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(in_dir), "-o", str(out), "--jobs", "2"]) == 0
    captured = capsys.readouterr()
    assert "4 documents (1 failed, 0 unchanged and skipped)" in captured.out
    assert f"failed: {in_dir / 'empty.txt'}: the file is empty" in captured.err
    assert f"note: {in_dir / 'gbk.txt'}: encoding detected: gb18030" in captured.err
    assert (out / "metrics.parquet").exists() and (out / "documents.parquet").exists()

    assert main(["extract", str(in_dir), "-o", str(out), "-q"]) == 0
    captured = capsys.readouterr()
    assert "4 documents (1 failed, 4 unchanged and skipped)" in captured.out
    assert "failed: " in captured.err and "note: " not in captured.err

    assert main(["extract", str(in_dir), "-o", str(out), "-q", "--force", "--jobs", "1"]) == 0
    assert "0 unchanged and skipped" in capsys.readouterr().out


def test_max_mb_refuses_larger_files(in_dir, tmp_path, capsys):
    assert main(["extract", str(in_dir), "-o", str(tmp_path / "out"), "-q", "--max-mb", "0.01"]) == 0
    captured = capsys.readouterr()
    assert "4 documents (3 failed" in captured.out
    assert "MiB limit; split it into documents or raise --max-mb" in captured.err


def test_missing_input_is_one_error_line(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err == f"Error: {tmp_path / 'nowhere'}: is not a directory; give the folder that holds the documents\n"


def test_bad_rules_are_one_error_naming_file_and_rule(in_dir, tmp_path, capsys):
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    (rules / "zz.yml").write_text(
        "rules:\n  - id: proposals_received.slow\n    metric: proposals_received\n"
        "    pattern: '(?:\\d|\\d\\d)+x{NUM}'\n    examples: [{text: x5件, expect: [{value: 5}]}]\n",
        encoding="utf-8")
    assert main(["extract", str(in_dir), "-o", str(tmp_path / "out"), "--rules", str(rules)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: invalid rules:\n")
    assert "zz.yml: [rules -> 0 (proposals_received.slow) -> pattern] backtracks catastrophically" in err


@pytest.mark.parametrize("args, message", [
    pytest.param(["--jobs", "0"], "not a positive whole number", id="jobs"),
    pytest.param(["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask", id="scheduler"),
    pytest.param(["--max-mb", "-1"], "not a positive number", id="max-mb"),
])
def test_bad_options_are_refused(in_dir, tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(in_dir), "-o", str(tmp_path / "out"), *args])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_output_cut_short_by_a_pipe_is_no_error(in_dir, tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(in_dir), "-o", str(out)]) == 0
    gold = Path(__file__).resolve().parent / "gold"
    piped = subprocess.run(f"'{sys.executable}' -m zxextract.cli eval '{out}' '{gold}' --errors | head -1",
                           shell=True, capture_output=True, text=True)
    assert piped.stdout.split() == ["P", "R", "F1", "TP", "FP", "FN"]
    assert "Traceback" not in piped.stderr
