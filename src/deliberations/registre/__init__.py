"""The register of acts: every adopted act recorded once, numbered once, in one SQLite file.

::

    from deliberations.registre import Acte, Numerotation, Registre

    with Registre.ouvrir("registre.sqlite") as registre:
        acte = registre.enregistrer(Acte(collectivite="Commune de Montreuil", seance=date(2023, 9, 14),
                                         instance="conseil municipal", rang=1, objet="…"),
                                    Numerotation(motif="DEL{AAAA}_{000}"))
        acte.numero, acte.numero_actes      # 'DEL2023_001', 'DEL2023_001'
"""

from deliberations.registre.base import MIGRATIONS, Acte, ActeEnregistre, Registre
from deliberations.registre.numerotation import Numerotation, formater, numero_actes

__all__ = ["Registre", "Acte", "ActeEnregistre", "Numerotation", "formater", "numero_actes", "MIGRATIONS"]
