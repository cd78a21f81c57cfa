"""The web app: app factory, settings, shell and pages; it asks `indicators` for everything."""

from dashboard.i18n import PRODUCT_NAME

__all__ = ["PRODUCT_NAME"]
