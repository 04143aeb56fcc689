"""The paper-record table (assistant/records.py): lookups by id, author, year and venue from
SQLite, kept current by ingest, rebuilt from Chroma when broken, readable from many threads."""

from __future__ import annotations

import logging
import shutil
import threading

import pytest

from assistant.index import Store, ingest
from assistant.records import Records

from .conftest import SEEDS

PROFILE = "000_63b382e736ceb520.txt"
PUBS = "004_a47dc055e8f78ddf.txt"


@pytest.fixture(scope="module")
def records(seeded):
    return Records.open(seeded)  # no store: start-up reads nothing from Chroma


def test_counts_and_gets_what_chroma_holds(records, seeded):
    assert records.count() == 117
    chroma = {p.id: p for p in Store(seeded).papers()}
    some = sorted(chroma)[::20]
    for pid in some:
        assert records.get(pid) == chroma[pid]
    assert records.get("no-such-paper") is None
    assert records.get_many(some + ["no-such-paper"]) == {pid: chroma[pid] for pid in some}
    assert sorted(p.id for p in records.iter_papers(batch=7)) == sorted(chroma)
    assert records.ids_where() == sorted(chroma)


def test_ids_where_author_year_venue(records, seeded):
    chroma = Store(seeded).papers()
    zhu = records.ids_where(author="Zhenhua Zhu")
    assert len(zhu) >= 8 and zhu == records.ids_where(author="  zhenhua ZHU ")
    assert zhu == sorted(p.id for p in chroma if "zhenhua zhu" in {a.lower() for a in p.authors + p.profiles})
    for op, test in (("in", lambda y: y == 2023), ("since", lambda y: y >= 2023), ("before", lambda y: y < 2023),
                     ("after", lambda y: y > 2023)):
        assert records.ids_where(year=(op, 2023)) == sorted(p.id for p in chroma if p.year is not None and test(p.year))
    assert records.ids_where(year=2023) == records.ids_where(year=("in", 2023))
    assert set(records.ids_where(author="Zhenhua Zhu", year=("since", 2025))) <= set(zhu)
    venue = next(p for p in chroma if p.venue)
    word = venue.venue.split()[0]
    assert venue.id in records.ids_where(venue=word.upper())
    assert records.ids_where(venue="nosuchvenueword") == []
    with pytest.raises(ValueError):
        records.ids_where(year=("around", 2023))
    assert 2023 in records.years()


def test_authors_in_looks_names_up_without_scanning(records):
    found = records.authors_in("Which papers did Zhenhua Zhu and Shaoyi Huang write together?")
    assert set(found) == {"zhenhua zhu", "shaoyi huang"}
    assert found["zhenhua zhu"] == records.ids_where(author="Zhenhua Zhu")
    assert records.authors_in("What is sparse attention?") == {}


def test_titled_and_venues_in(records, seeded):
    chroma = Store(seeded).papers()
    zo2 = records.titled("ZO2")
    assert [records.get(p).title.split(":")[0] for p in zo2] == ["ZO2"]
    assert records.titled("zo2") == zo2 and records.titled("db-SP") == records.titled("DB-SP") != []
    assert records.titled("Scalable") == []  # a title word, not a label
    with_venue = next(p for p in chroma if p.venue)
    word = with_venue.venue.split()[0]
    found = records.venues_in(f"papers at {word} please")
    assert with_venue.id in found[word.lower()] and "please" not in found


def test_by_date_and_multi_source(records, seeded):
    chroma = Store(seeded).papers()
    dated = sorted((p for p in chroma if p.date and p.date[:4].isdigit()), key=lambda p: (p.date, p.id))
    assert records.by_date() == [p.id for p in dated[:3]]
    newest = sorted(dated, key=lambda p: p.id)
    newest.sort(key=lambda p: p.date, reverse=True)  # stable: ties stay in id order
    assert records.by_date(newest=True, limit=2) == [p.id for p in newest[:2]]
    zhu = records.ids_where(author="Zhenhua Zhu")
    assert set(records.by_date(zhu, limit=100)) <= set(zhu) and records.by_date([]) == []
    assert records.multi_source() == sorted(p.id for p in chroma if len(p.sources) > 1) and len(records.multi_source()) == 3


def test_many_threads_read_at_once(records):
    out, errors = [], []

    def read():
        try:
            out.append((records.count(), len(records.ids_where(year=("since", 2020)))))
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert not errors and len(out) == 8 and len(set(out)) == 1


def test_ingest_keeps_it_current_and_a_broken_file_is_rebuilt(tmp_path, make_settings, caplog):
    corpus = tmp_path / "pages"
    corpus.mkdir()
    shutil.copy(SEEDS / PROFILE, corpus)
    shutil.copy(SEEDS / PUBS, corpus)
    settings = make_settings()
    ingest([corpus], settings)
    reader = Records.open(settings)
    assert reader.count() == 14
    page = corpus / PROFILE
    page.write_text(page.read_text().replace("71.59% top-1 accuracy", "72.00% top-1 accuracy"))
    (corpus / PUBS).unlink()
    ingest([corpus], settings, prune=True, confirm=lambda titles: True)
    assert reader.count() == 8  # the open reader sees the ingest's commit
    assert any("72.00%" in p.abstract for p in reader.iter_papers())
    assert reader.generation() == Store(settings).generation()

    reader._local.con.close()  # a damaged copy: garbage, no write-ahead log beside it
    for suffix in ("-wal", "-shm"):
        reader.path.with_name(reader.path.name + suffix).unlink(missing_ok=True)
    reader.path.write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING, logger="assistant"):
        fixed = Records.open(settings, Store(settings))
    lines = [r.getMessage() for r in caplog.records if r.name == "assistant.records"]
    assert len(lines) == 1 and "rebuilding it from Chroma" in lines[0]
    assert fixed.rebuilt and fixed.count() == 8
    assert reader.count() == 8  # an open reader reconnects to the rebuilt file
