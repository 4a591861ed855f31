"""Le point 06-04 de la commission permanente, construit en Python (sans YAML).

    python examples/script_cp.py [DOSSIER]

écrit le rapport et la délibération dans DOSSIER (par défaut : sortie/).
C'est le même point que examples/06-04-clauses-sociales.yaml : tout ce que
le fichier YAML décrit s'écrit aussi avec les classes de deliberations.model.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

from deliberations import (Annexe, Collectivite, Colonne, ErreurEntree, Point, President, Proposition, Seance,
                           Section, Signataire, Tableau, Visa, VisaTexte, render)

SEINE_SAINT_DENIS = Collectivite(
    nom="Département de la Seine-Saint-Denis",
    assemblee="Conseil départemental",
    president=President(titre="président", genre="masculin"),
    tribunal_administratif="Montreuil",
    visas=["le Code général des collectivités territoriales"],
)

STRUCTURES = [
    "Ville de Pantin", "Ville de Bagnolet", "Ville de Montreuil", "Ville du Bourget", "Ville de Romainville",
    "Ville de Bobigny", "Ville de Tremblay-en-France", "Ville de Villepinte", "Ville de Drancy",
    "MDE d'Aulnay-sous-Bois", "PLIE de Sevran", "Ville du Blanc-Mesnil",
]
PLAFOND = Decimal("15000")
CAISSE = "de l'action sociale et des familles"


def point_06_04() -> Point:
    """The item, field by field as in the YAML file."""
    return Point(
        collectivite=SEINE_SAINT_DENIS,
        numero="06-04",
        seance=Seance(instance="commission permanente", date=dt.date(2023, 9, 14)),
        direction="Direction Europe International",
        service="Service des économies nouvelles et solidaires",
        objet="FACILITATION DES CLAUSES SOCIALES À L'ÉCHELLE COMMUNALE – FINANCEMENT ET "
              "ADHÉSION DU DÉPARTEMENT AU RÉSEAU ALLIANCE VILLES EMPLOI",
        valeurs={"plafond": "15 000 €", "cotisation": "15 000 €"},
        expose=[
            Section(
                titre="Vote du budget 2023 pour les conventions triennales de coopération et de cofinancement "
                      "de la facilitation des clauses sociales à l'échelle communale en Seine-Saint-Denis "
                      "(2022-2024)",
                paragraphes=[
                    "Dans le cadre de la nouvelle donne de la politique d'insertion visant à maximiser les effets "
                    "de la commande publique responsable, le Département a décidé par délibération 06-02 du 30 "
                    "septembre 2022 de doubler les crédits alloués à ce dispositif par le versement d'une aide aux "
                    "communes et structures porteuses des postes de facilitateurs.rices pouvant atteindre jusqu'à "
                    "30 000 € au lieu de 15 000 € les années précédentes. Le Département a délibéré pour soutenir "
                    "13 projets de facilitation à l'échelle communale pour les années 2022 à 2024 ce qui s'est "
                    "traduit par le versement d'une part fixe de 15 000 € pour une aide au poste de facilitateur "
                    "pour un équivalent temps plein et d'une part modulaire pouvant atteindre 15 000 € maximum "
                    "déterminée en fonction du bilan d'exécution prévoyant des mesures d'évaluation quantitative, "
                    "le nombre d'heures suivies par le facilitateur et la mesure de leur augmentation et des "
                    "mesures d'évaluation qualitatives (mise en œuvre d'une démarche pour favoriser la commande "
                    "publique locale, travail sur la qualité des parcours etc).",
                    "Le présent rapport vise à faire adopter le budget 2023 dédié à ce dispositif.",
                    "En 2023, toutes les structures conventionnées par le Département, dont la liste est annexée "
                    "au présent rapport, portent un poste de facilitateur.rice.",
                    "La Ville de Noisy-le-Sec a cependant acté sa volonté d'abandonner la compétence de "
                    "facilitation de la clause sociale au profit de l'EPT Est Ensemble. La convention doit de ce "
                    "fait être résiliée et ne donnera lieu à aucun soutien départemental au titre de l'année 2023.",
                    "Les conventions de coopération et cofinancement sur la facilitation des clauses sociales "
                    "concernent donc pour l'année 2023 un total de ${annexe1.lignes} structures sur le territoire "
                    "départemental.",
                ],
            ),
            Section(
                titre="Adhésion au réseau Alliance Villes Emploi",
                paragraphes=[
                    "Alliance Villes Emploi (AVE) est le réseau national des collectivités territoriales investies "
                    "sur les questions d'insertion, d'emploi et de développement économique. Il réunit plus de 200 "
                    "élus locaux, rassemblés autour de la conviction que c'est à l'échelle des territoires, bassins "
                    "de vie et d'emploi que se situe le niveau d'intervention pertinent. À ce titre, l'association "
                    "fédère les outils et dispositifs déployés par ses adhérents, en particulier les Maisons de "
                    "l'Emploi (MDE) et les Plans Locaux pour l'Insertion et l'Emploi (PLIE), et elle anime un "
                    "réseau des facilitateurs.rices de la clause sociale d'insertion au niveau national.",
                    "L'adhésion du Département à ce réseau lui permet d'accéder à un espace d'échanges, "
                    "d'expertise et de connaissance quant aux innovations territoriales conduites dans le champ de "
                    "la facilitation des clauses sociales et des politiques de développement de l'emploi. En 2023, "
                    "le Département coopérera plus particulièrement avec AVE sur les sujets autour de la commande "
                    "publique responsable et des outils de coordination territoriale (animation partenariale, "
                    "mobilisation de fonds européens, formations).",
                ],
            ),
        ],
        propositions=[
            Proposition(verbe="autoriser",
                        texte="le versement des acomptes 2023 plafonnés à ${valeurs.plafond | euros} de la "
                              "subvention annuelle aux structures mentionnées à l'annexe 1"),
            Proposition(verbe="approuver",
                        texte="l'engagement des crédits correspondants au solde 2023 plafonnés à "
                              "${valeurs.plafond | euros} de la subvention annuelle aux structures mentionnées "
                              "à l'annexe 1"),
            Proposition(verbe="autoriser",
                        texte="le paiement de la cotisation d'adhésion à AVE au titre de l'année 2023 pour un "
                              "montant de ${valeurs.cotisation | euros}"),
            Proposition(verbe="approuver", texte="l'adhésion au réseau Alliance Villes Emploi (AVE)"),
        ],
        signataire=Signataire(qualite="la vice-présidente", nom="Mélissa Youssouf"),
        annexes=[
            Annexe(
                titre="VOTE DU BUDGET 2023 POUR LES CONVENTIONS TRIENNALES DE COOPÉRATION ET DE COFINANCEMENT DE "
                      "LA FACILITATION DES CLAUSES SOCIALES À L'ÉCHELLE COMMUNALE EN SEINE-SAINT-DENIS – "
                      "ADHÉSION AU RÉSEAU ALLIANCE VILLES EMPLOI",
                tableaux=[
                    Tableau(
                        titre="Liste des structures partenaires pouvant être cofinancées et montants maximum "
                              "associés en 2023",
                        colonnes=[
                            Colonne(nom="structure", titre="Nom de la structure"),
                            Colonne(nom="acompte", titre="Plafond acompte forfaitaire 2023", type="montant"),
                            Colonne(nom="solde", titre="Plafond solde 2023", type="montant"),
                            Colonne(nom="total", titre="Total cofinancement au titre de 2023", type="montant",
                                    formule="acompte + solde"),
                        ],
                        # the total column is computed (acompte + solde) and so are the TOTAUX
                        lignes=[[structure, PLAFOND, PLAFOND] for structure in STRUCTURES],
                    )
                ],
            )
        ],
        visas=[
            f"le Code {CAISSE}",
            Visa(nature="loi", numero="92-722", date=dt.date(1992, 7, 29),
                 titre="portant adaptation de la loi n° 88.1088 du 1er décembre 1988 relative au Revenu Minimum "
                       "d'Insertion et relation à la lutte contre la pauvreté et l'exclusion sociale et "
                       "professionnelle"),
            Visa(nature="loi", numero="98-657", date=dt.date(1998, 7, 29),
                 titre="d'orientation relative à la lutte contre les exclusions"),
            Visa(nature="loi", numero="2004-809", date=dt.date(2004, 8, 13),
                 titre="relative aux libertés et responsabilités locales"),
            Visa(nature="loi", numero="2008-1249", date=dt.date(2008, 12, 1),
                 titre="généralisant le revenu de solidarité active et réformant les politiques de l'insertion"),
            Visa(nature="article", numero="L121-1", code=CAISSE,
                 titre="relatif au rôle des départements dans la définition, la mise en œuvre et la coordination "
                       "de la politique d'action sociale"),
            Visa(nature="articles", numero=["L263-1", "L263-2"], code=CAISSE,
                 titre="relatifs à l'organisation départementale du dispositif d'insertion, au Plan Départemental "
                       "d'Insertion (PDI) et au Pacte Territorial Pour l'Insertion (PTI)"),
            VisaTexte(texte="Vu la délibération du conseil départemental n°2021-VII-24 du 1er juillet 2021 lui "
                            "donnant délégation", date=dt.date(2021, 7, 1)),
            Visa(nature="délibération", instance="de la Commission permanente du Conseil départemental",
                 numero="06-02", date=dt.date(2022, 9, 30),
                 titre="approuvant la convention de coopération et de cofinancement de la facilitation des clauses "
                       "sociales à l'échelle communale en Seine-Saint-Denis pour les années 2022-2024"),
        ],
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    dossier = Path(argv[0] if argv else "sortie")
    try:
        ecrits = render(point_06_04(), dossier, force=True)
    except ErreurEntree as exc:
        print(exc, file=sys.stderr)
        return 1
    for chemin in ecrits:
        print(f"écrit : {chemin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
