"""The per-construction rules behind :mod:`dateline.enrich.claims`: candidate relations from a parse.

Each rule reads spaCy's dependency parse around one cue (a reporting verb, "according to", a noun
or adjective cue, a headline colon, or a verb the cue classifier accepts outside the lexicons) and
proposes a :class:`Relation`; :mod:`dateline.enrich.claims`
then merges quotes, drops nested reports and builds the public records. Not a public API.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dateline.enrich.claims_lexicon import (
    ADJ_CUES,
    INTENT_VERBS,
    LEARNED_VERBS,
    NO_SPEAKER_CUES,
    NOUN_CUES,
    OBJECT_VERBS,
    PREP_CUES,
    SPEECH_VERBS,
)
from dateline.enrich.claims_model import CueModel, cue_scores, listed, load_cue_model

Fragments = tuple[tuple[int, int], ...]

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
# Typographic, straight, TeX-style and doubled-apostrophe quotes (''…'', as the NYT archive has them).
_QUOTE = re.compile(r"“[^”\n]*”?|\"[^\"\n]*\"|``[^\n]*?''|''[^\n]*?''")
_PUNCT_EDGE = " \t\n,;:.—–-()"
_MIN_QUOTE_WORDS = 4
_TEXT_KEY = "dateline.claims.text"


@dataclass(frozen=True, slots=True)
class Relation:
    """One attribution found in a document, offsets into ``doc.text`` as fragment tuples.

    ``cue_token`` and ``speaker_token`` are token indices (the cue's head word and the speaker's
    head word) kept for resolution and sentence lookup.
    """

    speaker: Fragments | None
    cue: Fragments
    content: Fragments
    direct: bool
    hedged: bool
    cue_token: int
    speaker_token: int | None = None


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def _runs(tokens: Sequence[Token]) -> Fragments:
    """Contiguous runs of tokens as character fragments, trimmed of edge punctuation."""
    idx = sorted({t.i for t in tokens})
    if not idx:
        return ()
    doc = tokens[0].doc
    runs: list[tuple[int, int]] = []
    begin = prev = idx[0]
    for i in [*idx[1:], None]:
        if i is not None and i == prev + 1:
            prev = i
            continue
        start, end = doc[begin].idx, doc[prev].idx + len(doc[prev].text)
        text = doc_text(doc)
        while start < end and text[start] in _PUNCT_EDGE:
            start += 1
        while end > start and text[end - 1] in _PUNCT_EDGE:
            end -= 1
        if end > start:
            runs.append((start, end))
        if i is not None:
            begin = prev = i
    return tuple(runs)


def _subtree_minus(root: Token, exclude: set[int]) -> list[Token]:
    return [t for t in root.subtree if t.i not in exclude]


def _subject(tok: Token, depth: int = 0) -> Token | None:
    """The speaker head for a cue verb: its subject, the agent of a passive, or one inherited
    from the verb it is coordinated with or subordinate to ("… and added", "…, saying")."""
    for child in tok.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    for child in tok.children:
        if child.dep_ == "agent":
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj:
                return pobj[0]
    if any(c.dep_ == "nsubjpass" for c in tok.children) or depth > 3:
        return None
    if tok.tag_ == "VBG" and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head  # "a statement saying …", "Hispanics telling …"
    if tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        return _subject(tok.head.head, depth + 1)  # "… by saying that …"
    if tok.dep_ in ("conj", "xcomp") or (tok.dep_ in ("advcl", "acl") and tok.tag_ == "VBG"):
        return _subject(tok.head, depth + 1)
    if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return _subject(tok.head, depth + 1)  # "visited the show to discuss …"
    if tok.dep_ == "acomp":
        return _subject(tok.head, depth + 1)  # "was quick to point out" reaches "quick", then "was"
    if tok.dep_ == "relcl" and not any(c.dep_ in _SUBJ for c in tok.children):
        return tok.head
    return None


def _inverted_subject(tok: Token) -> Token | None:
    """ "“…,” added another Democrat": after a complement that stands before the verb, the parser
    takes the noun following the verb for its object; it is the speaker."""
    if not any(c.dep_ == "ccomp" and c.i < tok.i for c in tok.children):
        return None
    after = [c for c in tok.children if c.i > tok.i and c.dep_ in ("dobj", "attr", "npadvmod")]
    if (
        after
        and after[0].pos_ in ("PROPN", "NOUN")
        and not any(c.dep_ in ("dative", "iobj") for c in tok.children)
    ):
        return after[0]
    return None


_SPEAKER_STOP = {"–", "—", "“", "”", '"', ":", "(", ")", "--"}


def _speaker_tokens(subj: Token, cue: Token) -> list[Token]:
    """The subject's subtree, cut at line breaks, dashes, colons, brackets and quotation marks to
    the stretch nearest the cue ("LONDON (Reuters) - Donald Trump said" gives "Donald Trump").
    Relative pronouns stay as they are: "who" is the annotated source of "who said"."""
    doc = subj.doc
    toks = list(subj.subtree)
    segments: list[list[Token]] = [[]]
    for tok in toks:
        if tok.text in _SPEAKER_STOP or not tok.text.strip():
            segments.append([])
            continue
        segments[-1].append(tok)
        if "\n" in tok.whitespace_ or (tok.i + 1 < len(doc) and "\n" in doc[tok.i + 1].text):
            segments.append([])
    segments = [seg for seg in segments if seg]
    if not segments:
        return [subj]
    with_head = [seg for seg in segments if subj in seg]
    if with_head and any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in with_head[0]) and len(segments) == 1:
        return with_head[0]
    before = [seg for seg in segments if seg[-1].i < cue.i]
    if before:
        return before[-1]
    return segments[0]


_STATEMENT_NOUNS = {
    "statement",
    "interview",
    "tweet",
    "post",
    "letter",
    "email",
    "release",
    "speech",
    "op-ed",
}


def _cue_tokens(tok: Token) -> list[Token]:
    """The cue verb with its auxiliaries, negation, particle and "in a statement"-like phrase."""
    toks = [tok]
    toks += [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and c.i < tok.i + 3]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i > tok.i:
            pobj = [c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in _STATEMENT_NOUNS]
            if pobj:
                toks += list(prep.subtree)
    return toks


def _own_clause_cues(root: Token) -> set[int]:
    """Tokens of "…, saying/adding/telling …" clauses under ``root``: they carry a claim of their
    own, so they are cut out of the surrounding content."""
    cut: set[int] = set()
    for tok in root.subtree:
        if (
            tok.dep_ == "advcl"
            and tok.tag_ == "VBG"
            and tok.lemma_.lower() in SPEECH_VERBS
            and tok.i != root.i
        ):
            cut |= {t.i for t in tok.subtree}
    return cut


def _verb_content(tok: Token, speaker: Token | None) -> tuple[list[Token], list[Token]]:
    """The content tokens of a cue verb, and extra cue tokens (a governed preposition)."""
    lemma = tok.lemma_.lower()
    exclude = {tok.i} | ({t.i for t in speaker.subtree} if speaker is not None else set())
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if not comps and lemma in ("ask", "wonder", "question"):
        # "was asked whether …", "asked if …": the question is the content.
        comps = [
            c
            for c in tok.children
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "whether") for m in c.children)
        ]
    if not comps and (lemma in INTENT_VERBS or lemma in SPEECH_VERBS):
        comps += [c for c in tok.children if c.dep_ == "xcomp"]
    extra: list[Token] = []
    if not comps:
        for prep in tok.children:
            if prep.dep_ == "prep" and (lemma, prep.lower_) in PREP_CUES and prep.i > tok.i:
                objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if objs:
                    comps += objs + [c for c in tok.children if c.dep_ == "xcomp"]
                    extra.append(prep)
                    break
    if not comps and lemma in OBJECT_VERBS:
        comps += [c for c in tok.children if c.dep_ in ("dobj", "oprd") and c.i > tok.i]
        if comps:
            # "described their strategy as gradualism": the predicate belongs to the content.
            comps += [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > comps[0].i]
    if not comps and lemma in LEARNED_VERBS:
        comps += [c for c in tok.children if c.dep_ in ("xcomp", "dobj", "oprd") and c.i > tok.i]
        if not comps:
            preps = [c for c in tok.children if c.dep_ == "prep" and c.i > tok.i]
            objs = [o for prep in preps[:1] for o in prep.children if o.dep_ in ("pobj", "pcomp")]
            if objs:
                comps += objs
                extra += preps[:1]
    if not comps:
        comps += [c for c in tok.children if c.dep_ == "parataxis" and c.i > tok.i]
    if comps:
        out: list[Token] = []
        for comp in comps:
            out += _subtree_minus(comp, exclude | _own_clause_cues(comp))
        return out, extra
    as_clause = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    if (
        tok.dep_ == "parataxis"
        or (tok.dep_ == "advcl" and tok.i > tok.head.i and tok.tag_ != "VBG")
        or (as_clause and lemma in SPEECH_VERBS)
    ):
        # "As Crane said, the two have become …": the main clause is the content.
        # "The attack, officials said, killed 20." / "…, he said." attached under the content verb.
        skip = exclude | {t.i for t in tok.subtree}
        return _subtree_minus(tok.head, skip), extra
    return [], extra


_FALLBACK_PREPS = {"about", "of", "against"}


def _object_fallback(tok: Token, speaker: Token | None) -> tuple[list[Token], list[Token]]:
    """For a speech or intent verb with no clause and no adjacent quote: its direct object ("found
    Zimmerman not guilty", "stressed the state's importance") or the object of an about/of-like
    preposition ("worry about …"), which PolNeAR annotates as the content."""
    exclude = {tok.i} | ({t.i for t in speaker.subtree} if speaker is not None else set())
    objs = [c for c in tok.children if c.dep_ in ("dobj", "oprd") and c.i > tok.i]
    extra: list[Token] = []
    if not objs:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.i > tok.i and prep.lower_ in _FALLBACK_PREPS:
                objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if objs:
                    extra.append(prep)
                    break
    out: list[Token] = []
    for obj in objs:
        out += _subtree_minus(obj, exclude | _own_clause_cues(obj))
    return out, extra


def _noun_content(tok: Token) -> tuple[list[Token], Token | None] | None:
    """Content and speaker of a noun cue: "his claim that …" (any possessor or none), and with a
    possessor also "his calls for …", "Trump's plan to deport …"."""
    clause = [
        c for c in tok.children if c.dep_ in ("acl", "ccomp") and any(g.lower_ == "that" for g in c.children)
    ]
    speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
    if clause:
        if speaker is None and tok.dep_ == "dobj":
            speaker = _subject(tok.head)  # "repeated accusations that …"
        return list(clause[0].subtree), speaker
    if speaker is None:
        return None
    for child in tok.children:
        if child.i < tok.i:
            continue
        if child.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            return list(child.subtree), speaker
        if child.dep_ == "prep" and child.lower_ in _FALLBACK_PREPS | {"to", "that"}:
            objs = [t for c in child.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree]
            if objs:
                return objs, speaker
    return None


def _adjective_cue(tok: Token) -> tuple[list[Token], list[Token], Token | None] | None:
    """ "X is concerned about Y", "it is unclear whether Y": cue, content and speaker (None for "it")."""
    cop = tok.head
    if tok.dep_ != "acomp" or cop.lemma_ != "be":
        return None
    cue = [cop, tok]
    content: list[Token] = []
    for child in tok.children:
        if child.dep_ == "ccomp":
            content = list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in ("about", "of", "that") and not content:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                cue.append(child)
                content = [t for o in objs for t in o.subtree]
    if not content:
        content = [t for c in cop.children if c.dep_ == "ccomp" for t in c.subtree]
    if not content:
        return None
    subj = next((c for c in cop.children if c.dep_ in ("nsubj", "expl")), None)
    if subj is not None and (subj.dep_ == "expl" or subj.lower_ == "it"):
        subj = None
    return cue, content, subj


def _according_to(tok: Token) -> tuple[list[Token], list[Token], Token | None] | None:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    head = tok.head if tok.head.i != tok.i else tok
    pp = {t.i for t in tok.subtree} | {t.i for t in nxt.subtree}
    if head.i in pp:
        sent = tok.sent
        content = [t for t in sent if t.i not in pp]
    else:
        content = _subtree_minus(head, pp)
    return [tok, nxt], content, pobj


def _adjacent_quote(
    doc: Doc, cue: list[Token], speaker: Fragments | None, regions: list[tuple[int, int]]
) -> Fragments:
    """For a speech cue with no complement: the quote that ends just before its clause
    ("“…” Clinton said.") or starts just after it ("said: “…”")."""
    text = doc_text(doc)
    start = min([t.idx for t in cue] + ([speaker[0][0]] if speaker else []))
    end = max(t.idx + len(t.text) for t in cue)
    # The addressee and circumstances may stand between cue and quote: "told CNBC on Saturday, “…”".
    for child in cue[0].children:
        if child.i > cue[0].i and child.dep_ in ("dobj", "dative", "iobj", "npadvmod", "prep", "advmod"):
            last = doc[child.right_edge.i]
            if not any(qs <= last.idx < qe for qs, qe in regions):
                end = max(end, last.idx + len(last.text))
    for qs, qe in regions:
        if qe <= start and not text[qe:start].strip(" \t\n,.:;—–-"):
            return ((qs, qe),)
        if qs >= end and not text[end:qs].strip(" \t\n,:;—–-"):
            return ((qs, qe),)
    return ()


def _generic_content(tok: Token, speaker: Token | None) -> tuple[list[Token], list[Token]]:
    """Content of a verb the cue classifier accepts outside the lexicons ("continue to insist …",
    "made clear that …"): its clause, infinitive, object or prepositional object, in that order."""
    exclude = {tok.i} | ({t.i for t in speaker.subtree} if speaker is not None else set())
    extra: list[Token] = []
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    comps = comps or [c for c in tok.children if c.dep_ == "xcomp"]
    comps = comps or [c for c in tok.children if c.dep_ in ("dobj", "oprd") and c.i > tok.i]
    if not comps:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.i > tok.i:
                objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if objs:
                    comps, extra = objs, [prep]
                    break
    out: list[Token] = []
    for comp in comps:
        out += _subtree_minus(comp, exclude | _own_clause_cues(comp))
    return out, extra


def _candidates(doc: Doc, model: CueModel | None = None) -> list[Relation]:
    found: list[Relation] = []
    regions = _quote_regions(doc_text(doc))
    model = model or load_cue_model()
    scores = cue_scores(doc, model)
    for tok in doc:
        lemma = tok.lemma_.lower()
        cue: list[Token]
        speaker: Token | None
        score = scores.get(tok.i)
        if score is not None and score < model.threshold(listed(tok)):
            continue
        if tok.lower_ == "according":
            hit = _according_to(tok)
            if hit is None:
                continue
            cue, content, speaker = hit
        elif tok.pos_ in ("VERB", "AUX") and (
            lemma in SPEECH_VERBS or lemma in INTENT_VERBS or lemma in OBJECT_VERBS or lemma in LEARNED_VERBS
        ):
            speaker = _subject(tok)
            if speaker is None and lemma in SPEECH_VERBS:
                speaker = _inverted_subject(tok)
            content, extra = _verb_content(tok, speaker)
            if lemma in NO_SPEAKER_CUES:
                speaker = None
            cue = _cue_tokens(tok) + extra
        elif tok.pos_ == "ADJ" and lemma in ADJ_CUES:
            adj = _adjective_cue(tok)
            if adj is None:
                continue
            cue, content, speaker = adj
        elif tok.pos_ == "NOUN" and lemma in NOUN_CUES:
            noun = _noun_content(tok)
            if noun is None:
                continue
            content, speaker = noun
            cue = [tok]
        elif score is not None and tok.tag_.startswith("VB"):
            if any(
                c.dep_ == "xcomp" and scores.get(c.i, 0.0) >= model.threshold(listed(c)) for c in tok.children
            ):
                continue  # "continue to insist that …": the inner cue has the relation (and the subject)
            speaker = _subject(tok)
            content, extra = _generic_content(tok, speaker)
            cue = _cue_tokens(tok) + extra
        else:
            continue
        content_frags = _runs(content)
        speaker_frags = _runs(_speaker_tokens(speaker, tok)) if speaker is not None else None
        if not content_frags and lemma in SPEECH_VERBS:
            content_frags = _adjacent_quote(doc, cue, speaker_frags, regions)
        if (
            not content_frags
            and tok.pos_ in ("VERB", "AUX")
            and (lemma in SPEECH_VERBS or lemma in INTENT_VERBS)
        ):
            objs, extra = _object_fallback(tok, speaker)
            content_frags = _runs(objs)
            cue = cue + extra
        if not content_frags:
            continue
        found.append(
            Relation(
                speaker=speaker_frags or None,
                cue=_runs(cue) or ((tok.idx, tok.idx + len(tok.text)),),
                content=content_frags,
                direct=False,
                hedged=False,
                cue_token=tok.i,
                speaker_token=speaker.i if speaker is not None else None,
            )
        )
    return found


_COLON_LINE = re.compile(r"^[ \t]*([A-Z][^:\n]{1,40}?)[ \t]*:[ \t]+(\S[^\n]*)$", re.MULTILINE)
_NOT_SPEAKERS = {
    "video",
    "watch",
    "breaking",
    "exclusive",
    "update",
    "photos",
    "read",
    "related",
    "note",
    "editor's note",
    "q",
    "a",
    "by",
    "source",
    "sources",
    "correction",
    "live",
    "updated",
    "more",
    "see also",
    "follow",
    "share",
    "tags",
    "topics",
    "posted",
    "published",
}


def _colon_lines(doc: Doc) -> list[Relation]:
    """Headline and transcript attributions: "Bernie Sanders: Clinton Is Qualified." on one line."""
    found = []
    for match in _COLON_LINE.finditer(doc_text(doc)):
        name = match.group(1).strip()
        words = name.split()
        if (
            len(words) > 5
            or name.lower() in _NOT_SPEAKERS
            or not all(w[0].isupper() or (w.islower() and len(w) <= 3) for w in words)
        ):
            continue
        colon = match.end(1) + doc_text(doc)[match.end(1) :].index(":")
        span = doc.char_span(match.start(1), match.start(1) + len(name), alignment_mode="expand")
        cue = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if span is None or cue is None or not any(t.pos_ == "PROPN" for t in span):
            continue
        content = match.group(2).rstrip(" .\t")
        start = match.start(2)
        if len(content.split()) < 2:
            continue
        found.append(
            Relation(
                speaker=((span.start_char, span.end_char),),
                cue=((colon, colon + 1),),
                content=((start, start + len(content)),),
                direct=False,
                hedged=False,
                cue_token=cue.start,
                speaker_token=span.root.i,
            )
        )
    return found


def _quote_regions(text: str) -> list[tuple[int, int]]:
    regions = []
    for match in _QUOTE.finditer(text):
        start, end = match.span()
        if end - start > 2:
            regions.append((start, end))
    return regions
