"""A timeline as one standalone HTML file: no scripts, no external resources, readable offline.

The page carries its own Content-Security-Policy (no script at all, inline style only), every
piece of article text is escaped by Jinja2's autoescaping, and only http(s) URLs become links.
A click on a summary sentence opens (``<details>``) the sentence in its article's context when a
store is given, and the articles it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2

from dateline import __version__
from dateline.export.text import safe_url
from dateline.models import SentenceRef, Timeline

__all__ = ["render_html", "sentence_context"]

_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="dateline {{ version }}">
<title>{{ title }}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#1b1b1b}
h1{font-size:1.5rem;margin:.2rem 0}.window{color:#555}
ol.timeline{list-style:none;padding:0;border-left:3px solid #c8d3e0;margin-left:.4rem}
li.entry{padding:.2rem 0 1rem 1rem;position:relative}
li.entry::before{content:"";position:absolute;left:-.5rem;top:.55rem;width:.7rem;height:.7rem;
border-radius:50%;background:#2c5d8f}
time{font-weight:700}.count{color:#555;font-size:.9rem}
details{margin:.3rem 0}summary{cursor:pointer}
.ctx{color:#555;font-size:.92rem;margin:.3rem 0 .3rem 1rem}.ctx mark{background:#fff2a8;color:inherit}
ul.sources{font-size:.9rem;margin:.2rem 0;padding-left:1.2rem}
footer{color:#777;font-size:.8rem;margin-top:2rem}
</style>
</head>
<body>
<header>
<h1>{{ title }}</h1>
{% if window %}<p class="window">{{ window }}</p>{% endif %}
</header>
<main>
{% if not entries %}<p>No dated entries.</p>{% endif %}
<ol class="timeline">
{% for entry in entries %}
<li class="entry" id="d{{ entry.iso }}">
<time datetime="{{ entry.iso }}">{{ entry.label }}</time>
<span class="count">· {{ entry.independent }} independent source{{ "" if entry.independent == 1 else "s" }}</span>
{% for item in entry.summary %}
<details>
<summary>{{ item.text }}</summary>
{% if item.context and (item.context.before or item.context.after) %}<p class="ctx">{{ item.context.before }} <mark>{{ item.text }}</mark> {{ item.context.after }}</p>{% endif %}
<ul class="sources">
{% for src in item.sources %}<li>{% if src.url %}<a href="{{ src.url }}" rel="noopener noreferrer">{{ src.label }}</a>{% else %}{{ src.label }}{% endif %} · {{ src.source }} · {{ src.published }}</li>
{% endfor %}</ul>
</details>
{% endfor %}
</li>
{% endfor %}
</ol>
</main>
<footer>Made by dateline {{ version }}; every sentence is quoted from the report it cites.</footer>
</body>
</html>
"""

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
_PAGE = _ENV.from_string(_TEMPLATE)


@dataclass(frozen=True, slots=True)
class Context:
    """The sentences just before and after a cited sentence in its article."""

    before: str
    after: str


def sentence_context(store: Any, ref: SentenceRef) -> Context | None:
    """The neighbouring sentences of ``ref`` in its stored article, or ``None`` when unknown."""
    if store is None or ref.sentence_index is None:
        return None
    sentences = {s.index: s.text for s in store.sentences(ref.article_id)}
    if ref.sentence_index not in sentences:
        return None
    return Context(
        before=sentences.get(ref.sentence_index - 1, ""), after=sentences.get(ref.sentence_index + 1, "")
    )


def render_html(timeline: Timeline, *, store: Any = None, title: str | None = None) -> str:
    """A timeline as a standalone HTML page (``store``, when given, adds each sentence's context)."""
    heading = title or (f"Timeline: {timeline.query}" if timeline.query else "Timeline")
    window = ""
    if timeline.start or timeline.end:
        window = " – ".join(d.isoformat() if d else "…" for d in (timeline.start, timeline.end))
    entries = []
    for entry in timeline.entries:
        iso = entry.date.isoformat()
        sources = [
            {
                "article_id": src.article_id,
                "url": safe_url(src.url),
                "label": src.title or src.article_id,
                "source": src.source,
                "published": src.published.isoformat(),
            }
            for src in entry.sources
        ]
        summary = []
        for ref in entry.summary:
            # The article a sentence came from first, then the entry's other sources.
            own = [s for s in sources if s["article_id"] == ref.article_id]
            rest = [s for s in sources if s["article_id"] != ref.article_id]
            if not own:
                own = [
                    {
                        "article_id": ref.article_id,
                        "url": None,
                        "label": ref.article_id,
                        "source": "",
                        "published": "",
                    }
                ]
            summary.append(
                {
                    "text": " ".join(ref.text.split()),
                    "context": sentence_context(store, ref),
                    "sources": own + rest,
                }
            )
        entries.append(
            {
                "iso": iso,
                "label": {"day": iso, "month": iso[:7], "year": iso[:4]}[entry.precision],
                "independent": entry.independent_sources,
                "summary": summary,
            }
        )
    return _PAGE.render(title=heading, window=window, entries=entries, version=__version__)
