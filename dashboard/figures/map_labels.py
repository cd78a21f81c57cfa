"""Where each mission's name goes on the map: on the side of its circle where it covers no other
name (UNIFIL left of Naqoura, UNDOF right of Camp Faouar), by a small deterministic layout."""

from __future__ import annotations

import math
from collections.abc import Sequence

# Plotly's places for a point's text, in the order tried: above first, as before.
POSITIONS = ("top center", "bottom center", "middle right", "middle left",
             "top right", "top left", "bottom right", "bottom left")
FONT_SIZE = 13  # dashboard/figures/theme.py
# A name's width per letter, as a share of the font size: capitals of a system sans-serif,
# rounded up so an estimate never makes two names touch that the browser would not.
LETTER_WIDTH = 0.75
GAP = 1  # pixels kept clear around each name
# Plot areas (pixels) the layout must hold at: the map card from a narrow laptop to a wide
# screen, 420 px high less the legend's margin (maps.py). Names point away from their
# neighbours, so a wider map only moves them further apart.
VIEWS = ((560, 382), (800, 382), (1100, 382), (1400, 382))
BOUND_SAMPLES = 24  # points along each edge of the fitted longitude-latitude box


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Natural Earth projection plotly draws the map in (d3-geo's geoNaturalEarth1),
    for degrees; y grows northwards."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2
                                                                     - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2
                                                     - 0.005916 * phi4)))
    return x, y


def screen_points(lons: Sequence[float], lats: Sequence[float], fit_lons: Sequence[float],
                  fit_lats: Sequence[float], width: float, height: float
                  ) -> list[tuple[float, float]]:
    """Pixel positions (y downwards) as `fitbounds="locations"` draws them: the projection
    turned to the middle of the data's longitudes, their longitude-latitude box fitted in."""
    west, east = min(fit_lons), max(fit_lons)
    south, north = min(fit_lats), max(fit_lats)
    middle = (west + east) / 2
    edge = [west + (east - west) * i / BOUND_SAMPLES for i in range(BOUND_SAMPLES + 1)]
    side = [south + (north - south) * i / BOUND_SAMPLES for i in range(BOUND_SAMPLES + 1)]
    box = ([natural_earth(lon - middle, lat) for lon in edge for lat in (south, north)]
           + [natural_earth(lon - middle, lat) for lon in (west, east) for lat in side])
    left, right = min(x for x, _ in box), max(x for x, _ in box)
    low, high = min(y for _, y in box), max(y for _, y in box)
    scale = min(width / max(right - left, 1e-9), height / max(high - low, 1e-9))
    centre_x, centre_y = (left + right) / 2, (low + high) / 2
    projected = (natural_earth(lon - middle, lat) for lon, lat in zip(lons, lats, strict=True))
    return [(width / 2 + scale * (x - centre_x), height / 2 - scale * (y - centre_y))
            for x, y in projected]


def label_box(x: float, y: float, position: str, text: str, marker_size: float,
              font_size: float = FONT_SIZE) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a point's text as plotly.js places it
    (Drawing.textPointPosition: an offset of radius / 0.8 + 1 from the point's centre)."""
    offset = (marker_size / 2) / 0.8 + 1
    width = LETTER_WIDTH * font_size * len(text)
    vertical, _space, horizontal = position.partition(" ")
    left = {"left": x - offset - width, "right": x + offset}.get(horizontal, x - width / 2)
    top = {"top": y - offset - font_size, "bottom": y + offset}.get(vertical,
                                                                   y - font_size / 2)
    return left, top, left + width, top + font_size


def overlap(a: tuple[float, ...], b: tuple[float, ...], gap: float = GAP) -> float:
    """The area two boxes share once each is widened by `gap`; 0 when apart."""
    wide = max(0.0, min(a[2], b[2]) - max(a[0], b[0]) + 2 * gap)
    tall = max(0.0, min(a[3], b[3]) - max(a[1], b[1]) + 2 * gap)
    return wide * tall


def place_labels(lons: Sequence[float], lats: Sequence[float], texts: Sequence[str],
                 sizes: Sequence[float], fit_lons: Sequence[float], fit_lats: Sequence[float],
                 order: Sequence[int] | None = None) -> list[str | None]:
    """A text position per point, or None where every side would cover a name already placed
    (that name is then left to the hover). Points are placed in `order` (the largest mission
    first, so it keeps its name above its circle); each takes the first side, in POSITIONS'
    order, that covers no placed name in any view and least of the other circles."""
    views = [screen_points(lons, lats, fit_lons, fit_lats, w, h) for w, h in VIEWS]
    circles = [[(x - s / 2, y - s / 2, x + s / 2, y + s / 2)
                for (x, y), s in zip(points, sizes, strict=True)] for points in views]
    placed: list[list[tuple[float, ...]]] = [[] for _ in views]
    chosen: list[str | None] = [None] * len(texts)
    for index in (range(len(texts)) if order is None else order):
        if not texts[index]:
            continue
        best, best_cost = None, None
        for position in POSITIONS:
            boxes = [label_box(*points[index], position, texts[index], sizes[index])
                     for points in views]
            if any(overlap(box, other) for box, others in zip(boxes, placed, strict=True)
                   for other in others):
                continue
            cost = sum(overlap(box, circle, 0) for box, view in zip(boxes, circles, strict=True)
                       for number, circle in enumerate(view) if number != index)
            if best_cost is None or cost < best_cost:
                best, best_cost = position, cost
            if cost == 0:
                break
        if best is not None:
            chosen[index] = best
            for view, points in zip(placed, views, strict=True):
                view.append(label_box(*points[index], best, texts[index], sizes[index]))
    return chosen
