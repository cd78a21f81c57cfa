"""Accounts, passwords, API tokens and the audit log on SQLite and PostgreSQL, and the
`pkdash users` and `pkdash audit` commands."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from sqlalchemy import select, text, update

from dashboard.cli import main
from indicators import accounts
from indicators.accounts import AccountError
from indicators.audit import read_entries, write_entry
from indicators.models.accounts import Account, ApiToken
from indicators.viewer import Viewer
from tests.dashboard.helpers import url_of


def test_passwords_are_hashed_with_argon2id_and_salted():
    first, second = accounts.hash_password("correct horse"), accounts.hash_password("correct horse")
    assert first.startswith("$argon2id$")
    assert first != second  # a salt each
    assert accounts.password_matches(first, "correct horse")
    assert not accounts.password_matches(first, "correct horsf")
    assert not accounts.password_matches(None, "correct horse")
    assert not accounts.password_matches("not a hash", "correct horse")


def test_an_account_is_checked_before_it_is_written(engine):
    with pytest.raises(AccountError, match="at least one --country"):
        accounts.add_account(engine, "fr@gouv.fr", "member-state")
    with pytest.raises(AccountError, match="XXX"):
        accounts.add_account(engine, "fr@gouv.fr", "member-state", ["XXX"])
    with pytest.raises(AccountError, match="tier"):
        accounts.add_account(engine, "fr@gouv.fr", "admin")
    with pytest.raises(AccountError, match="only a member-state"):
        accounts.add_account(engine, "sg@un.org", "secretariat", ["FRA"])
    made = accounts.add_account(engine, " Amina@Gov.RW ", "member-state", ["rwa", "RWA"],
                                "Amina K", password="correct horse")
    assert (made.email, made.countries, made.has_password) == ("amina@gov.rw", ("RWA",), True)
    assert made.viewer == Viewer("member-state", frozenset({"RWA"}), "Amina K")
    with pytest.raises(AccountError, match="exists already"):
        accounts.add_account(engine, "amina@gov.rw", "secretariat")
    with engine.connect() as conn:
        stored = conn.execute(select(Account.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored


def test_password_check(engine):
    accounts.add_account(engine, "amina@gov.rw", "member-state", ["RWA"], password="pw-1234")
    accounts.add_account(engine, "sg@un.org", "secretariat")  # provider only
    assert accounts.check_password(engine, "AMINA@gov.rw", "pw-1234").email == "amina@gov.rw"
    assert accounts.check_password(engine, "amina@gov.rw", "pw-1235") is None
    assert accounts.check_password(engine, "nobody@gov.rw", "pw-1234") is None
    assert accounts.check_password(engine, "sg@un.org", "") is None
    with engine.begin() as conn:
        conn.execute(update(Account).values(active=False))
    assert accounts.check_password(engine, "amina@gov.rw", "pw-1234") is None


def test_tokens_are_kept_hashed_and_can_be_revoked(engine):
    accounts.add_account(engine, "amina@gov.rw", "member-state", ["RWA"])
    token_id, token = accounts.issue_token(engine, "amina@gov.rw", "nightly")
    with engine.connect() as conn:
        row = conn.execute(select(ApiToken)).one()
        everything = " ".join(str(value) for value in row)
    assert token.startswith("pkd_") and len(token) > 40
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in everything
    assert row.last_used is None
    assert accounts.account_for_token(engine, token).email == "amina@gov.rw"
    assert accounts.list_tokens(engine)[0].last_used is not None
    assert accounts.account_for_token(engine, token + "x") is None
    assert accounts.revoke_token(engine, token_id)
    assert not accounts.revoke_token(engine, token_id)  # already revoked
    assert accounts.account_for_token(engine, token) is None
    assert accounts.list_tokens(engine)[0].revoked is not None
    with pytest.raises(AccountError):
        accounts.issue_token(engine, "nobody@gov.rw")


def test_audit_entries_read_back_oldest_first(engine):
    made = accounts.add_account(engine, "amina@gov.rw", "member-state", ["RWA"])
    write_entry(engine, "failed-sign-in", who="amina@gov.rw", what="password", ip="10.0.0.1")
    write_entry(engine, "sign-in", account_id=made.id, what="password", ip="10.0.0.1")
    write_entry(engine, "download", account_id=made.id, what="women/share.csv",
                filters="country=RWA", ip="10.0.0.1")
    rows = read_entries(engine)
    assert [row.event for row in rows] == ["failed-sign-in", "sign-in", "download"]
    assert rows[2].who == "amina@gov.rw" and rows[2].filters == "country=RWA"
    assert [row.event for row in read_entries(engine, event="download")] == ["download"]
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert read_entries(engine, since=tomorrow) == []
    with pytest.raises(ValueError, match="audit event"):
        write_entry(engine, "looked-around")
    write_entry(engine, "failed-sign-in", who="x" * 1000)  # cut to the column, not refused
    assert len(read_entries(engine)[-1].who) == 254


def test_cli_users_and_audit(engine, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", url_of(engine))
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    assert main(["users", "add", "amina@gov.rw", "--tier", "member-state", "--country", "RWA",
                 "--name", "Amina K", "--password-stdin"]) == 0
    assert main(["users", "add", "fr@gouv.fr", "--tier", "member-state"]) == 2
    assert "--country" in capsys.readouterr().err
    assert accounts.check_password(engine, "amina@gov.rw", "correct horse") is not None
    assert main(["users", "token", "amina@gov.rw", "--label", "nightly"]) == 0
    printed = capsys.readouterr()
    token = printed.out.strip()
    assert "only this once" in printed.err
    assert accounts.account_for_token(engine, token).email == "amina@gov.rw"
    assert main(["users", "list"]) == 0
    listing = capsys.readouterr().out
    assert "amina@gov.rw" in listing and "RWA" in listing and "nightly" in listing
    assert token not in listing
    assert main(["users", "revoke-token", "1"]) == 0
    assert main(["users", "revoke-token", "1"]) == 1
    assert accounts.account_for_token(engine, token) is None
    write_entry(engine, "sign-in", account_id=1, what="password", ip="10.0.0.1")
    capsys.readouterr()
    assert main(["audit", "--since", "2000-01-01"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.split("\t")[1:4] == ["sign-in", "amina@gov.rw", "password"]


def test_member_state_rows_need_a_country_in_the_database_too(engine):
    """The CHECK constraint, for rows written by anything other than add_account."""
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("INSERT INTO account (email, display_name, tier, countries, active, "
                          "created) VALUES ('x@y.z', 'x', 'member-state', '', true, "
                          "CURRENT_TIMESTAMP)"))
