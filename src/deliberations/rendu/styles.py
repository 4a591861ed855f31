"""The styles the renderer relies on in a template."""

from __future__ import annotations

#: table style (id) marking annex tables: amount columns right-aligned, columns sized from content
STYLE_ANNEXE = "TableauAnnexe"

#: paragraph styles (ids) that open a signature block: it keeps with the last decision and the vote boxes
STYLES_SIGNATURE = frozenset({"DebutSignature"})
#: paragraph style (id) of a table's totals row
STYLE_TOTAUX = "Totaux"
