"""The one exception tree of dateline.

::

    DatelineError                 anything dateline raises on purpose
     ├── InputError               an input (file, line, URL, record) cannot be read as news
     │    └── FetchError          a URL could not be fetched (timeout, status, size, scheme)
     ├── ConfigError              a setting or option is invalid (bad --db, unknown model)
     ├── StoreError               the store cannot be opened, migrated or written
     ├── StageError               an enrichment stage failed on an article (names both)
     └── EvalError                a benchmark directory or gold file is malformed

The CLI turns a :class:`DatelineError` into one ``Error: …`` line on stderr and an exit status;
the API into one JSON error shape. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""


class InputError(DatelineError):
    """An input cannot be read as news. ``origin`` names the file, line or URL."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class FetchError(InputError):
    """A URL could not be fetched."""


class ConfigError(DatelineError):
    """A setting or option is invalid."""


class StoreError(DatelineError):
    """The store cannot be opened, migrated or written."""


class StageError(DatelineError):
    """An enrichment stage failed on an article."""

    def __init__(self, stage: str, article_id: str, reason: str) -> None:
        super().__init__(f"stage {stage!r} failed on article {article_id!r}: {reason}")
        self.stage = stage
        self.article_id = article_id
        self.reason = reason


class EvalError(DatelineError):
    """A benchmark directory or gold file is malformed."""
