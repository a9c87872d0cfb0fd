"""The regular expressions that find English temporal expressions.

Each entry of :data:`RULES` is a rule name and a compiled pattern with named groups; the
normaliser in :mod:`dateline.timex.tagger` turns a match of a rule into a TIMEX3 type and value.
Patterns are written to run in linear time (no nested unbounded repetition) so that arbitrary
input cannot make the tagger hang. Month and weekday names are matched case-sensitively
(capitalised or upper case) so that "may", "march" and "sun" as ordinary words do not match.
"""

from __future__ import annotations

import re

from dateline.timex.lexicon import HOLIDAY_RE, NUMBER_WORD_RE

_MONTH_FULL = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
_WEEKDAY_FULL = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_ABBR = ["Mon", "Tues", "Tue", "Wed", "Thurs", "Thur", "Thu", "Fri", "Sat", "Sun"]


def _cased(words: list[str], lower_ok: bool = False) -> str:
    alts: list[str] = []
    for w in sorted(words, key=len, reverse=True):
        alts += [w, w.upper()]
        if lower_ok:
            alts.append(w.lower())
    return "(?:" + "|".join(alts) + ")"


# A full month name, any case for the unambiguous ones; "May"/"March" only capitalised.
MONTH_NAME = (
    _cased(
        [
            "January",
            "February",
            "April",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        lower_ok=True,
    )[:-1]
    + "|"
    + _cased(["March", "May"])[3:]
)
MONTH_ABBR_DOT = "(?:" + "|".join(f"{a}\\.|{a.upper()}\\.?" for a in _MONTH_ABBR) + ")"
# A month as it may stand before or after a day number.
MONTH = f"(?:{MONTH_NAME}|{MONTH_ABBR_DOT}|" + "|".join(_MONTH_ABBR) + ")"
WEEKDAY = _cased(_WEEKDAY_FULL, lower_ok=True)
WEEKDAY_ABBR = "(?:" + "|".join(f"{a}\\." for a in _WEEKDAY_ABBR) + ")"
WEEKDAY_ANY = f"(?:{WEEKDAY}|{WEEKDAY_ABBR})"

_ORD_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|"
    r"thirty[- ]first"
)
DAY = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)|(?i:{_ORD_WORDS}))"
YEAR4 = r"(?:1[0-9]{3}|20[0-9]{2})(?![\d]|[.,:]\d)"  # not 2082.1, 1,998 or 1998:2
YEAR = rf"(?:{YEAR4}|['’][0-9]{{2}}(?!\d))"
ERA = r"(?:\s*(?:A\.?D\.?|B\.?C\.?(?:E\.?)?|C\.?E\.?)(?![\w]))"

NUM = (
    rf"(?:\d+\s+\d/\d|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?i:{NUMBER_WORD_RE}(?:\s+and\s+a\s+half)?|"
    r"a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|few|several|some|many|a\s+number\s+of|"
    r"numerous|half\s+an?|an?|one|a\s+single))"
)
UNIT = (
    r"(?i:seconds?|minutes?|hours?|hrs?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|"
    r"years?|decades?|centuries|century|millennia|millennium)"
)
UNIT_SG = (
    r"(?i:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century|"
    r"millennium)"
)
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
PART_OF_DAY = r"(?i:morning|afternoon|evening|night|overnight)"

B = r"(?<![\w$£€¥#@/])"  # left boundary: not inside a word, a price, a handle or a path
E = r"(?![\w])"

_REL = r"(?i:this\s+past|this\s+coming|this|last|next|past|previous|coming|following|current|latest)"

