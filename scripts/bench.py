"""`make bench`: throughput, scaling and memory of the full pipeline.

Builds a synthetic corpus from the sample documents (data/raw), 1x being
`--base-docs` documents, and 10x and 100x of it: each copy of a sample has
its own doc id and every count in it changed, so that no two documents share
their bytes and no cache can help. Each corpus is extracted by
`run()` in a fresh process into a fresh output directory, on all cores, while
the memory of that process and its workers is sampled; the table gives
documents/s, MB/s of raw text and the peak memory (PSS summed over the
processes, so pages shared by forked workers count once). Then the time per
stage, from a single-process run on the 10x corpus with every stage function
the pipeline calls wrapped in a timer.

Two ratios are measured in the same run, so that a busy machine slows both
sides: `x scan`, a run's time over that of one regex scan of the same files
(read, decode, the number pattern over the text, on one core), and the rule
layer alone on one core (clean texts prepared beforehand), with its
pre-filter and without.

    python scripts/bench.py [--base-docs 100] [--scales 1 10 100] [--jobs N] [--work bench/out]

A run has a fixed cost (loading and checking the rules, starting workers,
first use of Parquet) of about a second, which the table also gives: with a
base of a few documents it would hide how the work itself scales.
"""

from __future__ import annotations

import argparse
import inspect
import json
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil
import regex
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "data" / "raw"
COUNT = regex.compile(r"(?<![\d.])\d{1,3}(?![\d年.])")
SAMPLE_EVERY_SECONDS = 0.02


