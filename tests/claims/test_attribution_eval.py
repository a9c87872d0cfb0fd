"""The PolNeAR reader, the scorer and the ``evaluate_attribution`` run on tiny hand-made brat files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.errors import EvalError
from dateline.eval.attribution import (
    AttributionScorer,
    GoldRelation,
    read_ann,
    read_split,
    split_dirs,
    write_ann,
)

TEXT = (
    "“We are ready,” the minister said, “and we will act.” "
    "It is unclear whether talks resume. Officials say the border is closed."
)
#           0         1         2         3         4         5
#           0123456789012345678901234567890123456789012345678901234
# content fragments: “We are ready,” = 0..15 ; “and we will act.” = 35..53


def ann_text() -> str:
    t = TEXT
    s_min = t.index("the minister")
    c_said = t.index("said")
    frag2 = t.index("“and")
    unclear = t.index("It is unclear whether")
    whether_end = unclear + len("It is unclear whether")
    talks = t.index("talks resume")
    officials = t.index("Officials")
    say = t.index("say the")
    border = t.index("the border is closed")
    return "\n".join(
        [
            f"T1\tSource {s_min} {s_min + 12}\tthe minister",
            f"T2\tCue {c_said} {c_said + 4}\tsaid",
            # A discontinuous content whose covered text wraps onto a second physical line.
            f"T3\tContent 0 15;{frag2} {frag2 + 18}\t“We are ready,”",
            "“and we will act.”",
            f"T4\tAttribution {c_said} {c_said + 4}\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            f"T5\tCue {unclear} {whether_end}\tIt is unclear whether",
            f"T6\tContent {talks} {talks + 12}\ttalks resume",
            f"T7\tAttribution-no-source {unclear} {whether_end}\tIt is unclear whether",
            "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",
            f"T8\tSource {officials} {officials + 9}\tOfficials",
            f"T9\tCue {say} {say + 3}\tsay",
            f"T10\tContent {border} {border + 10}\tthe border",
            f"T11\tContent {border + 11} {border + 20}\tis closed",
            f"T12\tAttribution {say} {say + 3}\tsay",
            "E3\tSource:T8 Cue:T9 Content:T10 Content2:T11 Attribution:T12",
            "T13\tDiscard 0 2\t“W",
            "E4\tAttribution:T12",
            "#1\tAnnotatorNotes T1\tchecked",
            "",
        ]
    )


@pytest.fixture
def split(tmp_path: Path) -> Path:
    root = tmp_path / "polnear"
    dev = root / "dev"
    (dev / "text").mkdir(parents=True)
    (dev / "attributions").mkdir()
    (dev / "text" / "nyt_2016-09-10_test.txt").write_text(TEXT, encoding="utf-8", newline="")
    (dev / "attributions" / "nyt_2016-09-10_test_aaaa.ann").write_text(ann_text(), encoding="utf-8")
    (dev / "attributions" / "nyt_2016-09-10_test_bbbb.ann").write_text("", encoding="utf-8")
    (root / "metadata.train-dev.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\ndev\tnyt_2016-09-10_test\t1\tbbbb|aaaa\n",
        encoding="utf-8",
    )
    return dev


def test_reader_handles_discontinuous_no_source_content2_and_wrapped_lines(split: Path):
    rels = read_ann(split / "attributions" / "nyt_2016-09-10_test_aaaa.ann", text=TEXT)
    assert len(rels) == 3  # E4 has no cue or content and is dropped
    quote, unclear, officials = rels
    assert [TEXT[s:e] for s, e in quote.content] == ["“We are ready,”", "“and we will act.”"]
    assert quote.source is not None and TEXT[slice(*quote.source[0])] == "the minister"
    assert unclear.source is None
    assert TEXT[slice(*unclear.cue[0])] == "It is unclear whether"
    assert [TEXT[s:e] for s, e in officials.content] == ["the border", "is closed"]


def test_reader_rejects_offsets_beyond_text(tmp_path: Path):
    ann = tmp_path / "x_aaaa.ann"
    ann.write_text("T1\tCue 5 500\tsaid\n", encoding="utf-8")
    with pytest.raises(EvalError):
        read_ann(ann, text="short text")


def test_first_annotator_in_metadata_order_is_used(split: Path):
    docs = list(read_split(split))
    assert len(docs) == 1
    # bbbb comes first in the metadata, and its (empty) file is the one read.
    assert docs[0].ann_path.name.endswith("_bbbb.ann")
    assert docs[0].relations == ()


def test_split_dirs(split: Path):
    assert split_dirs(split) == [split]
    assert split_dirs(split.parent) == [split]
    with pytest.raises(EvalError):
        split_dirs(split / "text")


def _rel(source: tuple[int, int] | None, cue: tuple[int, int], content: tuple[int, int]) -> GoldRelation:
    return GoldRelation(source=(source,) if source else None, cue=(cue,), content=(content,))


def test_scorer_counts_known_matches():
    text = "Alice said the vote was rigged. Bob told reporters the count was fine. Carol agreed."
    gold = [
        _rel((0, 5), (6, 10), (11, 30)),  # Alice said | the vote was rigged
        _rel((32, 35), (36, 40), (51, 69)),  # Bob told | the count was fine
        _rel((71, 76), (77, 83), (71, 76)),  # an odd one nobody finds
    ]
    pred = [
        _rel((0, 5), (6, 10), (11, 30)),  # exact
        _rel((41, 50), (36, 40), (55, 69)),  # content overlaps, speaker wrong ("reporters")
        _rel(None, (0, 5), (0, 5)),  # a false positive with no overlap to any gold content
    ]
    scorer = AttributionScorer()
    scorer.add(text, pred, gold)
    s = scorer.scores()
    assert s["counts"] == {"predicted": 3, "gold": 3}
    # The third prediction overlaps nothing, the second overlaps the second gold content.
    assert (s["precision"], s["recall"]) == (round(2 / 3, 4), round(2 / 3, 4))
    assert s["exact"]["F1"] == round(1 / 3, 4)
    # Speakers: 2 predicted with a speaker, 3 gold with a source, only Alice correct.
    assert s["speaker"] == {"precision": 0.5, "recall": round(1 / 3, 4), "F1": 0.4}
    assert s["relation"]["precision"] == round(1 / 3, 4)


def test_overlap_matching_is_one_to_one():
    text = "x" * 100
    gold = [_rel(None, (0, 1), (10, 20)), _rel(None, (2, 3), (30, 40))]
    pred = [_rel(None, (0, 1), (10, 40))]  # one wide prediction covering both gold contents
    scorer = AttributionScorer()
    scorer.add(text, pred, gold)
    s = scorer.scores()
    assert s["precision"] == 1.0 and s["recall"] == 0.5


def test_exact_match_ignores_punctuation_and_quotes():
    text = "“Yes,” he said."
    scorer = AttributionScorer()
    scorer.add(text, [_rel(None, (7, 9), (1, 4))], [_rel(None, (7, 9), (0, 6))])
    assert scorer.scores()["exact"]["F1"] == 1.0


def test_write_ann_round_trips(tmp_path: Path):
    rels = [
        GoldRelation(source=((0, 5),), cue=((6, 10),), content=((11, 20), (25, 30))),
        GoldRelation(source=None, cue=((40, 45),), content=((46, 50),)),
    ]
    text = "abcdefghij" * 6
    path = tmp_path / "p.ann"
    write_ann(path, text, rels)
    assert read_ann(path, text=text) == rels


def test_evaluate_attribution_end_to_end(tmp_path: Path):
    from dateline.enrich.claims import load_pipeline
    from dateline.errors import ConfigError
    from dateline.eval.attribution import evaluate_attribution

    try:
        load_pipeline()
    except ConfigError as exc:
        pytest.skip(str(exc))
    root = tmp_path / "polnear" / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "a_2016-01-01_x.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "a_2016-01-01_x_aaaa.ann").write_text(ann_text(), encoding="utf-8")
    out = tmp_path / "out"
    result = evaluate_attribution(root.parent, out=out)
    assert result["docs"] == 1
    assert {"precision", "recall", "F1", "speaker-F1", "seconds", "exact", "cue-F1", "relation-F1"} <= set(
        result
    )
    # The quote and "Officials say" are found; their speakers match the gold sources.
    assert result["recall"] >= 2 / 3 and result["precision"] >= 2 / 3
    assert result["speaker"]["recall"] == 1.0
    predicted = read_ann(out / "dev" / "a_2016-01-01_x.ann", text=TEXT)
    assert len(predicted) == result["counts"]["predicted"]
    config = json.loads((out / "scores.json").read_text())["config"]
    assert config["cue_model"]["file"] == "claims_cues.json.gz"
    assert 0 < config["cue_model"]["thresholds"]["new"] < 1