RULE_SOURCES: list[tuple[str, str]] = [
    # 1998-01-08, 2023-11-07T14:30
    (
        "iso",
        rf"{B}(?P<y>{YEAR4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
        r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::[0-5]\d)?)?(?![\d])",
    ),
    # 11/07/2023, 7.11.2023 (US order first)
    ("numeric", rf"{B}(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>{YEAR4}|\d{{2}}(?![\d/]))"),
    # Tuesday, Nov. 7, 2023 / Nov. 7 / 7 November 2023 / the 7th of November
    (
        "month_day",
        rf"{B}(?:(?P<wd>{WEEKDAY_ANY}),?\s+)?(?:(?P<m>{MONTH})\s+(?P<d>{DAY})"
        rf"|(?:the\s+)?(?P<d2>{DAY})\s+(?:of\s+)?(?P<m2>{MONTH}))"
        rf"(?:(?:,\s*|\s+)(?P<y>{YEAR4}|['’][0-9]{{2}}(?!\d))(?P<era>{ERA})?)?{E}",
    ),
    # November 2023 / Nov. 2023 / November of 2023
    (
        "month_year",
        rf"{B}(?P<m>{MONTH})\s*,?\s+(?:(?:of\s+)?(?P<y>{YEAR4})|(?P<rel>(?i:this|last|next))\s+(?i:year)|"
        r"(?i:of)\s+(?P<ana>(?i:that|the\s+same|the\s+following|the\s+next|the\s+previous))\s+(?i:year))" + E,
    ),
    # a bare month name
    ("month", rf"{B}(?P<m>{MONTH_NAME}){E}"),
    # relative weekday / month / season / unit: last Friday, next March, this week, the past year
    (
        "rel",
        rf"{B}(?P<the>(?i:the)\s+)?(?P<rel>{_REL})\s+(?P<what>{WEEKDAY}|{MONTH_NAME}|{SEASON}|"
        r"(?i:fiscal\s+year|school\s+year|calendar\s+year|week|weekend|month|year|quarter|decade|century))(?:\s+(?P<pod>"
        + PART_OF_DAY
        + rf"))?{E}",
    ),
    # today, yesterday morning, tomorrow night, tonight, this morning, last night
    (
        "deictic",
        rf"{B}(?P<word>(?i:today|yesterday|tomorrow|tonight|tonite|overnight))"
        rf"(?:\s+(?P<pod>{PART_OF_DAY}))?{E}",
    ),
    (
        "pod",
        rf"{B}(?P<rel>(?i:this|last|tomorrow|yesterday|that|the|early\s+this|late\s+this|later\s+this|"
        rf"earlier\s+this))\s+(?P<pod>{PART_OF_DAY}){E}",
    ),
    # Friday, Friday night, Friday's
    ("weekday", rf"{B}(?P<wd>{WEEKDAY})(?P<plural>s)?(?:\s+(?P<pod>{PART_OF_DAY}))?{E}"),
    # two days ago / a year earlier / three weeks from now
    (
        "ago",
        rf"{B}(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})\s+(?P<dir>(?i:ago|earlier|later|"
        r"from\s+now|from\s+today|hence))" + E,
    ),
    # a vague "ago": years ago, months earlier
    (
        "ago_vague",
        rf"{B}(?P<unit>(?i:years|months|weeks|days|decades|centuries|hours|minutes))\s+"
        rf"(?P<dir>(?i:ago|earlier|later))" + E,
    ),
    # the 1990s, the '90s, mid-1990s, the nineties
    (
        "decade",
        rf"{B}(?P<the>(?i:the)\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?(?:(?P<dec>1\d{{2}}0|20\d0)['’]?s"
        r"|['’](?P<dec2>\d0)['’]?s|(?P<decw>(?i:twenties|thirties|forties|fifties|sixties|seventies|"
        r"eighties|nineties))(?=\W|$))" + E,
    ),
    # the 20th century, the nineteenth century
    (
        "century",
        rf"{B}(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|"
        rf"(?i:{_ORD_WORDS}))[\s-]+(?i:century){E}",
    ),
    # the third quarter (of 1998), third-quarter, fiscal 1998 first quarter, the first half of 1999
    (
        "quarter",
        rf"{B}(?:(?i:the|its|this\s+year['’]s|last\s+year['’]s|next\s+year['’]s)\s+)?"
        r"(?:(?P<ago>(?i:year-ago|year-earlier|comparable\s+year-ago|comparable\s+year-earlier))\s+)?(?:(?i:fiscal|calendar)[\s-]+)?"
        r"(?:(?P<fy>" + YEAR4 + r")\s+)?(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last))"
        r"[\s-]+(?:(?i:fiscal)[\s-]+)?(?P<unit>(?i:quarter|half))(?:\s+(?i:of)\s+(?:(?i:fiscal)\s+)?"
        r"(?P<y>" + YEAR4 + r"))?" + E,
    ),
    ("year_ago_adj", rf"{B}(?P<w>(?i:year-earlier|year-ago))(?!-)" + E),
    ("period_of_year", rf"{B}(?i:the)\s+(?P<y>{YEAR4})\s+(?i:period|quarter)" + E),
    (
        "quarter_rel",
        rf"{B}(?P<w>(?i:the|this|that|the\s+latest|the\s+current|the\s+same|the\s+year-earlier|"
        r"the\s+year-ago|the\s+previous|the\s+prior|the\s+comparable|the\s+latest\s+fiscal|"
        r"a\s+year-earlier|the\s+year-before))\s+(?P<unit>(?i:quarter|period))" + E,
    ),
    # fiscal 1998, early 1990, mid-1996, the year 2000, 1998
    (
        "year",
        rf"{B}(?P<pre>(?i:fiscal|calendar|model|the\s+year|fiscal\s+year|FY)\s*)?(?P<y>{YEAR4})"
        rf"(?P<era>{ERA})?(?![\w%])(?!\s*(?:%|(?i:percent|per\s+cent)))",
    ),
    ("year_era", rf"{B}(?P<y>\d{{1,4}}){ERA}"),
    # nineteen ninety-six, the year two thousand (transcribed speech)
    (
        "spoken_year",
        rf"{B}(?:(?P<c>(?i:nineteen|eighteen|seventeen|sixteen))\s+(?:(?i:hundred)(?:\s+(?i:and))?\s+)?"
        r"(?P<yy>(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|"
        r"five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
        r"nineteen|oh[-\s](?:one|two|three|four|five|six|seven|eight|nine)))"
        r"|(?i:the\s+year\s+)(?P<k>(?i:two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|"
        r"eight|nine|ten))?)))" + E,
    ),
    # the year (ended …), the fiscal year, year-end
    (
        "the_year",
        rf"{B}(?P<w>(?i:the\s+(?:full\s+|fiscal\s+|calendar\s+)?year|year[-\s]end|year['’]s\s+end))" + E,
    ),
    # spring, the summer of 1998, last fall (direction words are handled by "rel")
    ("season", rf"{B}(?P<the>(?i:the)\s+)?(?P<s>{SEASON})(?:\s+(?:(?i:of)\s+)?(?P<y>{YEAR4}))?{E}"),
    ("holiday", rf"{B}(?P<h>{HOLIDAY_RE})(?:\s+(?P<y>{YEAR4}))?{E}"),
    # 3:30 p.m., 10 a.m. EST, noon, midnight, 14:00 GMT
    (
        "time",
        rf"{B}(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[aApP]\.\s?[mM]\.?|[aApP][mM](?![\w])|"
        r"[aApP]\.?[mM]\.)|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:])|(?P<word>(?i:noon|midnight|midday))|"
        r"(?P<hw>(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}))\s+o['’]clock)"
        r"(?:\s+(?P<tz>(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST)(?![\w])))?",
    ),
    # durations: (the past) two decades, 24 hours, a few months, two-year, 8-month-old
    (
        "duration",
        rf"{B}(?:(?P<the>(?i:the|a|an|another|an\s+additional|each\s+of\s+the)\s+)?(?:"
        r"(?P<dw>(?i:past|last|next|first|coming|previous|following|final|latest|initial|remaining|"
        r"other|additional|further|ensuing|preceding|same|entire|whole|full|more|few|several|recent|"
        r"succeeding|subsequent|early|later))\s+)?)?(?:(?P<num>"
        + NUM
        + r")[\s-]+(?:(?i:more|additional|full|"
        r"straight|consecutive|long|trading|business|working|calendar)[\s-]+)?)"
        r"(?P<unit>"
        + UNIT
        + r")(?P<half>\s+(?i:and\s+a\s+half))?(?P<old>[\s-]+(?i:old))?"
        + E
        + r"(?!-(?i:earlier|ago|end))",
    ),
    # vague plural durations: years, the coming weeks, recent months, several days
    (
        "duration_vague",
        rf"{B}(?:(?P<the>(?i:the)\s+)?(?P<dw>(?i:past|last|next|coming|recent|previous|following|"
        r"few|several|many|some|early|final|first|ensuing|succeeding))\s+)?"
        r"(?:(?P<few>(?i:few|several|many))\s+)?(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|"
        r"years|decades|centuries))" + E,
    ),
    # every day, each season, twice a week, daily, every other Tuesday, on Mondays
    (
        "set",
        rf"{B}(?:(?P<freq>(?i:once|twice|thrice|\d+\s+times|(?:three|four|five|six|seven|eight|nine|ten)\s+times))"
        r"\s+(?P<per>(?i:a|an|per|every|each))\s+|(?P<q>(?i:every|each|per))\s+(?:(?P<other>(?i:other))\s+)?"
        r"(?:(?P<num>"
        + NUM
        + r")\s+)?)(?P<what>"
        + UNIT_SG
        + r"|"
        + UNIT
        + r"|"
        + WEEKDAY
        + r"|"
        + MONTH_NAME
        + r"|"
        + SEASON
        + r"|(?i:season|morning|afternoon|evening|night|weekday))"
        + E,
    ),
    (
        "set_adv",
        rf"{B}(?P<w>(?i:daily|weekly|monthly|yearly|annually|hourly|nightly|quarterly|biweekly|bimonthly|"
        r"semiannually|semi-annually|fortnightly|year-round|day-to-day))" + E,
    ),
    # now, the past, the future, recently, currently, soon, these days
    (
        "ref",
        rf"{B}(?P<w>(?i:right\s+now|just\s+now|now|nowadays|currently|current|at\s+present|the\s+present|"
        r"these\s+days|the\s+time\s+being|recently|more\s+recently|lately|"
        r"recent|the\s+past|the\s+distant\s+past|the\s+recent\s+past|the\s+future|"
        r"the\s+near\s+future|the\s+distant\s+future|the\s+near\s+term|the\s+short\s+term|the\s+long\s+term|"
        r"the\s+medium\s+term|the\s+long\s+run|the\s+short\s+run|soon|as\s+soon\s+as\s+possible|"
        r"a\s+later\s+date|someday|the\s+present\s+day|"
        r"present[\s-]day|modern\s+times|ancient\s+times|to\s+date|so\s+far|yet))" + E,
    ),
    # that day, the same day, the next day, the following week, the day before, later that year
    (
        "anaphor",
        rf"{B}(?:(?P<pre>(?i:later|earlier|early|late))\s+)?(?P<w>(?i:that|the\s+same|the\s+next|the\s+following|"
        r"the\s+previous|the\s+preceding|the\s+prior|the\s+very\s+same|the\s+very\s+next|the\s+very))\s+"
        r"(?P<unit>(?i:day|week|month|year|morning|afternoon|evening|night|weekend|summer|winter|spring|"
        r"fall|autumn|time|season|decade))(?:\s+(?P<post>(?i:before|after)))?" + E,
    ),
    (
        "the_unit",
        rf"{B}(?P<pre>(?i:the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|"
        r"the\s+rest\s+of|later\s+in|earlier\s+in|early\s+in|late\s+in))\s+the\s+"
        r"(?P<unit>(?i:day|week|month|year|decade|century|season|quarter))" + E,
    ),
    ("the_day_before", rf"{B}(?i:the\s+day\s+(?P<dir>before|after)\s+(?P<w>yesterday|tomorrow))" + E),
    ("weekend", rf"{B}(?P<w>(?i:the|this|last|next|that))\s+(?i:weekend){E}"),
]

