"""The reader's language: negotiation, sentences, number formats, chart and grid locales, and
the words for each dimension; here, the product's name, which every page title carries."""

from indicators.i18n import N_

PRODUCT_NAME = N_("Peacekeeping performance dashboard")  # shown through _()
