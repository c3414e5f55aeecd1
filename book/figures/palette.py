"""One palette for the whole course: Okabe and Ito's colours, distinguishable by readers with
colour-vision deficiencies, each paired with a marker symbol so that colour is never the only
signal. The colours read on both the light and the dark theme's background."""

from __future__ import annotations

THEME_STYLE: dict[str, tuple[str, str]] = {
    # theme: (colour, marker symbol)
    "mandate": ("#0072B2", "circle"),
    "politics": ("#D55E00", "square"),
    "security": ("#CC79A7", "diamond"),
    "sanctions": ("#E69F00", "triangle-up"),
    "human rights": ("#009E73", "star"),
    "diplomacy": ("#56B4E9", "hexagon"),
    "jihadist groups": ("#999999", "x"),
    "regional": ("#F0E442", "triangle-down"),
}

SERIES_COLOURS: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
COUNTRY_FILL = "rgba(120, 120, 120, 0.12)"
MALI_FILL = "rgba(0, 114, 178, 0.18)"
NEUTRAL = "#808080"


def theme_colour(theme: str) -> str:
    """The colour of a theme.

    >>> theme_colour("mandate")
    '#0072B2'
    """
    if theme not in THEME_STYLE:
        raise ValueError(f"Unknown theme {theme!r}; the themes are: {', '.join(THEME_STYLE)}")
    return THEME_STYLE[theme][0]


def theme_symbol(theme: str) -> str:
    """The marker symbol of a theme.

    >>> theme_symbol("sanctions")
    'triangle-up'
    """
    theme_colour(theme)
    return THEME_STYLE[theme][1]
