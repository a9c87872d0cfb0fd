"""A small hand-written store for the serve tests: five reports, their sentences, entities,
claims and events, one of them carrying hostile markup in its title and text."""

from __future__ import annotations

import asyncio
import re
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from dateline.models import Article, Claim, Entity, Event, Mention, Sentence, SentenceRef
from dateline.store import open_store
from dateline.store.base import ArticleEnrichment, StageResult

XSS_TITLE = 'Gaza <script>window.__xss = 1; alert("title")</script> update'
XSS_TEXT = (
    "Officials in Gaza said the crossing reopened. "
    '<img src=x onerror="window.__xss = 2; alert(1)"> '
    "<script>window.__xss = 3</script> Aid trucks waited at Rafah."
)

ARTICLES = (
    Article(
        id="ap/2023-10-07/attack",
        source="AP",
        published=date(2023, 10, 7),
        title="Hamas launches surprise attack on Israel",
        url="https://apnews.com/article/attack",
        text=(
            "Hamas militants launched a surprise attack on southern Israel on Saturday. "
            "Prime Minister Benjamin Netanyahu said Israel was at war. "
            "Rockets were fired toward Tel Aviv."
        ),
    ),
    Article(
        id="reuters/2023-10-07/attack",
        source="Reuters",
        published=date(2023, 10, 7),
        title="Israel declares war after Hamas assault",
        url="https://www.reuters.com/world/attack",
        text=(
            "Israel declared a state of war after Hamas fighters crossed the border from Gaza. "
            "The Israeli military said hundreds of people were killed."
        ),
    ),
    Article(
        id="bbc/2023-10-27/ground",
        source="BBC",
        published=date(2023, 10, 27),
        title="Israeli troops expand ground operations in Gaza",
        url="https://www.bbc.com/news/ground",
        text=(
            "Israeli troops expanded ground operations in northern Gaza on Friday. "
            "The United Nations warned that the humanitarian situation could reportedly collapse."
        ),
    ),
    Article(
        id="aljazeera/2023-11-24/truce",
        source="Al Jazeera",
        published=date(2023, 11, 24),
        title="Truce takes effect in Gaza",
        url="https://www.aljazeera.com/news/truce",
        text=(
            "A four-day truce between Israel and Hamas took effect in Gaza on Friday. "
            'Qatar said: "The first hostages will be released this afternoon." '
            "Aid trucks entered through the Rafah crossing."
        ),
    ),
    Article(
        id="evil/2023-11-25/xss",
        source="Evil Gazette",
        published=date(2023, 11, 25),
        title=XSS_TITLE,
        url="javascript:alert(1)",
        text=XSS_TEXT,
    ),
)

_SENT_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?]\"))\s+(?=[A-Z<\"])")


def _sentences(article: Article) -> list[Sentence]:
    out = []
    start = 0
    for piece in _SENT_END.split(article.text):
        start = article.text.index(piece, start)
        out.append(Sentence(article.id, len(out), start, start + len(piece), piece))
        start += len(piece)
    return out


def _mentions(
    article: Article, sentences: list[Sentence], names: dict[str, tuple[str, str]]
) -> list[Mention]:
    found = []
    for surface, (label, key) in names.items():
        for m in re.finditer(re.escape(surface), article.text):
            index = next(s.index for s in sentences if s.start <= m.start() < s.end + 1)
            found.append(Mention(article.id, index, m.start(), m.end(), surface, label, key))
    return found


ENTITIES = (
    Entity("org:hamas", "Hamas", "ORG", ("Hamas",), 3, (), date(2023, 10, 7), date(2023, 11, 24)),
    Entity(
        "gpe:israel", "Israel", "GPE", ("Israel", "Israeli"), 5, (), date(2023, 10, 7), date(2023, 11, 24)
    ),
    Entity("gpe:gaza", "Gaza", "GPE", ("Gaza",), 5, (), date(2023, 10, 7), date(2023, 11, 25)),
    Entity(
        "person:netanyahu",
        "Benjamin Netanyahu",
        "PERSON",
        ("Benjamin Netanyahu", "Netanyahu"),
        1,
        ("Prime Minister",),
        date(2023, 10, 7),
        date(2023, 10, 7),
    ),
    Entity("gpe:qatar", "Qatar", "GPE", ("Qatar",), 1, (), date(2023, 11, 24), date(2023, 11, 24)),
)
NAMES = {
    "Hamas": ("ORG", "org:hamas"),
    "Israel": ("GPE", "gpe:israel"),
    "Gaza": ("GPE", "gpe:gaza"),
    "Benjamin Netanyahu": ("PERSON", "person:netanyahu"),
    "Qatar": ("GPE", "gpe:qatar"),
}


