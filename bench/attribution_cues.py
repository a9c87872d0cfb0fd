"""Per-cue precision of the attribution rules on a PolNeAR split (default: train), to curate the
cue lexicons from training data only.

    python bench/attribution_cues.py [DIR] [--limit N] [--min 5]

For every cue lemma the rules fire on, prints how many relations it gave, how many of those with a
speaker match a gold relation by cue and speaker (speaker precision) and how many match a gold
content by overlap (content precision). Cues whose speaker precision stays below half the
system's speaker F1 lower that F1; those are the candidates to drop from the lexicons.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from dateline.enrich.claims import _relations, candidate_doc, load_pipeline
from dateline.enrich.sentences import make_sentences
from dateline.eval.attribution import _chars, read_split

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", type=Path, nargs="?", default=DATA / "attribution" / "polnear" / "train")
    parser.add_argument("--limit", type=int, default=400, help="articles (a fixed random sample)")
    parser.add_argument("--min", type=int, default=5, help="show cues with at least this many relations")
    args = parser.parse_args()
    nlp = load_pipeline()
    docs = list(read_split(args.directory))
    random.Random(0).shuffle(docs)
    fired: Counter[str] = Counter()
    with_speaker: Counter[str] = Counter()
    speaker_ok: Counter[str] = Counter()
    content_ok: Counter[str] = Counter()
    for doc in docs[: args.limit]:
        text = doc.text
        parsed = candidate_doc(nlp, text, make_sentences(doc.id, text))
        if parsed is None:
            continue
        golds = [
            (_chars(text, g.cue), _chars(text, g.source), _chars(text, g.content)) for g in doc.relations
        ]
        for rel in _relations(parsed):
            tok = parsed[rel.cue_token]
            lemma = (tok.lemma_ or tok.lower_).lower()
            cue, content = _chars(text, rel.cue), _chars(text, rel.content)
            fired[lemma] += 1
            content_ok[lemma] += any(content & gc for _, _, gc in golds)
            if rel.speaker:
                speaker = _chars(text, rel.speaker)
                with_speaker[lemma] += 1
                speaker_ok[lemma] += any(cue & gq and speaker & gs for gq, gs, _ in golds)
    print(f"{'cue':16} {'fired':>6} {'w/ spk':>6} {'spk P':>6} {'cont P':>6}")
    for lemma, n in sorted(fired.items(), key=lambda kv: speaker_ok[kv[0]] / max(1, with_speaker[kv[0]])):
        if n < args.min:
            continue
        spk = speaker_ok[lemma] / with_speaker[lemma] if with_speaker[lemma] else float("nan")
        print(f"{lemma:16} {n:6} {with_speaker[lemma]:6} {spk:6.2f} {content_ok[lemma] / n:6.2f}")


if __name__ == "__main__":
    main()
