"""Scaffolds: a commented input file to fill, and what remains to fill in one.

:func:`squelette` writes, for a report type, a French YAML file holding every
common key and every field of the type, their help as comments, and
``"[à compléter]"`` where the clerk must write. ``deliberations check`` on
the unfilled file lists every placeholder left, at its line:
:func:`a_completer` turns the validation errors of placeholders written
where a typed value (amount, date…) is expected into "à compléter" findings,
and adds the placeholders of the text fields, so that the list is complete
even when the file cannot be loaded yet.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from pydantic import BaseModel, ValidationError

from deliberations.controles.checks import reste
from deliberations.entree.origine import Charge
from deliberations.entree.traduction import chemin_utile
from deliberations.erreurs import Finding, erreur
from deliberations.model.genres import GENRES
from deliberations.types.manifeste import ChampManifeste, ColonneManifeste
from deliberations.types.type_rapport import TypeRapport

#: what the clerk replaces
A_COMPLETER = "[à compléter]"
_A = json.dumps(A_COMPLETER, ensure_ascii=False)
_COLONNE_COMMENTAIRE = 40

_GENRES = {g.nom: g.description for g in GENRES.values()}


# --------------------------------------------------------------------------
# Writing YAML by hand (comments kept, order kept)


def _scalaire(valeur: Any) -> str:
    """A YAML scalar: plain when unambiguous, else double-quoted."""
    texte = str(valeur)
    if re.fullmatch(r"[A-Za-zÀ-ÿ0-9][\w À-ÿ'’.,/€%()-]*", texte) and not re.search(r"(: | #|,$)", texte) \
            and texte.lower() not in ("oui", "non", "true", "false", "yes", "no", "null", "~"):
        return texte
    return json.dumps(texte, ensure_ascii=False)


def _ligne(texte: str, commentaire: str = "") -> str:
    if not commentaire:
        return texte
    return f"{texte.ljust(_COLONNE_COMMENTAIRE - 1)} # {commentaire}"


def _commentaire(texte: str, retrait: str = "") -> list[str]:
    lignes: list[str] = []
    for paragraphe in texte.strip().split("\n\n"):
        largeur = 78 - len(retrait) - 2
        # keep French punctuation and « 8 h 30 » with their neighbours when wrapping
        texte = re.sub(r" (?=[%:;?!€»])|(?<=«) |(?<=\d) (?=h\b)|(?<=\bh) (?=\d)", "\u00a0", " ".join(paragraphe.split()))
        lignes.extend(f"{retrait}# {l.replace(chr(0xA0), ' ')}" for l in textwrap.wrap(texte, largeur, break_long_words=False))
    return lignes


def _titre(texte: str) -> list[str]:
    return ["", f"# --- {texte} ".ljust(78, "-")]


# --------------------------------------------------------------------------
# The scaffold


def squelette(type_: TypeRapport) -> str:
    """A commented input file for ``type_``, every placeholder ``"[à compléter]"``."""
    lignes: list[str] = [f"# Nouveau point de type « {type_.nom} » : {type_.titre}."]
    if type_.manifeste.description.strip():
        lignes += ["#"] + _commentaire(type_.manifeste.description)
    lignes += ["#"] + _commentaire(
        f"Remplacez chaque « {A_COMPLETER} » ; « deliberations check » sur ce fichier liste ce qui reste à "
        "remplir. Une ligne qui commence par « # » est un commentaire : les clés facultatives y attendent, "
        "à décommenter si besoin.")
    lignes.append(f"type: {type_.nom}")

    lignes += _titre("La collectivité")
    lignes += _commentaire("En ligne comme ici, ou le chemin d'un profil partagé par tous les points : "
                           "collectivite: collectivites/mon-departement.yaml")
    lignes += [
        "collectivite:",
        _ligne(f"  nom: {_A}", "Département de la Seine-Saint-Denis"),
        _ligne(f"  assemblee: {_A}", "Conseil départemental, conseil municipal…"),
        _ligne(f"  tribunal_administratif: {_A}", "ville du tribunal administratif : Montreuil"),
        _ligne("  # nature: commune", "département, région, commune, epci, syndicat, paris (mots de l'exécutif)"),
        _ligne("  # president: {titre: présidente, genre: féminin}", "par défaut : le président"),
        _ligne("  # articles: oui", "décisions numérotées « Article 1er »…"),
        _ligne("  # recours: …", "voies et délais de recours (sinon la formule usuelle)"),
        _ligne("  # visas: [le Code général des collectivités territoriales]", "communs à tous les actes"),
    ]

    lignes += _titre("Le point")
    lignes += [
        _ligne(f"numero: {_A}", "numéro du point : 06-04"),
        "seance:",
        _ligne(f"  instance: {_A}", "commission permanente, conseil municipal…"),
        _ligne(f"  date: {_A}", "2023-09-14 ou 14/09/2023"),
        *_seance_commune(type_),
        _ligne(("# " if "direction" in type_.manifeste.facultatifs else "") + f"direction: {_A}",
               "direction qui présente le rapport" + (" (facultatif)" if "direction" in type_.manifeste.facultatifs
                                                      else " ou « sans objet »")),
        _ligne(f"# service: {_A}", "service (facultatif)"),
        _ligne(f"objet: {_A}", "une ligne, 499 caractères au plus (ACTES)"),
        _ligne("# rapporteur: M. Paul Durand, adjoint aux finances", "si ce n'est pas l'exécutif"),
        _ligne('# formules: {decision: "DÉLIBÈRE :", articles: Article 1er}', "usages de rédaction (voir README)"),
    ]

    if type_.champs:
        lignes += _titre(f"Les champs du type « {type_.nom} »")
        for nom, champ in type_.champs.items():
            lignes += _champ(nom, champ)

    lignes += _titre("Le rapport")
    lignes += _commentaire("Valeurs nommées, écrites une fois, citées dans le texte par ${valeurs.nom} "
                           "(un champ du type se cite par ${nom}).")
    lignes += ["# valeurs:", "#   plafond: 15 000 €"]
    lignes += [
        "expose:",
        _ligne(f"  - titre: {_A}", "titre de la section (facultatif)"),
        "    paragraphes:",
        f"      - {_A}",
        "      # - liste: [premier élément, second élément]",
    ]
    lignes += _commentaire("Chaque proposition est écrite une fois : « D'AUTORISER … » dans le rapport, "
                           "« AUTORISE … » dans la délibération ; la ponctuation de fin est ajoutée.")
    lignes += [
        "propositions:",
        _ligne(f"  - verbe: {_A}", "autoriser, approuver… (sans verbe : le texte tel quel)"),
        _ligne(f"    texte: {_A}", "le versement de …"),
        "signataire:",
        _ligne("  # formule: …", "par défaut : « Pour le président … et par délégation, »"),
        _ligne(f"  qualite: {_A}", "la vice-présidente (facultatif)"),
        f"  nom: {_A}",
    ]
    lignes += _annexes(type_)

    lignes += _titre("La délibération")
    lignes += [
        "visas:",
        _ligne(f"  - {_A}", "Vu la loi n° … du … portant …"),
        "  # - {nature: loi, numero: 92-722, date: 1992-07-29, titre: portant …}",
        "# considerants:",
        "#   - que …",
        _ligne("vote: {}", "après la séance : {pour: …, contre: …, resultat: unanimité} (ou les résultats de la séance)"),
        "# presences:                            # les noms des présents, si la séance ne les donne pas",
        "#   presents: [M. Jean Dupont, …]",
        _ligne("dates: {}", "après la séance : {publication: …, executoire: …}"),
        "# actes:                                # pour la transmission en préfecture (deliberations actes)",
        "#   nature: DE                          # DE, AR, AI, CC, BF ou AU",
        '#   matiere: "7.5"                      # matière ACTES, au moins deux niveaux, entre guillemets',
        "#   pieces: [plan.pdf]                  # annexes transmises : PDF, JPEG ou PNG",
    ]
    return "\n".join(lignes) + "\n"


def _seance_commune(type_: TypeRapport) -> list[str]:
    """The séance's préambule keys, for a genre that prints one (``direction`` optional: a commune's act)."""
    if "direction" not in type_.manifeste.facultatifs:
        return []
    return [
        _ligne("  # heure: 20:30", "heure d'ouverture, écrite en lettres dans le préambule"),
        _ligne("  # lieu: à la mairie", "tel qu'il suit « s'est réuni »"),
        _ligne("  # convocation: 2023-01-31", "date de la convocation"),
        _ligne("  # publique: oui", "séance publique (oui) ou à huis clos (non)"),
        _ligne("  # president: M. Jean Dupont, Maire", "qui préside la séance"),
        _ligne("  # secretaire: Mme Anne Martin", "secrétaire de séance (signe l'acte)"),
    ]


def _champ(nom: str, champ: ChampManifeste) -> list[str]:
    facultatif = not champ.requis
    genre = _GENRES[champ.type]
    lignes = _commentaire(f"{champ.titre or nom} ({genre}{', facultatif' if facultatif and champ.defaut is None else ''})"
                          f" : {_minuscule(champ.aide)}")
    actif = "# " if facultatif and champ.defaut is None else ""
    if champ.type == "table":
        lignes.append(f"{actif}{nom}:")
        premiere = True
        for colonne, spec in (champ.colonnes or {}).items():
            tiret = "  - " if premiere else "    "
            premiere = False
            dieze = "# " if not actif and not spec.requis else ""
            valeur = _valeur_champ(spec)
            note = f"{spec.aide} ({spec.type}{', facultatif' if not spec.requis else ''})"
            if isinstance(valeur, list):
                lignes.append(_ligne(f"{actif}{tiret}{dieze}{colonne}:", note))
                lignes.extend(f"{actif}    {dieze}  - {v}" for v in valeur)
            else:
                lignes.append(_ligne(f"{actif}{tiret}{dieze}{colonne}: {valeur}", note))
        return lignes
    valeur = _valeur_champ(champ)
    if isinstance(valeur, list):
        lignes.append(f"{actif}{nom}:")
        lignes.extend(f"{actif}  - {v}" for v in valeur)
    else:
        lignes.append(f"{actif}{nom}: {valeur}")
    return lignes


def _minuscule(texte: str) -> str:
    """« Le poste » → « le poste » (but « CDR » stays)."""
    return texte[:1].lower() + texte[1:] if texte[1:2].islower() else texte


def _valeur_champ(spec: ColonneManifeste) -> str | list[str]:
    """The value written for a field: its default, or the placeholder."""
    if spec.type in ("paragraphes", "liste"):
        if spec.defaut is not None and isinstance(spec.defaut, list):
            return [_scalaire(v) for v in spec.defaut]
        return [_A]
    if spec.defaut is not None:
        return _scalaire(spec.defaut)
    return _A


def _annexes(type_: TypeRapport) -> list[str]:
    exigences = type_.manifeste.tableaux
    if not exigences:
        return _commentaire("Annexes : des tableaux aux colonnes typées ; la ligne des totaux est calculée.") + [
            "# annexes:",
            "#   - titre: LISTE DES STRUCTURES",
            "#     tableaux:",
            "#       - colonnes:",
            "#           - {nom: structure, titre: Nom de la structure}",
            "#           - {nom: montant, titre: Montant, type: montant}",
            "#         lignes:",
            '#           - [Ville de Pantin, "15 000,00 €"]',
        ]
    lignes = _commentaire(f"Annexes : le type « {type_.nom} » y demande "
                          + ", ".join(f"le tableau « {e.nom} »" for e in exigences) + ".")
    lignes += ["annexes:", _ligne(f"  - titre: {_A}", "titre de l'annexe"), "    tableaux:"]
    for exigence in exigences:
        if exigence.aide:
            lignes += _commentaire(exigence.aide, "      ")
        lignes.append(_ligne(f"      - titre: {_scalaire(exigence.nom[:1].upper() + exigence.nom[1:])}",
                             "titre du tableau"))
        lignes.append("        colonnes:")
        for colonne in exigence.colonnes:
            morceaux = [f"nom: {colonne.nom}"]
            if colonne.titre:
                morceaux.append(f"titre: {_scalaire(colonne.titre)}")
            morceaux.append(f"type: {colonne.type}")
            if colonne.total is not None:
                morceaux.append(f"total: {'oui' if colonne.total else 'non'}")
            if colonne.formule:
                morceaux.append(f"formule: {_scalaire(colonne.formule)}")
            lignes.append("          - {" + ", ".join(morceaux) + "}")
        if exigence.repartition:
            part = next((c.nom for c in exigence.colonnes if c.type == "pourcentage"), A_COMPLETER)
            montant = next((c.nom for c in exigence.colonnes if c.type == "montant"), A_COMPLETER)
            if exigence.base:
                lignes.append(_ligne(f"        repartition: {{part: {part}, montant: {montant}}}",
                                     f"la base est le champ {exigence.base}"))
            else:
                lignes.append(f"        repartition: {{base: {_A}, part: {part}, montant: {montant}}}")
        lignes.append("        lignes:")
        saisies = [c for c in exigence.colonnes if not c.formule]
        lignes.append("          - [" + ", ".join(_A for _ in saisies) + "]")
    return lignes


# --------------------------------------------------------------------------
# What remains to fill


_ATTENDUS = (*((g.nom, g.attendu) for g in GENRES.values() if g.attendu), ("oui ou non", "oui ou non"))


def a_completer(findings: list[Finding], exc: ValidationError, donnees: Any, charge: Charge,
                modele: type[BaseModel]) -> list[Finding]:
    """Validation findings completed with what remains to fill.

    A placeholder (``[à compléter]``, ``<%champ%>``…) where a typed value is
    expected gets an "à compléter" message saying what to write; the
    placeholders of text fields, which validate, are added so that every
    line left to fill is listed at once.
    """

    remplaces: dict[tuple[str, int | None, str], str] = {}
    for err in exc.errors(include_url=False):
        entree = err.get("input")
        trouve = reste(entree) if isinstance(entree, str) else None
        if trouve is None:
            continue
        lieu = charge.lieu(chemin_utile(err["loc"], modele))
        detail = str(err.get("ctx", {}).get("error", err.get("msg", "")))
        attendu = next((a for cle, a in _ATTENDUS if cle in detail), "")
        remplaces[(lieu.fichier, lieu.ligne, lieu.champ)] = (
            f"à compléter : « {trouve[1]} »" + (f" ({attendu})" if attendu else ""))
    resultat: list[Finding] = []
    for f in findings:
        message = remplaces.get((f.lieu.fichier, f.lieu.ligne, f.lieu.champ))
        resultat.append(erreur(f.lieu, message) if message else f)
    # A value derived from a placeholder (a share table's base taken from
    # the budget field) is reported once, under the field written.
    courts: dict[tuple[str, int | None], Finding] = {}
    for f in resultat:
        if f.message.startswith("à compléter"):
            cle = (f.lieu.fichier, f.lieu.ligne)
            if cle not in courts or len(f.lieu.champ) < len(courts[cle].lieu.champ):
                courts[cle] = f
    resultat = [f for f in resultat if not f.message.startswith("à compléter")
                or courts[(f.lieu.fichier, f.lieu.ligne)] is f]
    lignes = {(f.lieu.fichier, f.lieu.ligne) for f in resultat}
    for chemin, texte in _feuilles(donnees, ()):
        trouve = reste(texte)
        if trouve is None:
            continue
        lieu = charge.lieu(chemin)
        if (lieu.fichier, lieu.ligne) in lignes:
            continue
        lignes.add((lieu.fichier, lieu.ligne))
        resultat.append(erreur(lieu, f"{trouve[0]} : « {trouve[1]} »"))
    return sorted(resultat, key=lambda f: (f.lieu.fichier, f.lieu.ligne or 0))


def _feuilles(donnees: Any, chemin: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every text value of plain data, with its path."""
    if isinstance(donnees, str):
        return [(chemin, donnees)]
    if isinstance(donnees, dict):
        return [f for k, v in donnees.items() for f in _feuilles(v, (*chemin, k))]
    if isinstance(donnees, list):
        return [f for k, v in enumerate(donnees) for f in _feuilles(v, (*chemin, k))]
    return []
