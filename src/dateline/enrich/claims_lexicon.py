"""Word lists for attribution extraction: reporting cues, hedges, gendered names, and the prefilter.

These lists are data, curated from news usage (and checked against the PolNeAR train split); the
rules that use them live in :mod:`dateline.enrich.claims`. Not a general-purpose lexicon.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Verbs whose clausal complement (``ccomp``) is attributed content: speech, writing, belief,
#: perception of evidence. Lemmas, as spaCy's lemmatizer gives them.
SPEECH_VERBS: frozenset[str] = _words(
    """
    say tell describe suggest warn claim deny insist argue believe anticipate expect announce
    confirm report add note accuse write tweet post explain state declare acknowledge admit
    allege assert concede contend emphasize emphasise estimate predict promise vow pledge
    reveal recall repeat reply respond retort say stress think threaten testify conclude
    complain caution agree disagree indicate mention observe point speculate suspect fear hope
    know learn find show demonstrate suggest imply hint reiterate remark boast brag
    joke quip muse lament acknowledge affirm charge counter assure remind inform notify
    urge ask wonder question doubt guess feel worry recognize realize understand
    say declare proclaim predict forecast project calculate reckon concur signal clarify
    tweet blog email text argue presume assume imagine consider deem insinuate propose
    recommend demand request order instruct testify disclose divulge publish cite read
    underscore highlight acknowledge recount relate narrate suppose hear see
    talk speak comment vote
    """
)

#: Verbs whose infinitival complement (``xcomp``) is attributed intent or belief ("wants to …").
INTENT_VERBS: frozenset[str] = _words(
    """
    want plan promise vow pledge refuse hope expect seek decline threaten urge ask intend
    agree offer propose wish vow swear demand prefer appear seem
    """
)

#: Verbs whose direct object (with predicate) is the attributed content ("called the deal a
#: disaster", "criticized the trade", "endorsed Cruz").
OBJECT_VERBS: frozenset[str] = _words(
    """
    call describe criticize criticise praise endorse support back oppose blame defend reject
    dismiss question condemn denounce deny accuse welcome applaud slam attack label dub brand
    characterize characterise cite tout predict announce propose reveal
    acknowledge confirm dispute challenge rebut refute decry mock mention discuss express thank
    share list highlight echo congratulate cheer remember name identify anticipate expect fear
    forecast note show
    """
)

#: Verb + preposition cues whose prepositional object is the content ("called for a ban").
PREP_CUES: frozenset[tuple[str, str]] = frozenset(
    (verb, prep)
    for verb, _, prep in (
        pair.partition("+")
        for pair in _words(
            """
    call+for call+on refer+to point+to talk+about speak+about speak+of warn+of warn+against
    warn+about comment+on focus+on complain+about ask+about ask+for vote+for argue+for
    argue+against push+for advocate+for respond+to insist+on write+about rail+against
    speak+out lash+out weigh+in hint+at boast+about brag+about joke+about testify+about
    express+support agree+with disagree+with side+with criticize+for praise+for blame+for
    """
        )
    )
)

#: Verbs mined from the PolNeAR train split (never dev): lemmas outside the lists above whose
#: tokens the annotators mark as a cue in at least 40% of their train occurrences (3 or more
#: times). Their content is a clausal, infinitival or direct object, or a prepositional object.
LEARNED_VERBS: frozenset[str] = _words(
    """
    refer reference hope issue sign encourage promote title advocate blast lay present answer
    approve apologize release plead allude rail envision hail credit portray boo attribute voice
    recite chant broadcast quote shout yell disavow detail outline double convince
    """
)

#: Cues whose grammatical subject is what the content is about, not who holds it ("Washington
#: appears weak"): their relations get no speaker (PolNeAR marks them Attribution-no-source).
NO_SPEAKER_CUES: frozenset[str] = _words("appear seem")

#: Dropped after measuring on PolNeAR train (``bench/attribution_cues.py``): "need", "advise",
#: "figure", "maintain" and "debate" gave speaker and content precision both under 0.5.

#: Adjectives that, after "be", attribute a stance or belief ("is concerned about", "unclear whether").
ADJ_CUES: frozenset[str] = _words(
    """
    unclear likely unlikely possible concerned worried confident convinced sure aware
    certain uncertain optimistic pessimistic skeptical sceptical hopeful critical afraid
    adamant determined eager unhappy upset angry supportive opposed
    """
)

#: Nouns that introduce attributed content in a ``that`` clause ("the claim that …").
NOUN_CUES: frozenset[str] = _words(
    """
    claim statement allegation assertion belief view argument suggestion warning promise
    pledge report announcement accusation insistence assurance prediction admission
    contention charge fear hope expectation speculation rumor rumour notion idea
    """
)

#: Words that hedge the content or the attribution itself.
HEDGE_WORDS: frozenset[str] = _words(
    """
    may might could reportedly allegedly alleged apparently unconfirmed unverified possibly
    perhaps purportedly purported supposedly rumored rumoured seemingly likely unlikely
    probably maybe suspected presumably
    """
)

#: Cue lemmas that by themselves mark the content as uncertain or contested.
HEDGE_CUES: frozenset[str] = _words(
    """
    suggest claim allege believe speculate estimate anticipate expect think suspect guess
    predict fear hope appear seem imply hint rumor rumour reckon presume assume suppose
    """
)

#: Sentences saying that a report cannot be checked; they hedge the claims next to them.
UNVERIFIED = re.compile(
    r"\b(?:could|can|cannot|can ?n[o']t|could ?n[o']t)\s+(?:not\s+)?(?:be\s+)?(?:independently\s+)?"
    r"(?:verif|confirm)\w*|\bnot\s+(?:been\s+)?(?:independently\s+)?(?:verified|confirmed)\b",
    re.IGNORECASE,
)

MALE_NAMES: frozenset[str] = _words(
    """
    donald bernie ted marco jeb ben john chris mike michael barack bill joe paul mitt rand
    george james robert david richard william thomas charles mark steven stephen kevin jason
    brian tim timothy jeff jeffrey eric scott gary peter andrew anthony tony daniel matthew
    jim jimmy tom bob rick rudy newt reince corey roger jared martin vladimir
    benjamin bashar muammar hosni mahmoud ali ahmed mohammed muhammad omar hassan recep
    nicolas francois emmanuel boris tony gordon david ehud ariel yitzhak shimon naftali yair
    moshe yoav benny isaac herzi itamar bezalel yahya ismail khalil abdel hamid sergei dmitry
    xi recep volodymyr olaf rishi keir justin narendra
    """
)

FEMALE_NAMES: frozenset[str] = _words(
    """
    hillary chelsea carly sarah nikki elizabeth nancy michelle melania ivanka kellyanne hope
    huma donna debbie jennifer mary patricia linda barbara susan margaret jessica karen lisa
    betty helen sandra ashley kimberly emily angela theresa theresa angela condoleezza
    madeleine golda tzipi ayelet marine christine ursula kamala amy elizabeth megyn
    """
)

_IRREGULAR = (
    "said told thought wrote written found knew known saw seen heard felt understood sought spoke spoken"
)


def _forms(lemma: str) -> set[str]:
    """Regular inflections of a lemma (over-generating is harmless: it only widens the filter)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