RULES: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(src)) for name, src in RULE_SOURCES]

# Left modifiers: words that join a timex and set its TIMEX3 ``mod``.
LEFT_MOD_RE = re.compile(
    r"(?<![\w-])(?P<m>(?i:(?:at\s+least|no\s+less\s+than|not\s+less\s+than|more\s+than|over|less\s+than|under|"
    r"no\s+more\s+than|not\s+more\s+than|up\s+to|at\s+most|about|around|approximately|"
    r"approx\.|some|roughly|nearly|almost|just|only|fully|some|an\s+estimated|the\s+end\s+of|"
    r"the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+close\s+of|the\s+dawn\s+of|"
    r"the\s+turn\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+latter\s+half\s+of|"
    r"the\s+latter\s+part\s+of|the\s+early\s+part\s+of|the\s+later\s+part\s+of|end-|mid-|mid|early|late|"
    r"earlier|later|the\s+early|the\s+late|the\s+mid)))[\s]*$"
)
MOD_CODES: dict[str, str] = {
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "not less than": "EQUAL_OR_MORE",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "no more than": "EQUAL_OR_LESS",
    "not more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
    "within": "EQUAL_OR_LESS",
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "approx.": "APPROX",
    "some": "APPROX",
    "roughly": "APPROX",
    "nearly": "APPROX",
    "almost": "APPROX",
    "an estimated": "APPROX",
    "the end of": "END",
    "the close of": "END",
    "the beginning of": "START",
    "the start of": "START",
    "the dawn of": "START",
    "the middle of": "MID",
    "the turn of": "START",
    "end-": "END",
    "mid-": "MID",
    "mid": "MID",
    "early": "START",
    "late": "END",
    "earlier": "START",
    "later": "END",
    "the early": "START",
    "the late": "END",
    "the mid": "MID",
    "the first half of": "START",
    "the second half of": "END",
    "the latter half of": "END",
    "the latter part of": "END",
    "the early part of": "START",
    "the later part of": "END",
    "by the end of": "END",
    "just": "",
    "only": "",
    "fully": "",
}


