"""Tests for deliberations.verbes: infinitive (rapport) and indicative (délibération) forms.

The expected forms below are written by hand from French conjugation
(3rd person singular, present indicative), not derived from the module.
"""

from __future__ import annotations

import types

import pytest

from deliberations.langue import verbes
from deliberations.langue.verbes import VERBES, VerbeInconnu, connu, indicatif, infinitif

# (verb as typed, rapport form, délibération form)
TABLE: list[tuple[str, str, str]] = [
    # --- 1st group, regular ---------------------------------------------
    ("autoriser", "D'AUTORISER", "AUTORISE"),
    ("approuver", "D'APPROUVER", "APPROUVE"),
    ("décider", "DE DÉCIDER", "DÉCIDE"),
    ("adopter", "D'ADOPTER", "ADOPTE"),
    ("attribuer", "D'ATTRIBUER", "ATTRIBUE"),
    ("accorder", "D'ACCORDER", "ACCORDE"),
    ("abroger", "D'ABROGER", "ABROGE"),
    ("accepter", "D'ACCEPTER", "ACCEPTE"),
    ("acter", "D'ACTER", "ACTE"),
    ("affecter", "D'AFFECTER", "AFFECTE"),
    ("allouer", "D'ALLOUER", "ALLOUE"),
    ("annuler", "D'ANNULER", "ANNULE"),
    ("arrêter", "D'ARRÊTER", "ARRÊTE"),
    ("charger", "DE CHARGER", "CHARGE"),
    ("confier", "DE CONFIER", "CONFIE"),
    ("constater", "DE CONSTATER", "CONSTATE"),
    ("créer", "DE CRÉER", "CRÉE"),
    ("agréer", "D'AGRÉER", "AGRÉE"),
    ("déclasser", "DE DÉCLASSER", "DÉCLASSE"),
    ("demander", "DE DEMANDER", "DEMANDE"),
    ("désigner", "DE DÉSIGNER", "DÉSIGNE"),
    ("engager", "D'ENGAGER", "ENGAGE"),
    ("entériner", "D'ENTÉRINER", "ENTÉRINE"),
    ("fixer", "DE FIXER", "FIXE"),
    ("instituer", "D'INSTITUER", "INSTITUE"),
    ("mandater", "DE MANDATER", "MANDATE"),
    ("modifier", "DE MODIFIER", "MODIFIE"),
    ("opposer", "D'OPPOSER", "OPPOSE"),
    ("préciser", "DE PRÉCISER", "PRÉCISE"),
    ("prononcer", "DE PRONONCER", "PRONONCE"),
    ("proroger", "DE PROROGER", "PROROGE"),
    ("rapporter", "DE RAPPORTER", "RAPPORTE"),
    ("réaffirmer", "DE RÉAFFIRMER", "RÉAFFIRME"),
    ("résilier", "DE RÉSILIER", "RÉSILIE"),
    ("retirer", "DE RETIRER", "RETIRE"),
    ("solliciter", "DE SOLLICITER", "SOLLICITE"),
    ("supprimer", "DE SUPPRIMER", "SUPPRIME"),
    ("valider", "DE VALIDER", "VALIDE"),
    ("verser", "DE VERSER", "VERSE"),
    ("voter", "DE VOTER", "VOTE"),
    ("individualiser", "D'INDIVIDUALISER", "INDIVIDUALISE"),
    ("ratifier", "DE RATIFIER", "RATIFIE"),
    ("louer", "DE LOUER", "LOUE"),
    ("financer", "DE FINANCER", "FINANCE"),
    ("solder", "DE SOLDER", "SOLDE"),
    ("clôturer", "DE CLÔTURER", "CLÔTURE"),
    ("réserver", "DE RÉSERVER", "RÉSERVE"),
    ("dénoncer", "DE DÉNONCER", "DÉNONCE"),
    ("abonder", "D'ABONDER", "ABONDE"),
    ("ouvrir", "D'OUVRIR", "OUVRE"),
    ("œuvrer", "D'ŒUVRER", "ŒUVRE"),
    ("utiliser", "D'UTILISER", "UTILISE"),
    ("évaluer", "D'ÉVALUER", "ÉVALUE"),
    ("ériger", "D'ÉRIGER", "ÉRIGE"),
    ("échanger", "D'ÉCHANGER", "ÉCHANGE"),
    ("exiger", "D'EXIGER", "EXIGE"),
    ("interpeller", "D'INTERPELLER", "INTERPELLE"),
    ("recouvrer", "DE RECOUVRER", "RECOUVRE"),
    # --- h: mute (elision) and aspirated (no elision) --------------------
    ("habiliter", "D'HABILITER", "HABILITE"),
    ("harmoniser", "D'HARMONISER", "HARMONISE"),
    ("homologuer", "D'HOMOLOGUER", "HOMOLOGUE"),
    ("héberger", "D'HÉBERGER", "HÉBERGE"),
    ("honorer", "D'HONORER", "HONORE"),
    ("hypothéquer", "D'HYPOTHÉQUER", "HYPOTHÈQUE"),
    ("hausser", "DE HAUSSER", "HAUSSE"),
    # --- 1st group, é -> è before a final consonant syllable -------------
    ("céder", "DE CÉDER", "CÈDE"),
    ("concéder", "DE CONCÉDER", "CONCÈDE"),
    ("compléter", "DE COMPLÉTER", "COMPLÈTE"),
    ("transférer", "DE TRANSFÉRER", "TRANSFÈRE"),
    ("préférer", "DE PRÉFÉRER", "PRÉFÈRE"),
    ("accéder", "D'ACCÉDER", "ACCÈDE"),
    ("adhérer", "D'ADHÉRER", "ADHÈRE"),
    ("déléguer", "DE DÉLÉGUER", "DÉLÈGUE"),
    ("exonérer", "D'EXONÉRER", "EXONÈRE"),
    ("procéder", "DE PROCÉDER", "PROCÈDE"),
    ("intégrer", "D'INTÉGRER", "INTÈGRE"),
    ("réitérer", "DE RÉITÉRER", "RÉITÈRE"),
    ("libérer", "DE LIBÉRER", "LIBÈRE"),
    ("régler", "DE RÉGLER", "RÈGLE"),
    ("considérer", "DE CONSIDÉRER", "CONSIDÈRE"),
    ("protéger", "DE PROTÉGER", "PROTÈGE"),
    # --- 1st group, e -> è (mute e before a final consonant syllable) ----
    ("prélever", "DE PRÉLEVER", "PRÉLÈVE"),
    ("relever", "DE RELEVER", "RELÈVE"),
    ("lever", "DE LEVER", "LÈVE"),
    ("achever", "D'ACHEVER", "ACHÈVE"),
    ("mener", "DE MENER", "MÈNE"),
    ("acheter", "D'ACHETER", "ACHÈTE"),
    ("racheter", "DE RACHETER", "RACHÈTE"),
    # --- 1st group, -eler / -eter doubling the consonant -----------------
    ("renouveler", "DE RENOUVELER", "RENOUVELLE"),
    ("rappeler", "DE RAPPELER", "RAPPELLE"),
    ("appeler", "D'APPELER", "APPELLE"),
    ("rejeter", "DE REJETER", "REJETTE"),
    # --- 1st group, -oyer / -uyer: y -> i ---------------------------------
    ("octroyer", "D'OCTROYER", "OCTROIE"),
    ("employer", "D'EMPLOYER", "EMPLOIE"),
    ("déployer", "DE DÉPLOYER", "DÉPLOIE"),
    ("appuyer", "D'APPUYER", "APPUIE"),
    ("renvoyer", "DE RENVOYER", "RENVOIE"),
    # --- 2nd group ---------------------------------------------------------
    ("établir", "D'ÉTABLIR", "ÉTABLIT"),
    ("garantir", "DE GARANTIR", "GARANTIT"),
    ("répartir", "DE RÉPARTIR", "RÉPARTIT"),
    ("définir", "DE DÉFINIR", "DÉFINIT"),
    ("choisir", "DE CHOISIR", "CHOISIT"),
    ("saisir", "DE SAISIR", "SAISIT"),
    ("amortir", "D'AMORTIR", "AMORTIT"),
    ("investir", "D'INVESTIR", "INVESTIT"),
    ("assujettir", "D'ASSUJETTIR", "ASSUJETTIT"),
    ("fournir", "DE FOURNIR", "FOURNIT"),
    ("rétablir", "DE RÉTABLIR", "RÉTABLIT"),
    ("abolir", "D'ABOLIR", "ABOLIT"),
    # --- 3rd group, -ir ----------------------------------------------------
    ("acquérir", "D'ACQUÉRIR", "ACQUIERT"),
    ("maintenir", "DE MAINTENIR", "MAINTIENT"),
    ("soutenir", "DE SOUTENIR", "SOUTIENT"),
    ("obtenir", "D'OBTENIR", "OBTIENT"),
    ("retenir", "DE RETENIR", "RETIENT"),
    ("revenir", "DE REVENIR", "REVIENT"),
    ("intervenir", "D'INTERVENIR", "INTERVIENT"),
    ("offrir", "D'OFFRIR", "OFFRE"),
    ("consentir", "DE CONSENTIR", "CONSENT"),
    ("sortir", "DE SORTIR", "SORT"),
    # --- 3rd group, -re ----------------------------------------------------
    ("prendre", "DE PRENDRE", "PREND"),
    ("reprendre", "DE REPRENDRE", "REPREND"),
    ("vendre", "DE VENDRE", "VEND"),
    ("étendre", "D'ÉTENDRE", "ÉTEND"),
    ("suspendre", "DE SUSPENDRE", "SUSPEND"),
    ("défendre", "DE DÉFENDRE", "DÉFEND"),
    ("rendre", "DE RENDRE", "REND"),
    ("rompre", "DE ROMPRE", "ROMPT"),
    ("dire", "DE DIRE", "DIT"),
    ("interdire", "D'INTERDIRE", "INTERDIT"),
    ("élire", "D'ÉLIRE", "ÉLIT"),
    ("réélire", "DE RÉÉLIRE", "RÉÉLIT"),
    ("inscrire", "D'INSCRIRE", "INSCRIT"),
    ("souscrire", "DE SOUSCRIRE", "SOUSCRIT"),
    ("prescrire", "DE PRESCRIRE", "PRESCRIT"),
    ("reconduire", "DE RECONDUIRE", "RECONDUIT"),
    ("réduire", "DE RÉDUIRE", "RÉDUIT"),
    ("construire", "DE CONSTRUIRE", "CONSTRUIT"),
    ("émettre", "D'ÉMETTRE", "ÉMET"),
    ("admettre", "D'ADMETTRE", "ADMET"),
    ("soumettre", "DE SOUMETTRE", "SOUMET"),
    ("transmettre", "DE TRANSMETTRE", "TRANSMET"),
    ("conclure", "DE CONCLURE", "CONCLUT"),
    ("exclure", "D'EXCLURE", "EXCLUT"),
    ("dissoudre", "DE DISSOUDRE", "DISSOUT"),
    ("faire", "DE FAIRE", "FAIT"),
    ("reconnaître", "DE RECONNAÎTRE", "RECONNAÎT"),
    ("poursuivre", "DE POURSUIVRE", "POURSUIT"),
    ("éteindre", "D'ÉTEINDRE", "ÉTEINT"),
    ("clore", "DE CLORE", "CLÔT"),
    # --- 3rd group, -oir ---------------------------------------------------
    ("recevoir", "DE RECEVOIR", "REÇOIT"),
    ("percevoir", "DE PERCEVOIR", "PERÇOIT"),
    ("prévoir", "DE PRÉVOIR", "PRÉVOIT"),
    ("pourvoir", "DE POURVOIR", "POURVOIT"),
    # --- verbal phrases: only the verb is conjugated ----------------------
    ("prendre acte", "DE PRENDRE ACTE", "PREND ACTE"),
    ("prendre note", "DE PRENDRE NOTE", "PREND NOTE"),
    ("prendre connaissance", "DE PRENDRE CONNAISSANCE", "PREND CONNAISSANCE"),
    ("prendre en charge", "DE PRENDRE EN CHARGE", "PREND EN CHARGE"),
    ("donner acte", "DE DONNER ACTE", "DONNE ACTE"),
    ("donner délégation", "DE DONNER DÉLÉGATION", "DONNE DÉLÉGATION"),
    ("donner son accord", "DE DONNER SON ACCORD", "DONNE SON ACCORD"),
    ("émettre un avis", "D'ÉMETTRE UN AVIS", "ÉMET UN AVIS"),
    ("émettre un avis favorable", "D'ÉMETTRE UN AVIS FAVORABLE", "ÉMET UN AVIS FAVORABLE"),
    ("émettre un vœu", "D'ÉMETTRE UN VŒU", "ÉMET UN VŒU"),
    ("admettre en non-valeur", "D'ADMETTRE EN NON-VALEUR", "ADMET EN NON-VALEUR"),
    ("mettre fin", "DE METTRE FIN", "MET FIN"),
    ("mettre en œuvre", "DE METTRE EN ŒUVRE", "MET EN ŒUVRE"),
    ("mettre à disposition", "DE METTRE À DISPOSITION", "MET À DISPOSITION"),
    ("surseoir à statuer", "DE SURSEOIR À STATUER", "SURSOIT À STATUER"),
    ("faire droit", "DE FAIRE DROIT", "FAIT DROIT"),
    ("rendre compte", "DE RENDRE COMPTE", "REND COMPTE"),
    # --- pronominal verbs ------------------------------------------------
    ("s'engager", "DE S'ENGAGER", "S'ENGAGE"),
    ("s'opposer", "DE S'OPPOSER", "S'OPPOSE"),
    ("se prononcer", "DE SE PRONONCER", "SE PRONONCE"),
    ("s'abstenir", "DE S'ABSTENIR", "S'ABSTIENT"),
    ("se constituer partie civile", "DE SE CONSTITUER PARTIE CIVILE", "SE CONSTITUE PARTIE CIVILE"),
]


