"""Trimming page furniture off the front of a news sentence before it can be a summary line.

Wire and web copy often glue a dateline, a time stamp or a blog header to the first sentence
("TRIPOLI | Tue Mar 1 , 2011 6:36 pm EST TRIPOLI -LRB- Reuters -RRB- - Libya could …",
"-LRB- 12:34 a.m. Monday ET -RRB- A coalition …"). :func:`clean_sentence` cuts such a prefix and
returns the rest, which is still a verbatim substring of what the source wrote, so the citation
stays honest. Handles both plain brackets and the Penn-Treebank ``-LRB-``/``-RRB-`` tokens. It
does not rewrite anything inside the sentence.
"""

from __future__ import annotations

import re

__all__ = ["clean_sentence", "is_reader_comment"]

_OPEN = r"(?:-LRB-|\()"
_CLOSE = r"(?:-RRB-|\))"
_TIME = r"\d{1,2}(?::\d{2})?\s?(?:[ap]\.?\s?m\.?|ET|EST|EDT|GMT|BST)"
_PREFIXES = [
    # "... CITY -LRB- Reuters -RRB- - " / "CITY , Country -LRB- CNN -RRB- -- "
    re.compile(rf"^.{{0,100}}?{_OPEN}\s?(?:Reuters|CNN|AP|AFP|BBC)\s?{_CLOSE}\s?-{{1,2}}\s", re.IGNORECASE),
    # "-LRB- 12:34 a.m. Monday ET , 6:34 a.m. in Libya -RRB- "
    re.compile(rf"^{_OPEN}[^()]{{0,80}}?{_TIME}[^()]{{0,80}}?{_CLOSE}\s?:?\s?", re.IGNORECASE),
    # "LIBYA , 3:29 p.m. ET , 10:29 p.m. local : "
    re.compile(rf"^[A-Z][A-Z .,'-]{{0,40}},?\s{_TIME}.{{0,60}}?\s:\s"),
    # "February 24 , 2011 03:18 pm at 3:18 pm | " (blog post headers)
    re.compile(rf"^[A-Z][a-z]+\.? \d{{1,2}} ,? \d{{4}}\s.{{0,40}}?{_TIME}\s?\|\s", re.IGNORECASE),
    # "Cairo , 2:45 p.m. ET -RRB- " (the rest of a live-blog stamp whose opening bracket ended
    # the previous sentence)
    re.compile(rf"^[A-Z][A-Za-z .'-]{{0,40}},\s?{_TIME}[^()]{{0,40}}?{_CLOSE}\s?"),
    # "Updated : 11:33 p.m. ... : "
    re.compile(
        rf"^(?:Updated|Posted|Last updated)\s?:?\s?[^:]{{0,60}}?{_TIME}[^:]{{0,60}}:\s", re.IGNORECASE
    ),
]
_LEADING_JUNK = re.compile(
    r"^(?:Full Article|Advertisement|Related|Share|Email|Print|YES\s?\|\s?NO)\s+", re.IGNORECASE
)
# Every prefix above holds a bracket or a "|" near the start, or starts as the anchored
# patterns do. Most sentences qualify for none, and these checks are far cheaper than
# trying each pattern (the agency pattern scans up to 100 characters at every position).
_MAYBE_START = re.compile(
    r"[A-Z][A-Z .,'-]{0,40},?\s\d|(?i:Updated|Posted|Last updated|Full Article|Advertisement|Related|Share"
    r"|Email|Print)\b"
)
_LOOK = 200


# Reader comments under a story carry a posting stamp ("January 31 , 2011 at 2:03 pm | ...",
# "At 4:13 pm on 28 May 2010 , user wrote : ...", "-- June 02 , 2010 2:43 PM ...") or the comment
# widget's links ("| Report abuse", "| Reply").
_COMMENT = re.compile(
    r"\|\s*(?:Report abuse|Reply)\b"
    r"|\b\d{4}\s+(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?\|"
    r"|\bAt \d{1,2}:\d{2}(?:\s*[ap]m)?\s+(?:on\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\s+\d{4}"
    r"\s*,\s*\S+\s+wrote\s*:"
    r"|^--\s*[A-Z][a-z]+\.? \d{1,2}\s*,\s*\d{4}\s+\d{1,2}:\d{2}\s*[ap]\.?m\b",
    re.IGNORECASE,
)


def is_reader_comment(text: str) -> bool:
    """Whether a sentence belongs to the reader comments under a story, not to the story: its
    posting stamp is no news of that day, and its words are no source's report."""
    return ("|" in text or "wrote" in text or text.startswith("--")) and _COMMENT.search(text) is not None


def clean_sentence(text: str) -> str:
    """``text`` without a leading dateline, time stamp or page header (unchanged when it has none)."""
    out = text.strip()
    head = out[:_LOOK]
    if not any(c in head for c in ("(", ")", "-LRB-", "-RRB-", "|")) and _MAYBE_START.match(out) is None:
        return out
    for _ in range(3):  # a sentence can carry two stacked prefixes (blog header, then wire dateline)
        before = out
        out = _LEADING_JUNK.sub("", out)
        for pattern in _PREFIXES:
            m = pattern.match(out)
            if m and len(out) - m.end() >= 20:
                out = out[m.end() :].lstrip(" -:|")
        if out == before:
            break
    return out
