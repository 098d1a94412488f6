"""The output directory: parts written atomically, keyed by what made them, and a
dataset published from them that keeps the previous one until it is complete."""

from pathlib import Path

import regex

import pandas as pd
import pytest

from zxextract import store
from zxextract.errors import OutputError
from zxextract.io import TMP_PREFIX
from zxextract.models import CheckFinding, DocumentReport, DocumentResult, MetricRecord, Severity
from zxextract.store import PARTS_DIR, PartStore

TEXT = "2024年，区政协共收到提案536件，审查立案284件。"


def result(doc_id: str = "d", value: float = 536, failed: bool = False) -> DocumentResult:
    if failed:
        return DocumentResult(report=DocumentReport(doc_id=doc_id, path=f"{doc_id}.txt", sha256=None,
                                                    encoding=None, status="failed", error="the file is empty"))
    start = TEXT.index("536")
    record = MetricRecord(doc_id=doc_id, body="某区政协", year=2024, period_start=2024, period_end=2024,
                          metric="proposals_received", value=value, unit="件", qualifier="exact", scope=None,
                          status="actual", evidence=TEXT, char_start=start, char_end=start + 4,
                          extractor="test")
    check = CheckFinding(doc_id=doc_id, check="rate_range", severity=Severity.error, message="m",
                         char_start=start, metric="proposals_received")
    report = DocumentReport(doc_id=doc_id, path=f"{doc_id}.txt", sha256="ab" * 32, encoding="utf-8",
                            status="ok", chars_raw=len(TEXT), chars_clean=len(TEXT), n_records=1)
    return DocumentResult(report=report, clean_text=TEXT, records=(record,), checks=(check,))


def test_part_round_trip_and_outcome(tmp_path):
    with PartStore(tmp_path, "rules-1") as parts:
        key = parts.key("d", Path("d.txt"), TEXT.encode())
        assert not parts.has(key)
        written = parts.write(key, result(), ("note one",))
        assert parts.has(key)
        cached = parts.outcome(key)
        failed_key = parts.key("f", Path("f.txt"), None)
        parts.write(failed_key, result("f", failed=True), ())
        failed = parts.outcome(failed_key)
    assert (written.cached, cached.cached) == (False, True)
    assert (cached.doc_id, cached.path, cached.status, cached.error, cached.notes, cached.n_records) == \
        ("d", "d.txt", "ok", None, ("note one",), 1)
    assert (failed.status, failed.error) == ("failed", "the file is empty")
    assert (tmp_path / PARTS_DIR / f"{key}.txt").read_text(encoding="utf-8") == TEXT
    assert not (tmp_path / PARTS_DIR / f"{failed_key}.txt").exists()
    # Parts are UTF-8 text a person can read.
    assert "某区政协" in (tmp_path / PARTS_DIR / f"{key}.json").read_text(encoding="utf-8")


def test_key_follows_rules_code_path_id_and_bytes(tmp_path, monkeypatch):
    data = TEXT.encode()
    with PartStore(tmp_path / "a", "rules-1") as parts:
        key = parts.key("d", Path("d.txt"), data)
        assert key == parts.key("d", Path("d.txt"), data)
        others = {parts.key("e", Path("d.txt"), data), parts.key("d", Path("e.txt"), data),
                  parts.key("d", Path("d.txt"), data + b" "), parts.key("d", Path("d.txt"), None)}
        assert key not in others and len(others) == 4
        # A result that may change on a retry is never looked up again.
        assert parts.key("d", Path("d.txt"), data, cacheable=False).startswith("retry-")
        assert parts.key("d", Path("d.txt"), None).startswith("retry-")
        assert regex.fullmatch(r"[0-9a-f]{32}", key)
    with PartStore(tmp_path / "b", "rules-2") as parts:
        assert parts.key("d", Path("d.txt"), data) != key
    # After an upgrade of the code, the same rules and bytes give another key.
    monkeypatch.setattr(store, "code_version", lambda: "another-code-version")
    with PartStore(tmp_path / "c", "rules-1") as parts:
        assert parts.key("d", Path("d.txt"), data) != key