def test_table_is_large_enough() -> None:
    assert len(TABLE) >= 60
    assert len({verbe for verbe, _, _ in TABLE}) == len(TABLE), "duplicate verb in TABLE"


@pytest.mark.parametrize(("verbe", "attendu", "_"), TABLE)
def test_infinitif(verbe: str, attendu: str, _: str) -> None:
    assert infinitif(verbe) == attendu


@pytest.mark.parametrize(("verbe", "_", "attendu"), TABLE)
def test_indicatif(verbe: str, _: str, attendu: str) -> None:
    assert indicatif(verbe) == attendu


@pytest.mark.parametrize(("verbe", "_", "attendu"), TABLE)
def test_table_entry_is_in_verbes(verbe: str, _: str, attendu: str) -> None:
    assert VERBES[verbe] == attendu.lower()
    assert connu(verbe)


# --- normalisation of the input --------------------------------------------


@pytest.mark.parametrize("saisie", ["AUTORISER", "Autoriser", "aUtOrIsEr", "  autoriser  ", "\tautoriser\n"])
def test_case_and_surrounding_space_are_ignored(saisie: str) -> None:
    assert infinitif(saisie) == "D'AUTORISER"
    assert indicatif(saisie) == "AUTORISE"
    assert connu(saisie)


@pytest.mark.parametrize("saisie", ["DÉCIDER", "Décider", "décider"])
def test_uppercase_accented_input(saisie: str) -> None:
    assert infinitif(saisie) == "DE DÉCIDER"
    assert indicatif(saisie) == "DÉCIDE"


