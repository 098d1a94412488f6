"""The whole run: bad inputs each get their row and lose nothing else,
traditional text gives the same records with evidence as read, re-runs skip
what has not changed, a killed run leaves the previous output and the next
one completes it, and parallel runs give the same dataset as a serial one."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import opencc
import pandas as pd
import psutil
import pyarrow.parquet as pq
import pytest
import regex

from zxextract import pipeline
from zxextract.errors import RuleTimeout, InputError, OutputError, RuleError
from zxextract.io import read_document, record_row
from zxextract.parallel import Task, run_local
from zxextract.pipeline import DEFAULT_RULES_DIR, Settings, extract_document, run
from zxextract.rules import load_rules
from zxextract.store import PartStore

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "data" / "raw"
RAW_FILES = sorted(RAW_DIR.glob("*.txt"))
RULES = load_rules(DEFAULT_RULES_DIR)
SNIPPET = ("2024年，沙坪坝区政协共收到政协提案536件，审查立案284件，已全部办结；"
           "整理报送社情民意信息314条，被全国政协采用30条、市政协采用84条。\n")


def records(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "metrics.parquet")


def documents(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "documents.parquet").set_index("doc_id")


def vary(text: str, k: int) -> str:
    """Another document like `text`: every count changed, years kept."""
    return regex.sub(r"(?<!\d)\d{1,3}(?![\d年])", lambda m: str(int(m.group()) + k), text)


def copy_raw(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in RAW_FILES:
        shutil.copy(path, target / path.name)
    return target


def assert_evidence_at_offsets(out: Path) -> None:
    for rec in records(out).itertuples():
        text = (out / "clean" / f"{rec.doc_id}.txt").read_text(encoding="utf-8")
        at = text.find(rec.evidence, max(0, rec.char_end - len(rec.evidence)), rec.char_start + len(rec.evidence))
        assert 0 <= at <= rec.char_start and rec.char_end <= at + len(rec.evidence), rec


def assert_same_dataset(a: Path, b: Path) -> None:
    for name in ("metrics", "facts", "checks", "documents"):
        assert pq.read_table(a / f"{name}.parquet").equals(pq.read_table(b / f"{name}.parquet")), name
    assert sorted(p.name for p in (a / "clean").iterdir()) == sorted(p.name for p in (b / "clean").iterdir())
    for path in (a / "clean").iterdir():
        assert path.read_bytes() == (b / "clean" / path.name).read_bytes()


@pytest.fixture(scope="module")
def raw_alone(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("alone")
    run(RAW_DIR, out, Settings(jobs=1))
    return out


def test_records_are_those_of_extract_document(raw_alone):
    """Reading, repairs, caching and streaming change nothing for clean UTF-8 input."""
    expected = [record_row(r) for p in RAW_FILES for r in extract_document(read_document(p), RULES).records]
    got = records(raw_alone).astype(object).where(records(raw_alone).notna(), None).to_dict("records")
    assert got == expected
    assert_evidence_at_offsets(raw_alone)


BAD_INPUTS = {
    # name: (bytes, status, reason or note expected in the row)
    "bom.txt": (b"\xef\xbb\xbf" + SNIPPET.encode(), "ok", "byte-order mark"),
    "gb2312.txt": (SNIPPET.encode("gb2312"), "ok", "encoding detected: gb18030"),
    "big5.txt": (opencc.OpenCC("s2t").convert(SNIPPET).encode("big5"), "ok", "traditional characters"),
    "utf16.txt": (SNIPPET.encode("utf-16"), "ok", "byte-order mark: utf-16-le"),
    # Scraped text with the page's markup left in it (a saved page is read by formats/html.py).
    "residue.txt": (("<html><body><p>" + SNIPPET.replace("，", "，<span>&nbsp;</span>") + "</p></body></html>")
                  .encode(), "ok", "HTML/XML residue"),
    "crlf.txt": (SNIPPET.replace("\n", "\r\n").encode() * 3, "ok", "line endings"),
    "fullwidth.txt": (SNIPPET.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}).encode(), "ok",
                      "full-width"),
    "zerowidth.txt": ("\u200b".join(SNIPPET).encode(), "ok", "zero-width"),
    "longline.txt": ((SNIPPET.strip() * 150).encode(), "ok", "very long line"),
    "empty.txt": (b"", "failed", "empty"),
    "binary.dat": (bytes(range(256)) * 64, "failed", "binary"),
    "large.txt": (SNIPPET.encode() * 400, "failed", "over the"),
}


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> tuple[Path, Path, pd.DataFrame]:
    in_dir = copy_raw(tmp_path_factory.mktemp("bad") / "in")
    for name, (data, _, _) in BAD_INPUTS.items():
        (in_dir / name).write_bytes(data)
    (in_dir / "broken.txt").symlink_to(in_dir / "nowhere.txt")
    os.mkfifo(in_dir / "pipe.txt")
    out = in_dir.parent / "out"
    outcomes = []
    summary = run(in_dir, out, Settings(jobs=2, max_bytes=64_000), on_document=outcomes.append)
    assert summary.documents == len(RAW_FILES) + len(BAD_INPUTS) + 2
    return in_dir, out, pd.DataFrame([o.model_dump() for o in outcomes]).set_index("doc_id")


@pytest.mark.parametrize("name", list(BAD_INPUTS) + ["broken.txt", "pipe.txt"])
def test_every_bad_input_gets_its_row_and_log_line(bad_corpus, name):
    _, out, outcomes = bad_corpus
    status, said = BAD_INPUTS.get(name, (None, "failed", "broken link" if name == "broken.txt"
                                         else "not a regular file"))[1:]
    row = documents(out).loc[Path(name).stem]
    assert row.status == status
    assert said in (row.error if status == "failed" else row.notes)
    logged = outcomes.loc[Path(name).stem]
    assert said in (logged.error if status == "failed" else " ".join(logged.notes))
    if status == "ok":
        assert row.n_records == 5 if name != "longline.txt" else row.n_records >= 5


def test_good_documents_give_the_same_records_beside_bad_ones(bad_corpus, raw_alone):
    _, out, _ = bad_corpus
    mixed = records(out)
    assert mixed[mixed.doc_id.isin(records(raw_alone).doc_id)].reset_index(drop=True).equals(records(raw_alone))
    assert_evidence_at_offsets(out)


def test_repaired_inputs_give_the_records_of_the_plain_text(bad_corpus):
    _, out, _ = bad_corpus
    keys = ["metric", "value", "scope", "char_start", "char_end"]
    by_doc = {d: g[keys].reset_index(drop=True) for d, g in records(out).groupby("doc_id")}
    for name in ("bom", "gb2312", "big5", "utf16", "fullwidth", "zerowidth"):
        assert by_doc[name].equals(by_doc["bom"]), name
    residue = by_doc["residue"].drop(columns=["char_start", "char_end"])
    assert residue.equals(by_doc["bom"].drop(columns=["char_start", "char_end"]))


def test_traditional_text_gives_the_same_records_with_evidence_as_read(tmp_path, raw_alone):
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    s2t = opencc.OpenCC("s2t")
    for path in RAW_FILES:
        (in_dir / path.name).write_text(s2t.convert(path.read_text(encoding="utf-8")), encoding="utf-8")
    run(in_dir, tmp_path / "out", Settings(jobs=1))
    simplified, traditional = records(raw_alone), records(tmp_path / "out")
    same = ["doc_id", "body", "year", "metric", "value", "unit", "qualifier", "scope", "status",
            "char_start", "char_end", "extractor"]
    assert traditional[same].equals(simplified[same])
    assert list(traditional.evidence) == [s2t.convert(e) for e in simplified.evidence]
    assert not (traditional.evidence == simplified.evidence).all()
    assert_evidence_at_offsets(tmp_path / "out")


def test_rerun_skips_what_has_not_changed(tmp_path):
    in_dir, out = copy_raw(tmp_path / "in"), tmp_path / "out"
    first = run(in_dir, out, Settings(jobs=1))
    assert first.skipped == 0
    again = run(in_dir, out, Settings(jobs=1))
    assert (again.skipped, again.records) == (len(RAW_FILES), first.records)

    changed = in_dir / RAW_FILES[0].name
    changed.write_text(vary(changed.read_text(encoding="utf-8"), 7), encoding="utf-8")
    (in_dir / RAW_FILES[1].name).unlink()
    third = run(in_dir, out, Settings(jobs=1))
    assert (third.documents, third.skipped) == (len(RAW_FILES) - 1, len(RAW_FILES) - 2)
    assert RAW_FILES[1].stem not in set(records(out).doc_id)
    assert not (out / "clean" / RAW_FILES[1].name).exists()
    assert len(list((out / ".zxparts").glob("*.json"))) == len(RAW_FILES) - 1

    assert run(in_dir, out, Settings(jobs=1, force=True)).skipped == 0
    rules_dir = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules_dir)
    with open(rules_dir / "proposals.yml", "a", encoding="utf-8") as f:
        f.write("\n# a comment changes the rules version\n")
    assert run(in_dir, out, Settings(jobs=1, rules_dir=rules_dir)).skipped == 0


def test_parallel_run_gives_the_serial_dataset(tmp_path):
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    for k in range(4):
        for path in RAW_FILES:
            (in_dir / f"{k}_{path.name}").write_text(vary(path.read_text(encoding="utf-8"), k), encoding="utf-8")
    run(in_dir, tmp_path / "serial", Settings(jobs=1))
    run(in_dir, tmp_path / "parallel", Settings(jobs=2))
    assert_same_dataset(tmp_path / "serial", tmp_path / "parallel")


def test_killed_run_keeps_the_previous_output_and_the_next_completes_it(tmp_path):
    in_dir, out = copy_raw(tmp_path / "in"), tmp_path / "out"
    run(in_dir, out, Settings(jobs=1))
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and ".zxparts" not in p.parts}
    for k in range(1, 31):
        for path in RAW_FILES:
            (in_dir / f"{k:02d}_{path.name}").write_text(vary(path.read_text(encoding="utf-8"), k),
                                                         encoding="utf-8")
    total = len(list(in_dir.iterdir()))
    proc = subprocess.Popen([sys.executable, "-m", "zxextract.cli", "extract", str(in_dir), "-o", str(out),
                             "--jobs", "2", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(list((out / ".zxparts").glob("*.json"))) < len(RAW_FILES) + 10:
            assert proc.poll() is None and time.monotonic() < deadline, "the run ended before it was killed"
            time.sleep(0.02)
        workers = psutil.Process(proc.pid).children()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert len(workers) == 2
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, "workers outlived their killed run"
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and ".zxparts" not in p.parts}
    assert after == before

    done = len(list((out / ".zxparts").glob("*.json")))
    summary = run(in_dir, out, Settings(jobs=2))
    assert (summary.documents, summary.failed) == (total, 0)
    assert summary.skipped == done < total
    run(in_dir, tmp_path / "fresh", Settings(jobs=2))
    assert_same_dataset(out, tmp_path / "fresh")


def test_a_regex_timeout_fails_that_document_only_and_is_retried(tmp_path, monkeypatch):
    in_dir, out = copy_raw(tmp_path / "in"), tmp_path / "out"
    victim = RAW_FILES[2].stem
    real = pipeline.extract_with_rules

    def slow_on_victim(doc, rules):
        if doc.doc_id == victim:
            raise RuleTimeout("surveys.surveyed", "rules/activities.yml", 2.0)
        return real(doc, rules)

    monkeypatch.setattr(pipeline, "extract_with_rules", slow_on_victim)
    summary = run(in_dir, out, Settings(jobs=1))
    rows = documents(out)
    assert summary.failed == 1 and rows.loc[victim].status == "failed"
    assert "rule surveys.surveyed (rules/activities.yml) ran past the 2 s regex time limit" in rows.loc[victim].error
    assert (rows.drop(victim).status == "ok").all()

    monkeypatch.setattr(pipeline, "extract_with_rules", real)
    retry = run(in_dir, out, Settings(jobs=1))
    assert (retry.failed, retry.skipped) == (0, len(RAW_FILES) - 1)


def _dies_on_poison(task: Task, context) -> str:
    if task.path == "poison":
        os._exit(1)
    return task.path.upper()


def test_a_dead_worker_loses_only_the_documents_it_held():
    tasks = [Task(key=str(n), path=f"doc{n}", data=b"") for n in range(12)]
    tasks.insert(6, Task(key="p", path="poison", data=b""))
    results = dict((t.path, r) for t, r in run_local(_dies_on_poison, iter(tasks), None, 2,
                                                      lambda task, reason: "LOST"))
    assert set(results) == {t.path for t in tasks}
    assert results["poison"] == "LOST"
    assert sum(r == "LOST" for r in results.values()) <= 2 * 2  # at most what was in flight
    assert results["doc11"] == "DOC11"


def test_catastrophic_rule_is_refused_at_load(tmp_path):
    rules_dir = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules_dir)
    (rules_dir / "zz_bad.yml").write_text(
        "rules:\n"
        "  - id: proposals_received.fine\n    metric: proposals_received\n"
        "    pattern: '收到提案{NUM}'\n    examples: [{text: 收到提案5件, expect: [{value: 5}]}]\n"
        "  - id: proposals_received.hangs\n    metric: proposals_received\n"
        "    pattern: '(?:提|提提)+案{NUM}'\n    examples: [{text: 提案5件, expect: [{value: 5}]}]\n",
        encoding="utf-8")
    with pytest.raises(RuleError) as err:
        run(RAW_DIR, tmp_path / "out", Settings(rules_dir=rules_dir, jobs=1))
    assert len(err.value.problems) == 1
    assert "zz_bad.yml: [rules -> 1 (proposals_received.hangs) -> pattern] backtracks" in err.value.problems[0]
    assert not (tmp_path / "out").exists()


def test_output_inside_the_input_is_not_read_back(tmp_path):
    in_dir = copy_raw(tmp_path / "in")
    run(in_dir, in_dir / "out", Settings(jobs=1))
    assert run(in_dir, in_dir / "out", Settings(jobs=1)).documents == len(RAW_FILES)
    with pytest.raises(InputError, match="also the output directory"):
        run(in_dir, in_dir, Settings(jobs=1))


def test_two_runs_cannot_write_one_directory(tmp_path):
    with PartStore(tmp_path, "v1"):
        with pytest.raises(OutputError, match="another zxextract run"):
            PartStore(tmp_path, "v1")
    PartStore(tmp_path, "v1").close()


def test_doc_id_is_the_path_under_the_input_folder(tmp_path):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    report = "2024年工作回顾\n\n区政协全年共收到提案120件。"
    for name in ("2024/shapingba/report.txt", "2024/liangping/report.txt", "notes.txt", "notes.md"):
        (in_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (in_dir / name).write_text(report, encoding="utf-8")
    run(in_dir, out, Settings(jobs=1))
    ids = set(pd.read_parquet(out / "documents.parquet").doc_id)
    assert ids == {"2024/shapingba/report", "2024/liangping/report", "notes.txt", "notes.md"}
    for doc_id in ids:
        assert (out / "clean" / f"{doc_id}.txt").read_text(encoding="utf-8").startswith("2024年")
    assert set(pd.read_parquet(out / "metrics.parquet").doc_id) == ids