def _claims(article: Article, sentences: list[Sentence]) -> list[Claim]:
    specs = {
        "ap/2023-10-07/attack": [(1, "Benjamin Netanyahu", "said", "Israel was at war", False, False)],
        "bbc/2023-10-27/ground": [
            (
                1,
                "The United Nations",
                "warned",
                "the humanitarian situation could reportedly collapse",
                False,
                True,
            )
        ],
        "aljazeera/2023-11-24/truce": [
            (1, "Qatar", "said", "The first hostages will be released this afternoon.", True, False)
        ],
        "evil/2023-11-25/xss": [(0, "Officials in Gaza", "said", "the crossing reopened", False, False)],
    }
    out = []
    for index, speaker, cue, content, direct, hedged in specs.get(article.id, []):
        entity = (
            "Benjamin Netanyahu"
            if speaker.endswith("Netanyahu")
            else ("Qatar" if speaker == "Qatar" else None)
        )
        out.append(Claim(article.id, index, speaker, cue, content, direct, hedged, speaker_entity=entity))
    return out


EVENTS = (
    Event(
        id="ev-attack",
        date=date(2023, 10, 7),
        precision="day",
        summary=SentenceRef(
            "Hamas militants launched a surprise attack on southern Israel on Saturday.",
            "ap/2023-10-07/attack",
            0,
        ),
        evidence=(
            SentenceRef(
                "Hamas militants launched a surprise attack on southern Israel on Saturday.",
                "ap/2023-10-07/attack",
                0,
            ),
            SentenceRef(
                "Israel declared a state of war after Hamas fighters crossed the border from Gaza.",
                "reuters/2023-10-07/attack",
                0,
            ),
        ),
        type="attack",
        actors=("Hamas",),
        locations=("Israel",),
        article_ids=("ap/2023-10-07/attack", "reuters/2023-10-07/attack"),
        independent_sources=2,
    ),
    Event(
        id="ev-truce",
        date=date(2023, 11, 24),
        precision="day",
        summary=SentenceRef(
            "A four-day truce between Israel and Hamas took effect in Gaza on Friday.",
            "aljazeera/2023-11-24/truce",
            0,
        ),
        evidence=(),
        type="agreement",
        actors=("Israel", "Hamas"),
        locations=("Gaza",),
        article_ids=("aljazeera/2023-11-24/truce",),
        independent_sources=1,
    ),
)


def build_store(path: Path) -> str:
    """Write the fixture store at ``path`` through the store's public methods; returns its location."""
    store = open_store(path)
    store.put_articles(list(ARTICLES))
    enrichments = []
    for article in ARTICLES:
        sentences = _sentences(article)
        enrichments.append(
            ArticleEnrichment(
                article_id=article.id,
                results=(StageResult("sentences", "test", "ok"),),
                language="en",
                sentences=tuple(sentences),
                mentions=tuple(_mentions(article, sentences, NAMES)),
                claims=tuple(_claims(article, sentences)),
            )
        )
    store.save_enrichments(enrichments)
    store.replace_entities(list(ENTITIES), {})
    store.replace_events(list(EVENTS))
    store.close()
    return str(path)


class Client:
    """A synchronous front for ``httpx.AsyncClient`` over an ASGI app, in-process."""

    def __init__(self, app: Any) -> None:
        self._loop = asyncio.new_event_loop()
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        self._client = httpx.AsyncClient(transport=transport, base_url="http://testserver")

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self._loop.run_until_complete(self._client.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def close(self) -> None:
        self._loop.run_until_complete(self._client.aclose())
        self._loop.close()
