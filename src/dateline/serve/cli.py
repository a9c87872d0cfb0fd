"""The ``dateline`` command: a thin click layer over the library (DESIGN §4).

Each command parses its options, calls one library function and formats the result (rich for
people, JSON with ``--json``). A :class:`~dateline.errors.DatelineError` becomes one
``Error: …`` line on stderr; exit status 0 success, 1 some inputs rejected, 2 usage error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dateline import __version__
from dateline.errors import ConfigError, DatelineError
from dateline.ingest import ReadOptions, ingest
from dateline.store import open_store, resolve_location
from dateline.store.base import Store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, status: int = 1) -> None:
    """Print one error line and exit."""
    err.print(f"Error: {message}", markup=False)
    sys.exit(status)


def run(fn: Callable[[], Any]) -> Any:
    """Call ``fn``; turn an expected error into one line and the contract's exit status."""
    try:
        return fn()
    except ConfigError as exc:
        fail(str(exc), 2)
    except DatelineError as exc:
        fail(str(exc), 1)


def emit_json(data: Any) -> None:
    """Machine-readable output: JSON on stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--db`` option every command that reads or writes the store takes."""
    return click.option(
        "--db",
        "db",
        metavar="PATH",
        default=None,
        help="Store location (default: $DATELINE_DB, else ./dateline.db).",
    )(fn)


def json_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--json``: print machine-readable JSON on stdout."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")(fn)


def store_for(ctx: click.Context, db: str | None) -> Store:
    """Open the store named by the command's --db, the group's --db, or the defaults."""
    location = db or (ctx.obj or {}).get("db")
    return run(lambda: open_store(resolve_location(location)))


def parse_day(value: str | None, name: str) -> date | None:
    """A ``YYYY-MM-DD`` option value, or a usage error naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=name) from None


def progress_bar() -> Progress:
    """A rich progress bar on stderr (quiet when stderr is not a terminal)."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dateline")
@click.option("--db", "db", metavar="PATH", default=None, help="Store location for every command.")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """dateline: turn dated news reports into a source-cited timeline of events."""
    ctx.obj = {"db": db}


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option(
    "--format",
    "fmt",
    default="auto",
    show_default=True,
    type=click.Choice(["auto", "seed", "text", "jsonl", "csv", "html", "feed", "t17"]),
    help="Input format; auto detects it from each file's name and content.",
)
@click.option("--source", default=None, help="Outlet name for every article read.")
@click.option(
    "--date",
    "default_date",
    default=None,
    metavar="YYYY-MM-DD",
    help="Publication date for texts that carry none.",
)
@click.option("--no-enrich", is_flag=True, help="Store only; run `dateline enrich` later.")
@click.option("--strict", is_flag=True, help="Store nothing unless every input is good.")
@db_option
@json_option
@click.pass_context
def ingest_cmd(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: str,
    source: str | None,
    default_date: str | None,
    no_enrich: bool,
    strict: bool,
    db: str | None,
    as_json: bool,
) -> None:
    """Read files, directories (recursively) and feed URLs; store new articles.

    Prints a summary: read / stored / updated / unchanged / rejected. Each rejected input is
    named on stderr with its reason, and the exit status is then 1.
    """
    from dateline.ingest import expand_inputs, is_url

    for item in inputs:
        if not is_url(item) and not Path(item).exists():
            raise click.BadParameter(f"no such file or directory: {item}", param_hint="PATH_OR_URL")
    options = ReadOptions(source=source, default_date=parse_day(default_date, "--date"))
    store = store_for(ctx, db)
    if strict:
        from dateline.ingest import read_input

        bad = [
            o
            for f in expand_inputs(inputs)
            for o in read_input(f, format=fmt, options=options)
            if not hasattr(o, "text")
        ]
        if bad:
            for rejection in bad:
                err.print(f"rejected: {rejection}", markup=False)
            fail(f"{len(bad)} input(s) rejected; nothing stored (--strict)", 1)
    with progress_bar() as bar:
        task = bar.add_task("Reading", total=None)

        def advance(done: int, total: int | None, name: str) -> None:
            bar.update(task, completed=done, total=total, description=f"Reading {Path(name).name[:40]}")

        report = run(lambda: ingest(store, inputs, format=fmt, options=options, progress=advance))
    for item in report.rejected:
        err.print(f"rejected: {item}", markup=False)
    enriched = None
    if not no_enrich and (report.changed_ids or store.pending_articles(_stage_versions())):
        enriched = _enrich(store)
    if as_json:
        emit_json(
            {
                "read": report.read,
                "stored": report.stored,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected": [str(r) for r in report.rejected],
                "enrichment": enriched,
            }
        )
    else:
        out.print(report.summary(), markup=False)
        if enriched:
            out.print(_enrich_summary(enriched), markup=False)
    store.close()
    sys.exit(1 if report.rejected else 0)


