"""TimeML in and out, and the TempEval-3 scorer on hand-made documents with known counts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dateline.errors import EvalError
from dateline.eval.timex import evaluate_timex, score_document
from dateline.models import Timex
from dateline.timex import read_timeml, tag, write_timeml

GOLD = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>demo1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-11-07" temporalFunction="false" functionInDocument="CREATION_TIME">20231107</TIMEX3></DCT>
<TEXT>
The talks <EVENT eid="e1" class="OCCURRENCE">ended</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2023-11-06">Monday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> &amp; nights.
They resume <TIMEX3 tid="t3" type="DATE" value="2023-W46">next week</TIMEX3>, AT&amp;T said.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    p = tmp_path / "gold" / "demo1.tml"
    p.parent.mkdir()
    p.write_text(GOLD, encoding="utf-8")
    return p


def test_read_timeml(gold_file: Path) -> None:
    doc = read_timeml(gold_file)
    assert doc.docid == "demo1"
    assert doc.dct == date(2023, 11, 7)
    assert doc.text.startswith("\nThe talks ended on Monday after three days & nights.")
    assert [(t.text, t.type, t.value) for t in doc.gold] == [
        ("Monday", "DATE", "2023-11-06"),
        ("three days", "DURATION", "P3D"),
        ("next week", "DATE", "2023-W46"),
    ]
    for t in doc.gold:
        assert doc.text[t.start : t.end] == t.text


def test_round_trip_keeps_text_and_spans(gold_file: Path, tmp_path: Path) -> None:
    doc = read_timeml(gold_file)
    out = tmp_path / "sys" / "demo1.tml"
    out.parent.mkdir()
    out.write_text(write_timeml(doc, doc.gold), encoding="utf-8")
    again = read_timeml(out)
    assert again.text == doc.text
    assert again.dct == doc.dct
    assert [(t.start, t.end, t.type, t.value) for t in again.gold] == [
        (t.start, t.end, t.type, t.value) for t in doc.gold
    ]


def test_round_trip_of_tagger_output(gold_file: Path, tmp_path: Path) -> None:
    doc = read_timeml(gold_file)
    pred = tag(doc.text, dct=doc.dct)
    p = tmp_path / "pred.tml"
    p.write_text(write_timeml(doc, pred), encoding="utf-8")
    again = read_timeml(p)
    assert again.text == doc.text
    assert [(t.start, t.end, t.value) for t in again.gold] == [(t.start, t.end, t.value) for t in pred]
    assert 'tid="t1"' in p.read_text() and "<TLINK" not in p.read_text()


def test_overlapping_spans_are_not_nested(gold_file: Path) -> None:
    doc = read_timeml(gold_file)
    a = Timex(19, 25, "Monday", "DATE", "2023-11-06")
    b = Timex(19, 22, "Mon", "DATE", "2023-11-06")
    out = write_timeml(doc, [a, b])
    assert out.count('<TIMEX3 tid="t1"') == 1 and 'tid="t2"' not in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<TimeML><TEXT>unclosed", "not well-formed"),
        ("<TimeML><DOCID>x</DOCID></TimeML>", "no <TEXT>"),
        ('<TimeML><TEXT><TIMEX3 tid="t1">Monday</TIMEX3></TEXT></TimeML>', "type or value"),
    ],
)
def test_malformed_files_raise_eval_error_naming_the_file(tmp_path: Path, content: str, message: str) -> None:
    p = tmp_path / "bad.tml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match=message) as err:
        read_timeml(p)
    assert "bad.tml" in str(err.value)


def _t(start: int, end: int, value: str, typ: str = "DATE") -> Timex:
    return Timex(start, end, "", typ, value)  # type: ignore[arg-type]


def test_scorer_counts() -> None:
    text = "aaaa bbbb cccc dddd eeee ffff gggg"
    #       0    5    10   15   20   25   30
    gold = [_t(0, 9, "V1"), _t(10, 14, "V2"), _t(20, 24, "V3"), _t(30, 34, "V4")]
    pred = [
        _t(0, 9, "V1"),  # strict match, value right
        _t(10, 19, "WRONG"),  # relaxed match only, value wrong
        _t(25, 29, "V9"),  # false positive
        _t(30, 34, "V4", "TIME"),  # strict match, value right, type wrong
    ]
    c = score_document(text, gold, pred)
    assert (c.gold, c.pred, c.strict_tp, c.relaxed_pred_tp, c.relaxed_gold_tp) == (4, 4, 2, 3, 3)
    assert (c.value_ok, c.type_ok) == (2, 2)
    s = c.scores()
    assert s["strict-F1"] == 50.0
    assert s["relaxed-F1"] == 75.0
    assert s["value-F1"] == pytest.approx(100 * (2 / 3) * 0.75, abs=0.01)


def test_scorer_whitespace_overlap_is_no_match() -> None:
    text = "aaaa bbbb"
    c = score_document(text, [_t(0, 4, "V")], [_t(4, 9, "V")])
    assert c.relaxed_gold_tp == 0 and c.relaxed_pred_tp == 0


def test_evaluate_timex_writes_predictions_and_config(gold_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = evaluate_timex(gold_file.parent, out=out)
    for key in ("docs", "strict-F1", "relaxed-F1", "value-F1", "seconds"):
        assert key in result
    assert result["docs"] == 1
    assert result["relaxed-F1"] == 100.0
    assert (out / "demo1.tml").exists()
    assert read_timeml(out / "demo1.tml").text == read_timeml(gold_file).text
    assert json.loads((out / "scores.json").read_text())["docs"] == 1
    assert json.loads((out / "config.json").read_text())["documents"] == ["demo1.tml"]


def test_evaluate_timex_rejects_an_empty_or_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match=r"no \.tml files"):
        evaluate_timex(tmp_path)
    with pytest.raises(EvalError, match="no such directory"):
        evaluate_timex(tmp_path / "missing")
