"""Comparing maps: where maps of different essays meet (shared concepts and links)."""
