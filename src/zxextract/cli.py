"""A thin command line over the library: exceptions become `Error: …`, exit 1."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import ZxError
from .evaluate import format_report, load_gold, load_predictions, score
from .io import DEFAULT_MAX_BYTES
from .pipeline import DEFAULT_RULES_DIR, Settings, available_cores, run
from .store import DocumentOutcome


def _extract(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    # No monitor thread: worker processes are forked, and forking beside a
    # thread is unsafe.
    tqdm.monitor_interval = 0
    progress = None  # made at the first document, so an early error stands alone

    def on_document(outcome: DocumentOutcome) -> None:
        nonlocal progress
        if progress is None:
            progress = tqdm(desc="extracting", unit="doc", disable=args.quiet, file=sys.stderr)
        progress.update(1)
        if outcome.status == "failed":
            progress.write(f"failed: {outcome.path}: {outcome.error}", file=sys.stderr)
        if not args.quiet and not outcome.cached:
            for note in outcome.notes:
                progress.write(f"note: {outcome.path}: {note}", file=sys.stderr)

    settings = Settings(rules_dir=Path(args.rules), jobs=args.jobs or available_cores(),
                        engine=args.engine, scheduler=args.scheduler, force=args.force,
                        max_bytes=int(args.max_mb * 2**20), ner=args.ner)
    try:
        summary = run(Path(args.input), Path(args.output), settings, on_document=on_document)
    finally:
        if progress is not None:
            progress.close()
    print(f"{summary.documents} documents ({summary.failed} failed, {summary.skipped} unchanged and "
          f"skipped), {summary.records} records, {summary.checks} check findings -> {args.output} "
          f"(rules {summary.rules_version}) in {summary.seconds:.1f} s")
    return 0


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number")
    return value


def _eval(args: argparse.Namespace) -> int:
    result = score(load_predictions(Path(args.pred)), load_gold(Path(args.gold)))
    print(format_report(result))
    if args.errors:
        for p in result.unmatched_pred:
            print(f"FP {p['doc_id'][:3]} {p['metric']} {p['value']:g} {p.get('scope')} | {p['evidence'][:60]}")
        for g in result.unmatched_gold:
            print(f"FN {g['doc_id'][:3]} {g['metric']} {g['value']:g} {g.get('scope')} | {g['evidence'][:60]}")
    return 0


def _real(args: argparse.Namespace) -> int:
    from .pipeline import Extractors
    from .realpages import PARTS, format_parts, load_corpus, predictions, score_parts
    from .rules import load_rules

    texts = Path(args.texts)
    pages, problems = load_corpus(texts, Path(args.corpus), tuple(args.part or PARTS))
    for problem in problems:
        print(f"skipped: {problem}", file=sys.stderr)
    if not pages:
        raise ZxError(f"{texts}: no text of the real pages matches its source; see tests/real/README.md")
    rows = predictions(pages, Extractors(load_rules(Path(args.rules)), args.ner))
    scores = score_parts(pages, rows)
    print(format_parts(scores))
    if args.errors:
        for part in scores:
            print(f"\n== {part.part}\n{format_report(part.strict)}")
            for p in part.strict.unmatched_pred:
                print(f"FP {p['doc_id']} {p['body']} {p['year']} {p['metric']} {p['value']:g} {p.get('scope')} "
                      f"| {p['evidence'][:70]}")
            for g in part.strict.unmatched_gold:
                print(f"FN {g['doc_id']} {g['body']} {g['year']} {g['metric']} {g['value']:g} {g.get('scope')} "
                      f"| {g['evidence'][:70]}")
    return 0


def _review(args: argparse.Namespace) -> int:
    from .review import build_review

    summary = build_review(Path(args.out_dir))
    print(f"{summary.documents} documents, {summary.pages} pages, {summary.marks} records marked -> {summary.path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zxextract", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser("extract", help="extract IN_DIR into Parquet in OUT_DIR")
    ext.add_argument("input", metavar="IN_DIR")
    ext.add_argument("-o", "--output", required=True, metavar="OUT_DIR")
    ext.add_argument("--rules", default=str(DEFAULT_RULES_DIR), metavar="DIR")
    ext.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no notes")
    ext.add_argument("-j", "--jobs", type=_positive_int, metavar="N",
                     help=f"documents extracted in parallel (default: all {available_cores()} cores)")
    ext.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local processes, or a Dask cluster (a local one unless --scheduler)")
    ext.add_argument("--scheduler", metavar="ADDRESS",
                     help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (needs --engine dask)")
    ext.add_argument("--force", action="store_true",
                     help="extract every document again, even those unchanged since the last run")
    ext.add_argument("--ner", action="store_true",
                     help="also run the statistical NER (more recall, less precision: see README)")
    ext.add_argument("--max-mb", type=_positive_float, default=DEFAULT_MAX_BYTES / 2**20, metavar="MB",
                     help="files larger than this are recorded as failed, unread (default: %(default)g)")
    ext.set_defaults(func=_extract)
    ev = sub.add_parser("eval", help="score predictions against gold records")
    ev.add_argument("pred", metavar="PRED", help="OUT_DIR of an extract run, or its metrics.parquet")
    ev.add_argument("gold", metavar="GOLD", help="directory of gold *.jsonl")
    ev.add_argument("--errors", action="store_true", help="list false positives and negatives")
    ev.set_defaults(func=_eval)
    rev = sub.add_parser("review", help="write OUT_DIR/review/: static pages to check each record against its text")
    rev.add_argument("out_dir", metavar="OUT_DIR", help="the output directory of an extract run")
    rev.set_defaults(func=_review)
    from .realpages import CORPUS_DIR, PARTS, default_texts_dir

    real = sub.add_parser("real", help="score the extractor on the real pages, part by part")
    real.add_argument("--texts", default=str(default_texts_dir()), metavar="DIR",
                      help="folder of the pages' texts (default: $ZX_REAL_TEXTS or %(default)s)")
    real.add_argument("--corpus", default=str(CORPUS_DIR), metavar="DIR", help="sources and labels")
    real.add_argument("--part", action="append", choices=PARTS, help="only this part (repeatable)")
    real.add_argument("--rules", default=str(DEFAULT_RULES_DIR), metavar="DIR")
    real.add_argument("--ner", action="store_true", help="also run the statistical NER")
    real.add_argument("--errors", action="store_true", help="per-metric tables, false positives and negatives")
    real.set_defaults(func=_real)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "scheduler", None) and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    try:
        return args.func(args)
    except ZxError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`zxextract eval … | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
