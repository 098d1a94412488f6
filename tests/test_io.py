"""Reading: every encoding a scraped folder holds is decoded and named, and
every file that cannot be read is refused with a reason a person can act on."""

import os
from pathlib import Path

import opencc
import pytest

from zxextract.errors import InputError
from zxextract.io import TMP_PREFIX, atomic_write, decode, link_into_place, read_input, remove_temporaries, write_text

SNIPPET = ("2024年，沙坪坝区政协共收到政协提案536件，审查立案284件，已全部办结；"
           "整理报送社情民意信息314条，被全国政协采用30条、市政协采用84条。\n")
TRADITIONAL = opencc.OpenCC("s2t").convert(SNIPPET)


@pytest.mark.parametrize("data, text, encoding", [
    pytest.param(SNIPPET.encode("utf-8"), SNIPPET, "utf-8", id="utf-8"),
    pytest.param(b"\xef\xbb\xbf" + SNIPPET.encode("utf-8"), SNIPPET, "utf-8-sig", id="utf-8-bom"),
    pytest.param(SNIPPET.encode("utf-16"), SNIPPET, "utf-16-le", id="utf-16-bom"),
    pytest.param(b"\xfe\xff" + SNIPPET.encode("utf-16-be"), SNIPPET, "utf-16-be", id="utf-16-be-bom"),
    pytest.param(SNIPPET.encode("utf-16-le"), SNIPPET, "utf-16-le", id="utf-16-no-bom"),
    pytest.param(SNIPPET.encode("utf-32"), SNIPPET, "utf-32-le", id="utf-32-bom"),
    pytest.param(SNIPPET.encode("gb18030"), SNIPPET, "gb18030", id="gb18030"),
    # GBK and GB2312 are subsets of GB18030: the same text, whichever is named.
    pytest.param(SNIPPET.encode("gbk"), SNIPPET, "gb18030", id="gbk"),
    pytest.param(SNIPPET.encode("gb2312"), SNIPPET, "gb18030", id="gb2312"),
    pytest.param(TRADITIONAL.encode("big5"), TRADITIONAL, "big5", id="big5"),
])
def test_encodings_are_detected(data, text, encoding):
    decoded, found, notes = decode(data, "x.txt")
    assert decoded == text
    assert found == encoding
    assert encoding == "utf-8" or notes, "a non-UTF-8 input is noted"


def test_a_few_bad_bytes_in_utf8_are_replaced_not_fatal():
    data = SNIPPET[:10].encode("utf-8") + b"\xff" + SNIPPET[10:].encode("utf-8")[:-2]
    decoded, encoding, notes = decode(data, "x.txt")
    assert encoding == "utf-8"
    assert decoded.count("\ufffd") == 2  # the stray byte and the cut last character
    assert "replaced" in notes[0]


@pytest.mark.parametrize("data, reason", [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b" \n\t\r\n", "empty", id="white-space"),
    pytest.param("\n \n".encode("utf-16"), "no text", id="utf-16-white-space"),
    pytest.param(os.urandom(4096), "binary", id="random-bytes"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16, "binary", id="png"),
    pytest.param(b"\x00" * 1000, "binary", id="nul-bytes"),
    pytest.param(b"\xff\xfe" + b"\x00\xd8" * 10, "does not decode", id="bad-utf-16"),
])
def test_unreadable_data_is_refused_with_a_reason(data, reason):
    with pytest.raises(InputError, match=reason) as err:
        decode(data, "x.txt")
    assert err.value.path == "x.txt"


def test_read_input_refuses_what_is_not_a_readable_file(tmp_path):
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match="broken link"):
        read_input(tmp_path / "broken.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read_input(tmp_path / "pipe.txt")
    (tmp_path / "big.txt").write_bytes(b"x" * 2048)
    with pytest.raises(InputError, match="over the .* limit"):
        read_input(tmp_path / "big.txt", max_bytes=1024)
    assert read_input(tmp_path / "big.txt", max_bytes=2048) == b"x" * 2048


def test_read_input_refuses_a_file_without_permission(tmp_path, monkeypatch):
    # Faked: CI runs as root, who reads files whatever their mode.
    path = tmp_path / "secret.txt"
    path.write_text(SNIPPET, encoding="utf-8")

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InputError, match="Permission denied; check its permissions") as err:
        read_input(path)
    assert err.value.path == str(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="cannot be read: No such file") as err:
        read_input(tmp_path / "nowhere.txt")
    assert "broken link" not in str(err.value)


# --- writing ----------------------------------------------------------------

def test_atomic_write_replaces_the_target_only_when_the_write_is_done(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    atomic_write(target, lambda tmp: tmp.write_text("first", encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == "first"

    def interrupted(tmp: Path) -> None:
        tmp.write_text("half of the sec", encoding="utf-8")
        assert not target.read_text(encoding="utf-8").startswith("half"), "written in place"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, interrupted)
    assert target.read_text(encoding="utf-8") == "first"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"], "the temporary file is removed"


def test_write_text_is_utf8_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "t.txt"
    target.write_text("old", encoding="utf-8")
    write_text(target, SNIPPET)
    assert target.read_bytes() == SNIPPET.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]


def test_link_into_place_makes_the_same_file_or_a_copy(tmp_path, monkeypatch):
    source, target = tmp_path / "part.txt", tmp_path / "clean" / "d.txt"
    source.write_text(SNIPPET, encoding="utf-8")
    link_into_place(source, target)
    assert target.samefile(source)
    (tmp_path / "other.txt").write_text("other", encoding="utf-8")
    link_into_place(tmp_path / "other.txt", target)  # replaces an existing target
    assert target.read_text(encoding="utf-8") == "other"

    def no_hard_links(*args):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_hard_links)
    link_into_place(source, target)
    assert target.read_text(encoding="utf-8") == SNIPPET and not target.samefile(source)
    assert sorted(p.name for p in target.parent.iterdir()) == ["d.txt"]


def test_remove_temporaries_removes_only_temporaries(tmp_path):
    (tmp_path / f"{TMP_PREFIX}metrics.parquet.42").write_bytes(b"x")
    (tmp_path / "metrics.parquet").write_bytes(b"y")
    remove_temporaries(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["metrics.parquet"]
