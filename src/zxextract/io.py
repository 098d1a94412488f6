"""Reading raw files and writing files atomically.

Reading raises InputError naming the file and the reason. Every input is
either decoded into text, with its encoding and any repair noted, or refused
with a reason a person can act on; nothing is skipped silently. Writing goes
through a temporary file beside the target, renamed into place, so a crash
never leaves a half-written file.
"""

from __future__ import annotations

import codecs
import hashlib
from collections import Counter
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import regex
from charset_normalizer import from_bytes

from .bodies import BODY_FIELDS, body_columns
from .errors import InputError
from .models import CheckFinding, DocumentReport, MetricRecord, RawDocument

# Checked longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS = (("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
        ("utf-8-sig", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE))
# A scraped page cut mid-character or with a stray byte is still worth reading:
# a few undecodable bytes (2, or 0.1% of the bytes, and under 5% of the
# characters, so that a short GBK text is not taken for broken UTF-8) are
# replaced by U+FFFD rather than the file refused.
MAX_REPLACED = 2
MAX_REPLACED_SHARE_OF_BYTES = 0.001
MAX_REPLACED_SHARE_OF_CHARS = 0.05
# Control characters (other than tab and line breaks), unassigned and private
# code points: above this share the "text" is binary data that happened to decode.
MAX_GARBAGE_SHARE = 0.01
GARBAGE = regex.compile(r"(?![\t\n\r\x0b\x0c])[\p{Cc}\p{Cn}\p{Co}\p{Cs}]")
TMP_PREFIX = ".zxtmp-"
# A report is tens of kilobytes; a file of megabytes is a dump of many. Such a
# file is still extracted (about 2 MB/s, some 25 MB of memory per MB) up to this
# size; a larger one is refused at once, before it is read.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

METRICS_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("body", pa.string()), ("year", pa.int16()),
    ("period_start", pa.int16()), ("period_end", pa.int16()),
    ("metric", pa.string()), ("value", pa.float64()), ("unit", pa.string()),
    ("qualifier", pa.string()), ("scope", pa.string()), ("status", pa.string()),
    ("evidence", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32()),
    ("extractor", pa.string()),
    ("page", pa.int32()),  # the PDF page of the number; null for other formats
] + BODY_FIELDS)
DOCUMENTS_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("path", pa.string()), ("sha256", pa.string()),
    ("encoding", pa.string()), ("status", pa.string()), ("error", pa.string()),
    ("chars_raw", pa.int64()), ("chars_clean", pa.int64()),
    ("paragraphs_duplicate", pa.int32()), ("joins_repaired", pa.int32()),
    ("doubled_chars_removed", pa.int32()), ("captions_removed", pa.int32()),
    ("page_markers_removed", pa.int32()), ("n_articles", pa.int32()),
    ("articles", pa.string()), ("n_records", pa.int32()),
    # What was repaired or converted on the way in (encoding, HTML residue,
    # traditional characters...), "; "-joined; null when nothing was.
    ("notes", pa.string()),
    ("rules_version", pa.string()),
    # What the input is, and its source metadata (spec §6); `published` as an ISO date, 2025-01-20.
    ("format", pa.string()), ("url", pa.string()), ("title", pa.string()), ("published", pa.string()),
])
CHECKS_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("check", pa.string()), ("severity", pa.string()),
    ("message", pa.string()), ("char_start", pa.int32()), ("metric", pa.string()),
])


def doc_id_of(path: Path) -> str:
    """The doc_id of a file read on its own: its name without the extension."""
    return path.stem


def doc_ids(files: list[Path], in_dir: Path) -> dict[Path, str]:
    """doc_id of each file under in_dir (spec §2): its path under in_dir without the
    extension (2024/shapingba/report); files that would share one (report.pdf,
    report.docx) each keep their extension."""
    bare = {path: path.relative_to(in_dir).with_suffix("").as_posix() for path in files}
    taken = Counter(bare.values())
    return {path: doc_id if taken[doc_id] == 1 else path.relative_to(in_dir).as_posix()
            for path, doc_id in bare.items()}


