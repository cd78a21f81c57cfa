"""The sign-in settings read from the environment: session hours, the sign-in rate and the
identity provider, with a clear error for a value that cannot work."""

from __future__ import annotations

import pytest

from dashboard.settings import AuthSettings, Settings


def test_defaults_have_no_identity_provider():
    auth = Settings.from_env({}).auth
    assert auth == AuthSettings()
    assert not auth.oidc_enabled
    assert auth.session_hours == 8.0 and auth.signin_rate == "10 per minute"


def test_the_provider_and_claims_come_from_the_environment():
    auth = AuthSettings.from_env({
        "PKDASH_SESSION_HOURS": "1.5", "PKDASH_SIGNIN_RATE": "5/minute",
        "PKDASH_OIDC_ISSUER": "https://login.example.org/", "PKDASH_OIDC_CLIENT_ID": "pkdash",
        "PKDASH_OIDC_CLIENT_SECRET": "s3cret", "PKDASH_OIDC_TIER_CLAIM": "pk_tier",
        "PKDASH_OIDC_COUNTRIES_CLAIM": "pk_countries", "PKDASH_OIDC_LABEL": "UN Identity"})
    assert auth.oidc_enabled
    assert auth.oidc_issuer == "https://login.example.org"  # the discovery path is added
    assert (auth.session_hours, auth.signin_rate) == (1.5, "5/minute")
    assert (auth.oidc_tier_claim, auth.oidc_countries_claim) == ("pk_tier", "pk_countries")


@pytest.mark.parametrize(("env", "named"), [
    ({"PKDASH_SESSION_HOURS": "0"}, "PKDASH_SESSION_HOURS"),
    ({"PKDASH_SESSION_HOURS": "a day"}, "PKDASH_SESSION_HOURS"),
    ({"PKDASH_SIGNIN_RATE": "lots"}, "PKDASH_SIGNIN_RATE"),
    ({"PKDASH_OIDC_ISSUER": "https://login.example.org"}, "PKDASH_OIDC_CLIENT_ID"),
    ({"PKDASH_OIDC_CLIENT_ID": "pkdash"}, "PKDASH_OIDC_ISSUER"),
])
def test_a_setting_that_cannot_work_stops_the_start(env, named):
    with pytest.raises(ValueError, match=named):
        AuthSettings.from_env(env)
