"""A whole meeting: every item checked, then rendered in parallel, plus the agenda.

A séance file lists the items in agenda order::

    instance: commission permanente
    date: 2023-09-14
    collectivite: collectivites/seine-saint-denis.yaml
    points:
      - 06-04-clauses-sociales.yaml
      - 06-05-insertion.yaml

Items inherit the séance's instance, date and collectivité when they leave
them out; an item without ``numero`` gets its position in the agenda. Every
item is checked before anything is written; numbers that repeat are errors.

Work runs on a :class:`concurrent.futures.Executor`: by default a process
pool sized to the cores; any executor can be given (a Dask ``distributed``
client's, for instance).
"""

from deliberations.seance.chargement import charger_seance, montant_engage
from deliberations.seance.fichier import FichierSeance, PointSeance, ResultatSeance, Seance
from deliberations.seance.rendu import contexte_ordre_du_jour, rendre_ordre_du_jour, rendre_seance

__all__ = ["charger_seance", "rendre_seance", "rendre_ordre_du_jour", "contexte_ordre_du_jour", "montant_engage",
           "Seance", "PointSeance", "ResultatSeance", "FichierSeance"]
