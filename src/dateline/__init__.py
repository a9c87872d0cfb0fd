"""dateline: turn a stream of dated news reports into a structured, source-cited timeline."""

import logging

from dateline.errors import DatelineError, InputError, StoreError
from dateline.models import Article, Claim, Entity, Event, Sentence, Timeline, TimelineEntry, Timex

__version__ = "0.1.0"

# The library logs and never prints; without a handler configured, nothing is shown.
logging.getLogger("dateline").addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "Claim",
    "DatelineError",
    "Entity",
    "Event",
    "InputError",
    "Sentence",
    "StoreError",
    "Timeline",
    "TimelineEntry",
    "Timex",
    "__version__",
]
