"""The reader's language: negotiation, sentences, number formats, chart and grid locales, words."""
