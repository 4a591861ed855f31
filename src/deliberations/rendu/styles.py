"""The styles the renderer relies on in a template."""

from __future__ import annotations

#: table style (id) marking annex tables: amount columns right-aligned, columns sized from content
STYLE_ANNEXE = "TableauAnnexe"
