"""The synthetic growth corpus for ``bench/scale_growth.py``: T17 sentences recombined into articles.

Articles hold 8–30 sentences drawn from a fixed pool of distinct T17 sentences, one sentence a line
as in T17. Publication dates advance at a fixed rate (``per_day`` articles a day from 2005-01-01,
inside T17's own years, so the absolute dates the sentences name fall inside the corpus span), and
outlets vary over 40 names. A tenth of the articles get a near-duplicate copy (5% of the words
changed, another outlet, same or next day), as in ``bench/dedup_scale.py``. The corpus is written
as JSON Lines shards (5,000 articles each by default); the first N articles of the largest corpus are the corpus of
size N, so a fixed date window holds the same articles at every size.

Also here: spaCy-stage outputs memoised per pool sentence. Every synthetic sentence comes from the
pool, so the entities and claims of a synthetic article can be assembled from its sentences'
outputs (offsets shifted to the article) instead of running spaCy on 100,000 articles. The spaCy
cost itself is measured separately, on real runs.
"""

from __future__ import annotations

import gzip
import json
import random
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dateline.models import Claim, Mention

SHARD = 5000
BASE_DAY = date(2005, 1, 1)
_LOCAL = [f"{kind} {n:02d}" for n in range(1, 18) for kind in ("Regional Daily", "Wire Service")]
OUTLETS = ["bbc", "cnn", "foxnews", "guardian", "reuters", "washingtonpost", *_LOCAL[:34]]


def sentence_pool(data: Path, size: int, seed: int) -> list[str]:
    """``size`` distinct T17 sentences (six words or more), the same for a given seed."""
    seen: set[str] = set()
    pool: list[str] = []
    for path in sorted((data / "t17").glob("*/articles.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                for sent in json.loads(line)["text"].split("\n"):
                    sent = " ".join(sent.split())
                    if len(sent.split()) >= 6 and sent not in seen:
                        seen.add(sent)
                        pool.append(sent)
    rng = random.Random(seed)
    return rng.sample(pool, min(size, len(pool)))


def synthetic_records(pool: list[str], size: int, *, per_day: int, seed: int) -> Iterator[dict[str, Any]]:
    """``size`` article records; each carries ``lines`` (pool indices per line, -1 for an edited
    line), which the writer keeps aside and does not ingest."""
    rng = random.Random(seed)
    vocab = sorted({w for s in pool[:5000] for w in s.split() if w.isalpha()})
    n = 0
    while n < size:
        lines = rng.sample(range(len(pool)), rng.randint(8, 30))
        day = BASE_DAY + timedelta(days=n // per_day)
        outlet = rng.randrange(len(OUTLETS))
        text = "\n".join(pool[i] for i in lines)
        words = pool[lines[0]].split()
        yield _record(f"s{n}", OUTLETS[outlet], day, " ".join(words[:8]), text, lines)
        n += 1
        if rng.random() < 0.1 and n < size:
            edited_lines = []
            new_lines = []
            for i in lines:
                words = pool[i].split(" ")
                changed = False
                for j in range(len(words)):
                    if rng.random() < 0.05:
                        words[j] = rng.choice(vocab)
                        changed = True
                new_lines.append(" ".join(words))
                edited_lines.append(-1 if changed else i)
            copy_day = day + timedelta(days=rng.randint(0, 1))
            other = OUTLETS[(outlet + 1 + rng.randrange(len(OUTLETS) - 1)) % len(OUTLETS)]
            title = " ".join(new_lines[0].split()[:8])
            yield _record(f"s{n}", other, copy_day, title, "\n".join(new_lines), edited_lines)
            n += 1


def _record(aid: str, source: str, day: date, title: str, text: str, lines: list[int]) -> dict[str, Any]:
    return {
        "id": aid,
        "source": source,
        "published": day.isoformat(),
        "title": title,
        "url": f"https://news.example/{source.replace(' ', '-')}/{aid}",
        "text": text,
        "lines": lines,
    }


def write_corpus(
    pool: list[str], size: int, out: Path, *, per_day: int, seed: int, shard: int = SHARD
) -> list[Path]:
    """Write the corpus as ``out/shard-NNN.jsonl`` (5,000 articles each) plus ``out/lines.json``
    (article id → pool index per line); returns the shard paths. Skips work already on disk."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = out / "corpus.json"
    meta = {"size": size, "per_day": per_day, "seed": seed, "pool": len(pool), "shard": shard}
    shards = [out / f"shard-{k:03d}.jsonl" for k in range((size + shard - 1) // shard)]
    if stamp.exists() and json.loads(stamp.read_text()) == meta:
        return shards
    lines_of: dict[str, list[int]] = {}
    handle = None
    for n, record in enumerate(synthetic_records(pool, size, per_day=per_day, seed=seed)):
        if n % shard == 0:
            if handle:
                handle.close()
            handle = shards[n // shard].open("w", encoding="utf-8")
        lines_of[record["id"]] = record.pop("lines")
        assert handle is not None
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if handle:
        handle.close()
    (out / "lines.json").write_text(json.dumps(lines_of))
    stamp.write_text(json.dumps(meta))
    return shards


# -- spaCy outputs memoised per pool sentence -------------------------------------------------------

Memo = dict[int, tuple[list[Mention], list[Claim]]]


def assemble(
    article_id: str,
    text: str,
    published: date,
    lines: list[int],
    sentence_starts: list[int],
    memo: Memo,
) -> tuple[list[Mention], list[Claim]] | None:
    """The entities and claims of a synthetic article from its lines' memoised outputs, offsets
    shifted into the article; ``None`` when the stored text no longer splits into those lines."""
    parts = text.split("\n")
    if len(parts) != len(lines):
        return None
    mentions: list[Mention] = []
    claims: list[Claim] = []
    offset = 0
    for part, index in zip(parts, lines, strict=True):
        if index >= 0 and index in memo:
            found_m, found_c = memo[index]
            for m in found_m:
                start, end = m.start + offset, m.end + offset
                if text[start:end] != m.text:
                    continue
                sent = max(0, bisect_right(sentence_starts, start) - 1)
                mentions.append(replace(m, article_id=article_id, sentence_index=sent, start=start, end=end))
            for c in found_c:
                anchor = (c.cue_span or (0, 0))[0] + offset
                claims.append(
                    replace(
                        c,
                        article_id=article_id,
                        sentence_index=max(0, bisect_right(sentence_starts, anchor) - 1),
                        speaker_span=_shift(c.speaker_span, offset),
                        cue_span=_shift(c.cue_span, offset),
                        content_span=_shift(c.content_span, offset),
                        published=published,
                    )
                )
        offset += len(part) + 1
    return mentions, claims


def _shift(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + offset, span[1] + offset)