def build_corpus(target: Path, n_docs: int) -> tuple[int, int]:
    """`n_docs` documents, varied copies of the samples in turn; (files, bytes)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    samples = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(RAW_DIR.glob("*.txt"))]
    size = 0
    for n in range(n_docs):
        k = n // len(samples)
        name, text = samples[n % len(samples)]
        data = COUNT.sub(lambda m: str(int(m.group()) + k), text).encode("utf-8")
        (target / f"c{k:05d}_{name}").write_bytes(data)
        size += len(data)
    return n_docs, size


def _tree_memory(proc: psutil.Process) -> int:
    total = 0
    try:
        tree = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:  # a worker ended while its tree was listed
        tree = [proc]
    for p in tree:
        try:
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def measure(corpus: Path, out: Path, jobs: int, fresh: bool = True) -> dict:
    """Run the pipeline on `corpus` in a child process, sampling its memory."""
    if fresh and out.exists():
        shutil.rmtree(out)
    child = subprocess.Popen([sys.executable, __file__, "--child", str(corpus), str(out), str(jobs)],
                             stdout=subprocess.PIPE, text=True)
    proc, peak, done = psutil.Process(child.pid), 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_memory(proc))
            time.sleep(SAMPLE_EVERY_SECONDS)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stdout, _ = child.communicate()
    done.set()
    sampler.join()
    if child.returncode:
        sys.exit(f"bench: the run on {corpus} failed (exit {child.returncode})")
    return {**json.loads(stdout), "peak_bytes": peak}


def scan_seconds(corpus: Path, repeats: int = 3) -> float:
    """One regex scan of the corpus: every file read, decoded and searched for
    numbers with their measure words; the median of a few repeats."""
    from zxextract.numbers import NUMBER

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for path in sorted(corpus.iterdir()):
            sum(1 for _ in NUMBER.finditer(path.read_bytes().decode("utf-8")))
        times.append(time.perf_counter() - start)
    return median(times)


def rules_only(corpus: Path, repeats: int = 3) -> tuple[int, float, float]:
    """(bytes, seconds with the pre-filter, seconds without): the rule layer alone
    on one core over the corpus's clean texts, each the median of a few repeats,
    the two interleaved."""
    from dataclasses import replace

    from zxextract.clean import clean
    from zxextract.extract.rules import extract_with_rules
    from zxextract.io import decode_document
    from zxextract.pipeline import DEFAULT_RULES_DIR
    from zxextract.rules import load_rules
    from zxextract.sanitize import sanitize
    from zxextract.script import simplified_view

    rules = load_rules(DEFAULT_RULES_DIR)
    docs, size = [], 0
    for path in sorted(corpus.iterdir()):
        data = path.read_bytes()
        size += len(data)
        raw, _ = decode_document(path, data)
        docs.append(clean(raw.model_copy(update={"text": simplified_view(sanitize(raw.text).text).text})))
    spent: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(repeats):
        for filtered in (True, False):
            ruleset = rules if filtered else replace(rules, prefilter=None)
            start = time.perf_counter()
            for doc in docs:
                extract_with_rules(doc, ruleset)
            spent[filtered].append(time.perf_counter() - start)
    return size, median(spent[True]), median(spent[False])


def child(corpus: Path, out: Path, jobs: int) -> None:
    from zxextract.pipeline import Settings, run

    summary = run(corpus, out, Settings(jobs=jobs))
    if summary.failed:
        sys.exit(f"bench: {summary.failed} documents failed")
    print(json.dumps({"seconds": summary.seconds, "records": summary.records, "skipped": summary.skipped}))


def stage_times(corpus: Path, out: Path) -> tuple[float, dict[str, float]]:
    """One run in this process, every stage function that pipeline calls
    (and the part store's write and publish) timed."""
    from zxextract import pipeline, store
    from zxextract.pipeline import Settings, run

    spent: dict[str, float] = defaultdict(float)

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start
        return wrapper

    for name, fn in list(vars(pipeline).items()):
        if (inspect.isfunction(fn) and not inspect.isgeneratorfunction(fn)
                and fn.__module__ != pipeline.__name__ and fn.__module__.startswith("zxextract.")):
            setattr(pipeline, name, timed(f"{fn.__module__.removeprefix('zxextract.')}.{name}", fn))
    for name in ("write", "publish"):
        setattr(store.PartStore, name, timed(f"store.PartStore.{name}", getattr(store.PartStore, name)))
    if out.exists():
        shutil.rmtree(out)
    return run(corpus, out, Settings(jobs=1)).seconds, dict(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-docs", type=int, default=100, help="documents in the 1x corpus")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--jobs", type=int, default=len(psutil.Process().cpu_affinity() or [1]))
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--child", nargs=3, metavar=("IN", "OUT", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return

    # Rates depend on what else runs: the load says how busy the machine was.
    print(f"zxextract bench: {args.jobs} jobs, {psutil.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB; 1x = {args.base_docs} documents; "
          f"load {' '.join(f'{n:.2f}' for n in psutil.getloadavg())}")
    files, size = build_corpus(args.work / "corpus-samples", len(list(RAW_DIR.glob("*.txt"))))
    fixed = measure(args.work / "corpus-samples", args.work / "run-samples", args.jobs)
    print(f"fixed cost: the {files} samples alone ({size / 1e3:.0f} kB) take {fixed['seconds']:.2f} s")
    print(f"{'scale':>6} {'docs':>6} {'MB':>7} {'records':>8} {'seconds':>8} {'docs/s':>8} "
          f"{'MB/s':>6} {'peak MB':>8} {'x scan':>7}")
    rows = {}
    for scale in args.scales:
        corpus = args.work / f"corpus-{scale}x"
        files, size = build_corpus(corpus, scale * args.base_docs)
        m = measure(corpus, args.work / f"run-{scale}x", args.jobs)
        scan = scan_seconds(corpus)
        rows[scale] = (files, size, m, scan)
        print(f"{scale:>5}x {files:>6} {size / 1e6:>7.2f} {m['records']:>8} {m['seconds']:>8.2f} "
              f"{files / m['seconds']:>8.1f} {size / 1e6 / m['seconds']:>6.2f} {m['peak_bytes'] / 1e6:>8.0f} "
              f"{m['seconds'] / scan:>6.1f}x")

    if 10 in rows and 100 in rows:
        (_, s10, m10, _), (_, s100, m100, _) = rows[10], rows[100]
        marginal = (s100 - s10) / 1e6 / (m100["seconds"] - m10["seconds"])
        print(f"time 100x/10x: {m100['seconds'] / m10['seconds']:.2f} (target 8-12); "
              f"peak memory 100x/10x: {m100['peak_bytes'] / m10['peak_bytes']:.2f} (target <= 1.5)")
        print(f"marginal throughput 10x->100x: {marginal:.2f} MB/s")
        again = measure(args.work / "corpus-100x", args.work / "run-100x", args.jobs, fresh=False)
        print(f"re-run of 100x, nothing changed: {again['seconds']:.2f} s ({again['skipped']} skipped)")

    scale = 10 if 10 in rows else args.scales[0]
    files, size, m, scan = rows[scale]
    print(f"\none regex scan of the {scale}x files (read, decode, the number pattern; one core): "
          f"{scan:.2f} s, {size / 1e6 / scan:.1f} MB/s; the run took {m['seconds'] / scan:.1f}x as long "
          f"(target <= 16x)")
    size, filtered, unfiltered = rules_only(args.work / f"corpus-{scale}x")
    print(f"rules only, one core, {scale}x: {size / 1e6 / filtered:.2f} MB/s with the pre-filter "
          f"(target >= 2), {size / 1e6 / unfiltered:.2f} MB/s without; {unfiltered / filtered:.1f}x faster")
    total, spent = stage_times(args.work / f"corpus-{scale}x", args.work / f"stages-{scale}x")
    print(f"\ntime per stage, {scale}x corpus in one process ({total:.2f} s):")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.0005:
            print(f"  {name:<36} {seconds:>7.3f} s {seconds / total:>6.1%}")
    print(f"  {'other (orchestration, callbacks)':<36} {total - sum(spent.values()):>7.3f} s "
          f"{(total - sum(spent.values())) / total:>6.1%}")


if __name__ == "__main__":
    main()
