"""The output directory: one part per document while a run goes, then the
dataset published from the parts.

`OUT/.zxparts/<key>.json` holds one document's rows (report, records, checks)
and `<key>.txt` its clean text, each written atomically when the document is
done. The key hashes the document's path and bytes with the run fingerprint
(rules version and the code of this package), so a re-run finds the part of an
unchanged document and skips it, and a change of rules or code redoes all.

Publishing streams the parts, in input order, into `metrics.parquet`,
`checks.parquet` and `documents.parquet`, gathers `facts.parquet` from the
metrics rows on the way (temporary files renamed at the end, documents last) and links the clean texts into `OUT/clean/`. A run killed at
any point before the renames leaves the previous dataset as it was; the next
run reuses every part already written and completes the work.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel, ConfigDict

from .errors import OutputError
from .facts import FactsBuilder
from .io import (CHECKS_SCHEMA, DOCUMENTS_SCHEMA, METRICS_SCHEMA, TMP_PREFIX, check_row, link_into_place,
                 record_row, remove_temporaries, report_row, sha256_of, write_text)
from .models import DocumentResult, Source
from .output_schemas import check_table

PARTS_DIR = ".zxparts"
PACKAGE_DIR = Path(__file__).resolve().parent
# Rows buffered per Parquet row group while publishing: memory stays bounded
# however many documents there are.
ROWS_PER_GROUP = 20_000


class DocumentOutcome(BaseModel):
    """What a run says about one document: enough for the log line."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    path: str
    status: str
    error: str | None
    notes: tuple[str, ...]
    n_records: int
    cached: bool = False


class PublishCounts(BaseModel):
    model_config = ConfigDict(frozen=True)

    documents: int
    failed: int
    records: int
    checks: int


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of every file of this package: a cached part is only reused by the
    code that made it."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# Lock files held by this process. A forked worker must not hold one: the
# lock would outlive a run killed outright, and block the next.
_held_locks: set[int] = set()
os.register_at_fork(after_in_child=lambda: [os.close(fd) for fd in _held_locks])


