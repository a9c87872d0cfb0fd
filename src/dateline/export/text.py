"""Plain-text and Markdown renderings of a timeline: for people reading a terminal or a document.

The Markdown escapes every character of article text that Markdown would otherwise read as markup
(including ``<``, so a renderer that passes raw HTML through still shows text), and links only
``http(s)`` URLs.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from dateline.models import Timeline, TimelineEntry

__all__ = ["markdown_escape", "render_markdown", "render_text", "safe_url"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#|~&!])")


def markdown_escape(text: str) -> str:
    """``text`` with Markdown (and inline HTML) metacharacters backslash-escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL (so it may become a link), else ``None``."""
    if not url:
        return None
    stripped = url.strip()
    if not stripped.lower().startswith(("http://", "https://")):
        return None
    # Spaces, quotes and brackets would end a Markdown link or an attribute early.
    return quote(stripped, safe=":/?#[]@!$&'*+,;=%-._~")


def _window(timeline: Timeline) -> str:
    if timeline.start is None and timeline.end is None:
        return ""
    start = timeline.start.isoformat() if timeline.start else "…"
    end = timeline.end.isoformat() if timeline.end else "…"
    return f"{start} – {end}"


def _day(entry: TimelineEntry) -> str:
    iso = entry.date.isoformat()
    return {"day": iso, "month": iso[:7], "year": iso[:4]}[entry.precision]


def render_text(timeline: Timeline) -> str:
    """A timeline as plain text: one block per date, each sentence with the article it came from."""
    title = f"Timeline: {timeline.query}" if timeline.query else "Timeline"
    window = _window(timeline)
    lines = [title + (f" ({window})" if window else ""), ""]
    if not timeline.entries:
        lines.append("(no dated entries)")
    for entry in timeline.entries:
        plural = "" if entry.independent_sources == 1 else "s"
        lines.append(f"{_day(entry)}  ({entry.independent_sources} independent source{plural})")
        for ref in entry.summary:
            lines.append(f"  * {' '.join(ref.text.split())}  [{ref.article_id}]")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(timeline: Timeline) -> str:
    """A timeline as Markdown: a heading per date, cited summary sentences, then the sources."""
    title = markdown_escape(timeline.query) if timeline.query else "all stored reports"
    out = [f"# Timeline: {title}", ""]
    window = _window(timeline)
    if window:
        out += [f"*{window}*", ""]
    if not timeline.entries:
        out += ["*No dated entries.*", ""]
    for entry in timeline.entries:
        out += [f"## {_day(entry)}", ""]
        urls = {src.article_id: safe_url(src.url) for src in entry.sources}
        for ref in entry.summary:
            cite = markdown_escape(ref.article_id)
            url = urls.get(ref.article_id)
            out.append(
                f"- {markdown_escape(ref.text)} ([{cite}]({url}))"
                if url
                else f"- {markdown_escape(ref.text)} \\[{cite}\\]"
            )
        out += ["", f"Sources ({entry.independent_sources} independent):", ""]
        for src in entry.sources:
            label = markdown_escape(src.title or src.article_id)
            url = safe_url(src.url)
            link = f"[{label}]({url})" if url else label
            out.append(f"- {link}, {markdown_escape(src.source)}, {src.published.isoformat()}")
        if entry.claims:
            out += ["", "Claims:", ""]
            for claim in entry.claims:
                who = markdown_escape(claim.speaker_entity or claim.speaker or "unattributed")
                kind = "quote" if claim.direct else "reported"
                hedge = ", hedged" if claim.hedged else ""
                out.append(
                    f"- **{who}** {markdown_escape(claim.cue)} ({kind}{hedge}): {markdown_escape(claim.content)}"
                )
        out.append("")
    return "\n".join(out).rstrip() + "\n"
