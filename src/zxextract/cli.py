"""A thin command line over the library: exceptions become `Error: …`, exit 1."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ZxError
from .evaluate import format_report, load_gold, load_predictions, score
from .pipeline import DEFAULT_RULES_DIR, Settings, run


def _extract(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    progress = tqdm(desc="extracting", unit="doc", disable=args.quiet, file=sys.stderr)

    def on_document(result) -> None:
        progress.update(1)
        if result.report.status == "failed":
            progress.write(f"failed: {result.report.path}: {result.report.error}", file=sys.stderr)

    summary = run(Path(args.input), Path(args.output), Settings(rules_dir=Path(args.rules)),
                  on_document=on_document)
    progress.close()
    print(f"{summary.documents} documents ({summary.failed} failed), {summary.records} records, "
          f"{summary.checks} check findings -> {args.output} (rules {summary.rules_version})")
    return 0


def _eval(args: argparse.Namespace) -> int:
    result = score(load_predictions(Path(args.pred)), load_gold(Path(args.gold)))
    print(format_report(result))
    if args.errors:
        for p in result.unmatched_pred:
            print(f"FP {p['doc_id'][:3]} {p['metric']} {p['value']:g} {p.get('scope')} | {p['evidence'][:60]}")
        for g in result.unmatched_gold:
            print(f"FN {g['doc_id'][:3]} {g['metric']} {g['value']:g} {g.get('scope')} | {g['evidence'][:60]}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zxextract", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser("extract", help="extract IN_DIR into Parquet in OUT_DIR")
    ext.add_argument("input", metavar="IN_DIR")
    ext.add_argument("-o", "--output", required=True, metavar="OUT_DIR")
    ext.add_argument("--rules", default=str(DEFAULT_RULES_DIR), metavar="DIR")
    ext.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ext.set_defaults(func=_extract)
    ev = sub.add_parser("eval", help="score predictions against gold records")
    ev.add_argument("pred", metavar="PRED", help="OUT_DIR of an extract run, or its metrics.parquet")
    ev.add_argument("gold", metavar="GOLD", help="directory of gold *.jsonl")
    ev.add_argument("--errors", action="store_true", help="list false positives and negatives")
    ev.set_defaults(func=_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ZxError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