class PartStore:
    """Parts of one output directory; holds a lock so two runs cannot write
    the same directory at once."""

    def __init__(self, out_dir: Path, rules_version: str):
        self.out_dir = out_dir
        self.parts = out_dir / PARTS_DIR
        self.rules_version = rules_version
        self.fingerprint = f"{rules_version}/{code_version()}"
        try:
            self.parts.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.parts / "lock", "w")
        except OSError as exc:
            raise OutputError(f"{out_dir}: cannot write here ({exc.strerror or exc}); "
                              "choose another output directory") from exc
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise OutputError(f"{out_dir}: another zxextract run is writing here; "
                              "wait for it to finish or choose another output directory") from None
        _held_locks.add(self._lock.fileno())
        for directory in (out_dir, out_dir / "clean", self.parts):
            remove_temporaries(directory)

    def close(self) -> None:
        _held_locks.discard(self._lock.fileno())
        self._lock.close()

    def __enter__(self) -> "PartStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def key(self, doc_id: str, path: Path, data: bytes | None, cacheable: bool = True,
            source: Source | None = None) -> str:
        """The part name for `path`, read as `doc_id`, with content `data` (None: not
        read) and manifest row `source`. A result that may change on a retry gets a key
        no later run looks up."""
        digest = hashlib.sha256(f"{self.fingerprint}\0{doc_id}\0{path}\0".encode())
        digest.update(sha256_of(data).encode() if data is not None else b"unread")
        if source is not None:
            digest.update(source.model_dump_json().encode())
        return ("" if cacheable and data is not None else "retry-") + digest.hexdigest()[:32]

    def has(self, key: str) -> bool:
        return (self.parts / f"{key}.json").exists()

    def write(self, key: str, result: DocumentResult, notes: tuple[str, ...]) -> DocumentOutcome:
        """Store one document's result: clean text first, then the rows, whose
        presence says the part is complete."""
        report = result.report
        if result.clean_text is not None:
            write_text(self.parts / f"{key}.txt", result.clean_text)
        part = {
            "report": report_row(report, notes, self.rules_version),
            "records": [record_row(r) for r in result.records],
            "checks": [check_row(c) for c in result.checks],
            "notes": list(notes),
            "clean_text": result.clean_text is not None,
        }
        try:
            write_text(self.parts / f"{key}.json", json.dumps(part, ensure_ascii=False))
        except OSError as exc:
            raise OutputError(f"{self.out_dir}: cannot write ({exc.strerror or exc}); "
                              "free some space or choose another output directory") from exc
        return _outcome(part, cached=False)

    def _read(self, key: str) -> dict:
        return json.loads((self.parts / f"{key}.json").read_text(encoding="utf-8"))

    def outcome(self, key: str) -> DocumentOutcome:
        """The outcome recorded in an existing part (a skipped document)."""
        return _outcome(self._read(key), cached=True)

    def publish(self, entries: Iterable[tuple[str, str]]) -> PublishCounts:
        """Write the dataset from the parts of `entries` ((doc_id, key) in
        input order), then drop parts and clean texts no entry names."""
        entries = list(entries)
        try:
            return self._publish(entries)
        except OSError as exc:
            raise OutputError(f"{self.out_dir}: cannot write the dataset ({exc.strerror or exc}); "
                              "free some space or choose another output directory") from exc

    def _publish(self, entries: list[tuple[str, str]]) -> PublishCounts:
        names = ("metrics", "checks", "documents")
        schemas = dict(zip(names, (METRICS_SCHEMA, CHECKS_SCHEMA, DOCUMENTS_SCHEMA)))
        tmps = {n: self.out_dir / f"{TMP_PREFIX}{n}.parquet" for n in names}
        writers = {n: pq.ParquetWriter(tmps[n], schemas[n]) for n in names}
        buffers: dict[str, list[dict]] = {n: [] for n in names}
        counts = dict(documents=0, failed=0, records=0, checks=0)
        texts: list[tuple[str, str]] = []
        facts = FactsBuilder()
        tmps["facts"] = self.out_dir / f"{TMP_PREFIX}facts.parquet"

        def flush(name: str, at_least: int) -> None:
            if len(buffers[name]) >= at_least:
                table = pa.Table.from_pylist(buffers[name], schema=schemas[name])
                check_table(name, table)
                writers[name].write_table(table)
                buffers[name].clear()

        try:
            for doc_id, key in entries:
                part = self._read(key)
                facts.add(part["records"], first_row=counts["records"])
                buffers["metrics"] += part["records"]
                buffers["checks"] += part["checks"]
                buffers["documents"].append(part["report"])
                counts["documents"] += 1
                counts["failed"] += part["report"]["status"] == "failed"
                counts["records"] += len(part["records"])
                counts["checks"] += len(part["checks"])
                if part["clean_text"]:
                    texts.append((doc_id, key))
                for name in names:
                    flush(name, ROWS_PER_GROUP)
            for name in names:
                flush(name, 1)
        finally:
            for writer in writers.values():
                writer.close()
        facts_table = facts.table()
        check_table("facts", facts_table)
        pq.write_table(facts_table, tmps["facts"])
        clean_dir = self.out_dir / "clean"
        for doc_id, key in texts:
            target = clean_dir / f"{doc_id}.txt"
            source = self.parts / f"{key}.txt"
            if not (target.exists() and target.samefile(source)):
                link_into_place(source, target)
        for name in ("facts", *names):  # documents last: it says which documents the others cover
            tmps[name].replace(self.out_dir / f"{name}.parquet")
        self._prune({doc_id for doc_id, _ in texts}, {key for _, key in entries})
        return PublishCounts(**counts)

    def _prune(self, clean_ids: set[str], keys: set[str]) -> None:
        clean_dir = self.out_dir / "clean"
        for path in clean_dir.rglob("*.txt"):
            if path.relative_to(clean_dir).as_posix()[:-len(".txt")] not in clean_ids:
                path.unlink()
        for path in self.parts.iterdir():
            if path.suffix in (".json", ".txt") and path.stem not in keys:
                path.unlink()


def _outcome(part: dict, cached: bool) -> DocumentOutcome:
    row = part["report"]
    return DocumentOutcome(doc_id=row["doc_id"], path=row["path"], status=row["status"],
                           error=row["error"], notes=tuple(part["notes"]), n_records=row["n_records"],
                           cached=cached)
