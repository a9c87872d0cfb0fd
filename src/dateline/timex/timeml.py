"""TimeML in and out: read TempEval-3 style ``.tml`` documents and write tagged TimeML.

:func:`read_timeml` turns a TimeBank / AQUAINT / TempEval-3 / WikiWars ``.tml`` file into a
:class:`TimeMLDoc`: the plain text of its ``<TEXT>`` element, the gold ``TIMEX3`` spans inside it
as character offsets into that text, and the document creation time (DCT). :func:`write_timeml`
does the reverse for system output: the same text, with ``<TIMEX3 tid type value>`` tags, in a
file that the official TempEval-3 scorer (``TE3-evaluation.py``) accepts.

Not for: EVENT / TLINK annotation (read past and dropped on writing).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from dateline.errors import EvalError
from dateline.models import Timex

__all__ = ["TimeMLDoc", "parse_dct_value", "read_timeml", "write_timeml"]

_TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """One TimeML document: its text, gold timexes (offsets into ``text``) and creation time.

    ``dct`` is the DCT as a date (or datetime when it has a time of day); ``dct_value`` is its
    TIMEX3 value as written. ``head`` is the file's raw markup before the text (XML declaration,
    ``<TimeML>``, ``<DOCID>``, ``<DCT>`` …), kept so that a written copy has the same DCT element.
    """

    path: str
    docid: str
    text: str
    gold: tuple[Timex, ...]
    dct: date | None
    dct_value: str | None
    head: str = field(default="", repr=False)


def parse_dct_value(value: str) -> date | None:
    """The date (or datetime) a DCT value such as ``1998-01-08`` or ``1998-01-08T12:00`` names."""
    m = re.match(r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?)?", value)
    if not m:
        return None
    try:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if m[4] is not None:
            return datetime(y, mo, d, int(m[4]), int(m[5] or 0), int(m[6] or 0))
        return date(y, mo, d)
    except ValueError:
        return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Read a ``.tml`` file; raise :class:`EvalError` naming the file when it is malformed."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read TimeML file: {exc}") from exc
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise EvalError(f"{path}: not well-formed XML: {exc}") from exc

    text_el = None
    docid = path.stem
    dct_value: str | None = None
    for el in root.iter():
        name = _local(el.tag)
        if name == "TEXT" and text_el is None:
            text_el = el
        elif name == "DOCID" and el.text:
            docid = el.text.strip()
        elif name == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME" and dct_value is None:
            dct_value = el.get("value")
    if text_el is None:
        raise EvalError(f"{path}: no <TEXT> element")
    if dct_value is None:
        dct_el = next((el for el in root.iter() if _local(el.tag) == "DCT"), None)
        if dct_el is not None:
            t = next((el for el in dct_el.iter() if _local(el.tag) == "TIMEX3"), None)
            if t is not None:
                dct_value = t.get("value")

    parts: list[str] = []
    gold: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        for child in el:
            start = pos
            if child.text:
                parts.append(child.text)
                pos += len(child.text)
            walk(child)
            if _local(child.tag) == "TIMEX3":
                typ = (child.get("type") or "").upper()
                value = child.get("value")
                if typ not in _TIMEX_TYPES or value is None:
                    raise EvalError(f"{path}: TIMEX3 {child.get('tid')!r} lacks a valid type or value")
                gold.append(
                    Timex(
                        start=start,
                        end=pos,
                        text="",  # filled in once the whole text is known
                        type=typ,  # type: ignore[arg-type]
                        value=value,
                        anchor=child.get("anchorTimeID"),
                        mod=child.get("mod"),
                        quant=child.get("quant"),
                        freq=child.get("freq"),
                    )
                )
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    if text_el.text:
        parts.append(text_el.text)
        pos += len(text_el.text)
    try:
        walk(text_el)
    except RecursionError as exc:
        raise EvalError(f"{path}: elements nested too deeply") from exc
    text = "".join(parts)
    gold = [
        Timex(t.start, t.end, text[t.start : t.end], t.type, t.value, t.anchor, t.mod, t.quant, t.freq)
        for t in gold
    ]
    gold.sort(key=lambda t: (t.start, t.end))

    m = re.search(r"<TEXT\b[^>]*>", raw)
    head = raw[: m.start()] if m else ""
    return TimeMLDoc(
        path=str(path),
        docid=docid,
        text=text,
        gold=tuple(gold),
        dct=parse_dct_value(dct_value) if dct_value else None,
        dct_value=dct_value,
        head=head,
    )


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(s: str) -> str:
    return _esc(s).replace('"', "&quot;")


def write_timeml(doc: TimeMLDoc, timexes: Iterable[Timex]) -> str:
    """TimeML for ``doc.text`` tagged with ``timexes`` (tids t1, t2 … in text order).

    The text between ``<TEXT>`` and ``</TEXT>`` is exactly ``doc.text`` (XML-escaped), so the
    official scorer sees the same tokens as in the gold file. Overlapping or out-of-range spans
    are dropped (TIMEX3 tags cannot nest); the DCT element is copied from the original file.
    """
    text = doc.text
    chosen: list[Timex] = []
    last_end = -1
    for t in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if t.start < last_end or t.start < 0 or t.end > len(text) or t.end <= t.start:
            continue
        chosen.append(t)
        last_end = t.end
    out: list[str] = []
    if doc.head.strip():
        out.append(doc.head)
    else:
        out.append('<?xml version="1.0" ?>\n<TimeML>\n')
        out.append(f"<DOCID>{_esc(doc.docid)}</DOCID>\n\n")
        if doc.dct_value:
            out.append(
                f'<DCT><TIMEX3 tid="t0" type="DATE" value="{_attr(doc.dct_value)}" temporalFunction="false" '
                f'functionInDocument="CREATION_TIME">{_esc(doc.dct_value)}</TIMEX3></DCT>\n\n'
            )
    out.append("<TEXT>")
    pos = 0
    for i, t in enumerate(chosen, 1):
        out.append(_esc(text[pos : t.start]))
        attrs = [f'tid="t{i}"', f'type="{_attr(t.type)}"', f'value="{_attr(t.value)}"']
        for key, val in (("mod", t.mod), ("quant", t.quant), ("freq", t.freq)):
            if val:
                attrs.append(f'{key}="{_attr(val)}"')
        out.append(f"<TIMEX3 {' '.join(attrs)}>{_esc(text[t.start : t.end])}</TIMEX3>")
        pos = t.end
    out.append(_esc(text[pos:]))
    out.append("</TEXT>\n\n</TimeML>\n")
    return "".join(out)