@pytest.mark.parametrize("saisie", ["prendre  acte", " PRENDRE\tACTE ", "Prendre \n Acte"])
def test_internal_whitespace_is_collapsed(saisie: str) -> None:
    assert infinitif(saisie) == "DE PRENDRE ACTE"
    assert indicatif(saisie) == "PREND ACTE"


def test_typographic_apostrophe_is_accepted() -> None:
    assert indicatif("s’engager") == "S'ENGAGE"
    assert infinitif("S’OPPOSER") == "DE S'OPPOSER"


def test_decomposed_unicode_is_accepted() -> None:
    # "décider" typed with a combining acute accent (NFD).
    assert indicatif("de\u0301cider") == "DÉCIDE"


def test_uppercase_keeps_accents_and_ligatures() -> None:
    assert indicatif("céder") == "CÈDE"
    assert indicatif("recevoir") == "REÇOIT"
    assert indicatif("arrêter") == "ARRÊTE"
    assert indicatif("mettre en œuvre") == "MET EN ŒUVRE"


# --- unknown verbs -----------------------------------------------------------


def test_unknown_verb_raises_value_error_subclass() -> None:
    assert issubclass(VerbeInconnu, ValueError)
    with pytest.raises(ValueError):
        indicatif("flibuster")
    with pytest.raises(VerbeInconnu):
        infinitif("flibuster")
    assert not connu("flibuster")


