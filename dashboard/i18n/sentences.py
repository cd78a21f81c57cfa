"""Translated sentences with components inside (a link, a code sample): the whole sentence is
one catalogue message with {placeholders}, so a translator can move the parts around."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def sentence(text: str, **parts) -> list:
    """'See {link}.' with link=html.A(...) → ['See ', html.A(...), '.']; empty strings dropped.
    Placeholders without a part are left as written."""
    children: list = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1) not in parts:
            continue
        children.append(text[position:match.start()])
        children.append(parts[match.group(1)])
        position = match.end()
    children.append(text[position:])
    return [child for child in children if not (isinstance(child, str) and not child)]
