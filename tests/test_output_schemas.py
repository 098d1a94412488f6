"""Frame schemas of the Parquet files: what the writer writes passes, drift fails."""

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from zxextract import store
from zxextract.errors import OutputError
from zxextract.facts import FACTS_SCHEMA
from zxextract.io import CHECKS_SCHEMA, DOCUMENTS_SCHEMA, METRICS_SCHEMA
from zxextract.output_schemas import SCHEMAS, check_table
from zxextract.pipeline import Settings, run

from test_pipeline import RAW_DIR

WRITER_SCHEMAS = {"metrics": METRICS_SCHEMA, "documents": DOCUMENTS_SCHEMA, "checks": CHECKS_SCHEMA,
                  "facts": FACTS_SCHEMA}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    run(RAW_DIR, out, Settings(jobs=1))
    return out


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_published_files_pass(out, name):
    table = pq.read_table(out / f"{name}.parquet")
    assert table.num_rows > 0
    check_table(name, table)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_writer_schema_is_the_frame_schema(name):
    """Every column the writer declares, in order and type, is in the frame schema."""
    check_table(name, WRITER_SCHEMAS[name].empty_table())


def replaced(table: pa.Table, column: str, values) -> pa.Table:
    index = table.schema.get_field_index(column)
    return table.set_column(index, table.schema.field(index).with_type(values.type), values)


def first_set(table: pa.Table, column: str, value) -> pa.Table:
    values = table[column].to_pylist()
    values[0] = value
    return replaced(table, column, pa.array(values, table.schema.field(column).type))


DRIFTS = [
    pytest.param("metrics", lambda t: replaced(t, "year", pc.cast(t["year"], pa.int32())), "year", id="year-int32"),
    pytest.param("metrics", lambda t: replaced(t, "value", pc.cast(t["value"], pa.string())), "value",
                 id="value-string"),
    pytest.param("metrics", lambda t: first_set(t, "level", "city"), "level", id="unknown-level"),
    pytest.param("metrics", lambda t: first_set(t, "body_code", "5001"), "body_code", id="short-code"),
    pytest.param("metrics", lambda t: first_set(t, "metric", "proposal_count"), "metric", id="unknown-metric"),
    pytest.param("metrics", lambda t: first_set(t, "year", 1900), "year", id="year-out-of-range"),
    pytest.param("metrics", lambda t: first_set(t, "char_end", t["char_start"][0].as_py()), "char_end",
                 id="empty-span"),
    pytest.param("metrics", lambda t: t.drop_columns(["body_note"]), "body_note", id="column-missing"),
    pytest.param("metrics", lambda t: t.append_column("page", pa.array([1] * t.num_rows)), "page",
                 id="column-undeclared"),
    pytest.param("documents", lambda t: first_set(t, "doc_id", t["doc_id"][1].as_py()), "doc_id",
                 id="doc_id-twice"),
    pytest.param("documents", lambda t: first_set(t, "status", "failed"), "error", id="failed-without-reason"),
    pytest.param("checks", lambda t: first_set(t, "severity", "fatal"), "severity", id="unknown-severity"),
    pytest.param("facts", lambda t: first_set(t, "n_records", 0), "n_records", id="fact-of-no-record"),
    pytest.param("facts", lambda t: first_set(t, "conflict", True), "conflict", id="conflict-without-values"),
]


@pytest.mark.parametrize("name, drift, column", DRIFTS)
def test_drift_is_refused(out, name, drift, column):
    with pytest.raises(OutputError, match=f"{name}.parquet") as raised:
        check_table(name, drift(pq.read_table(out / f"{name}.parquet")))
    assert column in str(raised.value)


def test_the_writer_refuses_a_row_that_breaks_the_schema_and_keeps_the_last_dataset(tmp_path, monkeypatch):
    run(RAW_DIR, tmp_path, Settings(jobs=1))
    before = (tmp_path / "metrics.parquet").read_bytes()
    row_of = store.record_row
    monkeypatch.setattr(store, "record_row", lambda record: row_of(record) | {"level": "city"})
    with pytest.raises(OutputError, match="metrics.parquet.*level"):
        run(RAW_DIR, tmp_path, Settings(jobs=1, force=True))
    assert (tmp_path / "metrics.parquet").read_bytes() == before
