"""Tests for near-duplicate grouping (dateline.enrich.dedup)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from datasketch import MinHash

from dateline.enrich import dedup
from dateline.enrich.dedup import (
    Fingerprint,
    NearDuplicateGrouper,
    fingerprint,
    minhash_signature,
    normalise,
    signature_from_bytes,
    signature_to_bytes,
)
from dateline.errors import ConfigError, InputError
from tests.dedup.articles import FLOODS, HOSPITAL, HOSPITAL_OTHER, HOSPITAL_PTB_START, HOSPITAL_THIRD

SUBSTITUTES = ("several", "medics", "on Monday", "nurses", "early", "reportedly", "power", "local")


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def change_every(text: str, step: int) -> str:
    """Replaces every ``step``-th word (step 20 = 5% of words changed)."""
    words = text.split(" ")
    for k, i in enumerate(range(step // 2, len(words), step)):
        words[i] = SUBSTITUTES[k % len(SUBSTITUTES)]
    return " ".join(words)


def ptb(text: str) -> str:
    """The text in Penn-Treebank tokenisation, one sentence per line, as T17 stores it."""
    text = re.sub(r'"(?=\w)', "`` ", text)
    text = text.replace('"', " ''")
    text = re.sub(r"([,.:;!?])(?=\s|$)", r" \1", text)
    text = re.sub(r"(\w)'s\b", r"\1 's", text)
    text = re.sub(r"(?<=[.!?]) (?=[A-Z`])", " \n", text)
    return text.replace("(", "-LRB- ").replace(")", " -RRB-")


EDITS = {
    "exact copy": lambda text: text,
    "byline and dateline": lambda text: "By Rana Saleh, Associated Press\n\nGAZA CITY (AP) — " + text,
    "5% of words changed": lambda text: change_every(text, 20),
    "truncated ending": lambda text: "\n\n".join(paragraphs(text)[:5]),
    "paragraphs reordered": lambda text: "\n\n".join(reversed(paragraphs(text))),
    "pre-tokenised reprint": ptb,
    "reprint with an editor's note": lambda text: (
        text + "\n\nThis story has been corrected to show the "
        "convoy was waiting at the border crossing, not inside the city. An earlier version misstated it."
    ),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_edited_copy_joins_the_original_group(kind: str) -> None:
    copy = EDITS[kind](HOSPITAL)
    grouper = NearDuplicateGrouper().fit(
        [("floods", FLOODS), ("hospital", HOSPITAL), ("other", HOSPITAL_OTHER), ("copy", copy)]
    )
    assert grouper.groups_["copy"] == "hospital"
    assert grouper.groups_["other"] == "other"
    assert grouper.n_groups_ == 3


def test_same_story_in_other_words_stays_apart() -> None:
    grouper = NearDuplicateGrouper().fit(
        [("a", HOSPITAL), ("b", HOSPITAL_OTHER), ("c", HOSPITAL_THIRD), ("d", FLOODS)]
    )
    assert grouper.groups_ == {"a": "a", "b": "b", "c": "c", "d": "d"}
    jaccard, _ = grouper.similarity(grouper.fingerprint(HOSPITAL), grouper.fingerprint(HOSPITAL_OTHER))
    assert jaccard < 0.2


def test_a_usual_high_candidate_threshold_misses_a_lightly_edited_copy() -> None:
    # The pitfall the low default candidate threshold is for: a 5%-edited copy sits below 0.8.
    copy = change_every(HOSPITAL, 20)
    grouper = NearDuplicateGrouper()
    jaccard, _ = grouper.similarity(grouper.fingerprint(HOSPITAL), grouper.fingerprint(copy))
    assert 0.5 <= jaccard < 0.8
    assert (
        NearDuplicateGrouper(candidate_threshold=0.9).fit([("a", HOSPITAL), ("b", copy)]).groups_["b"] == "b"
    )
    assert grouper.fit([("a", HOSPITAL), ("b", copy)]).groups_["b"] == "a"


def test_group_id_is_the_first_member_whatever_the_link_order() -> None:
    # The copy arrives first and the original last: the group keeps the first id it saw.
    grouper = NearDuplicateGrouper().fit(
        [("copy", change_every(HOSPITAL, 20)), ("floods", FLOODS), ("original", HOSPITAL)]
    )
    assert grouper.groups_ == {"copy": "copy", "floods": "floods", "original": "copy"}


def test_incremental_add_joins_an_old_group_and_merges_groups() -> None:
    grouper = NearDuplicateGrouper().fit([("old", HOSPITAL), ("floods", FLOODS)])
    grouper.partial_fit([("reprint", EDITS["byline and dateline"](HOSPITAL))])
    assert grouper.groups_["reprint"] == "old"
    assert grouper.add("floods-copy", FLOODS.replace("Monday", "Sunday")) == "floods"
    assert grouper.n_groups_ == 2
    assert len(grouper.groups_) == 4


def test_incremental_fit_from_stored_fingerprints_matches_fit_from_texts() -> None:
    items = [
        ("a", HOSPITAL),
        ("b", HOSPITAL_OTHER),
        ("c", FLOODS),
        ("d", EDITS["truncated ending"](HOSPITAL)),
    ]
    from_texts = NearDuplicateGrouper().fit(items).groups_
    grouper = NearDuplicateGrouper()
    stored = {aid: grouper.fingerprint(text).to_bytes() for aid, text in items}
    grouper.fit_fingerprints((aid, Fingerprint.from_bytes(blob)) for aid, blob in list(stored.items())[:2])
    grouper.partial_fit_fingerprints(
        (aid, Fingerprint.from_bytes(blob)) for aid, blob in list(stored.items())[2:]
    )
    assert grouper.groups_ == from_texts == {"a": "a", "b": "b", "c": "c", "d": "a"}


def test_re_adding_an_id_keeps_its_group() -> None:
    grouper = NearDuplicateGrouper().fit([("a", HOSPITAL), ("b", FLOODS)])
    assert grouper.add("b", HOSPITAL) == "b"
    assert grouper.groups_ == {"a": "a", "b": "b"}


def test_signature_round_trips_through_bytes() -> None:
    signature = minhash_signature(HOSPITAL)
    data = signature_to_bytes(signature)
    assert len(data) == 4 * 128
    assert np.array_equal(signature_from_bytes(data, num_perm=128), signature)
    with pytest.raises(InputError):
        signature_from_bytes(data[:-1])
    with pytest.raises(InputError):
        signature_from_bytes(data, num_perm=256)


def test_fingerprint_round_trips_and_refuses_other_settings() -> None:
    print_ = fingerprint(HOSPITAL, num_perm=64, shingle=4, seed=7)
    again = Fingerprint.from_bytes(print_.to_bytes())
    assert np.array_equal(again.signature, print_.signature)
    assert (again.shingles, again.tokens, again.exact, again.shingle, again.seed) == (
        print_.shingles,
        print_.tokens,
        print_.exact,
        4,
        7,
    )
    with pytest.raises(InputError, match="re-fingerprint"):
        NearDuplicateGrouper().fit_fingerprints([("a", again)])
    with pytest.raises(InputError):
        Fingerprint.from_bytes(b"not a fingerprint at all, just some bytes")


def test_signature_is_datasketch_minhash_of_the_shingle_hashes() -> None:
    hashes = dedup._shingle_hashes(normalise(HOSPITAL), 3)
    reference = MinHash(num_perm=128, seed=1, hashfunc=int, scheme="affine32")
    reference.update_batch(hashes.tolist())
    assert np.array_equal(minhash_signature(HOSPITAL), reference.hashvalues)


def test_pre_tokenised_and_plain_text_normalise_alike() -> None:
    assert normalise(HOSPITAL_PTB_START) == normalise(
        HOSPITAL.split("\n\n")[0].split(", forcing")[0] + ", forcing "
        "surgeons to operate by the light of mobile phones as fighting continued in nearby streets."
    )
    assert normalise("The army -LRB- IDF -RRB- do n't say , `` Michael 's '' .") == [
        ["the", "army", "idf", "dont", "say", "michaels"]
    ]
    assert fingerprint(ptb(HOSPITAL)).exact == fingerprint(HOSPITAL).exact


BAD_INPUTS = {
    "empty": "",
    "only punctuation": "... !!! ??? -- ,,, ;;; ()[]{} — – …",
    "control characters": "\x00\x01\x02\x1b[31m\x7f" * 200 + "\u200b\ufeff" * 50,
    "mixed scripts": "Газа 加沙 غزة Gaza 🇵🇸 " * 30 + "\u202e reversed \u202c",
    "title only": "Hospital runs out of fuel as fighting rages",
    "lone surrogates": "broken \ud800 text \udfff here " * 20,
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_does_not_crash_and_stays_alone(kind: str) -> None:
    text = BAD_INPUTS[kind]
    grouper = NearDuplicateGrouper().fit([("hospital", HOSPITAL), ("bad", text), ("bad-again", text)])
    assert grouper.groups_["hospital"] == "hospital"
    if fingerprint(text).tokens < grouper.min_tokens:
        assert grouper.groups_["bad-again"] == "bad-again"
    assert grouper.groups_["bad"] == "bad"


def test_two_megabytes_of_text_is_fingerprinted_and_grouped() -> None:
    big = (HOSPITAL + "\n\n" + FLOODS + "\n\n") * (2_000_000 // (len(HOSPITAL) + len(FLOODS)))
    assert len(big) > 1_900_000
    grouper = NearDuplicateGrouper().fit([("big", big), ("other", HOSPITAL_OTHER), ("hospital", HOSPITAL)])
    # The repeated text's shingle set is the two stories: the hospital story is contained in it.
    assert grouper.groups_ == {"big": "big", "other": "other", "hospital": "big"}


@pytest.mark.parametrize(
    "options",
    [{"candidate_threshold": 0.0}, {"verify_threshold": 1.5}, {"num_perm": 4}, {"shingle": 0}],
)
def test_invalid_settings_raise_config_error(options: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        NearDuplicateGrouper(**options).fit([("a", HOSPITAL)])  # type: ignore[arg-type]


@pytest.mark.parametrize("threshold", [0.4, 0.5, 0.6, 0.8])
def test_lsh_bands_propose_a_pair_at_the_threshold_with_the_asked_recall(threshold: float) -> None:
    bands, rows = dedup.lsh_bands(threshold, num_perm=128, recall=0.95)
    assert bands * rows <= 128
    assert 1 - (1 - threshold**rows) ** bands >= 0.95
    # One more row per band would fall below the recall: the banding is as selective as allowed.
    more = rows + 1
    assert 1 - (1 - threshold**more) ** (128 // more) < 0.95