def test_unknown_verb_message_explains_explicit_forms() -> None:
    with pytest.raises(VerbeInconnu) as info:
        indicatif("flibuster")
    message = str(info.value)
    assert "verbe inconnu" in message
    assert "« flibuster »" in message
    for cle in ("verbe:", "infinitif:", "indicatif:"):
        assert cle in message
    assert '"DE FLIBUSTER"' in message
    assert '"FLIBUSTE"' in message
    assert "Vouliez-vous dire" not in message
    assert info.value.verbe == "flibuster"
    assert info.value.suggestions == ()


def test_unknown_verb_message_suggests_close_verb() -> None:
    with pytest.raises(VerbeInconnu) as info:
        indicatif("autoriez")
    message = str(info.value)
    assert "Vouliez-vous dire" in message
    assert "« autoriser »" in message
    assert "verbe:" in message and "infinitif:" in message and "indicatif:" in message
    assert "autoriser" in info.value.suggestions


def test_unknown_verb_suggestion_for_misspelling() -> None:
    with pytest.raises(VerbeInconnu) as info:
        infinitif("sollicter")
    assert "solliciter" in info.value.suggestions
    assert "« solliciter »" in str(info.value)


def test_unknown_verb_is_reported_normalised() -> None:
    with pytest.raises(VerbeInconnu) as info:
        indicatif("  FLIBUSTER  ")
    assert "« flibuster »" in str(info.value)


