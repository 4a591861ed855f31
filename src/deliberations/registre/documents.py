"""Documents made from the register: the liste des délibérations of a séance, the register's tables.

- The liste des délibérations (CGCT L2121-25): every item examined at the
  séance, adopted or not, with its number, objet, result and vote; displayed
  and put online within a week of the séance.
- The register's tables (R2121-9): the acts of a period by date and by objet.

Everything printed comes from the register (:class:`Registre`), where each
act was recorded once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from deliberations.api import rendre_modele
from deliberations.erreurs import ErreurRegistre
from deliberations.langue import formats
from deliberations.registre.base import ActeEnregistre, Registre
from deliberations.sortie.ecriture import convertir_pdf


def _fois(n: int, singulier: str, pluriel: str) -> str:
    return f"{n} {singulier if n <= 1 else pluriel}"


def phrase_de_vote(pour: int | None, contre: int | None, abstentions: int | None) -> str:
    """How the vote is written in a list: « à l'unanimité », « 21 voix pour, 3 voix contre, 2 abstentions »."""
    if pour is None:
        return ""
    contre, abstentions = contre or 0, abstentions or 0
    if contre == 0:
        if abstentions == 0:
            return "à l'unanimité"
        return f"à l'unanimité des suffrages exprimés ({_fois(abstentions, 'abstention', 'abstentions')})"
    morceaux = [f"{pour} voix pour", f"{contre} voix contre"]
    if abstentions:
        morceaux.append(_fois(abstentions, "abstention", "abstentions"))
    return ", ".join(morceaux)


def _resultat(acte: ActeEnregistre) -> str:
    return {"adopté": "Adoptée", "rejeté": "Rejetée"}.get(acte.resultat, acte.resultat)


def contexte_liste(registre: Registre, *, collectivite: str, seance: dt.date, instance: str,
                   affichee_le: dt.date | None = None, en_ligne_le: dt.date | None = None) -> dict[str, Any]:
    """What the liste des délibérations of a séance prints."""
    actes = [a for a in registre.actes(collectivite=collectivite, du=seance, au=seance) if a.instance == instance]
    if not actes:
        raise ErreurRegistre.de(f"aucun acte de {collectivite} enregistré pour la séance du {seance:%d/%m/%Y} "
                                f"({instance})", registre.chemin)
    mentions = []
    for quoi, date in (("affichée", affichee_le), ("mise en ligne", en_ligne_le)):
        if date is None:
            continue
        if not seance <= date <= seance + dt.timedelta(days=7):
            raise ErreurRegistre.de(
                f"liste {quoi} le {date:%d/%m/%Y} : elle l'est dans la semaine qui suit la séance du "
                f"{seance:%d/%m/%Y} (article L2121-25 du CGCT)", registre.chemin)
        mentions.append(f"{quoi} le {formats.date_longue(date)}")
    adoptees = sum(a.resultat == "adopté" for a in actes)
    rejetees = len(actes) - adoptees
    bilan = f"{_fois(len(actes), 'délibération examinée', 'délibérations examinées')} : " + ", ".join(
        [_fois(adoptees, "adoptée", "adoptées")] + ([_fois(rejetees, "rejetée", "rejetées")] if rejetees else []))
    return {
        "collectivite": {"nom": collectivite},
        "titre": f"LISTE DES DÉLIBÉRATIONS — {instance.upper()}",
        "reunion": f"Séance du {formats.date_longue(seance, jour_semaine=True)}",
        "actes": [{"numero": a.numero, "objet": a.objet, "resultat": _resultat(a),
                   "vote": phrase_de_vote(a.pour, a.contre, a.abstentions)} for a in actes],
        "bilan": bilan,
        "mentions": f"Liste {' et '.join(mentions)}." if mentions else "",
    }


def rendre_liste(registre: Registre, cible: str | Path, *, collectivite: str, seance: dt.date, instance: str,
                 affichee_le: dt.date | None = None, en_ligne_le: dt.date | None = None, force: bool = False) -> Path:
    """Write the liste des délibérations of a séance (Word), from the register."""
    contexte = contexte_liste(registre, collectivite=collectivite, seance=seance, instance=instance,
                              affichee_le=affichee_le, en_ligne_le=en_ligne_le)
    return rendre_modele("seance", "liste-des-deliberations.docx", contexte, cible, force=force)


def contexte_tables(registre: Registre, *, collectivite: str, du: dt.date, au: dt.date) -> dict[str, Any]:
    """What the register's tables of a period print: its acts by date, then by objet."""
    def ligne(a: ActeEnregistre) -> dict[str, str]:
        return {"date": f"{a.seance:%d/%m/%Y}", "objet": a.objet, "numero": a.numero, "instance": a.instance}

    par_date = registre.actes(collectivite=collectivite, du=du, au=au)
    par_objet = registre.actes(collectivite=collectivite, du=du, au=au, tri="objet")
    return {
        "collectivite": {"nom": collectivite},
        "titre": "TABLES DU REGISTRE DES DÉLIBÉRATIONS",
        "reunion": f"Actes du {formats.date_longue(du)} au {formats.date_longue(au)}",
        "par_date": [ligne(a) for a in par_date],
        "par_objet": [ligne(a) for a in par_objet],
    }


def rendre_tables(registre: Registre, cible: str | Path, *, collectivite: str, du: dt.date, au: dt.date,
                  force: bool = False) -> Path:
    """Write the register's tables by date and by objet for a period (Word)."""
    return rendre_modele("seance", "tables-du-registre.docx",
                         contexte_tables(registre, collectivite=collectivite, du=du, au=au), cible, force=force)


def rendre_tables_de_l_annee(registre: str | Path, dossier: str | Path, annee: int, *,
                             collectivite: str | None = None, pdf: bool = False, force: bool = False) -> list[Path]:
    """Write the register's tables of a year (``tables-du-registre-AAAA.docx``, and its PDF with ``pdf``).

    ``collectivite`` may be left out when the register holds the acts of one only.
    """
    if not 1 <= annee <= 9999:
        raise ErreurRegistre.de(f"année {annee} impossible", registre)
    cible = Path(dossier) / f"tables-du-registre-{annee}.docx"
    with Registre.ouvrir(registre, creer=False) as ouvert:
        ecrit = rendre_tables(ouvert, cible, collectivite=ouvert.collectivite(collectivite), du=dt.date(annee, 1, 1),
                              au=dt.date(annee, 12, 31), force=force)
    return [ecrit, *convertir_pdf([ecrit], ecrit.parent, force=force)] if pdf else [ecrit]
