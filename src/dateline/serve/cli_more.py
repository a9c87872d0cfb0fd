"""The ``dateline`` commands over enriched data: demo, entities, claims and the eval group.

Registered on the group defined in :mod:`dateline.serve.cli`; same conventions.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from dateline.ingest import ReadOptions, ingest
from dateline.serve.cli import (
    _enrich,
    _enrich_summary,
    db_option,
    emit_json,
    err,
    json_option,
    main,
    out,
    print_stats,
    run,
    store_for,
)
from dateline.store import open_store


def data_dir() -> Path:
    """Where dateline keeps its own files (the demo store): ``$XDG_DATA_HOME/dateline``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    path = Path(base) / "dateline"
    path.mkdir(parents=True, exist_ok=True)
    return path


@main.command("demo")
@click.option(
    "--corpus",
    type=click.Choice(["cep", "wikinews"]),
    default="cep",
    show_default=True,
    help="cep: Wikipedia Current Events Portal on the Israel–Hamas war (Oct 2023 – Jan 2024); "
    "wikinews: 120 Wikinews articles on four stories.",
)
@click.option(
    "--db",
    "db",
    metavar="PATH",
    default=None,
    help="Where to build the demo store (default: a fresh one in the user data directory).",
)
@click.option("--html", "html_path", metavar="FILE", default=None, help="Where to write the HTML timeline.")
def demo_cmd(corpus: str, db: str | None, html_path: str | None) -> None:
    """Ingest a bundled demo corpus into a fresh store and show what dateline makes of it."""
    from dateline.demo import attribution, corpus_path

    location = Path(db) if db else data_dir() / f"demo-{corpus}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{location}{suffix}").unlink(missing_ok=True)
    store = run(lambda: open_store(location))
    report = run(lambda: ingest(store, [corpus_path(corpus)], options=ReadOptions()))
    out.print(f"Demo corpus {corpus!r}: {report.summary()}", markup=False)
    out.print(_enrich_summary(_enrich(store)), markup=False)
    print_stats(store.stats(), str(location))
    _show_timeline(store, corpus, Path(html_path) if html_path else location.with_suffix(".html"))
    out.print(f"\n[dim]{attribution(corpus)}[/dim]")
    out.print(f"[dim]Explore it: dateline --db {location} search QUERY | timeline | claims | entities[/dim]")


def _show_timeline(store: Any, corpus: str, html_path: Path) -> None:
    from dateline.api import build_timeline
    from dateline.export import render

    # The war corpus is one story; the Wikinews corpus has four, so its demo follows one of them.
    query = None if corpus == "cep" else "bankruptcy"
    timeline = build_timeline(store, query=query)
    click.echo("\n" + render(timeline, "text", store=store))
    html_path.write_text(render(timeline, "html", store=store), encoding="utf-8")
    out.print(f"[bold]HTML timeline:[/bold] {html_path}")


@main.command("timeline")
@click.argument("query", required=False)
@click.option("--from", "start", default=None, metavar="YYYY-MM-DD", help="First day of the window.")
@click.option("--to", "end", default=None, metavar="YYYY-MM-DD", help="Last day of the window.")
@click.option(
    "--since", default=None, metavar="YYYY-MM-DD", help="Only what reports published since this day say."
)
@click.option(
    "--dates", type=click.IntRange(1, 1000), default=None, help="Number of dates (default: from the window)."
)
@click.option(
    "--per-date", type=click.IntRange(1, 50), default=None, help="Sentences per date (default: 2 or 3)."
)
@click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    type=click.Choice(["text", "markdown", "json", "html", "timelinejs", "tilse"]),
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE instead of stdout.",
)
@db_option
@click.pass_context
def timeline_cmd(
    ctx: click.Context,
    query: str | None,
    start: str | None,
    end: str | None,
    since: str | None,
    dates: int | None,
    per_date: int | None,
    fmt: str,
    as_json: bool,
    output: Path | None,
    db: str | None,
) -> None:
    """A dated, source-cited timeline of the stored articles matching QUERY (all when absent)."""
    from dateline.api import build_timeline
    from dateline.export import render
    from dateline.serve.cli import parse_day

    store = store_for(ctx, db)
    timeline = run(
        lambda: build_timeline(
            store,
            query=query,
            start=parse_day(start, "--from"),
            end=parse_day(end, "--to"),
            dates=dates,
            per_date=per_date,
            since=parse_day(since, "--since"),
        )
    )
    text = render(timeline, "json" if as_json else fmt, store=store)
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {len(timeline.entries)} dates to {output}", markup=False)
    else:
        click.echo(text)


