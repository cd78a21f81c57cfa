"""The app factory: one Dash app per call, on its own database, with pages and vendored CSS."""

from __future__ import annotations

from pathlib import Path

import dash

from dashboard.exports import controls, downloads  # noqa: F401 — their callbacks and routes
from dashboard.exports.jobs import export_jobs_for
from dashboard.exports.limits import install_limits
from dashboard.exports.routes import JOBS_KEY
from dashboard.exports.routes import blueprint as export_blueprint
from dashboard.i18n import PRODUCT_NAME
from dashboard.i18n.language import LocalisedDash, localise_page_registry, register_language
from dashboard.panels.alert_views import view_path_for
from dashboard.settings import Settings
from dashboard.shell import (
    filter_sync,  # noqa: F401 — the filter callbacks
    since_sync,  # noqa: F401 — after them: the since callback
)
from dashboard.shell.filterbar import filter_options
from dashboard.shell.layout import shell
from dashboard.web.alerts_page import install_alerts
from dashboard.web.api import register_api
from dashboard.web.auth import install_auth
from dashboard.web.briefings import blueprint as briefings_blueprint
from dashboard.web.callback_registry import attach_callbacks
from dashboard.web.context import ENGINE_KEY, SETTINGS_KEY, current_engine
from dashboard.web.csrf import install_csrf
from dashboard.web.errors import register_error_handlers
from dashboard.web.page_cache import keep_built_pages
from dashboard.web.security import secure_the_server
from dashboard.web.server import SetUpOnceDash
from dashboard.web.signin_page import install_signin
from indicators.cache import configure_cache
from indicators.db import make_engine

PACKAGE_DIR = Path(__file__).resolve().parent
PAGES_DIR = PACKAGE_DIR / "pages"
ASSETS_DIR = PACKAGE_DIR.parent / "assets"


class DashboardApp(LocalisedDash, SetUpOnceDash):
    """Our Dash: the shell in the reader's language, set up once before serving anything."""


def create_app(settings: Settings | None = None) -> dash.Dash:
    """Build the app; nothing is read from the database until a page is requested."""
    settings = Settings.from_env() if settings is None else settings
    # Before anything else, so a PKDASH_CACHE_URL we cannot use stops the start, not a request.
    configure_cache(settings.cache_url)
    app = DashboardApp(
        "dashboard",  # a package name, so Dash names page modules dashboard.pages.<file>
        use_pages=True,
        pages_folder=str(PAGES_DIR),
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        external_stylesheets=[],  # Bootstrap is vendored in assets/: no CDN offline
        title=PRODUCT_NAME,
        update_title=None,
        # Page components are absent from the initial layout; without this, Dash would also
        # call every page layout (and so query the database) just to validate callbacks.
        suppress_callback_exceptions=True,
    )
    # make_engine does not connect: an unreachable database shows up as a message on the page.
    app.server.config[ENGINE_KEY] = make_engine(settings.database_url)
    app.server.config[SETTINGS_KEY] = settings
    # The language of each request (dashboard.i18n.language): ?lang=, then the page's, the cookie,
    # Accept-Language. It sets <html lang> too: screen readers pick their voice by it.
    # Before the language cookie's hook: Flask runs after_request hooks last-registered first,
    # so the security hook runs last and sees every cookie the response sets.
    secure_the_server(app, settings)
    register_language(app.server)
    localise_page_registry(dash.page_registry)
    keep_built_pages(dash.page_registry)
    # After the language hook (its messages are in the reader's language); the viewer is
    # known before any CSRF refusal or view runs.
    install_auth(app.server, settings.secret_key, settings.auth.session_hours)
    install_csrf(app.server)
    if settings.auth.oidc_enabled:
        # Imported only then: Authlib, with requests and cryptography, is some 20 MB a worker
        # without single sign-on need not hold (benchmarks/worker_memory.py).
        from dashboard.web.oidc import install_oidc

        install_oidc(app.server, settings.auth)
    # A function, so the filter choices are read from the database at each page load.
    app.layout = lambda: shell(dash.page_registry, filter_options(current_engine()))
    attach_callbacks(app)
    register_api(app.server)
    register_error_handlers(app.server)
    app.server.register_blueprint(downloads.blueprint)
    app.server.config[JOBS_KEY] = export_jobs_for(settings, app.server.config[ENGINE_KEY])
    app.server.register_blueprint(export_blueprint)
    app.server.register_blueprint(briefings_blueprint)  # saved briefings' packs (issue 17)
    limiter = install_limits(app.server, settings.limits, settings.cache_url)
    install_signin(app.server, limiter, settings.auth.signin_rate)
    install_alerts(app.server, view_path_for)
    return app
