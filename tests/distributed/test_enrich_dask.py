"""Enrichment on a local Dask cluster of two worker processes equals the single-process path."""

from __future__ import annotations

import os
import signal
from datetime import date
from typing import Any

import pytest

from dateline.enrich.pipeline import enrich_store, stage_versions
from dateline.models import Article
from dateline.store.sqlite import SQLiteStore

distributed = pytest.importorskip(
    "distributed", reason='the dask engine needs Dask distributed (pip install "dask[distributed]")'
)

from dateline.enrich.distributed import enrich_store_dask  # noqa: E402

WIRE = (
    "KABUL (Reuters) - A suicide bomber killed at least 12 people outside the Afghan Defence Ministry "
    "on Tuesday, officials said, in the deadliest attack in the capital since January. "
    '"The attacker blew himself up as staff were leaving the building," ministry spokesman Dawlat '
    "Waziri told reporters. President Ashraf Ghani condemned the bombing and ordered an inquiry. "
    "The Taliban claimed responsibility in a statement on Wednesday."
)

CORPUS = [
    Article(id="kabul-1", source="Reuters", published=date(2017, 9, 5), text=WIRE, title="Kabul bombing"),
    # A wire copy with a byline: a near-duplicate of kabul-1.
    Article(id="kabul-2", source="Yahoo News", published=date(2017, 9, 5), text="By Reuters staff. " + WIRE),
    Article(
        id="kabul-3",
        source="AP",
        published=date(2017, 9, 6),
        text=(
            "Afghan officials said on Wednesday that the death toll from Tuesday's bombing in Kabul had "
            "risen to 15. Interior Ministry spokesman Najib Danish said nine of the wounded were in a "
            "critical condition. The United Nations mission in Afghanistan called the attack a war crime."
        ),
    ),
    Article(
        id="oil-1",
        source="BBC",
        published=date(2010, 5, 2),
        text=(
            "BP chief executive Tony Hayward said on Sunday the company would pay for the clean-up of the "
            "oil spill in the Gulf of Mexico. US President Barack Obama visited Louisiana and warned that "
            'the spill was "a massive and potentially unprecedented environmental disaster". The Deepwater '
            "Horizon rig exploded on 20 April, killing 11 workers."
        ),
    ),
    Article(
        id="oil-2",
        source="The Guardian",
        published=date(2010, 6, 16),
        text=(
            "BP agreed on Wednesday to set aside $20bn for compensation after talks at the White House. "
            "Carl-Henric Svanberg, the BP chairman, apologised to the American people. Mr Obama said the "
            "fund would be run by an independent administrator, Kenneth Feinberg."
        ),
    ),
    Article(
        id="egypt-1",
        source="CNN",
        published=date(2011, 2, 11),
        text=(
            "CAIRO, Egypt (CNN) -- Egyptian President Hosni Mubarak resigned Friday after 18 days of "
            "protests, Vice President Omar Suleiman announced on state television. Crowds in Tahrir Square "
            "erupted in celebration. The military will run the country until elections, Suleiman said. "
            "Mubarak had ruled Egypt for nearly 30 years."
        ),
    ),
    Article(
        id="egypt-fr",
        source="Le Monde",
        published=date(2011, 2, 11),
        text=(
            "Le président égyptien Hosni Moubarak a démissionné vendredi, a annoncé le vice-président "
            "Omar Souleiman à la télévision d'Etat. La foule a laissé éclater sa joie place Tahrir."
        ),
    ),
    Article(id="brief-1", source="AP", published=date(2011, 2, 12), text="Cairo"),
]


