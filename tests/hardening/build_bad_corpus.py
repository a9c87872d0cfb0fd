"""Writes the committed bad-input corpus ``tests/data/bad/`` and its ``MANIFEST.json``.

Run it (``python tests/hardening/build_bad_corpus.py``) only to change the corpus; the files it
writes are committed, so the tests never depend on this script. Big cases (gzip bombs, 10 MB
lines, 50 MB bodies) are not written here: ``test_bad_corpus.py`` builds them at test time.

Each manifest case names its file (relative to the corpus), the reader (``format``: a reader
name, ``auto``, or ``tagger``), its class, options (``date``), and the expected outcome:
``expect`` lists, in order, one entry per outcome the reader yields, ``"stored"`` or
``"rejected: <reason substring>"``; ``warning`` is a substring of a warning the read logs.
"""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path
from typing import Any

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"

BODY = (
    "Rescue teams reached the flooded villages north of the capital on Tuesday, officials said. "
    "The regional governor said 4,000 people had been moved to shelters since 3 November 2023."
)
ZW = "\u200b"  # zero-width space
RLM, LRM, RLO, PDF = "\u200f", "\u200e", "\u202e", "\u202c"

CASES: list[dict[str, Any]] = []


def case(
    name: str, data: bytes | str, *, cls: str, fmt: str = "auto", expect: list[str], **more: Any
) -> None:
    path = BAD / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    CASES.append({"file": name, "format": fmt, "class": cls, "expect": expect, **more})