@pytest.mark.parametrize("saisie", ["", "   "])
def test_empty_verb_is_rejected(saisie: str) -> None:
    with pytest.raises(VerbeInconnu) as info:
        indicatif(saisie)
    message = str(info.value)
    assert "verbe:" in message and "infinitif:" in message and "indicatif:" in message


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        indicatif(None)  # type: ignore[arg-type]


# --- the table itself --------------------------------------------------------


def test_verbes_has_at_least_60_entries() -> None:
    assert len(VERBES) >= 60


def test_verbes_is_read_only() -> None:
    assert isinstance(VERBES, types.MappingProxyType)
    with pytest.raises(TypeError):
        VERBES["flibuster"] = "flibuste"  # type: ignore[index]


@pytest.mark.parametrize("verbe", sorted(VERBES))
def test_every_entry_yields_forms(verbe: str) -> None:
    inf = infinitif(verbe)
    ind = indicatif(verbe)
    assert inf and ind
    assert inf.startswith(("D'", "DE "))
    assert inf.endswith(verbe.upper())
    assert ind == ind.upper()
    # Keys and values are stored normalised: lowercase, single spaces, straight apostrophe.
    assert verbe == verbe.strip().lower() and "  " not in verbe and "’" not in verbe
    assert VERBES[verbe] == VERBES[verbe].strip().lower()
    # Phrases conjugate only their verb: the complement is unchanged.
    mots_inf, mots_ind = verbe.split(" "), VERBES[verbe].split(" ")
    assert len(mots_inf) == len(mots_ind)
    pronom = 1 if mots_inf[0] == "se" else 0
    assert mots_inf[pronom + 1 :] == mots_ind[pronom + 1 :]


