"""The Dask engine writes the dataset the local engine writes: on a
LocalCluster of two worker processes reached by its address, and on the
LocalCluster the engine starts itself."""

import logging
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import regex
from dask.distributed import LocalCluster

from zxextract.pipeline import Settings, run

RAW_FILES = sorted((Path(__file__).resolve().parents[1] / "data" / "raw").glob("*.txt"))


def assert_same_dataset(a: Path, b: Path) -> None:
    for name in ("metrics", "checks", "documents"):
        assert pq.read_table(a / f"{name}.parquet").equals(pq.read_table(b / f"{name}.parquet")), name
    assert sorted((a / "clean").iterdir()) != []
    for path in (a / "clean").iterdir():
        assert path.read_bytes() == (b / "clean" / path.name).read_bytes()
    assert len(list((a / "clean").iterdir())) == len(list((b / "clean").iterdir()))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """Fifteen documents (the samples with their counts changed) plus an empty
    file, and the dataset a local run writes from them."""
    in_dir = tmp_path_factory.mktemp("dask") / "in"
    in_dir.mkdir()
    for k in range(3):
        for path in RAW_FILES:
            text = regex.sub(r"(?<!\d)\d{1,3}(?![\d年])", lambda m: str(int(m.group()) + k),
                             path.read_text(encoding="utf-8"))
            (in_dir / f"{k}_{path.name}").write_text(text, encoding="utf-8")
    (in_dir / "empty.txt").write_bytes(b"")
    local = in_dir.parent / "local"
    run(in_dir, local, Settings(jobs=1))
    return in_dir, local


def test_dask_cluster_by_address_gives_the_local_dataset(corpus, tmp_path):
    in_dir, local = corpus
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        summary = run(in_dir, tmp_path / "dask",
                      Settings(engine="dask", scheduler=cluster.scheduler_address, jobs=2))
    assert (summary.documents, summary.failed) == (16, 1)
    assert_same_dataset(tmp_path / "dask", local)


def test_dask_engine_starts_its_own_local_cluster(corpus, tmp_path):
    in_dir, local = corpus
    run(in_dir, tmp_path / "dask", Settings(engine="dask", jobs=2))
    assert_same_dataset(tmp_path / "dask", local)
