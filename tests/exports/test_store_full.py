"""A full export store is named for what it is: with a broker the files are rows in the
database, and the 429 says the database's store is full, not a folder; without one it still
says the folder. In English and in French."""

from __future__ import annotations

import pytest

from dashboard.exports.job_database import DatabaseStore
from dashboard.exports.jobs import ExportJobs, JobRefused
from dashboard.exports.routes import refused_message
from dashboard.settings import ExportLimits
from indicators.db import make_engine
from indicators.i18n import use_locale
from indicators.migrate import upgrade
from tests.dashboard.helpers import app_for, small_world_at, url_of
from tests.exports.test_jobs import wait_for

LIMIT = 1000
PACK = "/export/women.xlsx?from=2013-12&to=2013-12"


def fill(jobs: ExportJobs) -> None:
    """One finished pack larger than the limit."""
    wait_for(jobs, jobs.submit(lambda progress: b"x" * (2 * LIMIT), "big.pdf",
                               "application/pdf", key="big").id)


def test_a_full_database_store_says_the_database(engine):
    upgrade(engine)
    jobs = ExportJobs(DatabaseStore(engine), max_bytes=LIMIT)
    fill(jobs)
    with pytest.raises(JobRefused) as refused:
        jobs.submit(lambda progress: b"x", "c.pdf", "application/pdf", key="next")
    assert (refused.value.limit, refused.value.store) == ("PKDASH_EXPORT_MAX_BYTES", "database")
    with use_locale("en"):
        english = refused_message(refused.value)
    with use_locale("fr"):
        french = refused_message(refused.value)
    assert english.startswith("The export store in the database is full: at most 1000 bytes")
    assert "folder" not in english
    assert french.startswith("L’espace des exports dans la base de données est plein : 1000 "
                             "octets au plus")
    assert "PKDASH_EXPORT_MAX_BYTES" in english and "PKDASH_EXPORT_MAX_BYTES" in french


def test_a_full_folder_still_says_the_folder(tmp_path):
    jobs = ExportJobs(tmp_path / "exports", max_bytes=LIMIT)
    fill(jobs)
    with pytest.raises(JobRefused) as refused:
        jobs.submit(lambda progress: b"x", "c.pdf", "application/pdf", key="next")
    assert refused.value.store == "folder"
    with use_locale("en"):
        assert refused_message(refused.value).startswith("The export folder is full")
    with use_locale("fr"):
        assert refused_message(refused.value).startswith("Le dossier des exports est plein")


def test_the_web_host_with_a_broker_answers_429_naming_the_database(tmp_path):
    """A web host with a broker keeps packs in the database: a pack asked when the rows are
    over the limit is refused before anything is sent to the broker (none listens here)."""
    url = small_world_at(f"sqlite:///{tmp_path / 'small.sqlite'}")
    engine = make_engine(url)
    try:
        fill(ExportJobs(DatabaseStore(engine), max_bytes=LIMIT))
        app = app_for(url_of(engine), broker_url="redis://127.0.0.1:9/0",
                      export_dir=tmp_path / "unused-folder",
                      limits=ExportLimits(per_client="1000/minute", in_all="1000/minute",
                                          folder_bytes=LIMIT))
        response = app.server.test_client().get(PACK)
    finally:
        engine.dispose()
    text = response.get_data(as_text=True)
    assert response.status_code == 429, text[:300]
    assert "The export store in the database is full" in text and "folder" not in text
