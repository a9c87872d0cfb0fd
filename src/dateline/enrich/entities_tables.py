"""Curated word lists for entity canonicalisation: titles, country demonyms and well-known aliases.

These tables hold only what cannot be learnt from the corpus itself: acronyms whose letters do not
follow the words of their expansion (``UN``, ``IDF``), country names that are not spelled like their
demonym (``American`` → United States), and the words that make up titles and roles. Everything
in here is matched on :func:`norm_key`-normalised strings. They are deliberately small; an entry
belongs here only when it is unambiguous in English news.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Honorifics are stripped from a name and never kept as an entity's role (they say nothing about
# what the person does), but the surface form with the honorific stays an alias.
HONORIFICS: frozenset[str] = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr.", "sir", "dame", "madam", "mme", "m."}
)

# Heads of titles and roles: one of these must occur for a run of words before a name to be a role.
ROLE_HEADS: frozenset[str] = frozenset(
    {
        "president",
        "minister",
        "secretary",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "sheikh",
        "sultan",
        "ayatollah",
        "pope",
        "cardinal",
        "archbishop",
        "bishop",
        "rev",
        "rev.",
        "imam",
        "senator",
        "sen",
        "sen.",
        "rep",
        "rep.",
        "representative",
        "congressman",
        "congresswoman",
        "governor",
        "gov",
        "gov.",
        "mayor",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "director",
        "commander",
        "general",
        "gen",
        "gen.",
        "lt",
        "lt.",
        "col",
        "col.",
        "colonel",
        "lieutenant",
        "maj",
        "maj.",
        "major",
        "capt",
        "capt.",
        "captain",
        "sgt",
        "sgt.",
        "sergeant",
        "adm",
        "adm.",
        "admiral",
        "brig",
        "brig.",
        "brigadier",
        "marshal",
        "judge",
        "justice",
        "attorney",
        "prosecutor",
        "leader",
        "coach",
        "officer",
        "ceo",
        "executive",
        "speaker",
        "correspondent",
        "editor",
        "analyst",
        "economist",
        "professor",
        "prof",
        "prof.",
        "lawyer",
        "doctor",
        "deputy",
        "aide",
        "adviser",
        "advisor",
        "head",
        "commissioner",
        "diplomat",
        "official",
        "dictator",
        "strongman",
        "ruler",
        "crown",
        "vice",
    }
)

# Words that may stand inside a role but never make one alone ("Prime", "Foreign", "Defense").
ROLE_MODIFIERS: frozenset[str] = frozenset(
    {
        "prime",
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "treasury",
        "health",
        "information",
        "oil",
        "energy",
        "trade",
        "economy",
        "justice",
        "state",
        "home",
        "deputy",
        "vice",
        "acting",
        "interim",
        "former",
        "senior",
        "military",
        "army",
        "navy",
        "police",
        "opposition",
        "rebel",
        "government",
        "top",
        "chief",
        "general",
        "supreme",
        "lieutenant",
        "staff",
        "of",
        "the",
        "federal",
        "district",
        "executive",
        "white",
        "house",
        "press",
        "national",
        "security",
        "labour",
        "labor",
        "environment",
        "development",
        "affairs",
        "commerce",
        "transport",
        "education",
        "culture",
        "secretary",
        "assistant",
        "associate",
        "managing",
        "media",
        "international",
        "regional",
        "party",
        "spokesman",
        "spokeswoman",
        "attorney",
        "special",
        "presidential",
        "ministry",
    }
)

# country → demonyms (adjective and plural); each demonym links its NORP mention to the country.
_COUNTRY_DEMONYMS: dict[str, tuple[str, ...]] = {
    "Israel": ("Israeli", "Israelis"),
    "Palestine": ("Palestinian", "Palestinians"),
    "Egypt": ("Egyptian", "Egyptians"),
    "Syria": ("Syrian", "Syrians"),
    "Libya": ("Libyan", "Libyans"),
    "Iraq": ("Iraqi", "Iraqis"),
    "Iran": ("Iranian", "Iranians"),
    "Lebanon": ("Lebanese",),
    "Jordan": ("Jordanian", "Jordanians"),
    "Saudi Arabia": ("Saudi", "Saudis"),
    "Yemen": ("Yemeni", "Yemenis"),
    "Tunisia": ("Tunisian", "Tunisians"),
    "Algeria": ("Algerian", "Algerians"),
    "Morocco": ("Moroccan", "Moroccans"),
    "Turkey": ("Turkish", "Turks"),
    "Qatar": ("Qatari", "Qataris"),
    "Bahrain": ("Bahraini", "Bahrainis"),
    "Kuwait": ("Kuwaiti", "Kuwaitis"),
    "Afghanistan": ("Afghan", "Afghans"),
    "Pakistan": ("Pakistani", "Pakistanis"),
    "India": ("Indian", "Indians"),
    "China": ("Chinese",),
    "Japan": ("Japanese",),
    "Russia": ("Russian", "Russians"),
    "Ukraine": ("Ukrainian", "Ukrainians"),
    "United States": ("American", "Americans"),
    "United Kingdom": ("British", "Briton", "Britons"),
    "France": ("French",),
    "Germany": ("German", "Germans"),
    "Italy": ("Italian", "Italians"),
    "Spain": ("Spanish",),
    "Mexico": ("Mexican", "Mexicans"),
    "Canada": ("Canadian", "Canadians"),
    "Brazil": ("Brazilian", "Brazilians"),
    "Haiti": ("Haitian", "Haitians"),
    "Dominican Republic": ("Dominican", "Dominicans"),
    "Cuba": ("Cuban", "Cubans"),
    "Venezuela": ("Venezuelan", "Venezuelans"),
    "Greece": ("Greek", "Greeks"),
    "Sudan": ("Sudanese",),
    "Somalia": ("Somali", "Somalis"),
    "Australia": ("Australian", "Australians"),
    "Netherlands": ("Dutch",),
    "Sweden": ("Swedish",),
    "Norway": ("Norwegian", "Norwegians"),
    "Poland": ("Polish",),
    "Ireland": ("Irish",),
    "Korea": ("Korean", "Koreans"),
    "North Korea": ("North Korean", "North Koreans"),
    "South Korea": ("South Korean", "South Koreans"),
    "Nepal": ("Nepali", "Nepalese", "Nepalis"),
    "Sri Lanka": ("Sri Lankan", "Sri Lankans"),
    "Bangladesh": ("Bangladeshi", "Bangladeshis"),
    "Malta": ("Maltese",),
    "Cyprus": ("Cypriot", "Cypriots"),
    "Indonesia": ("Indonesian", "Indonesians"),
    "Philippines": ("Filipino", "Filipinos", "Philippine"),
    "Vietnam": ("Vietnamese",),
    "Thailand": ("Thai", "Thais"),
    "Malaysia": ("Malaysian", "Malaysians"),
    "Singapore": ("Singaporean", "Singaporeans"),
    "Taiwan": ("Taiwanese",),
    "Myanmar": ("Burmese",),
    "Kenya": ("Kenyan", "Kenyans"),
    "Nigeria": ("Nigerian", "Nigerians"),
    "Ethiopia": ("Ethiopian", "Ethiopians"),
    "Eritrea": ("Eritrean", "Eritreans"),
    "South Africa": ("South African", "South Africans"),
    "Zimbabwe": ("Zimbabwean", "Zimbabweans"),
    "Uganda": ("Ugandan", "Ugandans"),
    "Rwanda": ("Rwandan", "Rwandans"),
    "Ghana": ("Ghanaian", "Ghanaians"),
    "Togo": ("Togolese",),
    "Mali": ("Malian", "Malians"),
    "Chad": ("Chadian", "Chadians"),
    "Mauritania": ("Mauritanian", "Mauritanians"),
    "Oman": ("Omani", "Omanis"),
    "United Arab Emirates": ("Emirati", "Emiratis"),
    "Argentina": ("Argentine", "Argentinian", "Argentines"),
    "Chile": ("Chilean", "Chileans"),
    "Colombia": ("Colombian", "Colombians"),
    "Peru": ("Peruvian", "Peruvians"),
    "Switzerland": ("Swiss",),
    "Austria": ("Austrian", "Austrians"),
    "Belgium": ("Belgian", "Belgians"),
    "Denmark": ("Danish", "Dane", "Danes"),
    "Finland": ("Finnish", "Finn", "Finns"),
    "Portugal": ("Portuguese",),
    "Czech Republic": ("Czech", "Czechs"),
    "Hungary": ("Hungarian", "Hungarians"),
    "Romania": ("Romanian", "Romanians"),
    "Serbia": ("Serbian", "Serbs", "Serb"),
    "Croatia": ("Croatian", "Croats", "Croat"),
    "Bosnia": ("Bosnian", "Bosnians"),
    "Albania": ("Albanian", "Albanians"),
    "Armenia": ("Armenian", "Armenians"),
    "Azerbaijan": ("Azerbaijani", "Azerbaijanis"),
    "New Zealand": ("New Zealander", "New Zealanders"),
    "Jamaica": ("Jamaican", "Jamaicans"),
}

# Well-known entities whose variants cannot be derived by rule: (canonical name, type, variants).
_ALIAS_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("United States", "GPE", ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America")),
    ("United Kingdom", "GPE", ("UK", "U.K.", "Britain", "Great Britain")),
    ("United Nations", "ORG", ("UN", "U.N.")),
    ("European Union", "ORG", ("EU", "E.U.")),
    ("Israel Defense Forces", "ORG", ("IDF", "Israel Defence Forces", "Israeli Defense Forces")),
    ("World Health Organization", "ORG", ("WHO", "World Health Organisation")),
    ("North Atlantic Treaty Organization", "ORG", ("NATO", "Nato", "North Atlantic Treaty Organisation")),
    ("Hamas", "ORG", ("Hamas movement", "Islamic Resistance Movement")),
    ("Hezbollah", "ORG", ("Hizbollah", "Hizbullah", "Hezbollah movement")),
    ("Palestine", "GPE", ("Palestinian territories", "State of Palestine")),
    ("National Transitional Council", "ORG", ("NTC", "Transitional National Council", "TNC")),
    (
        "Security Council",
        "ORG",
        ("UN Security Council", "U.N. Security Council", "United Nations Security Council", "UNSC"),
    ),
    ("Central Intelligence Agency", "ORG", ("CIA",)),
    ("Federal Bureau of Investigation", "ORG", ("FBI",)),
    ("Centers for Disease Control and Prevention", "ORG", ("CDC", "Centers for Disease Control")),
    ("International Monetary Fund", "ORG", ("IMF",)),
    ("Arab League", "ORG", ("League of Arab States",)),
    ("African Union", "ORG", ("AU",)),
    ("Federal Reserve", "ORG", ("Fed", "US Federal Reserve", "U.S. Federal Reserve")),
    ("BP", "ORG", ("British Petroleum", "BP plc")),
    ("Muslim Brotherhood", "ORG", ("Brotherhood",)),
    ("Free Syrian Army", "ORG", ("FSA",)),
    ("Democratic Republic of the Congo", "GPE", ("DRC", "DR Congo")),
    ("United Arab Emirates", "GPE", ("UAE",)),
    ("Soviet Union", "GPE", ("USSR",)),
    ("Gaza Strip", "GPE", ("Gaza",)),
)

# Regions have adjectives too; they link like country demonyms but the place is a LOC.
_REGION_DEMONYMS: dict[str, tuple[str, ...]] = {
    "Africa": ("African", "Africans"),
    "North Africa": ("North African", "North Africans"),
    "Europe": ("European", "Europeans"),
    "Asia": ("Asian", "Asians"),
    "Middle East": ("Middle Eastern",),
    "Latin America": ("Latin American", "Latin Americans"),
    "Scandinavia": ("Scandinavian", "Scandinavians"),
    "Caribbean": ("Caribbean",),
}

# Transliterations of the same name token seen in English news (outlets differ in house style).
_NAME_VARIANTS: dict[str, tuple[str, ...]] = {
    "gaddafi": (
        "gadhafi",
        "qaddafi",
        "qadhafi",
        "kadhafi",
        "gadafy",
        "gaddafy",
        "kaddafi",
        "qadafi",
        "gadafi",
    ),
    "muammar": ("moammar", "moamer", "muamar", "mu'ammar", "moammer"),
    "mubarak": ("moubarak",),
    "assad": ("asad",),
    "saddam": ("sadam",),
    "hussein": ("husain", "hussain"),
    "mohammed": ("muhammad", "mohammad", "mohamed", "muhammed", "mohamad"),
    "abdel": ("abdul", "abdal"),
    "baradei": ("elbaradei",),
}

# Legal-form words at the end of a company name that the short form leaves out ("Suncor Energy Inc").
CORPORATE_SUFFIXES: frozenset[str] = frozenset(
    {"inc", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "llc", "sa", "ag", "nv", "group"}
)

_SPACE = re.compile(r"\s+")
_ARABIC_ARTICLES = frozenset({"al", "el"})
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar)-(?=\w)")


@lru_cache(maxsize=1 << 16)
def norm_key(text: str) -> str:
    """The matching form of a name: case-folded, accents and dots dropped, spaces collapsed.

    ``"U.S."`` → ``"us"``, ``"Mr. Netanyahu"`` → ``"mr netanyahu"``, ``"Bashar al-Assad"`` →
    ``"bashar al-assad"`` (hyphens are kept: they separate tokens that :func:`name_tokens` reads).
    """
    if text.isascii():
        ascii_text = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = ascii_text.casefold().replace("’", "'").replace(".", "")
    folded = re.sub(r"[^\w\s'&-]", " ", folded)
    return _SPACE.sub(" ", folded).strip()


@lru_cache(maxsize=1 << 16)
def name_tokens(key: str) -> tuple[str, ...]:
    """The tokens of a :func:`norm_key` used to compare person names.

    ``al-`` prefixes are dropped and known transliterations spelled one way ("Moammar Gadhafi"
    and "Muammar Gaddafi" both give ``("muammar", "gaddafi")``).
    """
    toks = (_ARABIC_ARTICLE.sub("", tok) for tok in key.split() if tok not in _ARABIC_ARTICLES)
    return tuple(NAME_VARIANTS.get(tok, tok) for tok in toks)


DEMONYM_TO_PLACE: dict[str, str] = {
    norm_key(dem): country for country, dems in _COUNTRY_DEMONYMS.items() for dem in dems
}

NAME_VARIANTS: dict[str, str] = {variant: name for name, vs in _NAME_VARIANTS.items() for variant in vs}

REGION_DEMONYMS: dict[str, str] = {
    norm_key(dem): region for region, dems in _REGION_DEMONYMS.items() for dem in dems
}

# variant norm → (canonical name, type); the canonical's own norm maps too.
ALIASES: dict[str, tuple[str, str]] = {}
for _name, _type, _variants in _ALIAS_GROUPS:
    for _variant in (_name, *_variants):
        ALIASES.setdefault(norm_key(_variant), (_name, _type))
for _country in _COUNTRY_DEMONYMS:
    ALIASES.setdefault(norm_key(_country), (_country, "GPE"))
for _region in _REGION_DEMONYMS:
    ALIASES.setdefault(norm_key(_region), (_region, "LOC"))
# A demonym links to its place: country demonyms to a GPE, region adjectives to a LOC.
DEMONYM_TO_PLACE.update(REGION_DEMONYMS)
