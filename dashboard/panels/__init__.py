"""Chart cards: the panel declaration and registry, the card, its view, table and text."""
