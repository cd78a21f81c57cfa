"""An account's alerts as an Atom feed (feedgen), newest first; entries its tier no longer
reaches are left out."""

from __future__ import annotations

from sqlalchemy import Engine

from indicators.accounts import as_utc, find_account
from indicators.alert_checks import events_of
from indicators.i18n import _

FEED_ENTRIES = 100


def atom_feed(engine: Engine, account_id: int, feed_url: str, base_url: str) -> bytes:
    """The feed at `feed_url`; entry links are `base_url` + the view's path and query."""
    # Imported here: feedgen (and lxml) load at the first feed asked for, not in every worker.
    from feedgen.feed import FeedGenerator

    account = find_account(engine, account_id=account_id)
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(_("Dashboard alerts for {name}").format(name=account.display_name))
    feed.author({"name": _("Peacekeeping performance dashboard")})
    feed.link(href=feed_url, rel="self")
    feed.link(href=base_url.rstrip("/") + "/alerts", rel="alternate")
    events = [event for event in events_of(engine, account_id, FEED_ENTRIES)
              if account.viewer.may_see(event.visibility)]
    feed.updated(as_utc(events[0].created) if events else account.created)
    for event in reversed(events):  # feedgen puts the last added first
        entry = feed.add_entry()
        # A tag URI: stable whatever the host or the feed address becomes.
        entry.id(f"tag:pkdash,2026:alert-event-{event.id}")
        entry.title(event.title)
        entry.link(href=base_url.rstrip("/") + event.link)
        entry.summary(event.body or event.title)
        entry.updated(as_utc(event.created))
        entry.published(as_utc(event.created))
    return feed.atom_str(pretty=True)
