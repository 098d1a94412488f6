"""Reading: every encoding a scraped folder holds is decoded and named, and
every file that cannot be read is refused with a reason a person can act on."""

import hashlib
import json
import os
from pathlib import Path

import opencc
import pytest

from zxextract.errors import InputError
from zxextract.io import (CHECKS_SCHEMA, DOCUMENTS_SCHEMA, TMP_PREFIX, atomic_write, check_row, decode,
                          decode_document, doc_ids, link_into_place, read_document, read_input, remove_temporaries,
                          report_row, write_text)
from zxextract.models import Article, CheckFinding, DocumentReport, Severity

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
    with pytest.raises(InputError) as err:
        read_input(tmp_path / "nowhere.txt")
    assert err.value.reason == "cannot be read: No such file or directory"


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


def test_decode_notes_what_it_did():
    assert decode(b"\xef\xbb\xbf" + SNIPPET.encode("utf-8"), "x.txt")[2] == ("byte-order mark: utf-8-sig",)
    assert decode(SNIPPET.encode("gb18030"), "x.txt")[2] == ("encoding detected: gb18030",)
    assert decode(SNIPPET.encode("utf-16-le"), "x.txt")[2] == ("encoding guessed: utf-16-le (no byte-order mark)",)
    assert decode(SNIPPET.encode("utf-16-be"), "x.txt")[1] == "utf-16-be"
    data = SNIPPET[:10].encode("utf-8") + b"\xff" + SNIPPET[10:].encode("utf-8")
    assert decode(data, "x.txt")[2] == ("1 undecodable byte sequence(s) replaced by U+FFFD",)
    data = SNIPPET.encode("utf-8")
    assert decode(data, "x.txt") == (SNIPPET, "utf-8", ())


def test_a_replacement_character_in_the_text_is_not_counted_as_a_bad_byte():
    text = "提案\ufffd" * 40 + SNIPPET
    decoded, encoding, notes = decode(text[:10].encode("utf-8") + b"\xff" + text[10:].encode("utf-8"), "x.txt")
    assert encoding == "utf-8" and notes == ("1 undecodable byte sequence(s) replaced by U+FFFD",)


def test_two_bad_bytes_stay_utf8_and_three_do_not():
    text = SNIPPET * 3
    two = text[:20].encode("utf-8") + b"\xff" + text[20:40].encode("utf-8") + b"\xff" + text[40:].encode("utf-8")
    assert decode(two, "x.txt")[1:] == ("utf-8", ("2 undecodable byte sequence(s) replaced by U+FFFD",))
    three = two[:10] + b"\xff" + two[10:]
    with pytest.raises(InputError) as err:
        decode(three, "x.txt")
    assert err.value.reason == ("not text in any encoding the detector knows (a binary file?); "
                                "remove it or convert it to UTF-8")


def test_a_long_text_may_have_more_bad_bytes():
    text = SNIPPET * 60  # some 10,000 bytes: 0.1 % of them is 10
    data = b"\xff".join(text[k:k + 600].encode("utf-8") for k in range(0, 1800, 600)) + text[1800:].encode("utf-8")
    assert decode(data, "x.txt")[1:] == ("utf-8", ("2 undecodable byte sequence(s) replaced by U+FFFD",))
    data = b"\xff".join(text[k:k + 600].encode("utf-8") for k in range(0, 3000, 600)) + text[3000:].encode("utf-8")
    assert decode(data, "x.txt")[1:] == ("utf-8", ("4 undecodable byte sequence(s) replaced by U+FFFD",))


def test_text_without_nul_bytes_is_not_tried_as_utf16():
    text = "report 2024 ab " * 10
    assert decode(text.encode("utf-8"), "x.txt") == (text, "utf-8", ())


def test_decode_document_names_the_file(tmp_path):
    with pytest.raises(InputError) as err:
        decode_document(tmp_path / "empty.txt", b"")
    assert err.value.path == str(tmp_path / "empty.txt")


def test_a_share_of_garbage_at_the_limit_is_text():
    text = "政" * 99 + "\x01"
    assert decode(text.encode("utf-8"), "x.txt")[0] == text
    with pytest.raises(InputError) as err:
        decode(("政" * 98 + "\x01\x02").encode("utf-8"), "x.txt")
    assert str(err.value).endswith("binary data, not a text file (2% of it decoded as utf-8 are control or "
                                   "unassigned characters); remove it from the input folder")


