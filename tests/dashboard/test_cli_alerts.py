"""`pkdash alerts check` and `pkdash alerts list` on a real database, with and without SMTP."""

from __future__ import annotations

import pytest

from dashboard.cli import main
from indicators import accounts
from indicators.alert_subscriptions import add_subscription
from tests.dashboard.helpers import url_of


@pytest.fixture
def cli_env(engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", url_of(engine))
    for name in ("PKDASH_SMTP_HOST", "PKDASH_SMTP_PORT", "PKDASH_SMTP_FROM"):
        monkeypatch.delenv(name, raising=False)
    return engine


def test_check_says_how_many_and_that_email_is_off(cli_env, capsys):
    assert main(["alerts", "check"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "Alerts: 0 new"
    assert "E-mail is off (PKDASH_SMTP_HOST is not set)" in err
    assert main(["--lang", "fr", "alerts", "check"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "Alertes : 0 nouvelle(s)"
    assert "Le courriel est désactivé" in err


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_half_configured_smtp_is_refused_by_name(cli_env, monkeypatch, capsys):
    monkeypatch.setenv("PKDASH_SMTP_HOST", "127.0.0.1")
    assert main(["alerts", "check"]) == 2
    assert "PKDASH_SMTP_FROM must be the sender's e-mail address" in capsys.readouterr().err
    monkeypatch.setenv("PKDASH_SMTP_FROM", "alerts@example.org")
    monkeypatch.setenv("PKDASH_SMTP_PORT", "smtp")
    assert main(["alerts", "check"]) == 2
    assert "PKDASH_SMTP_PORT='smtp' is not a port number" in capsys.readouterr().err


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_list_names_each_subscription_and_its_owner(cli_env, capsys):
    amina = accounts.add_account(cli_env, "amina@gov.rw", "member-state", ["RWA"], "Amina")
    add_subscription(cli_env, amina, "source", subject="un-sea-allegations", seen_version=3)
    assert main(["alerts", "list"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.split() == ["1", "amina@gov.rw", "source", "un-sea-allegations", "v3"]


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_pkdash_build_runs_the_checks(cli_env, monkeypatch, capsys, tmp_path, raw_dir):
    """Two `pkdash build`s with version 1's then version 2's files: the second says its
    alerts, one per change (tests/versions_fixture.py)."""
    from tests.versions_fixture import make_two_versions

    made = make_two_versions(f"sqlite:///{tmp_path / 'scratch.sqlite'}", tmp_path / "raw",
                             raw_dir)
    monkeypatch.setenv("PKDASH_RAW_DIR", str(made.config_v1.raw_dir))
    main(["build", "--new-version", "un-sea-allegations"])  # files of other sources absent
    amina = accounts.add_account(cli_env, "amina@gov.rw", "member-state", ["RWA"], "Amina")
    mission = made.expected.new_allegation[0]
    add_subscription(cli_env, amina, "allegations", mission=mission)
    add_subscription(cli_env, amina, "source", subject=made.expected.new_month[0])
    capsys.readouterr()
    monkeypatch.setenv("PKDASH_RAW_DIR", str(made.config_v2.raw_dir))
    main(["build", "--new-version", "ipi-gender"])
    out = capsys.readouterr().out
    assert "Alerts: 2 new" in out.splitlines()