def jl(*records: Any) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def build() -> None:
    for old in BAD.rglob("*"):
        if old.is_file():
            old.unlink()
    # --- empty and whitespace-only ---
    case("empty.txt", b"", cls="empty", expect=["rejected: empty file"])
    case("whitespace_only.txt", " \n\t\r\n  \u3000\n", cls="empty", expect=["rejected: empty file"])
    case(
        "seed_empty_body.txt", "date 2023-11-07\n   \n\t\n", cls="empty", expect=["rejected: no article text"]
    )
    case("empty.jsonl", "\n\n   \n", fmt="jsonl", cls="empty", expect=["rejected: empty file"])
    case(
        "empty_fields.csv",
        "date,title,text\n2023-11-07,,\n,,\n ,  , \n",
        cls="empty",
        expect=["rejected: no text", "rejected: no text", "rejected: no text"],
    )
    # --- malformed and truncated ---
    case(
        "seed_impossible_date.txt",
        f"date 2023-02-30\n{BODY}\n",
        cls="dates",
        expect=["rejected: impossible date"],
    )
    case(
        "seed_odd_date.txt",
        f"date 07/11/2023\n{BODY}\n",
        fmt="seed",
        cls="dates",
        expect=["rejected: must read 'date YYYY-MM-DD'"],
    )
    case("seed_future.txt", f"date 2999-01-01\n{BODY}\n", cls="dates", expect=["rejected: in the future"])
    case("text_undated.txt", BODY, cls="dates", expect=["rejected: no publication date"])
    case(
        "jsonl_truncated.jsonl",
        jl({"date": "2023-11-07", "text": BODY}) + '{"date": "2023-11-08", "text": "Resc',
        cls="truncated",
        expect=["stored", "rejected: not valid JSON"],
    )
    case(
        "json_array_truncated.json",
        '[{"date": "2023-11-07", "text": "x"}, {"date": ',
        cls="truncated",
        expect=["rejected: not valid JSON"],
    )
    case(
        "json_not_objects.json",
        '[1, "two", null, [], {"date": "2023-11-07", "text": "ok text"}]',
        cls="malformed",
        expect=["rejected: expected an object"] * 4 + ["stored"],
    )
    case(
        "jsonl_mixed_records.jsonl",
        jl(
            {"date": "2023-11-07", "text": BODY},
            '"just a string"',
            {"date": "2023-11-07"},
            {"text": BODY},
            {"date": "2023-11-07", "text": None},
            {"date": "2023-11-07", "text": "   "},
            {"date": "2023-11-07", "text": {"a": 1}},
            {"published": True, "text": BODY},
            {"date": ["2023"], "text": BODY},
        ),
        cls="malformed",
        expect=[
            "stored",
            "rejected: expected an object",
            "rejected: no text",
            "rejected: no publication date",
            "rejected: no text",
            "rejected: no text",
            "stored",
            "rejected: no publication date",
            "rejected: no publication date",
        ],
    )
    case(
        "csv_unterminated_quote.csv",
        f'date,text\n2023-11-07,"{BODY}\n2023-11-08,second\n',
        cls="truncated",
        expect=["stored"],
    )
    case(
        "csv_ragged.csv",
        f"date,text\n2023-11-07,{BODY},extra,cells\n2023-11-08\n",
        cls="malformed",
        expect=["stored", "rejected: no text"],
    )
    case(
        "csv_no_text_column.csv",
        "date,headline\n2023-11-07,Floods\n",
        cls="malformed",
        expect=["rejected: no text column"],
    )
    case(
        "html_truncated.html",
        "<html><head><title>Floods</title><meta name='date' content='2023-11-07'>"
        f"</head><body><article><p>{BODY} {BODY}</p><p>More",
        cls="truncated",
        expect=["stored"],
        date="2023-11-07",
        source="local",
    )
    case(
        "html_script_only.html",
        "<html><body><script>var x = 1;</script><style>p{}</style></body></html>",
        cls="malformed",
        expect=["rejected: no article body"],
    )
    case(
        "feed_truncated.rss",
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        f"<item><title>Floods</title><pubDate>Tue, 07 Nov 2023 10:00:00 GMT</pubDate><description>{BODY * 5}"
        "</description></item><item><title>Sec",
        cls="truncated",
        expect=["stored", "rejected: no publication date"],
        warning="malformed feed",
    )
    case(
        "feed_no_entries.rss",
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>",
        cls="malformed",
        expect=["rejected: feed has no entries"],
    )
    case("feed_not_xml.rss", "this is not a feed at all {]", cls="malformed", expect=["rejected: feed"])
    case(
        "truncated.jsonl.gz",
        gzip.compress(jl({"date": "2023-11-07", "text": BODY}).encode())[:30],
        cls="truncated",
        expect=["rejected: corrupt gzip"],
    )
    case(
        "t17bad/topic/articles.jsonl",
        jl(
            {"id": "a/1", "published": "2011-02-01", "source": "bbc", "text": BODY},
            "{broken",
            {"id": "a/2", "published": "2011-02-30", "source": "bbc", "text": BODY},
        ),
        cls="malformed",
        expect=["stored", "rejected: not valid JSON", "rejected: impossible date"],
    )
    (BAD / "t17bad/topic/keywords.json").write_text('["flood"]\n')
    # --- encodings ---
    case(
        "2023-11-07/latin1.txt",
        ("Caf\u00e9 owners in S\u00e3o Paulo said " + BODY).encode("cp1252"),
        cls="encoding",
        expect=["stored"],
        text_contains="Caf\u00e9",
    )
    case(
        "seed_utf16.txt",
        codecs.BOM_UTF16_LE + f"date 2023-11-07\n{BODY}".encode("utf-16-le"),
        cls="encoding",
        fmt="seed",
        expect=["stored"],
        text_contains="Rescue teams",
    )
    case(
        "2023-11-07/utf16_no_bom.txt",
        f"{BODY}".encode("utf-16-le"),
        cls="encoding",
        expect=["rejected: binary content"],
    )
    case(
        "seed_utf16_odd_bytes.txt",
        codecs.BOM_UTF16_LE + "date 2023-11-07\nabc".encode("utf-16-le") + b"\x00",
        fmt="seed",
        cls="encoding",
        expect=["rejected: invalid utf-16"],
    )
    case(
        "2023-11-07/mixed_encoding.txt",
        "Caf\u00e9 in UTF-8, ".encode() + "caf\u00e9 in cp1252. ".encode("cp1252") + BODY.encode(),
        cls="encoding",
        expect=["stored"],
        text_contains="Rescue teams",
    )
    case(
        "2023-11-07/truncated_utf8.txt",
        (BODY + " \u201cquoted\u201d").encode()[:-2],
        cls="encoding",
        expect=["stored"],
        text_contains="Rescue teams",
    )
    case(
        "2023-11-07/png_named_txt.txt",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        cls="encoding",
        expect=["rejected: binary content"],
    )
    case(
        "html_png.html",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        cls="encoding",
        expect=["rejected: binary content"],
    )
    case(
        "csv_cp1252_semicolon.csv",
        ("date;text\n2023-11-07;" + "Caf\u00e9 " + BODY.replace(",", "") + "\n").encode("cp1252"),
        cls="encoding",
        expect=["stored"],
        text_contains="Caf\u00e9",
    )
    case(
        "html_meta_charset_cp1252.html",
        (
            "<html><head><meta charset='windows-1252'><title>Caf\u00e9</title>"
            f"</head><body><article><p>Caf\u00e9 \u2013 {BODY} {BODY}</p></article></body></html>"
        ).encode("cp1252"),
        cls="encoding",
        expect=["stored"],
        date="2023-11-07",
        source="local",
        text_contains="Caf\u00e9",
    )
    # --- odd dates ---
    odd = [
        ("07/11/2023", "stored"),
        ("Tue, 07 Nov 2023 10:00:00 +0000", "stored"),
        ("1699351200", "stored"),
        ("2023-11", "stored"),
        ("2023", "stored"),
        ("11th of November 2023", "stored"),
        ("0000-00-00", "rejected: impossible date"),
        ("2023-13-45", "rejected: impossible date"),
        ("99999-01-01", "rejected: date"),
        ("not a date", "rejected: unreadable date"),
        ("", "rejected: no publication date"),
    ]
    case(
        "jsonl_odd_dates.jsonl",
        jl(*({"date": d, "text": BODY} for d, _ in odd))
        + '{"date": 1e400, "text": "x"}\n{"date": -99999999999999, "text": "x"}\n',
        cls="dates",
        expect=[e for _, e in odd] + ["rejected: out of range", "rejected: out of range"],
    )
    atom = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
        + "".join(
            f"<entry><id>e{i}</id><title>E{i}</title><updated>{d}</updated><content type='text'>{BODY}"
            "</content></entry>"
            for i, d in enumerate(
                ["2023-11-07T10:00:00Z", "2023-02-30T00:00:00Z", "yesterday", "3023-01-01T00:00:00Z"]
            )
        )
        + "</feed>"
    )
    case(
        "atom_odd_dates.atom",
        atom,
        cls="dates",
        expect=[
            "stored",
            "rejected: impossible date",
            "rejected: unreadable date",
            "rejected: in the future",
        ],
    )
    # --- hostile structure ---
    case(
        "html_deep_nesting.html",
        "<html><head><title>Deep</title></head><body>"
        + "<div>" * 5000
        + f"<p>{BODY} {BODY}</p>"
        + "</div>" * 5000
        + "</body></html>",
        cls="hostile-structure",
        expect=["rejected: no article body found"],
        date="2023-11-07",
        source="local",
    )
    case(
        "json_deep_nesting.json",
        "[" * 50_000,
        cls="hostile-structure",
        expect=["rejected: not valid JSON"],
    )
    case(
        "jsonl_deep_nesting.jsonl",
        '{"date": "2023-11-07", "text": "ok text"}\n' + '{"a":' * 20_000 + "\n",
        cls="hostile-structure",
        expect=["stored", "rejected: not valid JSON"],
    )
    laughs = (
        "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY lol 'lol'>"
        + "".join(
            f"<!ENTITY lol{i} '{('&lol' + (str(i - 1) if i > 1 else '') + ';') * 10}'>" for i in range(1, 10)
        )
        + "]><rss version='2.0'><channel><title>T</title><item><title>&lol9;</title>"
        f"<pubDate>Tue, 07 Nov 2023 10:00:00 GMT</pubDate><description>{BODY}</description></item></channel></rss>"
    )
    case("feed_billion_laughs.rss", laughs, cls="hostile-structure", expect=["rejected: refused"])
    xxe = (
        "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]><rss version='2.0'>"
        "<channel><title>T</title><item><title>X</title><pubDate>Tue, 07 Nov 2023 10:00:00 GMT</pubDate>"
        f"<description>&xxe; {BODY * 5}</description></item></channel></rss>"
    )
    case("feed_external_entity.rss", xxe, cls="hostile-structure", expect=["stored"], text_lacks="root:")
    case(
        "feed_summary_link.rss",
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item>"
        "<title>Floods</title><link>https://example.org/floods</link><pubDate>Tue, 07 Nov 2023 10:00:00 GMT"
        f"</pubDate><description>{BODY} Read more</description></item></channel></rss>",
        cls="network",
        expect=["stored"],
        warning="keeping the summary",
    )
    # --- found by fuzzing (tests/hardening/test_fuzz.py) ---
    atom_head = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
        "<entry><id>1</id><title>E</title><updated>2023-11-07T10:00:00Z</updated><content type='html'>"
    )
    case(
        "feed_charref_surrogate.atom",
        atom_head + f"&lt;p&gt;{BODY} on Tu&#xD800;esday&lt;/p&gt;</content></entry></feed>",
        cls="fuzz-found",
        expect=["rejected: not a readable feed"],
    )
    case(
        "feed_garbage_encoding.atom",
        atom_head.replace("utf-8", "\x7f^\xddd").encode("latin-1")
        + f"&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>".encode(),
        cls="fuzz-found",
        expect=["rejected: not a readable feed"],
    )
    case(
        "feed_control_char_in_html.atom",
        atom_head + f"&lt;p&gt;{BODY} \x1e more&lt;/p&gt;</content></entry></feed>",
        cls="fuzz-found",
        expect=["stored"],
        text_lacks="\x1e",
    )
    # --- right-to-left and zero-width ---
    rtl = f"date 2023-11-07\n{RLO}\u0627\u0644\u0642\u0627\u0647\u0631\u0629{PDF} {RLM}{BODY}{LRM} on{ZW} 5 November{ZW}\n"
    case("seed_rtl_zero_width.txt", rtl, cls="bidi-zero-width", expect=["stored"], text_contains=RLO)
    case(
        "jsonl_zero_width_fields.jsonl",
        jl(
            {"date": f"{ZW}2023-11-07{ZW}", "text": f"{ZW}{RLM}"},
            {"date": "2023-11-07", "text": f"{ZW}{BODY}", "title": RLM},
        ),
        cls="bidi-zero-width",
        expect=["rejected: unreadable date", "stored"],
    )
    # --- TimeML (format "timeml": read_timeml returns a document, or raises EvalError with the reason) ---
    case(
        "timeml/deep_nesting.tml",
        "<TimeML><DOCID>D</DOCID><TEXT>" + "<s>" * 3000 + "x" + "</s>" * 3000 + "</TEXT></TimeML>",
        fmt="timeml",
        cls="hostile-structure",
        expect=["error: nested too deeply"],
    )
    lol = "".join(
        f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10 if i else "aaaaaaaaaa"}">' for i in range(8)
    )
    case(
        "timeml/billion_laughs.tml",
        f'<?xml version="1.0"?><!DOCTYPE TimeML [{lol}]><TimeML><TEXT>&e7;&e7;</TEXT></TimeML>',
        fmt="timeml",
        cls="hostile-structure",
        expect=["error: not well-formed XML"],
    )
    case(
        "timeml/truncated.tml",
        '<?xml version="1.0"?><TimeML><DOCID>D</DOCID><TEXT>On <TIMEX3 tid="t1" type="DA',
        fmt="timeml",
        cls="truncated",
        expect=["error: not well-formed XML"],
    )
    case(
        "timeml/no_text.tml",
        "<TimeML><DOCID>D</DOCID></TimeML>",
        fmt="timeml",
        cls="malformed",
        expect=["error: no <TEXT> element"],
    )
    case(
        "timeml/latin1.tml",
        "<TimeML><TEXT>Caf\u00e9 on <TIMEX3 tid='t1' type='DATE' value='1998-01-08'>Monday"
        "</TIMEX3></TEXT></TimeML>".encode("latin-1"),
        fmt="timeml",
        cls="encoding",
        expect=["error: cannot read TimeML file"],
    )
    # --- tagger (format "tagger": run dateline.timex.tag on the file's text with the DCT given) ---
    case(
        "timex/digit_run.txt",
        "In " + "1" * 20_000 + " and 2023-11-07 " + "9" * 5000,
        fmt="tagger",
        cls="tagger",
        expect=["tagged"],
        dct="2023-11-08",
        seconds=5,
    )
    case(
        "timex/may_may_may.txt",
        "may " * 5000 + "May may May 2023 may.",
        fmt="tagger",
        cls="tagger",
        expect=["tagged"],
        dct="2023-11-08",
        seconds=5,
    )
    case(
        "timex/rtl_zero_width_dates.txt",
        f"On{ZW} 5 November 2023{RLM} and {RLO}7 Nov 2023{PDF}, also {LRM}Monday{LRM} and 2023{ZW}-11-07.",
        fmt="tagger",
        cls="tagger",
        expect=["tagged"],
        dct="2023-11-08",
        seconds=5,
    )
    case(
        "timex/number_words.txt",
        "the " + "twenty-one thousand " * 2000 + "days ago",
        fmt="tagger",
        cls="tagger",
        expect=["tagged"],
        dct="2023-11-08",
        seconds=5,
    )
    case(
        "timex/odd_dates.txt",
        "On 31/02/2023, 0000-00-00, 9999-12-31, 30 February, the 99th of May, "
        "week 54 of 2023, Q5 2023, 24:61, 1e400 years ago, -5 days, 10000 BC and AD 1.",
        fmt="tagger",
        cls="tagger",
        expect=["tagged"],
        dct="2023-11-08",
        seconds=5,
    )
    case(
        "timex/year_one_dct.txt",
        f"Last week, next month, on Monday, 3 days ago. {BODY}",
        fmt="tagger",
        cls="tagger",
        expect=["tagged"],
        dct="0001-01-01",
        seconds=5,
    )
    case(
        "timex/year_9999_dct.txt",
        f"Next week, next year, in two centuries, tomorrow. {BODY}",
        fmt="tagger",
        cls="tagger",
        expect=["tagged"],
        dct="9999-12-31",
        seconds=5,
    )
    (BAD / "MANIFEST.json").write_text(json.dumps({"cases": CASES}, indent=1, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    build()