@pytest.mark.parametrize("verbe", sorted(v for v in VERBES if v.startswith("h")))
def test_every_h_verb_is_classified(verbe: str) -> None:
    """Each verb starting with h is explicitly mute (elision) or aspirated."""
    assert (verbe.split(" ")[0] in verbes.H_MUET) != (verbe.split(" ")[0] in verbes.H_ASPIRE)


def test_vowel_elision_rule() -> None:
    for verbe in VERBES:
        premiere = verbe[0]
        elide = infinitif(verbe).startswith("D'")
        if premiere in "aeiouyàâäéèêëîïôöùûüÿæœ":
            assert elide, verbe
        elif premiere != "h":
            assert not elide, verbe


@pytest.mark.parametrize(
    ("inconnu", "inf_attendu", "ind_attendu"),
    [
        ("flibuster", "DE FLIBUSTER", "FLIBUSTE"),
        ("flécher", "DE FLÉCHER", "FLÈCHE"),
        ("flétrir", "DE FLÉTRIR", "FLÉTRIT"),
        ("foudroyer", "DE FOUDROYER", "FOUDROIE"),
        ("pourfendre", "DE POURFENDRE", "POURFEND"),
        ("maudire", "DE MAUDIRE", "MAUDIT"),
        ("omettre", "D'OMETTRE", "OMET"),
        ("épancher", "D'ÉPANCHER", "ÉPANCHE"),
        ("humaniser", "D'HUMANISER", "HUMANISE"),
        ("hacher", "DE HACHER", "HACHE"),
    ],
)
def test_unknown_verb_message_example_forms(inconnu: str, inf_attendu: str, ind_attendu: str) -> None:
    """The example in the message is a plausible guess for regular patterns."""
    with pytest.raises(VerbeInconnu) as info:
        indicatif(inconnu)
    message = str(info.value)
    assert f'{{verbe: {inconnu}, infinitif: "{inf_attendu}", indicatif: "{ind_attendu}"}}' in message


@pytest.mark.parametrize("champ", ["infinitif", "indicatif"])
def test_une_forme_sans_verbe_est_refusee(champ):
    """A dispositif without a verb prints its text as is in both acts; a lone form would make them disagree."""
    import deliberations
    from conftest import EXEMPLE

    donnees = deliberations.load(EXEMPLE).model_dump(mode="python", exclude_unset=True)
    donnees["propositions"][0] = {"texte": "Une subvention de 2 500 € est allouée à l'association.",
                                  champ: "D'APPROUVER" if champ == "infinitif" else "APPROUVE"}
    erreurs = [f for f in deliberations.check(deliberations.valider(donnees)) if f.est_erreur]
    assert any(f.lieu.champ == f"propositions[1].{champ}" and "sans verbe" in f.message for f in erreurs), erreurs
    donnees["propositions"][0].pop(champ)
    assert not [f for f in deliberations.check(deliberations.valider(donnees)) if f.est_erreur]
