"""Counting for people: '1 claim', '2 claims', '1 thesis', '2 theses' in every message and page."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """count and the noun that agrees with it: plural(1, "claim") is '1 claim', plural(2, "claim") '2 claims'.

    many is the plural when it is not one + 's' (plural(2, "thesis", "theses"), or a phrase such as
    plural(2, "link to another map", "links to other maps")).
    """
    return f"{count} {one if count == 1 else (many or one + 's')}"