def _contents(store: SQLiteStore) -> dict[str, Any]:
    """Everything the enrichment writes, article by article, plus the corpus-level tables."""
    ids = sorted(a.id for a in CORPUS)
    groups = store.dup_groups()
    return {
        "articles": {
            i: {
                "sentences": store.sentences(i),
                "mentions": store.mentions(article_ids=[i]),
                "timexes": store.timexes(i),
                "claims": store.claims(article_ids=[i]),
                "dup_group": groups.get(i),
            }
            for i in ids
        },
        "signatures": sorted(store.signatures()),
        "entities": sorted(store.entities(), key=lambda e: (e.type, e.name)),
        "failures": sorted(store.failures()),
        "languages": store.stats().languages,
    }


def _store() -> SQLiteStore:
    store = SQLiteStore(":memory:")
    store.put_articles(CORPUS)
    return store


@pytest.fixture(scope="module")
def reference() -> tuple[dict[str, Any], dict[str, Any]]:
    store = _store()
    result = enrich_store(store, processes=1)
    return result, _contents(store)


def _assert_same(
    store: SQLiteStore, result: dict[str, Any], reference: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    expected_result, expected = reference
    got = _contents(store)
    for article_id, parts in expected["articles"].items():
        for part, value in parts.items():
            assert got["articles"][article_id][part] == value, f"{article_id}: {part} differ"
    for table in ("signatures", "entities", "failures", "languages"):
        assert got[table] == expected[table], f"{table} differ"
    for key in ("enriched", "skipped_language", "problems", "failures"):
        assert result[key] == expected_result[key]
    assert store.pending_articles(stage_versions()) == []


@pytest.mark.timeout(120)
def test_local_cluster_of_two_workers_equals_single_process(reference: Any) -> None:
    expected = reference[1]
    # The reference really did something, so equality below is not between two empty stores.
    assert reference[0]["enriched"] == len(CORPUS) and reference[0]["skipped_language"] == 1
    assert expected["articles"]["kabul-1"]["dup_group"] == expected["articles"]["kabul-2"]["dup_group"]
    assert any(c.direct for c in expected["articles"]["kabul-1"]["claims"])
    assert any(e.name == "Hosni Mubarak" for e in expected["entities"])

    store = _store()
    seen: list[tuple[int, int | None, str]] = []
    # Chunks of one article and a window of three: results arrive out of order and are reordered.
    result = enrich_store_dask(
        store, n_workers=2, chunk_size=1, window=3, batch_size=3, progress=lambda *a: seen.append(a)
    )
    _assert_same(store, result, reference)
    assert [s[0] for s in seen if s[2] == "Enriching"] == list(range(1, len(CORPUS) + 1))
    # A second run finds nothing pending and starts no cluster.
    again = enrich_store_dask(store, n_workers=2)
    assert again["enriched"] == 0


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_existing_scheduler_address(reference: Any) -> None:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        store = _store()
        result = enrich_store_dask(store, scheduler=cluster.scheduler_address, chunk_size=3)
        _assert_same(store, result, reference)
        # Every chunk asked its worker for the pipeline, and no worker loaded it more than once.
        with distributed.Client(cluster) as client:
            calls = client.run(_pipeline_calls)
        assert sum(hits + misses for hits, misses in calls.values()) == 3
        assert all(misses <= 1 for _hits, misses in calls.values())


def _pipeline_calls() -> tuple[int, int]:
    from dateline.config import load_pipeline

    info = load_pipeline.cache_info()
    return info.hits, info.misses


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_lost_worker_loses_no_article(reference: Any) -> None:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        killed: list[str] = []

        def kill_a_busy_worker(done: int, total: int | None, message: str) -> None:
            # After the first result, kill a worker that is processing a chunk; its nanny starts a new one.
            if killed or message != "Enriching":
                return
            with distributed.Client(cluster.scheduler_address) as client:
                busy = [addr for addr, tasks in client.processing().items() if tasks]
                if busy:
                    pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(busy[0])

        store = _store()
        result = enrich_store_dask(
            store, scheduler=cluster.scheduler_address, chunk_size=1, window=4, progress=kill_a_busy_worker
        )
        assert killed, "no worker was busy after the first result: the test exercised nothing"
        _assert_same(store, result, reference)
