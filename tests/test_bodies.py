"""Bodies placed in the gazetteer: code, level, province, or a note saying why not."""

import pyarrow.parquet as pq
import pytest

from zxextract.bodies import place_body
from zxextract.pipeline import Settings, run

from test_pipeline import RAW_DIR


@pytest.mark.parametrize("body, code, level, province", [
    pytest.param("沙坪坝区政协", "500106", "county", "重庆市", id="区"),
    pytest.param("忠县政协", "500233", "county", "重庆市", id="县"),
    pytest.param("重庆市政协", "500000", "provincial", "重庆市", id="直辖市"),
    pytest.param("四川省政协", "510000", "provincial", "四川省", id="省"),
    pytest.param("广西壮族自治区政协", "450000", "provincial", "广西壮族自治区", id="自治区"),
    pytest.param("广安市政协", "511600", "prefecture", "四川省", id="地级市"),
    pytest.param("延边朝鲜族自治州政协", "222400", "prefecture", "吉林省", id="自治州"),
    pytest.param("全国政协", None, "national", None, id="全国"),
])
def test_a_body_is_placed(body, code, level, province):
    place = place_body(body)
    assert (place.body_code, place.level, place.province, place.body_note) == (code, level, province, None)


@pytest.mark.parametrize("body, reason", [
    pytest.param("达县政协", "not in the gazetteer", id="renamed"),
    pytest.param("江北区政协", "names 2 divisions", id="ambiguous"),
    pytest.param("某某委员会", "not a body name", id="not-a-body"),
])
def test_a_body_not_placed_keeps_null_codes_and_a_note(body, reason):
    place = place_body(body)
    assert (place.body_code, place.level, place.province) == (None, None, None)
    assert body in place.body_note and reason in place.body_note


def test_no_body_no_note():
    assert place_body(None).model_dump() == dict(body_code=None, level=None, province=None, body_note=None)


def test_metrics_parquet_carries_the_body_columns(tmp_path):
    run(RAW_DIR, tmp_path, Settings(jobs=1))
    rows = pq.read_table(tmp_path / "metrics.parquet").to_pylist()
    shapingba = [r for r in rows if r["body"] == "沙坪坝区政协"]
    assert shapingba and all((r["body_code"], r["level"], r["province"]) == ("500106", "county", "重庆市")
                             for r in shapingba)
    assert all(r["body_code"] is not None or r["body_note"] or r["level"] == "national" or r["body"] is None
               for r in rows)