def read_input(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one input file. Raises InputError for anything that is not
    a readable regular file within the size limit."""
    try:
        info = path.stat()
    except OSError as exc:
        hint = " (a broken link?)" if path.is_symlink() else ""
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}{hint}")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(str(path), "is not a regular file (a pipe, socket or device); move it out of the input folder")
    if info.st_size > max_bytes:
        raise InputError(str(path), f"is {info.st_size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB "
                                    "limit; split it into documents or raise --max-mb")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}; check its permissions")


def _codec_name(name: str) -> str:
    """'utf_16_le' -> 'utf-16-le', 'GB2312' -> 'gb2312': one spelling per codec."""
    return codecs.lookup(name).name


def _garbage_share(text: str) -> float:
    return len(GARBAGE.findall(text)) / len(text)


def decode(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes; returns (text, encoding, notes). Raises InputError for
    empty or binary data."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    text, encoding, notes = _decode(data, path)
    if not text.strip():
        raise InputError(path, f"holds no text, only white space ({encoding})")
    garbage = _garbage_share(text)
    if garbage > MAX_GARBAGE_SHARE:
        raise InputError(path, f"binary data, not a text file ({garbage:.0%} of it decoded as {encoding} are "
                               "control or unassigned characters); remove it from the input folder")
    return text, encoding, notes


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark, accepted only if it reads as text."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text.strip() and _garbage_share(text) <= MAX_GARBAGE_SHARE:
            return text, encoding
    return None


def _decode(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    for encoding, bom in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding, (f"byte-order mark: {encoding}",)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {encoding} byte-order mark but does not decode: {exc}")
    # A NUL byte never occurs in UTF-8 text, but in UTF-16 it comes with
    # every digit, Latin letter and line break.
    utf16 = _utf16_without_bom(data) if b"\x00" in data else None
    if utf16 is None:
        try:
            return data.decode("utf-8"), "utf-8", ()
        except UnicodeDecodeError:
            pass
        # Before asking the detector: UTF-8 with a few bad bytes is still UTF-8,
        # where a GBK or Big5 file fails on nearly every Chinese character.
        text = data.decode("utf-8", errors="replace")
        replaced = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        if (replaced <= max(MAX_REPLACED, MAX_REPLACED_SHARE_OF_BYTES * len(data))
                and replaced < MAX_REPLACED_SHARE_OF_CHARS * len(text)):
            return text, "utf-8", (f"{replaced} undecodable byte sequence(s) replaced by U+FFFD",)
        best = from_bytes(data).best()
        if best is not None:
            encoding = _codec_name(best.encoding)
            return str(best), encoding, (f"encoding detected: {encoding}",)
        utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16[0], utf16[1], (f"encoding guessed: {utf16[1]} (no byte-order mark)",)
    raise InputError(path, "not text in any encoding the detector knows (a binary file?); "
                           "remove it or convert it to UTF-8")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_document(path: Path, data: bytes, doc_id: str | None = None) -> tuple[RawDocument, tuple[str, ...]]:
    """The RawDocument for bytes read from `path`, with the decoding notes."""
    text, encoding, notes = decode(data, str(path))
    return RawDocument(doc_id=doc_id or doc_id_of(path), path=str(path), text=text, sha256=sha256_of(data),
                       encoding=encoding, n_bytes=len(data)), notes


def read_document(path: Path) -> RawDocument:
    """Read and decode one file (no size limit): for scripts that take one file at a time."""
    return decode_document(path, read_input(path, max_bytes=2**63))[0]


def atomic_write(target: Path, write: Callable[[Path], None]) -> None:
    """Call write(tmp_path), then rename tmp_path over target. The temporary
    name is the target's with this process's id: one run at a time writes an
    output directory (store.PartStore holds the lock)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f"{TMP_PREFIX}{target.name}.{os.getpid()}"
    try:
        write(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(target: Path, text: str) -> None:
    atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def link_into_place(source: Path, target: Path) -> None:
    """Make `target` the same file as `source`, atomically: a hard link renamed
    into place (a copy where the file system has no hard links)."""
    def link(tmp: Path) -> None:
        tmp.unlink(missing_ok=True)
        try:
            os.link(source, tmp)
        except OSError:
            tmp.write_bytes(source.read_bytes())

    atomic_write(target, link)


def remove_temporaries(directory: Path) -> None:
    """Delete temporary files a killed run left in `directory`."""
    for tmp in directory.glob(f"{TMP_PREFIX}*"):
        tmp.unlink(missing_ok=True)


def record_row(record: MetricRecord) -> dict:
    return record.model_dump() | body_columns(record.body)


def report_row(report: DocumentReport, notes: tuple[str, ...], rules_version: str) -> dict:
    row = report.model_dump(mode="json", exclude={"articles"})
    row["n_articles"] = len(report.articles)
    row["articles"] = json.dumps([a.model_dump() for a in report.articles], ensure_ascii=False)
    row["notes"] = "; ".join(notes) or None
    row["rules_version"] = rules_version
    return row


def check_row(finding: CheckFinding) -> dict:
    row = finding.model_dump()
    row["severity"] = finding.severity.value
    return row