#: Every word form a cue rule can fire on; built from the lexicons so the prefilter never
#: rejects a sentence the rules would accept.
CUE_FORMS: frozenset[str] = frozenset(
    form
    for lemma in SPEECH_VERBS
    | INTENT_VERBS
    | OBJECT_VERBS
    | LEARNED_VERBS
    | NOUN_CUES
    | ADJ_CUES
    | {v for v, _ in PREP_CUES}
    for form in _forms(lemma)
) | frozenset(_IRREGULAR.split())

_PREFILTER_MARKS = re.compile(r"[\"“”]|``|''|:\s|\baccording\s+to\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")


# The strongest cues only: about half the candidate sentences of the full filter on T17, at the
# cost of the long tail of cues (measured on PolNeAR dev: content F1 0.66 instead of 0.75).
_CORE = re.compile(
    r"[\"“”]|``|''|\baccording to\b|\b(?:say|says|said|saying|tell|tells|told|telling|add|adds|added|"
    r"adding|claim(?:s|ed|ing)?|den(?:y|ies|ied)|insist(?:s|ed)?|warn(?:s|ed|ing)?|argu(?:e|es|ed|ing)|"
    r"believ(?:e|es|ed)|suggest(?:s|ed|ing)?|announc(?:e|es|ed)|confirm(?:s|ed)?|report(?:s|ed|edly)?|"
    r"accus(?:e|es|ed)|stat(?:ed|es)|declar(?:e|es|ed)|acknowledg(?:e|es|ed)|explain(?:s|ed)|"
    r"not(?:e|es|ed|ing)|wr(?:ote|ites)|tweet(?:s|ed)|describ(?:e|es|ed)|expect(?:s|ed)?|"
    r"anticipat(?:e|es|ed)|predict(?:s|ed)?|statement|spokes(?:man|woman|person)|officials?)\b",
    re.IGNORECASE,
)


def may_contain_claim(sentence_text: str, *, core: bool = False) -> bool:
    """Cheap test whether a sentence may hold an attribution.

    By default: a cue word form from the lexicons, a quotation mark, a colon or "according to"; a
    sentence for which this is False never yields a claim. With ``core=True`` only the common
    speech cues and quotation marks pass (a faster, lower-recall setting for large corpora).
    """
    if core:
        return _CORE.search(sentence_text) is not None
    if _PREFILTER_MARKS.search(sentence_text):
        return True
    return any(word in CUE_FORMS for word in _WORD.findall(sentence_text.lower()))
