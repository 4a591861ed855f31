"""A collectivité's profile read on its own, for the register's commands that have no séance (tables, SCDL).

It gives the register it names (``registre:``, relative to the profile),
the collectivité's name, its SIRET and the préfecture's classification
(``classification:``, relative to the profile; the national one otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from deliberations.entree.classification import lire_classification
from deliberations.entree.lecture import lire_yaml
from deliberations.entree.origine import Charge
from deliberations.entree.traduction import traduire
from deliberations.erreurs import ErreurEntree, Lieu, RegistreIntrouvable, erreur
from deliberations.model.actes import CLASSIFICATION_NATIONALE, Classification
from deliberations.model.objets import Collectivite


@dataclass(frozen=True)
class Profil:
    """A collectivité profile and the file it was read from."""

    collectivite: Collectivite
    fichier: Path

    def _relatif(self, nom: str) -> Path:
        chemin = Path(nom)
        return chemin if chemin.is_absolute() else self.fichier.parent / chemin

    def registre(self, donne: str | Path | None = None) -> Path:
        """``donne`` when given, else the register the profile names."""
        if donne is not None:
            return Path(donne)
        if not self.collectivite.registre:
            raise RegistreIntrouvable.de("le profil ne nomme pas de registre (registre: registre.sqlite) : donnez "
                                         "son fichier (--registre)", self.fichier)
        return self._relatif(self.collectivite.registre)

    def classification(self) -> Classification:
        """The préfecture's classification the profile names, or the national one."""
        nom = self.collectivite.classification
        return CLASSIFICATION_NATIONALE if nom is None else lire_classification(self._relatif(nom))


def charger_profil(chemin: str | Path) -> Profil:
    """Read and validate a collectivité profile; its errors are located findings (:class:`ErreurEntree`)."""
    chemin = Path(chemin)
    donnees, positions = lire_yaml(chemin)
    if not isinstance(donnees, dict):
        raise ErreurEntree([erreur(Lieu(str(chemin), 1), "le profil doit contenir des clés (nom:, assemblee:, …)")])
    try:
        collectivite = Collectivite.model_validate(donnees)
    except ValidationError as exc:
        raise ErreurEntree(traduire(exc, Charge(str(chemin), positions), Collectivite)) from None
    return Profil(collectivite, chemin)