def test_unreadable_messages_say_what_to_do():
    with pytest.raises(InputError) as err:
        decode(b"", "x.txt")
    assert err.value.reason == "the file is empty"


def test_utf16_big_endian_that_is_no_little_endian_text():
    # Ø (U+00D8) read as little-endian is a lone surrogate.
    text = "Ø" + SNIPPET
    assert decode(text.encode("utf-16-be"), "x.txt") == (
        text, "utf-16-be", ("encoding guessed: utf-16-be (no byte-order mark)",))


def test_doc_ids_are_paths_under_the_folder_and_clash_keeps_the_extension(tmp_path):
    files = [tmp_path / "2024" / "a" / "report.txt", tmp_path / "2024" / "a" / "report.html",
             tmp_path / "2024" / "b" / "report.txt", tmp_path / "one.txt"]
    assert doc_ids(files, tmp_path) == {
        files[0]: "2024/a/report.txt", files[1]: "2024/a/report.html", files[2]: "2024/b/report", files[3]: "one"}


def test_decode_and_read_a_document(tmp_path):
    path = tmp_path / "d.txt"
    data = SNIPPET.encode("gb18030")
    path.write_bytes(data)
    doc, notes = decode_document(path, data, "2024/d")
    assert (doc.doc_id, doc.path, doc.text, doc.encoding, doc.n_bytes, doc.sha256) == \
        ("2024/d", str(path), SNIPPET, "gb18030", len(data), hashlib.sha256(data).hexdigest())
    assert notes == ("encoding detected: gb18030",)
    assert decode_document(path, data)[0].doc_id == "d"
    assert read_document(path) == decode_document(path, data)[0]


def test_read_input_messages(tmp_path):
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(InputError) as err:
        read_input(tmp_path / "broken.txt")
    assert (err.value.path, err.value.reason) == (str(tmp_path / "broken.txt"),
                                                 "cannot be read: No such file or directory (a broken link?)")
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError) as err:
        read_input(tmp_path / "pipe.txt")
    assert (err.value.path, err.value.reason) == (
        str(tmp_path / "pipe.txt"), "is not a regular file (a pipe, socket or device); move it out of the input folder")
    (tmp_path / "big.txt").write_bytes(b"x" * (3 * 2**20 // 2))
    with pytest.raises(InputError) as err:
        read_input(tmp_path / "big.txt", max_bytes=2**20)
    assert (err.value.path, err.value.reason) == (
        str(tmp_path / "big.txt"), "is 1.5 MiB, over the 1 MiB limit; split it into documents or raise --max-mb")


def test_rows_for_parquet():
    report = DocumentReport(doc_id="d", path="d.txt", sha256="ab", encoding="utf-8", status="ok",
                            articles=(Article(start=0, end=5, title="标题", body="某区政协", year=2024),))
    row = report_row(report, ("note one", "note two"), "rules-1")
    assert (row["n_articles"], row["notes"], row["rules_version"], row["doc_id"]) == \
        (1, "note one; note two", "rules-1", "d")
    assert json.loads(row["articles"]) == [report.articles[0].model_dump()]
    assert "某区政协" in row["articles"]
    assert set(row) == set(DOCUMENTS_SCHEMA.names)
    assert report_row(report, (), "rules-1")["notes"] is None
    finding = CheckFinding(doc_id="d", check="rate_range", severity=Severity.warning, message="m")
    assert check_row(finding)["severity"] == "warning" and set(check_row(finding)) == set(CHECKS_SCHEMA.names)


def test_atomic_write_makes_the_folders_and_keeps_the_error_of_the_write(tmp_path):
    target = tmp_path / "a" / "b" / "out.txt"

    def fails_before_writing(tmp: Path) -> None:
        raise ValueError("nothing written")

    with pytest.raises(ValueError, match="nothing written"):
        atomic_write(target, fails_before_writing)
    write_text(target, "收到提案536件")
    assert target.read_bytes() == "收到提案536件".encode("utf-8")