def test_code_version_hashes_every_file_of_the_package(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    (package / "sub" / "b.yml").write_text("y: 2\n")
    monkeypatch.setattr(store, "PACKAGE_DIR", package)

    def version() -> str:
        store.code_version.cache_clear()
        return store.code_version()

    try:
        first = version()
        (package / "__pycache__").mkdir()
        (package / "__pycache__" / "a.pyc").write_bytes(b"compiled")
        assert version() == first, "compiled files are not the code"
        (package / "sub" / "b.yml").write_text("y: 3\n")
        changed = version()
        assert changed != first
        (package / "sub" / "b.yml").rename(package / "b.yml")
        assert version() != changed, "a file moved is a change"
    finally:
        store.code_version.cache_clear()


def test_an_interrupted_part_write_keeps_the_previous_part(tmp_path, monkeypatch):
    with PartStore(tmp_path, "rules-1") as parts:
        key = parts.key("d", Path("d.txt"), TEXT.encode())
        parts.write(key, result(), ())
        before = {p.name: p.read_bytes() for p in (tmp_path / PARTS_DIR).iterdir()}
        real_write_text = Path.write_text

        def disk_full(path, text, *args, **kwargs):
            # The rows of the part, written after its clean text, are cut short.
            if ".json" not in path.name:
                return real_write_text(path, text, *args, **kwargs)
            real_write_text(path, text[:5], *args, **kwargs)
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Path, "write_text", disk_full)
        with pytest.raises(OutputError) as err:
            parts.write(key, result(value=999), ())
        assert str(err.value) == (f"{tmp_path}: cannot write (No space left on device); "
                                  "free some space or choose another output directory")
        monkeypatch.undo()
        after = {p.name: p.read_bytes() for p in (tmp_path / PARTS_DIR).iterdir()}
        assert after == before
        assert parts.outcome(key).n_records == 1


def test_a_failed_write_names_the_directory(tmp_path, monkeypatch):
    with PartStore(tmp_path, "rules-1") as parts:
        key = parts.key("d", Path("d.txt"), TEXT.encode())
        monkeypatch.setattr(store, "write_text", lambda *a: (_ for _ in ()).throw(OSError(28, "No space")))
        with pytest.raises(OutputError) as err:
            parts.write(key, result(failed=True), ())
    assert str(err.value) == f"{tmp_path}: cannot write (No space); free some space or choose another output directory"


def test_publish_writes_parts_in_order_and_prunes_the_rest(tmp_path):
    with PartStore(tmp_path, "rules-1") as parts:
        keys = {"gone": parts.key("gone", Path("gone.txt"), b"gone")}
        parts.write(keys["gone"], result("gone", 3), ())
        parts.publish([("gone", keys["gone"])])
        assert (tmp_path / "clean" / "gone.txt").exists()
        for doc_id, value in (("b", 2), ("a", 1)):
            keys[doc_id] = parts.key(doc_id, Path(f"{doc_id}.txt"), doc_id.encode())
            parts.write(keys[doc_id], result(doc_id, value), ())
        keys["f"] = parts.key("f", Path("f.txt"), None)
        parts.write(keys["f"], result("f", failed=True), ())
        counts = parts.publish([("f", keys["f"]), ("b", keys["b"]), ("a", keys["a"])])
        linked = (tmp_path / "clean" / "a.txt").stat().st_ino
        again = parts.publish([("f", keys["f"]), ("b", keys["b"]), ("a", keys["a"])])
        assert (tmp_path / "clean" / "a.txt").stat().st_ino == linked
    assert again == counts
    assert (counts.documents, counts.failed, counts.records, counts.checks) == (3, 1, 2, 2)
    metrics = pd.read_parquet(tmp_path / "metrics.parquet")
    assert list(metrics.doc_id) == ["b", "a"] and list(metrics.value) == [2, 1]
    documents = pd.read_parquet(tmp_path / "documents.parquet")
    assert list(documents.doc_id) == ["f", "b", "a"] and list(documents.status) == ["failed", "ok", "ok"]
    assert set(documents.rules_version) == {"rules-1"}
    assert len(pd.read_parquet(tmp_path / "checks.parquet")) == 2
    assert sorted(p.name for p in (tmp_path / "clean").iterdir()) == ["a.txt", "b.txt"]
    assert (tmp_path / "clean" / "a.txt").read_text(encoding="utf-8") == TEXT
    left = {p.stem for p in (tmp_path / PARTS_DIR).iterdir() if p.suffix in (".json", ".txt")}
    assert left == {keys["a"], keys["b"], keys["f"]}
    assert not list(tmp_path.glob(f"{TMP_PREFIX}*"))