def _stage_versions() -> dict[str, str]:
    from dateline.enrich.pipeline import stage_versions

    return stage_versions()


def _enrich(
    store: Store,
    *,
    model: str | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
) -> dict[str, Any]:
    from dateline.enrich.pipeline import enrich_store

    with progress_bar() as bar:
        task = bar.add_task("Enriching", total=None)

        def advance(done: int, total: int | None, name: str) -> None:
            bar.update(task, completed=done, total=total, description=name)

        if engine == "dask":
            from dateline.enrich.distributed import enrich_store_dask

            result = run(
                lambda: enrich_store_dask(
                    store, scheduler=scheduler, n_workers=workers, model=model, progress=advance
                )
            )
        else:
            result = run(lambda: enrich_store(store, model=model, progress=advance))
        # Ingest leaves full-text indexing to a later batch: an enriched store is ready to search.
        bar.update(task, description="Indexing for search")
        run(store.refresh_search_index)
    return result


def _enrich_summary(result: dict[str, Any]) -> str:
    return (
        f"enriched {result['enriched']}, skipped (not English) {result['skipped_language']}, "
        f"with problems {result['problems']}"
    )


@main.command("enrich")
@click.option(
    "--model",
    default=None,
    metavar="NAME",
    help="spaCy pipeline to use (default: $DATELINE_MODEL, else the pinned en_core_web_sm).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; dask: a Dask cluster.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler (tcp://host:8786); without it a local Dask cluster is started.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 1024),
    default=2,
    show_default=True,
    help="Workers of the local Dask cluster.",
)
@db_option
@json_option
@click.pass_context
def enrich_cmd(
    ctx: click.Context,
    model: str | None,
    engine: str,
    scheduler: str | None,
    workers: int,
    db: str | None,
    as_json: bool,
) -> None:
    """Enrich what is not yet enriched: sentences, entities, time expressions, claims, duplicates."""
    if scheduler and engine != "dask":
        raise click.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    store = store_for(ctx, db)
    result = _enrich(store, model=model, engine=engine, scheduler=scheduler, workers=workers)
    if as_json:
        emit_json(result)
    else:
        out.print(_enrich_summary(result), markup=False)
        for article_id, stage, reason in result.get("failures", [])[:20]:
            err.print(f"{article_id}: {stage}: {reason}", markup=False)


@main.command("search")
@click.argument("query")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@db_option
@json_option
@click.pass_context
def search_cmd(ctx: click.Context, query: str, limit: int, db: str | None, as_json: bool) -> None:
    """Full-text search over the stored articles."""
    store = store_for(ctx, db)
    hits = store.search(query, limit=limit)
    if as_json:
        emit_json(
            [
                {
                    "article_id": h.article_id,
                    "published": h.published.isoformat(),
                    "source": h.source,
                    "title": h.title,
                    "snippet": h.snippet,
                    "url": h.url,
                }
                for h in hits
            ]
        )
        return
    if not hits:
        out.print(f"No articles match {query!r}.", markup=False)
    for h in hits:
        out.print(f"[bold]{h.published}[/bold]  {h.source}  [dim]{h.article_id}[/dim]")
        if h.title:
            out.print(f"  {h.title}", markup=False)
        out.print(f"  {h.snippet}", markup=False)


@main.command("stats")
@db_option
@json_option
@click.pass_context
def stats_cmd(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """What the store holds: articles by source and by month, the date range, enrichment state."""
    store = store_for(ctx, db)
    stats = store.stats()
    if as_json:
        emit_json(
            {
                "articles": stats.articles,
                "sources": stats.sources,
                "first": stats.first.isoformat() if stats.first else None,
                "last": stats.last.isoformat() if stats.last else None,
                "enriched": stats.enriched,
                "months": stats.months,
                "languages": stats.languages,
            }
        )
        return
    print_stats(stats, store.location)


def print_stats(stats: Any, location: str) -> None:
    """The human form of ``dateline stats``."""
    out.print(
        f"[bold]{stats.articles}[/bold] articles in {location}, "
        f"{stats.first or '-'} to {stats.last or '-'}; {stats.enriched} enriched"
    )
    table = Table("source", "articles", box=None)
    for name, count in list(stats.sources.items())[:15]:
        table.add_row(name, str(count))
    if len(stats.sources) > 15:
        table.add_row(f"… {len(stats.sources) - 15} more", "")
    out.print(table)
    months = Table("month", "articles", box=None)
    for month, count in stats.months.items():
        months.add_row(
            month, f"{count:>5} " + "▇" * min(60, max(1, count * 60 // max(stats.months.values())))
        )
    out.print(months)


from dateline.serve import cli_more  # noqa: E402  (registers the remaining commands on `main`)

__all__ = ["cli_more", "main"]