@main.command("entities")
@click.option("--type", "etype", default=None, metavar="TYPE", help="PERSON, ORG, GPE, LOC, NORP, …")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000))
@db_option
@json_option
@click.pass_context
def entities_cmd(ctx: click.Context, etype: str | None, limit: int, db: str | None, as_json: bool) -> None:
    """Entities across the corpus with mention counts and aliases."""
    store = store_for(ctx, db)
    entities = store.entities(type=etype)
    if as_json:
        emit_json(
            [
                {
                    "name": e.name,
                    "type": e.type,
                    "mentions": e.mentions,
                    "aliases": list(e.aliases),
                    "roles": list(e.roles),
                    "key": e.key,
                    "first_seen": e.first_seen.isoformat() if e.first_seen else None,
                    "last_seen": e.last_seen.isoformat() if e.last_seen else None,
                }
                for e in entities
            ]
        )
        return
    from rich.table import Table

    table = Table("entity", "type", "mentions", "also called", box=None)
    for e in entities[:limit]:
        others = [a for a in e.aliases if a != e.name]
        table.add_row(
            e.name, e.type, str(e.mentions), ", ".join(others[:4]) + (" …" if len(others) > 4 else "")
        )
    out.print(table)


@main.command("claims")
@click.argument("query", required=False)
@click.option("--speaker", default=None, help="Only claims by this speaker (substring).")
@click.option("--from", "start", default=None, metavar="YYYY-MM-DD")
@click.option("--to", "end", default=None, metavar="YYYY-MM-DD")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 1_000_000))
@db_option
@json_option
@click.pass_context
def claims_cmd(
    ctx: click.Context,
    query: str | None,
    speaker: str | None,
    start: str | None,
    end: str | None,
    limit: int,
    db: str | None,
    as_json: bool,
) -> None:
    """Attributed claims: who said what, direct or reported, hedged or not."""
    from dateline.serve.cli import parse_day

    store = store_for(ctx, db)
    claims = store.claims(
        query=query,
        speaker=speaker,
        start=parse_day(start, "--from"),
        end=parse_day(end, "--to"),
        limit=limit,
    )
    if as_json:
        sentences: dict[str, Any] = {}

        def sentence_of(article_id: str, index: int) -> str | None:
            if article_id not in sentences:
                sentences[article_id] = {s.index: s.text for s in store.sentences(article_id)}
            return sentences[article_id].get(index)

        emit_json(
            [
                {
                    "speaker": c.speaker,
                    "speaker_entity": c.speaker_entity,
                    "cue": c.cue,
                    "content": c.content,
                    "direct": c.direct,
                    "hedged": c.hedged,
                    "article_id": c.article_id,
                    "published": c.published.isoformat() if c.published else None,
                    "sentence": sentence_of(c.article_id, c.sentence_index),
                }
                for c in claims
            ]
        )
        return
    for c in claims:
        kind = "quote" if c.direct else "reported"
        hedge = ", hedged" if c.hedged else ""
        who = c.speaker_entity or c.speaker or "(unattributed)"
        out.print(f"[bold]{c.published}[/bold] {who} [dim]{c.cue} ({kind}{hedge})[/dim]")
        out.print(f"  {c.content}", markup=False)