def test_publish_in_row_groups_keeps_every_row(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "ROWS_PER_GROUP", 2)
    with PartStore(tmp_path, "rules-1") as parts:
        entries = []
        for n in range(5):
            key = parts.key(f"d{n}", Path(f"d{n}.txt"), str(n).encode())
            parts.write(key, result(f"d{n}", n), ())
            entries.append((f"d{n}", key))
        parts.publish(entries)
    assert list(pd.read_parquet(tmp_path / "metrics.parquet").value) == [0, 1, 2, 3, 4]


def test_publish_of_one_row_writes_it(tmp_path):
    with PartStore(tmp_path, "rules-1") as parts:
        key = parts.key("d", Path("d.txt"), b"d")
        parts.write(key, result(), ())
        parts.publish([("d", key)])
    assert len(pd.read_parquet(tmp_path / "metrics.parquet")) == 1
    assert len(pd.read_parquet(tmp_path / "documents.parquet")) == 1


def test_a_failed_publish_names_the_directory(tmp_path, monkeypatch):
    with PartStore(tmp_path, "rules-1") as parts:
        key = parts.key("d", Path("d.txt"), b"d")
        parts.write(key, result(), ())

        def disk_full(*args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(store, "link_into_place", disk_full)
        with pytest.raises(OutputError) as err:
            parts.publish([("d", key)])
    assert str(err.value) == (f"{tmp_path}: cannot write the dataset (No space left on device); "
                              "free some space or choose another output directory")
    assert not (tmp_path / "metrics.parquet").exists()


def test_a_second_store_on_one_directory_is_refused(tmp_path):
    with PartStore(tmp_path, "rules-1") as parts:
        # A forked worker closes the lock it inherits (store._held_locks).
        assert store._held_locks == {parts._lock.fileno()}
        with pytest.raises(OutputError) as err:
            PartStore(tmp_path, "rules-1")
        assert str(err.value) == (f"{tmp_path}: another zxextract run is writing here; "
                                  "wait for it to finish or choose another output directory")
    assert store._held_locks == set()
    PartStore(tmp_path, "rules-1").close()


def test_temporaries_of_a_killed_run_are_removed(tmp_path):
    (tmp_path / "clean").mkdir()
    for directory in (tmp_path, tmp_path / "clean"):
        (directory / f"{TMP_PREFIX}metrics.parquet.123").write_bytes(b"half")
    (tmp_path / "keep.txt").write_text("mine")
    with PartStore(tmp_path, "rules-1"):
        pass
    assert not list(tmp_path.rglob(f"{TMP_PREFIX}*"))
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_an_output_directory_that_cannot_be_made_is_an_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError) as err:
        PartStore(tmp_path / "file" / "out", "rules-1")
    assert str(err.value) == f"{tmp_path / 'file' / 'out'}: cannot write here (Not a directory); " \
                             "choose another output directory"
