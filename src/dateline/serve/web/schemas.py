"""The request and response models and query parameter types of the REST API.

Kept apart from :mod:`dateline.serve.api` so that the OpenAPI schema's building blocks can be
read in one place; the endpoints import every name they use in a signature.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Query
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from dateline.serve.web.data import MAX_LIMIT

__all__ = [
    "ERRORS",
    "ArticleIn",
    "ArticlesIn",
    "Credentials",
    "Cursor",
    "ErrorBody",
    "ErrorDetail",
    "FeedIn",
    "From",
    "IngestOut",
    "Limit",
    "ListOut",
    "RejectedOut",
    "Text",
    "To",
]


class ErrorDetail(BaseModel):
    """What went wrong: a stable machine code and a message for people."""

    code: str
    message: str


class ErrorBody(BaseModel):
    """The one error shape of the API."""

    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Invalid input"},
    422: {"model": ErrorBody, "description": "Invalid request parameters"},
}


class ArticleIn(BaseModel):
    """An article to store (more fields are kept with the article)."""

    model_config = ConfigDict(extra="allow")

    id: str | None = Field(None, max_length=500)
    source: str | None = Field(None, max_length=200)
    published: str = Field(..., max_length=40, description="YYYY-MM-DD (or YYYY-MM, YYYY, an ISO date-time)")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    text: str = Field(..., min_length=1, max_length=2_000_000)


class ArticlesIn(BaseModel):
    """A batch of articles."""

    articles: list[ArticleIn] = Field(..., min_length=1, max_length=1000)


class FeedIn(BaseModel):
    """A feed (RSS/Atom) or page URL to fetch and read."""

    feed: str = Field(..., max_length=2000, pattern=r"^[hH][tT][tT][pP][sS]?://")


class RejectedOut(BaseModel):
    """An input item that was not stored, and why."""

    origin: str
    reason: str


class IngestOut(BaseModel):
    """What a POST stored."""

    read: int
    stored: int
    updated: int
    unchanged: int
    rejected: list[RejectedOut]
    ids: list[str]


class ListOut(BaseModel):
    """A page of a list; pass ``next`` back as ``cursor`` for the following page."""

    items: list[dict[str, Any]]
    next: str | None


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page")]
Cursor = Annotated[str | None, Query(max_length=100, description="The 'next' value of the previous page")]
From = Annotated[date | None, Query(alias="from", description="First publication/event date (YYYY-MM-DD)")]
To = Annotated[date | None, Query(alias="to", description="Last date (YYYY-MM-DD), inclusive")]
Text = Annotated[str | None, Query(max_length=500)]
Credentials = Annotated[
    HTTPAuthorizationCredentials | None,
    Depends(HTTPBearer(auto_error=False, description="The token `dateline serve` was started with")),
]
