"""Publication mentions of an adopted act (issue 16, item 2; CGCT R2131-1, L2131-1).

As the dates become known, the délibération states « Transmis au représentant
de l'État le … » and « Reçu en préfecture le … » with the ACTES identifier;
the date it was put online is the box « Date de publication du présent acte,
le … », and the certification of executory force the box « Certifie que le
présent acte est devenu exécutoire le … ». A projet shows none of the
mentions. A transmission before the séance, a reception before the
transmission, an identifier that does not match the act are erreurs.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest

import deliberations
from conftest import EXEMPLE, lignes_docx, sans_espaces
from deliberations.rendu.contexte import contexte


def donnees(**dates):
    base = deliberations.load(EXEMPLE).model_dump(mode="python", exclude_unset=True)
    base = copy.deepcopy(base)
    base["dates"] = dates
    return base


IDENTIFIANT = "093-229300082-20230914-06_04-DE"


@pytest.mark.parametrize("dates, attendu", [
    ({}, ""),
    ({"transmission": dt.date(2023, 9, 18)}, "Transmis au représentant de l'État le 18 septembre 2023"),
    ({"transmission": dt.date(2023, 9, 18), "reception": dt.date(2023, 9, 19)},
     "Transmis au représentant de l'État le 18 septembre 2023\nReçu en préfecture le 19 septembre 2023"),
    ({"transmission": dt.date(2023, 9, 18), "reception": dt.date(2023, 9, 18), "identifiant_actes": IDENTIFIANT},
     f"Transmis au représentant de l'État le 18 septembre 2023\nReçu en préfecture le 18 septembre 2023 "
     f"(identifiant ACTES {IDENTIFIANT})"),
    ({"publication": dt.date(2023, 9, 20)}, ""),  # the publication date has its own box
])
def test_mentions(dates, attendu):
    point = deliberations.valider(donnees(**dates))
    assert [f for f in deliberations.check(point) if f.est_erreur] == []
    assert sans_espaces(contexte(point)["mentions"]) == sans_espaces(attendu)


def test_les_mentions_dans_le_document(tmp_path):
    point = deliberations.valider(donnees(transmission=dt.date(2023, 9, 18), reception=dt.date(2023, 9, 18),
                                          identifiant_actes=IDENTIFIANT, publication=dt.date(2023, 9, 20)))
    _, deliberation = deliberations.render(point, tmp_path)
    lignes = [sans_espaces(l) for l in lignes_docx(deliberation)]
    texte = "\n".join(lignes)
    assert sans_espaces("Transmis au représentant de l'État le 18 septembre 2023") in texte
    assert sans_espaces(f"Reçu en préfecture le 18 septembre 2023 (identifiant ACTES {IDENTIFIANT})") in texte
    assert sans_espaces("Date de publication du présent acte, le 20 septembre 2023") in texte
    # the mentions come after the date boxes, before the recours sentence
    assert texte.index(sans_espaces("Transmis au")) < texte.index(sans_espaces("Le présent acte peut faire l'objet"))


def test_un_projet_ne_montre_aucune_mention(tmp_path):
    _, deliberation = deliberations.render(EXEMPLE, tmp_path)
    texte = "\n".join(lignes_docx(deliberation))
    assert "Transmis au" not in texte and "Reçu en préfecture" not in texte


CAS = [
    ({"transmission": dt.date(2023, 9, 1)}, "dates.transmission", "avant la séance"),
    ({"transmission": dt.date(2023, 9, 20), "reception": dt.date(2023, 9, 19)}, "dates.reception",
     "avant sa transmission"),
    ({"reception": dt.date(2023, 9, 19)}, "dates.reception", "sans date de transmission"),
    ({"transmission": dt.date(2023, 9, 18), "identifiant_actes": "093-229300082-20230914-06_04"},
     "dates.identifiant_actes", "DDD-SIREN-AAAAMMJJ-NUMERO-NATURE"),
    ({"transmission": dt.date(2023, 9, 18), "identifiant_actes": "093-229300082-20230915-06_04-DE"},
     "dates.identifiant_actes", "14 septembre 2023"),
    ({"transmission": dt.date(2023, 9, 18), "identifiant_actes": "093-229300082-20230914-06_05-DE"},
     "dates.identifiant_actes", "06_04"),
    ({"transmission": dt.date(2023, 9, 18), "identifiant_actes": "093-229300082-20230914-06_04-AR"},
     "dates.identifiant_actes", "DE"),
    ({"identifiant_actes": IDENTIFIANT}, "dates.identifiant_actes", "sans date de transmission"),
]


@pytest.mark.parametrize("dates, champ, mots", CAS, ids=[c[1] + ":" + c[2] for c in CAS])
def test_dates_impossibles(dates, champ, mots):
    point = deliberations.valider(donnees(**dates))
    erreurs = [f for f in deliberations.check(point) if f.est_erreur]
    assert any(f.lieu.champ == champ and mots in f.message for f in erreurs), [str(f) for f in erreurs]


def test_identifiant_avec_le_siren_du_profil():
    valeurs = donnees(transmission=dt.date(2023, 9, 18), identifiant_actes="093-123456789-20230914-06_04-DE")
    valeurs["collectivite"]["siret"] = "22930008201453"
    erreurs = [f for f in deliberations.check(deliberations.valider(valeurs)) if f.est_erreur]
    assert any(f.lieu.champ == "dates.identifiant_actes" and "229300082" in f.message for f in erreurs)