# ---------------------------------------------------------------------------------------------
# Dispatch: which rules can start at a token. Scanning every position of the text with every
# pattern is slow in Python's ``re`` (no literal prefix to skip on), so the tagger tries a rule
# only where its first token can stand: a digit, an apostrophe year, or one of the words below.


def _words(*groups: str) -> set[str]:
    return {w for g in groups for w in g.split()}


_NUMBER_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety hundred "
    "thousand dozen a an several few some many couple numerous half single"
)
_MONTH_WORDS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sept sep oct nov dec"
)
_WEEKDAY_WORDS = _words(
    "monday tuesday wednesday thursday friday saturday sunday mon tues tue wed thurs thur thu fri sat sun"
)
_REL_WORDS = _words("this last next past previous coming following current latest")
_HOLIDAY_FIRST = _words(
    "christmas new independence fourth halloween st valentine valentines veterans armistice "
    "remembrance thanksgiving memorial labor labour election easter good may boxing xmas"
)
_DW = _words(
    "past last next first coming previous following final latest initial remaining other additional "
    "further ensuing preceding same entire whole full more few several recent succeeding subsequent "
    "early later many some"
)
_REF_FIRST = _words(
    "right just now nowadays currently current at the these this time recently more lately "
    "recent soon as a someday present modern ancient to so yet in"
)

