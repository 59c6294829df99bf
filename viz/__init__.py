"""Visualisation stage: the store as offline, interactive HTML (vis-network via pyvis, networkx).

Public entry point: :func:`render` (used by ``pgkg viz`` and ``pgkg build``).
"""

from __future__ import annotations

from .render import render

__all__ = ["render"]
