"""The SCDL « Délibérations » table: one CSV row per adopted délibération of the register.

Columns, order and constraints are those of the SCDL schema, version 2.1.5
(OpenDataFrance, published on schema.data.gouv.fr as « scdl/deliberations »):
UTF-8 without BOM, comma-separated, a header row. Before anything is
written, the rows are checked here (matière of the ACTES classification,
``PREF_DATE`` not before ``DELIB_DATE``, a valid SIRET) and validated with
frictionless against :data:`SCHEMA`; a single fault refuses the whole file.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import Any, Sequence

from deliberations.erreurs import ErreurRegistre, Lieu, erreur
from deliberations.model.actes import CLASSIFICATION_NATIONALE, Classification, siret_valide
from deliberations.registre.base import ActeEnregistre, Registre
from deliberations.sortie.ecriture import ecrire_document


def _champ(nom: str, type_: str = "string", requis: bool = False, **contraintes: Any) -> dict[str, Any]:
    champ: dict[str, Any] = {"name": nom, "type": type_}
    if type_ == "string" and "format" in contraintes:
        champ["format"] = contraintes.pop("format")
    if requis:
        contraintes["required"] = True
    if contraintes:
        champ["constraints"] = contraintes
    return champ


#: the SCDL « Délibérations » Table Schema (2.1.5): names, order, types, constraints
SCHEMA: dict[str, Any] = {
    "fields": [
        _champ("COLL_NOM", requis=True),
        _champ("COLL_SIRET", requis=True, pattern=r"^\d{14}$"),
        _champ("DELIB_ID", requis=True),
        _champ("DELIB_DATE", "date", requis=True),
        _champ("DELIB_MATIERE_CODE", requis=True, pattern=r"^\d\.\d{1,2}$"),
        _champ("DELIB_MATIERE_NOM", requis=True),
        _champ("DELIB_OBJET", requis=True),
        _champ("BUDGET_ANNEE", pattern=r"^[0-9]{4}(\/[0-9]{4})?$"),
        _champ("BUDGET_NOM"),
        _champ("PREF_ID"),
        _champ("PREF_DATE", "date"),
        _champ("VOTE_EFFECTIF", "integer"),
        _champ("VOTE_REEL", "integer"),
        _champ("VOTE_POUR", "integer"),
        _champ("VOTE_CONTRE", "integer"),
        _champ("VOTE_ABSTENTION", "integer"),
        _champ("DELIB_URL", format="uri"),
    ],
    "missingValues": [""],
}
COLONNES = [f["name"] for f in SCHEMA["fields"]]


def lignes_scdl(actes: Sequence[ActeEnregistre], *, collectivite: str, siret: str,
                classification: Classification = CLASSIFICATION_NATIONALE, pref_id: str = "",
                url: str = "") -> list[dict[str, str]]:
    """The rows of the adopted délibérations among ``actes`` (matières unchecked: see :func:`problemes`)."""
    lignes = []
    for acte in actes:
        if acte.collectivite != collectivite or acte.type != "deliberation" or acte.resultat != "adopté":
            continue
        code = acte.matiere or ""
        probleme = classification.probleme(code) if code else "manquante"
        niveau2 = ".".join(code.split(".")[:2]) if probleme is None else code
        publie = next((f for f, _ in acte.publications if f.lower().endswith(".pdf")), "")

        def nombre(n: int | None) -> str:
            return "" if n is None else str(n)

        lignes.append({
            "COLL_NOM": collectivite, "COLL_SIRET": siret, "DELIB_ID": acte.numero,
            "DELIB_DATE": acte.seance.isoformat(), "DELIB_MATIERE_CODE": niveau2,
            "DELIB_MATIERE_NOM": classification.nom_scdl(code) if probleme is None else "",
            "DELIB_OBJET": " ".join(acte.objet.split()), "BUDGET_ANNEE": "", "BUDGET_NOM": "",
            "PREF_ID": pref_id if acte.transmis_le else "",
            "PREF_DATE": (acte.recu_le or acte.transmis_le).isoformat() if (acte.recu_le or acte.transmis_le) else "",
            "VOTE_EFFECTIF": nombre(acte.membres), "VOTE_REEL": nombre(acte.votants), "VOTE_POUR": nombre(acte.pour),
            "VOTE_CONTRE": nombre(acte.contre), "VOTE_ABSTENTION": nombre(acte.abstentions),
            "DELIB_URL": url + publie if url and publie else "",
            "_probleme": "" if probleme is None else probleme,
        })
    return lignes


def problemes(lignes: Sequence[dict[str, str]]) -> list[str]:
    """What keeps rows from being published, one French sentence each (the act's number in it)."""
    fautes = []
    for ligne in lignes:
        acte = ligne["DELIB_ID"]
        if ligne.get("_probleme") == "manquante":
            fautes.append(f"acte {acte} : matière ACTES manquante (la colonne DELIB_MATIERE_CODE est obligatoire)")
        elif ligne.get("_probleme"):
            fautes.append(f"acte {acte} : {ligne['_probleme']}")
        if ligne["PREF_DATE"] and ligne["PREF_DATE"] < ligne["DELIB_DATE"]:
            fautes.append(f"acte {acte} : PREF_DATE ({ligne['PREF_DATE']}) avant DELIB_DATE ({ligne['DELIB_DATE']})")
    return fautes


def _csv(lignes: Sequence[dict[str, str]]) -> bytes:
    tampon = io.StringIO(newline="")
    ecrivain = csv.DictWriter(tampon, fieldnames=COLONNES, extrasaction="ignore", lineterminator="\n")
    ecrivain.writeheader()
    ecrivain.writerows(lignes)
    return tampon.getvalue().encode("utf-8")


def _valider(donnees: bytes) -> list[str]:
    """frictionless's findings on the file against :data:`SCHEMA`, in French."""
    import frictionless

    with tempfile.TemporaryDirectory(prefix="deliberations-scdl-") as dossier:
        chemin = Path(dossier) / "deliberations.csv"
        chemin.write_bytes(donnees)
        rapport = frictionless.validate(frictionless.Resource(path=chemin.name, basepath=dossier,
                                                              schema=frictionless.Schema.from_descriptor(SCHEMA)))
    return [f"ligne {ligne} : colonne {champ} : valeur refusée par le schéma SCDL ({type_})" if champ
            else f"le fichier SCDL ne se valide pas ({type_} : {note})"
            for ligne, champ, type_, note in rapport.flatten(["rowNumber", "fieldName", "type", "note"])]


def exporter_scdl(registre: Registre | str | Path, sortie: str | Path, *, siret: str, collectivite: str | None = None,
                  classification: Classification = CLASSIFICATION_NATIONALE, pref_id: str = "", url: str = "",
                  force: bool = False) -> Path:
    """Write the SCDL table of ``collectivite``'s adopted délibérations; refuse it whole on any fault.

    ``registre``: an open register or its file (which must exist); ``collectivite`` may be left out when the
    register holds the acts of one only.
    """
    if not isinstance(registre, Registre):
        with Registre.ouvrir(registre, creer=False) as ouvert:
            return exporter_scdl(ouvert, sortie, siret=siret, collectivite=collectivite,
                                 classification=classification, pref_id=pref_id, url=url, force=force)
    sortie = Path(sortie)
    collectivite = registre.collectivite(collectivite)
    if not siret_valide(siret):
        raise ErreurRegistre.de(f"SIRET « {siret} » invalide : 14 chiffres dont le dernier est une clé "
                                "de contrôle (clé fausse ou chiffres manquants)", sortie)
    lignes = lignes_scdl(registre.actes(collectivite=collectivite), collectivite=collectivite, siret=siret,
                         classification=classification, pref_id=pref_id, url=url)
    donnees = _csv(lignes)
    fautes = problemes(lignes) or _valider(donnees)
    if fautes:
        raise ErreurRegistre([erreur(Lieu(str(sortie)), f"{f} ; rien n'a été écrit") for f in fautes])
    return ecrire_document(donnees, sortie, force=force)
