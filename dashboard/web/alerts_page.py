"""/alerts: a signed-in person's alert subscriptions (list, add, remove), their recent alerts
and their secret feed address (shown, renewed); /alerts/feed/<token>.atom serves the feed. A
plain Flask page, like /sign-in; anonymous readers are sent to sign in."""

from __future__ import annotations

from collections.abc import Callable

import dash
from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from dashboard.i18n import PRODUCT_NAME
from dashboard.web.context import current_engine
from dashboard.web.csrf import FIELD, csrf_token
from indicators.alert_checks import events_of
from indicators.alert_feed import atom_feed
from indicators.alert_subscriptions import (
    SubscriptionError,
    account_for_feed,
    add_subscription,
    feed_token,
    kpi_subjects,
    list_subscriptions,
    remove_subscription,
    renew_feed_token,
    source_slugs,
)
from indicators.catalogue import CATALOGUE
from indicators.i18n import N_, _, current_locale
from indicators.kpi import KPIS
from indicators.vocabulary import filter_choices

VIEW_PATH_KEY = "PKDASH_ALERT_VIEW_PATH"
ViewPathFor = Callable[[str, str], str]
blueprint = Blueprint("alerts", __name__, template_folder="templates")
KIND_WORDS = {"source": N_("New data"), "kpi": N_("Headline figure"),
              "allegations": N_("New allegations")}


def install_alerts(server: Flask, view_path_for: ViewPathFor) -> None:
    """`view_path_for(kind, subject)`: the page an alert links to. Given by the app, which
    knows the pages (this layer sits below them)."""
    server.config[VIEW_PATH_KEY] = view_path_for
    server.register_blueprint(blueprint)


def _subject_title(subject: str) -> str:
    if subject in KPIS:
        return _(KPIS[subject].title)
    indicator = CATALOGUE.get(subject)
    return indicator.title(current_locale()) if indicator else subject


def describe(sub) -> str:
    """A subscription in words, for its row in the list."""
    if sub.kind == "source":
        return _("New data for {source}").format(source=sub.subject)
    if sub.kind == "allegations":
        return (_("New allegations in {mission}").format(mission=sub.mission) if sub.mission
                else _("New allegations naming personnel of {country}").format(
                    country=sub.nationality))
    line = _("its target") if sub.threshold is None else f"{sub.threshold:g}"
    words = _("{figure} crosses {line}").format(figure=_subject_title(sub.subject), line=line)
    return f"{words} ({sub.parsed_filters(current_engine()).describe()})" if sub.filters \
        else words


def _signed_in():
    account = g.get("account")
    if account is None or g.get("via_token"):
        return None
    return account


def render(account, message: str = "", status: int = 200):
    engine = current_engine()
    choices = filter_choices(engine)
    viewer = account.viewer
    subjects = [(key, _subject_title(key)) for key in kpi_subjects()
                if viewer.may_see(CATALOGUE[KPIS[key].indicator if key in KPIS
                                            else key].visibility)]
    events = [event for event in events_of(engine, account.id, 20)
              if viewer.may_see(event.visibility)]
    token = feed_token(engine, account.id)
    html = render_template(
        "alerts.html", _=_, lang=current_locale(), product=_(PRODUCT_NAME), heading=_("Alerts"),
        home=dash.get_relative_path("/"), stylesheet=dash.get_asset_url("bootstrap.min.css"),
        message=message, field=FIELD, token=csrf_token(),
        feed_url=url_for("alerts.feed", token=token, _external=True),
        subscriptions=[(sub.id, _(KIND_WORDS[sub.kind]), describe(sub))
                       for sub in list_subscriptions(engine, account.id)],
        events=events, sources=source_slugs(), subjects=subjects,
        missions=[code for code, _name in choices.missions], countries=choices.countries)
    return html, status, {"Cache-Control": "no-store"}


@blueprint.get("/alerts")
def alerts_page():
    account = _signed_in()
    if account is None:
        return redirect(url_for("signin.sign_in_page", next="/alerts"), 303)
    return render(account)


@blueprint.post("/alerts")
def add():
    account = _signed_in()
    if account is None:
        return redirect(url_for("signin.sign_in_page", next="/alerts"), 303)
    form = request.form
    kind = form.get("kind", "")
    subject = form.get("subject", "")
    query = "&".join(f"{name}={form[name]}" for name in ("mission", "country")
                     if kind == "kpi" and form.get(name))
    threshold_text = form.get("threshold", "").strip().replace(",", ".")
    try:
        threshold = float(threshold_text) if threshold_text else None
    except ValueError:
        return render(account, _("{value!r} is not a number").format(value=threshold_text), 400)
    try:
        add_subscription(
            current_engine(), account, kind, subject=subject,
            mission=form.get("mission", "") if kind == "allegations" else "",
            nationality=form.get("nationality", "") if kind == "allegations" else "",
            filters=query, threshold=threshold,
            view_path=(current_app.config[VIEW_PATH_KEY](kind, subject) if kind in KIND_WORDS
                       else "/"),
            locale=current_locale())
    except SubscriptionError as refused:
        return render(account, str(refused), 400)
    return redirect(url_for("alerts.alerts_page"), 303)


@blueprint.post("/alerts/<int:subscription_id>/remove")
def remove(subscription_id: int):
    account = _signed_in()
    if account is None:
        return redirect(url_for("signin.sign_in_page", next="/alerts"), 303)
    remove_subscription(current_engine(), account.id, subscription_id)
    return redirect(url_for("alerts.alerts_page"), 303)


@blueprint.post("/alerts/feed/renew")
def renew():
    account = _signed_in()
    if account is None:
        return redirect(url_for("signin.sign_in_page", next="/alerts"), 303)
    renew_feed_token(current_engine(), account.id)
    return redirect(url_for("alerts.alerts_page"), 303)


@blueprint.get("/alerts/feed/<token>.atom")
def feed(token: str):
    """No cookie: the secret address is the key (feed readers cannot sign in)."""
    engine = current_engine()
    account_id = account_for_feed(engine, token)
    if account_id is None:
        abort(404)
    body = atom_feed(engine, account_id, request.base_url, request.host_url)
    return Response(body, mimetype="application/atom+xml",
                    headers={"Cache-Control": "private, no-cache",
                             "Referrer-Policy": "no-referrer"})