_DIGIT_RULES = (
    "iso",
    "numeric",
    "month_day",
    "year",
    "year_era",
    "decade",
    "century",
    "quarter",
    "time",
    "duration",
    "ago",
    "set",
)

START_RULES: dict[str, set[str]] = {}


def _add(rules: str, words: set[str]) -> None:
    for w in words:
        START_RULES.setdefault(w, set()).update(rules.split())


_add("month_day month_year month holiday", _MONTH_WORDS)
_add("month_day weekday", _WEEKDAY_WORDS)
_add("duration ago set", _NUMBER_WORDS)
_add("time", _words("one two three four five six seven eight nine ten eleven twelve noon midnight midday"))
_add("spoken_year", _words("nineteen eighteen seventeen sixteen"))
_add(
    "rel decade century quarter quarter_rel duration duration_vague ref anaphor the_unit the_day_before weekend "
    "month_day the_year spoken_year pod",
    {"the"},
)
_add("rel pod weekend quarter_rel duration duration_vague quarter", _REL_WORDS)
_add("pod anaphor quarter_rel weekend", {"that"})
_add("deictic pod", _words("today yesterday tomorrow tonight tonite overnight"))
_add("pod anaphor decade century duration_vague the_unit", _words("early late earlier later"))
_add("decade century", {"mid"})
_add("quarter", _words("its fiscal calendar"))
_add("year", _words("fiscal calendar model fy the"))
_add("the_year year_ago_adj", {"year"})
_add("period_of_year", {"the"})
_add("season", _words("spring summer fall autumn winter the"))
_add("holiday", _HOLIDAY_FIRST)
_add("set", _words("once twice thrice every each per"))
_add(
    "set_adv",
    _words(
        "daily weekly monthly yearly annually hourly nightly quarterly biweekly bimonthly "
        "semiannually semi fortnightly"
    ),
)
_add("ref", _REF_FIRST)
_add("anaphor", _words("that the"))
_add("ago_vague duration_vague", _words("years months weeks days decades centuries hours minutes seconds"))
_add("duration duration_vague", _DW | {"another", "each", "a", "an"})
_add("quarter_rel", {"a"})
_add("decade", _words("twenties thirties forties fifties sixties seventies eighties nineties"))

RULE_BY_NAME: dict[str, re.Pattern[str]] = dict(RULES)
DIGIT_RULES: tuple[str, ...] = _DIGIT_RULES
APOS_RULES: tuple[str, ...] = ("decade", "month_day", "year")
TOKEN_START_RE = re.compile(r"(?<![\w$£€¥#@/])(?:[A-Za-z]+|\d|['’]\d)")
_add("quarter", _words("first second third fourth final last"))
_add(
    "century",
    _words(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
        "twenty thirtieth thirty"
    ),
)
_add(
    "month_day",
    _words(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
        "twenty thirtieth thirty"
    ),
)
_add("weekday", {w.lower() + "s" for w in _WEEKDAY_FULL})
