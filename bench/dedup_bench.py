"""Near-duplicate grouping quality and speed on real articles with controlled edits.

Builds a corpus from real articles (Timeline17 and the Wikinews demo): for each edit kind a set of
source articles gets one edited copy each (exact copy, added byline and dateline, 5% and 15% of
words changed, truncated ending, paragraph reordering); every other article is a distinct
distractor. Real near-duplicates already in the base set (T17 has reprints across outlets and
days) are found first with looser settings than the defaults and left out, so that every pair the
grouper links is either a planted copy (correct) or a mistake.

Prints, per edit kind, recall (planted pairs grouped together) and precision (of the grouped
pairs that involve a copy of that kind, the share that are planted pairs), overall pairwise
precision, speed, and a sweep over LSH candidate thresholds and shingle widths.

    python bench/dedup_bench.py [--data DIR] [--per-kind 300] [--seed 0] [--sweep]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

from dateline.enrich.dedup import Fingerprint, NearDuplicateGrouper, fingerprint, lsh_bands

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
KINDS = ("exact", "byline", "words5", "words15", "truncated", "reordered")
DATELINES = (
    "GAZA CITY (AP) —",
    "DAMASCUS, Syria (Reuters) -",
    "CAIRO (AP) —",
    "WASHINGTON (AFP) -",
    "PORT-AU-PRINCE, Haiti (AP) —",
    "TRIPOLI, Libya (Reuters) -",
)
BYLINES = ("By Sarah El Deeb, Associated Press", "By Jonathan Allen", "Reporting by Ali Sawafta; Editing by")


def load_articles(data: Path) -> list[tuple[str, str]]:
    """(id, text) of every T17 article and Wikinews demo article, ids prefixed by topic."""
    articles: list[tuple[str, str]] = []
    for path in sorted((data / "t17").glob("*/articles.jsonl.gz")):
        topic = path.parent.name
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                articles.append((f"{topic}:{record['id']}", record["text"] or ""))
    wikinews = data / "demo" / "wikinews" / "articles.jsonl"
    if wikinews.exists():
        with wikinews.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                articles.append(
                    (f"wikinews:{record['id']}", (record.get("title") or "") + "\n" + record["text"])
                )
    return articles


# -- controlled edits ---------------------------------------------------------------------------

_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences_of(text: str) -> list[str]:
    return [s for s in (part.strip() for part in _SENT.split(text)) if s]


def change_words(text: str, share: float, vocab: list[str], rng: random.Random) -> str:
    """Changes ``share`` of the words: 60% substituted, 20% deleted, 20% inserted next to them."""
    tokens = text.split(" ")
    word_positions = [i for i, tok in enumerate(tokens) if re.search(r"\w", tok)]
    count = max(1, round(share * len(word_positions)))
    for i in rng.sample(word_positions, min(count, len(word_positions))):
        roll = rng.random()
        if roll < 0.6:
            tokens[i] = rng.choice(vocab)
        elif roll < 0.8:
            tokens[i] = ""
        else:
            tokens[i] = tokens[i] + " " + rng.choice(vocab)
    return " ".join(tok for tok in tokens if tok)


def truncate(text: str, rng: random.Random) -> str:
    """Keeps the first 60–85% of the sentences (a reprint cut to fit)."""
    sents = sentences_of(text)
    keep = max(1, round(len(sents) * rng.uniform(0.6, 0.85)))
    return "\n".join(sents[:keep])


def reorder(text: str, rng: random.Random) -> str:
    """Cuts the sentences into paragraphs of 2–4 and shuffles the paragraphs."""
    sents = sentences_of(text)
    paras: list[list[str]] = []
    i = 0
    while i < len(sents):
        size = rng.randint(2, 4)
        paras.append(sents[i : i + size])
        i += size
    original = list(paras)
    for _ in range(10):
        rng.shuffle(paras)
        if paras != original or len(paras) < 2:
            break
    return "\n\n".join(" ".join(p) for p in paras)


def add_byline(text: str, rng: random.Random) -> str:
    return f"{rng.choice(BYLINES)}\n{rng.choice(DATELINES)} {text}"


def make_edit(kind: str, text: str, vocab: list[str], rng: random.Random) -> str:
    edits: dict[str, Callable[[], str]] = {
        "exact": lambda: text,
        "byline": lambda: add_byline(text, rng),
        "words5": lambda: change_words(text, 0.05, vocab, rng),
        "words15": lambda: change_words(text, 0.15, vocab, rng),
        "truncated": lambda: truncate(text, rng),
        "reordered": lambda: reorder(text, rng),
    }
    return edits[kind]()


# -- corpus and scoring --------------------------------------------------------------------------


def clean_base(
    articles: list[tuple[str, str]], prints: dict[str, Fingerprint], min_tokens: int
) -> tuple[list[str], int]:
    """Ids of base articles not near-duplicates of another base article under loose settings."""
    loose = NearDuplicateGrouper(candidate_threshold=0.2, verify_threshold=0.25, containment_threshold=0.5)
    loose.fit_fingerprints((aid, prints[aid]) for aid, _ in articles)
    sizes: dict[str, int] = defaultdict(int)
    for group in loose.groups_.values():
        sizes[group] += 1
    clean = [
        aid for aid, _ in articles if sizes[loose.groups_[aid]] == 1 and prints[aid].tokens >= min_tokens
    ]
    excluded = sum(1 for aid, _ in articles if sizes[loose.groups_[aid]] > 1)
    return clean, excluded


def build_corpus(
    articles: list[tuple[str, str]], clean: list[str], per_kind: int, rng: random.Random
) -> tuple[list[tuple[str, str]], dict[str, tuple[str, str]]]:
    """The shuffled benchmark corpus and, for every planted copy, (source id, edit kind)."""
    text_of = dict(articles)
    vocab = sorted({w for aid in clean[:500] for w in text_of[aid].split() if w.isalpha()})
    # Sources need enough sentences for truncation and reordering to mean something.
    eligible = [aid for aid in clean if len(sentences_of(text_of[aid])) >= 6]
    rng.shuffle(eligible)
    needed = per_kind * len(KINDS)
    if len(eligible) < needed:
        raise SystemExit(f"only {len(eligible)} eligible source articles, need {needed}; lower --per-kind")
    planted: dict[str, tuple[str, str]] = {}
    corpus = [(aid, text_of[aid]) for aid in clean]
    for k, kind in enumerate(KINDS):
        for source in eligible[k * per_kind : (k + 1) * per_kind]:
            copy_id = f"copy-{kind}:{source}"
            corpus.append((copy_id, make_edit(kind, text_of[source], vocab, rng)))
            planted[copy_id] = (source, kind)
    rng.shuffle(corpus)
    return corpus, planted


def score(groups: dict[str, str], planted: dict[str, tuple[str, str]]) -> dict[str, dict[str, float]]:
    """Recall and precision per edit kind, and overall pairwise precision."""
    members: dict[str, list[str]] = defaultdict(list)
    for aid, group in groups.items():
        members[group].append(aid)
    truth = {frozenset((copy, source)) for copy, (source, _) in planted.items()}
    kind_of = {copy: kind for copy, (_, kind) in planted.items()}
    predicted = [frozenset(pair) for ids in members.values() if len(ids) > 1 for pair in combinations(ids, 2)]
    result: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        pairs = [p for p in truth if any(kind_of.get(a) == kind for a in p)]
        found = sum(1 for p in pairs if len({groups[a] for a in p}) == 1)
        involved = [p for p in predicted if any(kind_of.get(a) == kind for a in p)]
        correct = sum(1 for p in involved if p in truth)
        result[kind] = {
            "pairs": len(pairs),
            "recall": found / len(pairs) if pairs else 0.0,
            "precision": correct / len(involved) if involved else 1.0,
        }
    correct = sum(1 for p in predicted if p in truth)
    result["all"] = {
        "pairs": len(truth),
        "recall": sum(1 for p in truth if len({groups[a] for a in p}) == 1) / len(truth),
        "precision": correct / len(predicted) if predicted else 1.0,
        "predicted_pairs": len(predicted),
    }
    return result


def print_table(title: str, result: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(f"{'edit kind':<12} {'pairs':>6} {'recall':>8} {'precision':>10}")
    for kind in (*KINDS, "all"):
        row = result[kind]
        print(f"{kind:<12} {int(row['pairs']):>6} {row['recall']:>8.3f} {row['precision']:>10.3f}")


def sweep(
    corpus: list[tuple[str, str]],
    planted: dict[str, tuple[str, str]],
    fitted: dict[int, list[tuple[str, Fingerprint]]],
) -> None:
    """Recall per kind and overall precision over candidate thresholds, verification and shingles."""
    print("\nsweep (recall per edit kind; P = overall pairwise precision; verify none = LSH alone)")
    header = " ".join(f"{k:>9}" for k in KINDS)
    print(f"{'shingle':>7} {'cand':>5} {'verify':>6} {header} {'P':>6}")
    settings: list[tuple[int, float, float | None]] = []
    for shingle in (3, 2):
        settings += [(shingle, cand, 0.5) for cand in (0.5, 0.6, 0.7, 0.8)]
        settings += [(shingle, cand, None) for cand in (0.5, 0.6, 0.7, 0.8)]
        settings += [(shingle, 0.4, verify) for verify in (0.4, 0.45)]
    for shingle, cand, verify in settings:
        if shingle not in fitted:
            fitted[shingle] = [(aid, fingerprint(text, shingle=shingle)) for aid, text in corpus]
        if verify is None:
            # Every LSH candidate accepted, as a plain datasketch index would be used.
            grouper = NearDuplicateGrouper(
                shingle=shingle, candidate_threshold=cand, verify_threshold=1e-9, containment_floor=1e-9
            )
        else:
            grouper = NearDuplicateGrouper(shingle=shingle, candidate_threshold=cand, verify_threshold=verify)
        res = score(grouper.fit_fingerprints(fitted[shingle]).groups_, planted)
        cells = " ".join(f"{res[k]['recall']:>9.3f}" for k in KINDS)
        label = "none" if verify is None else f"{verify}"
        print(f"{shingle:>7} {cand:>5} {label:>6} {cells} {res['all']['precision']:>6.3f}")


def run(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    articles = load_articles(args.data)
    if not articles:
        print(f"no articles under {args.data}", file=sys.stderr)
        return 2
    print(f"loaded {len(articles)} base articles in {time.perf_counter() - t0:.1f}s")
    base_prints = {aid: fingerprint(text) for aid, text in articles}
    clean, excluded = clean_base(articles, base_prints, min_tokens=40)
    print(
        f"base: {excluded} articles in real near-duplicate groups left out; {len(clean)} clean articles kept"
    )
    corpus, planted = build_corpus(articles, clean, args.per_kind, rng)
    print(f"corpus: {len(corpus)} articles ({len(planted)} planted copies, {args.per_kind} per edit kind)")

    grouper = NearDuplicateGrouper()
    t0, c0 = time.perf_counter(), time.process_time()
    prints = [(aid, grouper.fingerprint(text)) for aid, text in corpus]
    t_print, c_print = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    grouper.fit_fingerprints(prints)
    t_group, c_group = time.perf_counter() - t0, time.process_time() - c0
    chars = sum(len(text) for _, text in corpus)
    print(
        f"defaults: shingle={grouper.shingle} num_perm={grouper.num_perm} "
        f"candidate_threshold={grouper.candidate_threshold} (LSH bands x rows "
        f"{lsh_bands(grouper.candidate_threshold, num_perm=grouper.num_perm)}) verify_threshold={grouper.verify_threshold} "
        f"containment_threshold={grouper.containment_threshold} "
        f"containment_floor={grouper.containment_floor} min_tokens={grouper.min_tokens}"
    )
    print(
        f"speed: fingerprint {len(corpus) / t_print:,.0f} articles/s ({chars / t_print / 1e6:.2f} MB/s), "
        f"grouping {len(corpus) / t_group:,.0f} articles/s, "
        f"end to end {len(corpus) / (t_print + t_group):,.0f} articles/s (1 core, wall clock)"
    )
    print(
        f"cpu time: fingerprint {1000 * c_print / len(corpus):.2f} ms/article "
        f"({len(corpus) / c_print:,.0f} articles/s of CPU), grouping {1000 * c_group / len(corpus):.3f} ms/article"
    )
    print_table("default settings", score(grouper.groups_, planted))

    if args.sweep:
        sweep(corpus, planted, {grouper.shingle: prints})
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory (t17/, demo/)")
    parser.add_argument("--per-kind", type=int, default=300, help="planted copies per edit kind")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sweep", action="store_true", help="also sweep thresholds and shingle widths")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
