"""Practice Commons: a static knowledge base of school-improvement practices."""

from __future__ import annotations

__version__ = "0.1.0"
