"""Reading raw files and writing the dataset.

Reading raises InputError naming the file and the reason. Writing is atomic:
each file is written beside its target and renamed into place, so a crash
never leaves a half-written file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from charset_normalizer import from_bytes

from .errors import InputError, OutputError
from .models import CheckFinding, DocumentReport, MetricRecord, RawDocument

BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))

METRICS_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("body", pa.string()), ("year", pa.int16()),
    ("metric", pa.string()), ("value", pa.float64()), ("unit", pa.string()),
    ("qualifier", pa.string()), ("scope", pa.string()), ("status", pa.string()),
    ("evidence", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32()),
    ("extractor", pa.string()),
])
DOCUMENTS_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("path", pa.string()), ("sha256", pa.string()),
    ("encoding", pa.string()), ("status", pa.string()), ("error", pa.string()),
    ("chars_raw", pa.int64()), ("chars_clean", pa.int64()),
    ("paragraphs_duplicate", pa.int32()), ("joins_repaired", pa.int32()),
    ("doubled_chars_removed", pa.int32()), ("captions_removed", pa.int32()),
    ("page_markers_removed", pa.int32()), ("n_articles", pa.int32()),
    ("articles", pa.string()), ("n_records", pa.int32()),
])
CHECKS_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("check", pa.string()), ("severity", pa.string()),
    ("message", pa.string()), ("char_start", pa.int32()), ("metric", pa.string()),
])


def doc_id_of(path: Path) -> str:
    return path.stem


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes; returns (text, encoding). Raises InputError for empty or binary data."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    for encoding, bom in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {encoding} mark but does not decode: {exc}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise InputError(path, "binary data (NUL bytes), not a text file")
    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "not text in any known encoding (binary file?)")
    return str(best), best.encoding


def read_document(path: Path) -> RawDocument:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}")
    text, encoding = decode(data, str(path))
    return RawDocument(doc_id=doc_id_of(path), path=str(path), text=text,
                       sha256=hashlib.sha256(data).hexdigest(), encoding=encoding,
                       n_bytes=len(data))


def _atomic_write(target: Path, write) -> None:
    """Call write(tmp_path), then rename tmp_path over target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(target: Path, rows: list[dict], schema: pa.Schema) -> None:
    table = pa.Table.from_pylist(rows, schema=schema)
    _atomic_write(target, lambda tmp: pq.write_table(table, tmp))


def write_text(target: Path, text: str) -> None:
    _atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def record_row(record: MetricRecord) -> dict:
    return record.model_dump()


def report_row(report: DocumentReport) -> dict:
    row = report.model_dump(exclude={"articles"})
    row["n_articles"] = len(report.articles)
    row["articles"] = json.dumps([a.model_dump() for a in report.articles], ensure_ascii=False)
    return row


def check_row(finding: CheckFinding) -> dict:
    row = finding.model_dump()
    row["severity"] = finding.severity.value
    return row


def write_dataset(out_dir: Path, records: list[MetricRecord], reports: list[DocumentReport],
                  checks: list[CheckFinding]) -> None:
    """metrics.parquet, documents.parquet and checks.parquet, each atomically."""
    try:
        write_table(out_dir / "metrics.parquet", [record_row(r) for r in records], METRICS_SCHEMA)
        write_table(out_dir / "checks.parquet", [check_row(c) for c in checks], CHECKS_SCHEMA)
        # documents.parquet last: it says which documents the other files cover.
        write_table(out_dir / "documents.parquet", [report_row(r) for r in reports],
                    DOCUMENTS_SCHEMA)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write the dataset: {exc}") from exc
