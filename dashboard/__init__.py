"""The web app: app factory, settings, shell and pages; it asks `indicators` for everything."""

from indicators.i18n import N_

PRODUCT_NAME = N_("Peacekeeping performance dashboard")  # shown through _()
