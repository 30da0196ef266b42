"""Renderers of a ``Comparison``: JSON (versioned schema) and the terminal view."""
