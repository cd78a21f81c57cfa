"""The web app: app factory, settings, shell and pages; it asks `indicators` for everything."""

PRODUCT_NAME = "Peacekeeping performance dashboard"
