"""Source metadata a user gives for the input files (spec §6):
`IN_DIR/manifest.csv` or `IN_DIR/manifest.jsonl`, one row per file, with
`path` (relative to IN_DIR) and any of `url`, `title`, `published` (a date),
`body` and `year`. An empty value says nothing.

Every problem is collected and the run stops before reading a document, each
problem naming its line: `manifest.csv: line 3 (path "a.html"): no such file`.
Without a manifest, nothing changes.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import regex
from pydantic import ValidationError

from .errors import ManifestError
from .models import Article, Source

NAMES = ("manifest.csv", "manifest.jsonl")
COLUMNS = ("path", "url", "title", "published", "body", "year")
# 2025-01-20, 2025/1/20, 2025.1.20, 2025年1月20日, each optionally followed by a time.
DATE = regex.compile(r"\s*(\d{4})(?:-|/|\.|年)(\d{1,2})(?:-|/|\.|月)(\d{1,2})日?(?:[T\s]\d{1,2}:\d{2}(?::\d{2})?\S*)?\s*")


def manifest_of(in_dir: Path) -> Path | None:
    """The manifest in in_dir, if there is one."""
    found = [in_dir / name for name in NAMES if (in_dir / name).is_file()]
    if len(found) > 1:
        raise ManifestError([f"{in_dir}: both manifest.csv and manifest.jsonl; keep one"])
    return found[0] if found else None


def _rows(manifest: Path) -> list[tuple[int, dict]]:
    """(line number, row) of each row; a row's values as written."""
    text = manifest.read_text(encoding="utf-8-sig")
    if manifest.suffix == ".jsonl":
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ManifestError([f"{manifest.name}: line {number}: not JSON ({exc.msg})"]) from None
            if not isinstance(row, dict):
                raise ManifestError([f"{manifest.name}: line {number}: not a JSON object"])
            rows.append((number, row))
        return rows
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "path" not in reader.fieldnames:
        raise ManifestError([f"{manifest.name}: line 1: the header has no `path` column "
                             f"(columns: {', '.join(COLUMNS)})"])
    rows = []
    for row in reader:
        if None in row:
            raise ManifestError([f"{manifest.name}: line {reader.line_num}: more values than columns"])
        rows.append((reader.line_num, row))
    return rows


def _date(value: str) -> date:
    found = DATE.fullmatch(value)
    if found is None:
        raise ValueError(f"published {value!r} is not a date (write 2025-01-20)")
    try:
        return date(*map(int, found.groups()))
    except ValueError:
        raise ValueError(f"published {value!r} is not a date of the calendar") from None


def _source(row: dict) -> Source:
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items() if k != "path"}
    values = {k: v for k, v in values.items() if v not in (None, "")}
    unknown = sorted(set(values) - set(COLUMNS))
    if unknown:
        raise ValueError(f"unknown column(s) {', '.join(unknown)} (columns: {', '.join(COLUMNS)})")
    if "published" in values:
        values["published"] = _date(str(values["published"]))
    if "year" in values:
        if not str(values["year"]).isdigit():
            raise ValueError(f"year {values['year']!r} is not a year (write 2024)")
        values["year"] = int(values["year"])
    if "body" in values and not str(values["body"]).endswith("政协"):
        raise ValueError(f"body {values['body']!r} is not a body's name (write it as the spec does: 沙坪坝区政协)")
    try:
        return Source(**values)
    except ValidationError as exc:
        raise ValueError("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())) from None


def load_manifest(in_dir: Path, files: list[Path]) -> dict[Path, Source]:
    """The Source of each of `files` (the input files under in_dir) that the manifest
    names; {} without a manifest. Raises ManifestError listing every bad row."""
    manifest = manifest_of(in_dir)
    if manifest is None:
        return {}
    by_name = {path.relative_to(in_dir).as_posix(): path for path in files}
    sources: dict[Path, Source] = {}
    problems = []
    for number, row in _rows(manifest):
        name = str(row.get("path") or "").strip()
        where = f"{manifest.name}: line {number}" + (f" (path {name!r})" if name else "")
        path = by_name.get(Path(name).as_posix()) if name else None
        if not name:
            problems.append(f"{where}: no path")
        elif path is None:
            problems.append(f"{where}: no such file among the input files under {in_dir}")
        elif path in sources:
            problems.append(f"{where}: the file is named on an earlier line too")
        try:
            source = _source(row)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if path is not None and path not in sources:
            sources[path] = source
    if problems:
        raise ManifestError(problems)
    return sources


def source_columns(source: Source | None) -> dict:
    """The fields of a document's row that carry its source metadata."""
    return source.model_dump(include={"url", "title", "published"}) if source else {}


def disagreements(articles: tuple[Article, ...], source: Source | None) -> tuple[str, ...]:
    """Notes where the body or year given for a document differs from the one its
    text states (the text's is kept)."""
    if source is None:
        return ()
    notes = []
    for field in ("body", "year"):
        given = getattr(source, field)
        stated = sorted({str(getattr(a, field)) for a in articles if getattr(a, field) not in (None, given)})
        if given is not None and stated:
            notes.append(f"the manifest gives {field} {given}, the text states {', '.join(stated)}: "
                         "the text's is kept")
    return tuple(notes)