@main.command("events")
@click.argument("query", required=False)
@click.option("--from", "start", default=None, metavar="YYYY-MM-DD")
@click.option("--to", "end", default=None, metavar="YYYY-MM-DD")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 1_000_000))
@db_option
@json_option
@click.pass_context
def events_cmd(
    ctx: click.Context,
    query: str | None,
    start: str | None,
    end: str | None,
    limit: int,
    db: str | None,
    as_json: bool,
) -> None:
    """Event records: what happened on a day, who and where, how many independent outlets."""
    from dateline.serve.cli import parse_day
    from dateline.store.records import event_to_json

    store = store_for(ctx, db)
    events = store.events(start=parse_day(start, "--from"), end=parse_day(end, "--to"))
    if query:
        wanted = store.matching_article_ids(query)
        events = [e for e in events if wanted.intersection(e.article_ids)]
    events = events[:limit]
    if as_json:
        emit_json(
            [
                {**event_to_json(e), "summary": e.summary.text, "summary_article_id": e.summary.article_id}
                for e in events
            ]
        )
        return
    for e in events:
        kind = f" [{e.type}]" if e.type else ""
        out.print(
            f"[bold]{e.date}[/bold]{kind}  ({e.independent_sources} independent source"
            f"{'s' if e.independent_sources != 1 else ''})"
        )
        out.print(f"  {e.summary.text}  [{e.summary.article_id}]", markup=False)
        if e.actors or e.locations:
            out.print(
                f"  [dim]who: {', '.join(e.actors) or '-'}; where: {', '.join(e.locations) or '-'}[/dim]"
            )


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (others need --token).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--token",
    envvar="DATELINE_TOKEN",
    default=None,
    help="Bearer token for POST /api/articles (default: $DATELINE_TOKEN; none disables writes).",
)
@db_option
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, token: str | None, db: str | None) -> None:
    """Serve the REST API and the web page (http://HOST:PORT/)."""
    from dateline.serve.api import serve

    run(lambda: serve(host, port, db=db or (ctx.obj or {}).get("db"), token=token))


@main.group("eval")
def eval_group() -> None:
    """Score dateline on public benchmarks (T17 timelines, TimeML, PolNeAR)."""


def _print_scores(result: dict[str, Any], keys: list[str]) -> None:
    out.print(
        "  ".join(
            f"{k} {result[k]:.3f}" if isinstance(result.get(k), float) else f"{k} {result.get(k)}"
            for k in keys
        ),
        markup=False,
    )


@eval_group.command("tls")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--topics", default=None, metavar="a,b", help="Only these topics (comma-separated).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write each system timeline (tilse format), the configuration and the scores here.",
)
@click.option(
    "--all-articles",
    is_flag=True,
    help="Use every article even where a topic lists the published subset (newstls_subset.json).",
)
@json_option
def eval_tls_cmd(
    directory: Path, topics: str | None, out_dir: Path | None, all_articles: bool, as_json: bool
) -> None:
    """Run the timeline summarisation benchmark protocol on a T17-style DIRECTORY."""
    from dateline.eval.tls import evaluate_tls

    chosen = [t.strip() for t in topics.split(",") if t.strip()] if topics else None
    result = run(
        lambda: evaluate_tls(directory, topics=chosen, out=out_dir, use_subset=not all_articles, workers=2)
    )
    if as_json:
        emit_json(result)
        return
    from rich.table import Table

    table = Table("topic", "AR1-F", "AR2-F", "date-F1", box=None)
    for topic, scores in result["topics"].items():
        table.add_row(topic, *(f"{scores[k]:.3f}" for k in ("AR1-F", "AR2-F", "date-F1")))
    m = result["metrics"]
    table.add_row("[bold]all[/bold]", *(f"[bold]{m[k]:.3f}[/bold]" for k in ("AR1-F", "AR2-F", "date-F1")))
    out.print(table)
    out.print(f"{result.get('dataset')}: {result['seconds']:.1f} s", markup=False)


@eval_group.command("timex")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the tagged TimeML, the configuration and the scores here.",
)
@json_option
def eval_timex_cmd(directory: Path, out_dir: Path | None, as_json: bool) -> None:
    """Tag the TimeML documents in DIRECTORY (their DCT as anchor) and score them (TempEval-3)."""
    from dateline.eval.timex import evaluate_timex

    result = run(lambda: evaluate_timex(directory, out=out_dir))
    if as_json:
        emit_json(result)
    else:
        _print_scores(result, ["docs", "strict-F1", "relaxed-F1", "value-F1", "seconds"])


@eval_group.command("attribution")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the predicted annotations, the configuration and the scores here.",
)
@json_option
def eval_attribution_cmd(directory: Path, out_dir: Path | None, as_json: bool) -> None:
    """Score attribution (claims) on a PolNeAR-style directory."""
    from dateline.eval.attribution import evaluate_attribution

    result = run(lambda: evaluate_attribution(directory, out=out_dir))
    if as_json:
        emit_json(result)
    else:
        _print_scores(result, ["docs", "precision", "recall", "F1", "speaker-F1", "seconds"])


__all__ = ["data_dir", "demo_cmd", "eval_group"]
