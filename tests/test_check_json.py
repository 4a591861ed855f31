"""``deliberations check --format json``: one object per finding, for editors and other tools (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deliberations.cli import main

RACINE = Path(__file__).parent.parent
EXEMPLE = RACINE / "examples" / "06-04-clauses-sociales.yaml"
SEANCE = RACINE / "examples" / "seance-2023-09-14.yaml"
CLES = ["fichier", "ligne", "colonne", "champ", "lieu", "severite", "code", "message"]


def copie(tmp_path: Path, ancien: str = "", nouveau: str = "") -> Path:
    texte = EXEMPLE.read_text(encoding="utf-8")
    assert not ancien or ancien in texte
    texte = texte.replace(ancien, nouveau).replace("collectivites/", str(EXEMPLE.parent / "collectivites") + "/")
    fichier = tmp_path / "point.yaml"
    fichier.write_text(texte, encoding="utf-8")
    return fichier


def json_de(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict]]:
    code = main(["check", "--format", "json", *argv])
    sortie = capsys.readouterr()
    assert sortie.err == ""
    constats = json.loads(sortie.out)
    assert isinstance(constats, list) and all(list(c) == CLES for c in constats), constats
    return code, constats


def test_fichier_juste_tableau_vide(capsys: pytest.CaptureFixture[str]) -> None:
    assert json_de([str(EXEMPLE)], capsys) == (0, [])


def test_erreur_de_verification(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fichier = copie(tmp_path, 'acompte: "180 000,00 €"', 'acompte: "190 000,00 €"')
    code, constats = json_de([str(fichier)], capsys)
    assert code == 1
    (total,) = [c for c in constats if c["champ"] == "annexes[1].tableaux[1].totaux.acompte"]
    assert total["fichier"] == str(fichier) and total["severite"] == "erreur" and total["code"] == "totaux"
    assert total["lieu"] == "annexe 1, tableau 1, ligne des totaux, colonne « Plafond acompte forfaitaire 2023 »"
    ligne = fichier.read_text(encoding="utf-8").splitlines()[total["ligne"] - 1]
    assert ligne[total["colonne"] - 1:].startswith("acompte:"), (ligne, total["colonne"])
    assert "190\u202f000,00\xa0€" in total["message"]
    # the same finding as the text line prints it, its place read as a clerk reads it after a dash
    main(["check", str(fichier)])
    texte = capsys.readouterr().out.splitlines()
    assert f"{fichier}:{total['ligne']}: erreur: {total['champ']}: {total['message']} — {total['lieu']}" in texte


def test_fichier_illisible_code_entree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fichier = copie(tmp_path, "objet:", "objet: [\nobjet_:")
    code, constats = json_de([str(fichier), "/nulle/part.yaml"], capsys)
    assert code == 2
    assert [c["code"] for c in constats] == ["entree", "entree"]
    assert constats[1] == {"fichier": "/nulle/part.yaml", "ligne": None, "colonne": None, "champ": "", "lieu": "",
                           "severite": "erreur", "code": "entree", "message": "fichier introuvable"}


def test_seance(capsys: pytest.CaptureFixture[str]) -> None:
    code, constats = json_de([str(SEANCE)], capsys)
    assert code == (1 if any(c["severite"] == "erreur" for c in constats) else 0)


def test_format_inconnu(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as sortie:
        main(["check", "--format", "xml", str(EXEMPLE)])
    assert sortie.value.code == 2
    assert "choix invalide" in capsys.readouterr().err


@pytest.mark.parametrize("champ, lu", [
    ("annexes[1].tableaux[1].lignes[8].acompte", "annexe 1, tableau 1, ligne 8, colonne « Plafond acompte forfaitaire 2023 »"),
    ("annexes[1].tableaux[1].lignes[3].solde (Budget, colonne C)", "annexe 1, tableau 1, ligne 3, colonne « Plafond solde 2023 »"),
    ("annexes[1].tableaux[1].totaux.total", "annexe 1, tableau 1, ligne des totaux, colonne « Total cofinancement au titre de 2023 »"),
    ("annexes[2].tableaux[1].repartition.base", "annexe 2, tableau 1, répartition, base"),
    ("expose[1].paragraphes[4]", "exposé, section 1, paragraphe 4"),
    ("propositions[2].texte", "proposition 2, texte"),
    ("valeurs.plafond", "valeur nommée « plafond »"),
    ("dates.executoire", "dates, caractère exécutoire"),
    ("", ""),
])
def test_lieu_tel_qu_un_agent_le_lit(champ: str, lu: str) -> None:
    from deliberations import load
    from deliberations.controles.lieux import designation

    assert designation(champ, load(EXEMPLE)) == lu
