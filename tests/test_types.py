"""Report types: manifests, discovery, type fields, scaffolds, schemas, template linting, packaging."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from conftest import RACINE, lignes_docx
from deliberations import check, contexte, load, render
from deliberations.cli import main
from deliberations.entree.lecture import lire_yaml
from deliberations.erreurs import ErreurEntree
from deliberations.model import Point
from deliberations.rendu.lint import lint, lint_modele
from deliberations.types import catalogue as types_rapport
from deliberations.types.manifeste import TYPE_PAR_DEFAUT, lire_manifeste
from deliberations.types.schema import schema
from deliberations.types.type_rapport import Extension
from deliberations.types.variables import VARIABLES

TEMPLATES = RACINE / "templates"
GUIDE = RACINE / "docs" / "modeles.md"
COFINANCEMENT = RACINE / "examples" / "sud-isere-facilitatrice.yaml"
PROGRAMME = RACINE / "examples" / "mayotte-clauses-insertion.yaml"
REFERENCE = RACINE / "examples" / "06-04-clauses-sociales.yaml"
EXEMPLES_DES_TYPES = {"rapport-deliberation": REFERENCE, "cofinancement": COFINANCEMENT, "programme": PROGRAMME}


@pytest.fixture(autouse=True)
def catalogue_neuf(monkeypatch: pytest.MonkeyPatch):
    """No user folder from the environment."""
    monkeypatch.delenv(types_rapport.VARIABLE_ENVIRONNEMENT, raising=False)


def cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environnement = {k: v for k, v in os.environ.items() if k != types_rapport.VARIABLE_ENVIRONNEMENT}
    environnement.update({"PYTHONUTF8": "1", **(env or {})})
    return subprocess.run([sys.executable, "-m", "deliberations.cli", *args], cwd=cwd or RACINE,
                          capture_output=True, text=True, env=environnement, timeout=300)


def executer(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def copier_type(source: str, cible: Path, nom: str) -> Path:
    """A built-in type copied to ``cible`` and renamed in its manifest, as the guide says."""
    shutil.copytree(TEMPLATES / source, cible)
    manifeste = cible / "type.yaml"
    manifeste.write_text(re.sub(r"(?m)^nom: .*$", f"nom: {nom}", manifeste.read_text(encoding="utf-8")),
                         encoding="utf-8")
    return cible


def point_du_type(exemple: Path, dossier: Path, type_: str | None = None, **remplacements: str) -> Path:
    """An example item copied next to its collectivité profiles, its ``type:`` and lines replaced."""
    shutil.copytree(RACINE / "examples" / "collectivites", dossier / "collectivites", dirs_exist_ok=True)
    texte = exemple.read_text(encoding="utf-8")
    if type_:
        texte = re.sub(r"(?m)^type: .*$", f"type: {type_}", texte)
    for ancien, nouveau in remplacements.items():
        assert ancien in texte, ancien
        texte = texte.replace(ancien, nouveau)
    chemin = dossier / f"{type_ or exemple.stem}.yaml"
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def ligne_de(chemin: Path, numero: int) -> str:
    return chemin.read_text(encoding="utf-8").splitlines()[numero - 1]


# --------------------------------------------------------------------------
# The manifest: French errors at their line, with a suggestion


CAS_MANIFESTE = [
    pytest.param("champs:\n  action:", "chmaps:\n  action:", "chmaps:",
                 "clé inconnue « chmaps » (vouliez-vous dire « champs » ?)", id="cle-mal-orthographiee"),
    pytest.param("    type: montant\n    titre: Budget total", "    type: montan\n    titre: Budget total", "type: montan",
                 "« montan » (vouliez-vous dire « montant » ?)", id="type-de-champ-inconnu"),
    pytest.param("champs:\n", "champs:\n  objet:\n    type: texte\n    aide: L'objet\n", "  objet:",
                 "le champ ne peut pas s'appeler « objet » : c'est une clé commune", id="nom-de-cle-commune"),
    pytest.param("champs:\n", "champs:\n  reunion:\n    type: texte\n    aide: La réunion\n", "  reunion:",
                 "c'est une variable commune des modèles", id="nom-de-variable-commune"),
    pytest.param("  duree:\n", "  durée:\n", "  durée:", "nom de champ invalide « durée »", id="nom-de-champ-accentue"),
    pytest.param("    defaut: 3", "    defaut: trois", "defaut: trois", "valeur par défaut incorrecte pour un champ entier",
                 id="defaut-mal-type"),
    pytest.param("  - modele: rapport.docx", "  - modele: raport.docx", "modele: raport.docx",
                 "modèle introuvable : raport.docx (vouliez-vous dire « rapport.docx » ?)", id="modele-introuvable"),
    pytest.param('sortie: "{numero}-rapport.docx"', 'sortie: "{numro}-rapport.docx"', "{numro}",
                 "{numro} inconnu (vouliez-vous dire « {numero} » ?", id="marque-de-sortie-inconnue"),
    pytest.param("    base: budget", "    base: duree", "base: duree", "la base « duree » n'est pas un champ montant",
                 id="base-qui-n-est-pas-un-montant"),
    pytest.param("nom: essai", "nom: Mon Essai", "nom: Mon Essai", "nom de type invalide « Mon Essai »",
                 id="nom-de-type-invalide"),
    pytest.param("champs:\n", "checks: [repartitons]\nchamps:\n", "checks:",
                 "vérification inconnue « repartitons » (vouliez-vous dire « repartitions » ?)", id="check-inconnu"),
    pytest.param("champs:\n", "checks: {sauf: [references]}\nchamps:\n", "checks:",
                 "la vérification « references » s'applique toujours", id="check-indispensable"),
    pytest.param("champs:\n", "champs:\n  lignes:\n    type: table\n    aide: Des lignes\n", "type: table",
                 "une table a des colonnes", id="table-sans-colonnes"),
    pytest.param("    titre: Budget total\n    aide: >-", "    titre: Budget total\n    aid: >-", "aid: >-",
                 "clé inconnue « aid » (vouliez-vous dire « aide » ?)", id="aide-mal-orthographiee"),
]


@pytest.mark.parametrize("ancien, nouveau, marque, message", CAS_MANIFESTE)
def test_erreurs_du_manifeste(ancien: str, nouveau: str, marque: str, message: str, tmp_path: Path) -> None:
    dossier = copier_type("cofinancement", tmp_path / "essai", "essai")
    manifeste = dossier / "type.yaml"
    texte = manifeste.read_text(encoding="utf-8")
    assert ancien in texte, ancien
    manifeste.write_text(texte.replace(ancien, nouveau, 1), encoding="utf-8")
    with pytest.raises(ErreurEntree) as exc:
        types_rapport.catalogue(tmp_path)
    trouves = [f for f in exc.value.findings if message in f.message]
    assert trouves, "\n".join(map(str, exc.value.findings))
    finding = trouves[0]
    assert finding.lieu.fichier == str(manifeste)
    assert marque in ligne_de(manifeste, finding.lieu.ligne), str(finding)
    assert re.match(rf"^{re.escape(str(manifeste))}:\d+: erreur: ", str(finding))


def test_les_manifestes_fournis_sont_valides() -> None:
    types = types_rapport.catalogue()
    assert [t.nom for t in types] == ["cofinancement", "deliberation-commune", "programme", "rapport-deliberation"]
    assert all(t.origine == "intégré" for t in types)
    for type_ in types:
        for gabarit, sortie in type_.documents():
            assert gabarit.is_file() and sortie.startswith("{numero}-") and sortie.endswith(".docx")


def test_le_manifeste_du_guide_est_valide(tmp_path: Path) -> None:
    """The manifest shown in docs/modeles.md validates (with its templates in place)."""
    (bloc,) = [b for b in re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)]
    dossier = tmp_path / "cofinancement"
    dossier.mkdir()
    (dossier / "type.yaml").write_text(bloc, encoding="utf-8")
    for nom in ("rapport.docx", "deliberation.docx"):
        shutil.copy(TEMPLATES / "cofinancement" / nom, dossier / nom)
    manifeste = lire_manifeste(dossier)
    assert list(manifeste.champs) == ["action", "budget", "duree", "missions"]
    assert manifeste.tableaux[0].base == "budget"


# --------------------------------------------------------------------------
# Items of a type: top-level fields, typed, checked


def test_champs_du_type_types_et_dans_le_contexte() -> None:
    point = load(COFINANCEMENT)
    assert isinstance(point, Point) and point.type == "cofinancement"
    assert point.budget == Decimal("147000") and point.duree == 3 and point.quotite == Decimal("80")
    assert len(point.missions) == 4
    # the share table's base is the budget field, written once
    assert point.annexes[0].tableaux[0].repartition.base == Decimal("147000")
    ctx = contexte(point)
    assert ctx["budget"] == Decimal("147000") and ctx["duree"] == 3 and ctx["porteur"] is None
    assert ctx["action"] == "poste de facilitatrice des clauses sociales du Sud Isère"
    assert "champs" not in ctx
    # references to type fields are resolved in prose
    texte = " ".join(p["texte"] for s in ctx["expose"] for p in s["paragraphes"])
    assert "147\u202f000,00\u00a0€" in texte and "80\u00a0%" in texte and "pendant trois ans" in texte
    assert check(point) == []


def test_montants_du_plan_de_financement() -> None:
    point = load(COFINANCEMENT)
    from deliberations.calcul.tableaux import tableaux

    (plan,) = tableaux(point)[0]
    assert [l["part"].valeur for l in plan.lignes] == [21, 20, 20, 20, 19]
    assert [l["montant"].valeur for l in plan.lignes] == [Decimal(m) for m in ("30870", "29400", "29400", "29400",
                                                                              "27930")]
    assert plan.totaux["montant"] == Decimal("147000") and plan.totaux["part"] == 100


def test_programme_tables_numerotees() -> None:
    point = load(PROGRAMME)
    ctx = contexte(point)
    assert [a["numero"] for a in ctx["axes"]] == [1, 2, 3]
    assert ctx["axes"][0]["actions"][0].startswith("aider à la consolidation")
    assert ctx["axes"][0]["bilan"][1]["liste"][0].startswith("consolider l'outil")
    assert ctx["intervenants"] == [{"numero": 1, "nom": "Jean-Louis Doppler",
                                    "qualite": "directeur délégué du Relais Chantiers",
                                    "site": "http://relaischantiers.eu/"}]
    assert ctx["debut"].isoformat() == "2014-06-01"
    assert "ses trois axes de travail" in ctx["propositions"][0]
    assert check(point) == []


def test_type_inconnu_liste_les_types(tmp_path: Path) -> None:
    chemin = point_du_type(COFINANCEMENT, tmp_path, "cofinancment")
    with pytest.raises(ErreurEntree) as exc:
        load(chemin)
    (finding,) = exc.value.findings
    assert finding.lieu.ligne == 6 and ligne_de(chemin, 6) == "type: cofinancment"
    assert ("type de rapport inconnu « cofinancment » (vouliez-vous dire « cofinancement » ?) ; types connus : "
            "cofinancement, deliberation-commune, programme, rapport-deliberation") in finding.message


def test_cle_de_type_mal_orthographiee(tmp_path: Path) -> None:
    chemin = point_du_type(COFINANCEMENT, tmp_path, None, **{"budget: 147 000 €": "budjet: 147 000 €"})
    with pytest.raises(ErreurEntree) as exc:
        load(chemin)
    messages = [str(f) for f in exc.value.findings]
    assert any("budjet: clé inconnue « budjet » (vouliez-vous dire « budget » ?)" in m for m in messages), messages
    assert any("budget: champ obligatoire manquant" in m for m in messages), messages


def test_champ_d_un_autre_type_refuse(tmp_path: Path) -> None:
    chemin = point_du_type(REFERENCE, tmp_path, None, **{"vote: {}": "vote: {}\nbudget: 147 000 €"})
    with pytest.raises(ErreurEntree) as exc:
        load(chemin)
    assert "clé inconnue « budget »" in str(exc.value)


def test_valeur_par_defaut_du_type(tmp_path: Path) -> None:
    chemin = point_du_type(COFINANCEMENT, tmp_path, None, **{"duree: 3\n": ""})
    assert load(chemin).duree == 3


def test_base_differente_du_budget(tmp_path: Path) -> None:
    chemin = point_du_type(COFINANCEMENT, tmp_path, None, **{
        "repartition: {part: part, montant: montant}": "repartition: {base: 150 000 €, part: part, montant: montant}"})
    erreurs = [f for f in check(load(chemin)) if f.est_erreur]
    assert any("la base de la répartition (150\u202f000,00\u00a0€) diffère du champ « budget » (147\u202f000,00\u00a0€)"
               in f.message and "repartition" in ligne_de(chemin, f.lieu.ligne) for f in erreurs), erreurs


def test_budget_qui_ne_correspond_plus_au_plan(tmp_path: Path) -> None:
    chemin = point_du_type(COFINANCEMENT, tmp_path, None, **{"budget: 147 000 €": "budget: 150 000 €"})
    erreurs = [str(f) for f in check(load(chemin)) if f.est_erreur]
    assert any("les montants font 147\u202f000,00\u00a0€, mais la base est 150\u202f000,00\u00a0€" in e for e in erreurs)
    assert any("21\u00a0% de 150\u202f000,00\u00a0€ font 31\u202f500,00\u00a0€, pas 30\u202f870,00\u00a0€" in e
               for e in erreurs), erreurs


def test_plan_de_financement_exige(tmp_path: Path) -> None:
    chemin = point_du_type(COFINANCEMENT, tmp_path, None, **{
        "        repartition: {part: part, montant: montant}\n": ""})
    erreurs = [f.message for f in check(load(chemin)) if f.est_erreur]
    assert any("il manque en annexe le tableau « plan de financement » : une répartition (repartition: …) avec "
               "les colonnes financeur, part, montant" in e for e in erreurs), erreurs


def test_parts_qui_ne_font_pas_cent(tmp_path: Path) -> None:
    chemin = point_du_type(COFINANCEMENT, tmp_path, None, **{'"19", "27 930,00 €"': '"18", "27 930,00 €"'})
    erreurs = [f.message for f in check(load(chemin)) if f.est_erreur]
    assert "les parts font 99\u00a0%, pas 100\u00a0%" in erreurs


def test_checks_choisis_par_le_manifeste(tmp_path: Path) -> None:
    dossier = copier_type("cofinancement", tmp_path / "types" / "sans-prose", "sans-prose")
    manifeste = dossier / "type.yaml"
    manifeste.write_text(manifeste.read_text(encoding="utf-8") + "checks: {sauf: [montants_prose, tableaux]}\n",
                         encoding="utf-8")
    type_ = types_rapport.catalogue(tmp_path / "types").trouver("sans-prose")
    from deliberations.controles.checks import nom_check

    noms = [nom_check(c) for c in type_.verifications()]
    assert "montants_prose" not in noms and "tableaux" not in noms and "references" in noms
    chemin = point_du_type(COFINANCEMENT, tmp_path, "sans-prose", **{"est de ${budget}": "est de 147 001 €"})
    assert check(load(chemin, modeles=tmp_path / "types")) == []
    # the same text in a cofinancement item is a warning of montants_prose
    chemin = point_du_type(COFINANCEMENT, tmp_path, None, **{"est de ${budget}": "est de 147 001 €"})
    (finding,) = check(load(chemin))
    assert finding.message.startswith("montant « 147 001") and "écrit en chiffres" in finding.message


# --------------------------------------------------------------------------
# Discovery: built-in, folders, environment, packages


def test_dossiers_utilisateur_et_environnement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    copier_type("cofinancement", tmp_path / "a" / "type-a", "type-a")
    copier_type("programme", tmp_path / "b", "type-b")  # a type folder given directly
    monkeypatch.setenv(types_rapport.VARIABLE_ENVIRONNEMENT, os.pathsep.join([str(tmp_path / "a"), str(tmp_path / "b")]))
    types = types_rapport.catalogue()
    assert {t.nom: t.origine for t in types} == {"cofinancement": "intégré", "deliberation-commune": "intégré", "programme": "intégré",
                                               "rapport-deliberation": "intégré", "type-a": "dossier",
                                               "type-b": "dossier"}
    code, sortie, _ = executer(capsys, "types")
    assert code == 0
    assert re.search(r"^type-a +Cofinancement pluriannuel d'un poste ou d'une action +\(dossier : .*type-a\)$",
                     sortie, re.MULTILINE), sortie


def test_deux_types_du_meme_nom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copier_type("cofinancement", tmp_path / "types" / "copie", "cofinancement")
    with pytest.raises(ErreurEntree) as exc:
        types_rapport.catalogue(tmp_path / "types")
    (finding,) = exc.value.findings
    assert "type de rapport « cofinancement » défini deux fois" in finding.message
    assert str(TEMPLATES / "cofinancement") in finding.message and str(tmp_path / "types" / "copie") in finding.message
    assert finding.lieu.fichier == str(tmp_path / "types" / "copie" / "type.yaml") and finding.lieu.ligne == 3
    code, sortie, _ = executer(capsys, "types", "--modeles", str(tmp_path / "types"))
    assert code == 1 and "défini deux fois" in sortie


def test_dossier_de_modeles_introuvable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, erreurs = executer(capsys, "check", "--modeles", str(tmp_path / "absent"), str(REFERENCE))
    assert code == 2 and "--modeles : dossier introuvable" in erreurs
    with pytest.raises(ErreurEntree) as exc:
        types_rapport.catalogue(tmp_path / "absent")
    assert "dossier de modèles introuvable" in str(exc.value)


def _blocs(langage: str) -> list[str]:
    return re.findall(rf"```{langage}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def paquet_factice(racine: Path) -> Path:
    """A tiny installed distribution, built from the guide's pyproject and module snippets.

    Its folder is put on ``sys.path``: ``importlib.metadata`` finds its
    ``.dist-info`` and entry points as for any installed package.
    """
    site = racine / "site"
    (toml,) = _blocs("toml")
    points = tomllib.loads(toml)["project"]["entry-points"][types_rapport.GROUPE]
    (module,) = [b for b in _blocs("python") if b.startswith("# mon_paquet/__init__.py")]
    paquet = site / "mon_paquet"
    paquet.mkdir(parents=True)
    (paquet / "__init__.py").write_text(module, encoding="utf-8")
    copier_type("cofinancement", paquet / "types" / "convention-pluriannuelle", "convention-pluriannuelle")
    infos = site / "mon_paquet-1.0.dist-info"
    infos.mkdir()
    (infos / "METADATA").write_text("Metadata-Version: 2.1\nName: mon-paquet\nVersion: 1.0\n", encoding="utf-8")
    (infos / "entry_points.txt").write_text(
        f"[{types_rapport.GROUPE}]\n" + "".join(f"{nom} = {valeur}\n" for nom, valeur in points.items()),
        encoding="utf-8")
    return site


def test_types_d_un_paquet_installe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = paquet_factice(tmp_path)
    monkeypatch.syspath_prepend(str(site))  # installing a package: no cache to reset
    type_ = types_rapport.catalogue().trouver("convention-pluriannuelle")
    assert type_.origine == "paquet" and "paquet mon-paquet (convention = mon_paquet:types)" == type_.provenance
    # the package's own check applies to its types, at the line of the field
    chemin = point_du_type(COFINANCEMENT, tmp_path, "convention-pluriannuelle", **{"duree: 3": "duree: 5"})
    point = load(chemin)
    (finding,) = [f for f in check(point) if f.est_erreur]
    assert finding.message == "une convention dure au plus 4 ans, pas 5"
    assert ligne_de(chemin, finding.lieu.ligne) == "duree: 5"
    # and the command line sees it too
    resultat = cli("types", env={"PYTHONPATH": str(site)})
    assert resultat.returncode == 0, resultat.stderr
    assert re.search(r"^convention-pluriannuelle .*\(paquet : paquet mon-paquet \(convention = mon_paquet:types\)\)$",
                     resultat.stdout, re.MULTILINE), resultat.stdout
    resultat = cli("check", str(chemin), env={"PYTHONPATH": str(site)})
    assert resultat.returncode == 1 and "duree: une convention dure au plus 4 ans, pas 5" in resultat.stdout


def test_paquet_inutilisable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    infos = site / "casse-1.0.dist-info"
    infos.mkdir(parents=True)
    (infos / "METADATA").write_text("Metadata-Version: 2.1\nName: casse\nVersion: 1.0\n", encoding="utf-8")
    (infos / "entry_points.txt").write_text(f"[{types_rapport.GROUPE}]\ncasse = module_absent:types\n",
                                            encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    types_rapport.oublier()
    with pytest.raises(ErreurEntree) as exc:
        types_rapport.catalogue()
    assert "extension inutilisable (module_absent:types) : ModuleNotFoundError" in str(exc.value)
    assert "paquet casse" in str(exc.value)


def test_point_d_entree_chemin_ou_extension(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry point may also be a path, or a callable returning an Extension."""
    copier_type("programme", tmp_path / "dossiers" / "par-chemin", "par-chemin")
    copier_type("programme", tmp_path / "dossiers2" / "par-extension", "par-extension")

    class Point_:  # what importlib.metadata gives
        def __init__(self, name: str, objet: object) -> None:
            self.name, self.value, self.objet, self.dist = name, f"factice:{name}", objet, None

        def load(self) -> object:
            return self.objet

    points = [Point_("chemin", str(tmp_path / "dossiers")),
              Point_("extension", lambda: Extension(tmp_path / "dossiers2"))]
    monkeypatch.setattr(types_rapport, "_entry_points", lambda: points)
    types_rapport.oublier()
    types = types_rapport.catalogue()
    assert types.trouver("par-chemin").origine == "paquet" and types.trouver("par-extension").origine == "paquet"


# --------------------------------------------------------------------------
# new, schema


@pytest.mark.parametrize("nom", ["rapport-deliberation", "cofinancement", "programme", "deliberation-commune"])
def test_squelette_liste_ce_qui_reste_a_remplir(nom: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fichier = tmp_path / "nouveau.yaml"
    code, sortie, _ = executer(capsys, "new", nom, "-o", str(fichier))
    assert code == 0 and sortie == f"écrit : {fichier}\n"
    texte = fichier.read_text(encoding="utf-8")
    # every common key and every field of the type is there
    for cle in [*Point.model_fields, *types_rapport.catalogue().trouver(nom).champs]:
        assert re.search(rf"(?m)^(# )?\s*(- )?{cle}:", texte), cle
    donnees, _ = lire_yaml(fichier)
    assert donnees["type"] == nom
    code, sortie, _ = executer(capsys, "check", str(fichier))
    assert code == 1
    signalees = {int(m.group(1)) for m in re.finditer(rf"^{re.escape(str(fichier))}:(\d+): erreur: ", sortie, re.M)}
    a_remplir = {k for k, ligne in enumerate(texte.splitlines(), 1)
                 if "[à compléter]" in ligne and not ligne.lstrip().startswith("#")}
    assert a_remplir and a_remplir == signalees, sortie
    assert "Traceback" not in sortie
    # never replaced without --force
    code, _, erreurs = executer(capsys, "new", nom, "-o", str(fichier))
    assert code == 1 and "existe déjà" in erreurs


def test_type_inconnu_en_ligne_de_commande(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, erreurs = executer(capsys, "new", "programe")
    assert code == 2 and "type de rapport inconnu « programe » (vouliez-vous dire « programme » ?)" in erreurs


@pytest.mark.parametrize("nom, exemple", EXEMPLES_DES_TYPES.items(), ids=list(EXEMPLES_DES_TYPES))
def test_schema_json_valide_les_exemples(nom: str, exemple: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    code, sortie, _ = executer(capsys, "schema", nom)
    assert code == 0
    schema = json.loads(sortie)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    validateur = jsonschema.Draft202012Validator(schema)
    donnees, _ = lire_yaml(exemple)  # as the loader reads it: every scalar a string
    erreurs = [f"{list(e.absolute_path)}: {e.message}" for e in validateur.iter_errors(donnees)]
    assert not erreurs, erreurs
    for champ, spec in types_rapport.catalogue().trouver(nom).champs.items():
        assert schema["properties"][champ]["description"] == spec.aide
    # an unknown key, a type field misspelt, another type: refused
    assert not validateur.is_valid({**donnees, "objett": "x"})
    assert not validateur.is_valid({**donnees, "type": "autre"})
    if nom == "cofinancement":
        sans_budget = {k: v for k, v in donnees.items() if k != "budget"}
        assert not validateur.is_valid(sans_budget)
        assert not validateur.is_valid({**sans_budget, "budjet": "1 €"})


ITEMS = sorted(f for f in (RACINE / "examples").glob("*.yaml") if "numero" in lire_yaml(f)[0])


@pytest.mark.parametrize("exemple", ITEMS, ids=[e.stem for e in ITEMS])
def test_chaque_exemple_respecte_le_schema_de_son_type(exemple: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    donnees, _ = lire_yaml(exemple)
    type_ = types_rapport.catalogue().trouver(donnees.get("type", TYPE_PAR_DEFAUT))
    erreurs = [e.message for e in jsonschema.Draft202012Validator(schema(type_)).iter_errors(donnees)]
    assert not erreurs, erreurs


def test_chaque_exemple_a_un_type_connu() -> None:
    types = types_rapport.catalogue()
    for exemple in (RACINE / "examples").glob("*.yaml"):
        donnees, _ = lire_yaml(exemple)
        if "numero" in donnees:
            assert donnees.get("type", "rapport-deliberation") in types, exemple


# --------------------------------------------------------------------------
# lint-template


def test_les_modeles_fournis_sont_propres(capsys: pytest.CaptureFixture[str]) -> None:
    findings, lus = lint(TEMPLATES)
    assert findings == [] and lus == 7
    code, sortie, _ = executer(capsys, "lint-template", str(TEMPLATES / "cofinancement"),
                               str(TEMPLATES / "programme" / "rapport.docx"), str(TEMPLATES / "seance"))
    assert code == 0 and sortie.count("aucun problème") == 3


def _modele(tmp_path: Path, *paragraphes: str | tuple[str, ...], tableau: list[str] | None = None,
            pied: str | None = None) -> Path:
    """A template built with python-docx: paragraphs (a tuple is one paragraph in several runs)."""
    document = docx.Document()
    for paragraphe in paragraphes:
        p = document.add_paragraph()
        for morceau in (paragraphe if isinstance(paragraphe, tuple) else (paragraphe,)):
            p.add_run(morceau)
    if tableau:
        t = document.add_table(rows=len(tableau), cols=2)
        for rangee, texte in zip(t.rows, tableau):
            rangee.cells[0].text = texte
    if pied:
        document.sections[0].footer.paragraphs[0].text = pied
    chemin = tmp_path / "modele.docx"
    document.save(str(chemin))
    return chemin


CAS_LINT = [
    pytest.param(("{{ objet }}", "{{ objett }}"), {}, "paragraphe 2",
                 "variable « objett » inconnue du type « cofinancement » (vouliez-vous dire « objet » ?) : « {{ objett }} »",
                 id="variable-inconnue"),
    pytest.param(("{{ budget|montan }}",), {}, "paragraphe 1", "filtre inconnu « montan » (vouliez-vous dire « montant » ?)",
                 id="filtre-inconnu"),
    pytest.param(("a", "b", "{{ objet | }}"), {}, "paragraphe 3", "erreur de syntaxe dans « {{ objet | }} »",
                 id="erreur-de-syntaxe"),
    pytest.param((("Objet : {{ obj", "et }}"),), {}, "paragraphe 1", "balise « {{ objet }} » coupée en plusieurs morceaux",
                 id="balise-coupee"),
    pytest.param(("{{ objet|default(“sans objet”) }}",), {}, "paragraphe 1", "guillemets typographiques “ ”",
                 id="guillemets-courbes"),
    pytest.param(("{{ objet.__class__ }}",), {}, "paragraphe 1", "attribut « __class__ » interdit", id="dunder"),
    pytest.param(("{{ objet.upper.__globals__ }}",), {}, "paragraphe 1", "attribut « __globals__ » interdit",
                 id="globals"),
    pytest.param(("{{ _secret }}",), {}, "paragraphe 1", "nom « _secret » interdit", id="nom-souligne"),
    pytest.param(("{% include 'autre.docx' %}",), {}, "paragraphe 1", "« include » interdit", id="include"),
    pytest.param(("{% extends 'autre.docx' %}",), {}, "paragraphe 1", "« extends » interdit", id="extends"),
    pytest.param(("{% import 'autre.docx' as x %}",), {}, "paragraphe 1", "« import » interdit", id="import"),
    pytest.param(("{{ collectivite.nomm }}",), {}, "paragraphe 1", "« nomm » inconnu ici (vouliez-vous dire « nom » ?)",
                 id="cle-inconnue"),
    pytest.param(("{%p for axe in missions %}", "{{ axe.titre }}", "{%p endfor %}"), {}, None, None,
                 id="liste-de-textes-sans-cle-verifiee"),
    pytest.param(("x", "{%p if service %}", "{{ service }}"), {}, "paragraphe 2",
                 "« {%p if service %} » n'est jamais fermé (il manque {% endif %})", id="bloc-jamais-ferme"),
    pytest.param(("{%p endif %}",), {}, "paragraphe 1", "ferme un bloc qui n'a pas été ouvert", id="bloc-ferme-en-trop"),
    pytest.param(("{{ objet", "}}"), {}, "paragraphe 1", "jamais fermée par « }} »", id="balise-non-fermee"),
    pytest.param((), {"tableau": ["{% for annexe in annexes %}", "{{ annexe.titre }}", "{% endfor %}"]},
                 "tableau 1, ligne 1, cellule 1", "écrivez {%tr for annexe in annexes %} et {%tr endfor %}",
                 id="boucle-de-lignes-sans-tr"),
    pytest.param((), {"tableau": ["{%p if service %}", "{{ service }}", "{%p endif %}"]},
                 "tableau 1, ligne 1, cellule 1", "encadrent des lignes de tableau avec {%p … %}",
                 id="condition-de-lignes-en-p"),
    pytest.param(("{%tr for x in expose %}", "{%tr endfor %}"), {}, "paragraphe 1", "hors d'un tableau",
                 id="tr-hors-tableau"),
    pytest.param(("{{ objet }}",), {"pied": "{{ numro }}"}, "pied de page 1, paragraphe 1",
                 "variable « numro » inconnue du type « cofinancement » (vouliez-vous dire « numero » ?)",
                 id="pied-de-page"),
    pytest.param(("{% for a in axes %}{{ a.titre }}{% endfor %}",), {}, "paragraphe 1",
                 "variable « axes » inconnue du type « cofinancement »", id="champ-d-un-autre-type"),
    pytest.param(("{{ budget|montant }} {{ missions|length }} {{ seance.date|jour_semaine }} {{ loop }}",
                  "{%p for s in expose %}{{ s.paragraphes[0].texte }}{%p endfor %}"), {}, None, None,
                 id="modele-correct"),
]


@pytest.mark.parametrize("paragraphes, autres, lieu, message", CAS_LINT)
def test_lint_template(paragraphes: tuple[str, ...], autres: dict[str, object], lieu: str | None,
                       message: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    modele = _modele(tmp_path, *paragraphes, **autres)  # type: ignore[arg-type]
    findings = lint_modele(modele, types_rapport.catalogue().trouver("cofinancement"))
    if message is None:
        assert findings == []
        return
    assert findings, "aucun problème trouvé"
    premier = findings[0]
    assert premier.lieu.champ == lieu and message in premier.message, "\n".join(map(str, findings))
    assert str(premier).startswith(f"{modele}: erreur: {lieu}: ")
    code, sortie, erreurs = executer(capsys, "lint-template", str(modele), "--type", "cofinancement")
    assert code == 1 and message in sortie and "problème" in erreurs


def test_lint_d_un_dossier_de_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A type folder: its manifest is checked, its templates use its fields."""
    dossier = copier_type("programme", tmp_path / "atelier", "atelier")
    document = docx.Document(str(dossier / "rapport.docx"))
    document.add_paragraph("{{ axes|length }} axes, {{ budget }}")
    document.save(str(dossier / "rapport.docx"))
    code, sortie, _ = executer(capsys, "lint-template", str(dossier))
    assert code == 1
    assert "rapport.docx: erreur: paragraphe" in sortie and "variable « budget » inconnue du type « atelier »" in sortie
    assert "axes" not in sortie.split("variable")[0]


# --------------------------------------------------------------------------
# The guide, followed as a new user would


def test_le_guide_pas_a_pas(tmp_path: Path) -> None:
    """docs/modeles.md's step by step: copy a type, edit its Word template, render with it.

    The shell lines of the guide's ``sh`` blocks run as written, in a working
    folder holding a copy of templates/ and examples/; the Word edit the
    guide asks for between them is made with python-docx. No Python is
    written by the "user".
    """
    copier, essayer = _blocs("sh")
    travail = tmp_path / "travail"
    for dossier in ("templates", "examples"):
        shutil.copytree(RACINE / dossier, travail / dossier)
    environnement = {k: v for k, v in os.environ.items() if k != types_rapport.VARIABLE_ENVIRONNEMENT}
    environnement["PATH"] = str(Path(sys.executable).parent) + os.pathsep + environnement.get("PATH", "")
    environnement["PYTHONUTF8"] = "1"

    def shell(bloc: str) -> str:
        lignes = [l[2:] for l in bloc.splitlines() if l.startswith("$ ")]
        resultat = subprocess.run(["bash", "-e", "-c", "\n".join(lignes)], cwd=travail, capture_output=True,
                                  text=True, env=environnement, timeout=300)
        assert resultat.returncode == 0, f"{resultat.stdout}\n{resultat.stderr}"
        return resultat.stdout

    shell(copier)
    modele = travail / "mes-types" / "subvention-poste" / "rapport.docx"
    document = docx.Document(str(modele))
    remplacees = 0
    for tableau in document.tables:
        for cellule in (c for rangee in tableau.rows for c in rangee.cells):
            for paragraphe in cellule.paragraphs:
                for run in paragraphe.runs:
                    if "Cofinancement en bref" in run.text:
                        run.text = run.text.replace("Cofinancement en bref", "Subvention en bref")
                        remplacees += 1
    assert remplacees == 1
    document.save(str(modele))
    sortie = shell(essayer)
    assert "aucun problème" in sortie
    assert re.search(r"^subvention-poste +Subvention de poste +\(dossier : .*mes-types/subvention-poste\)$", sortie,
                     re.MULTILINE), sortie
    rapport = travail / "sortie" / "2015-CP-E12-rapport.docx"
    assert rapport.is_file() and (travail / "sortie" / "2015-CP-E12-deliberation.docx").is_file()
    assert any("Subvention en bref" in l for l in lignes_docx(rapport))
    # without --modeles, the type is unknown, with a suggestion of what exists
    resultat = cli("check", str(travail / "points" / "mon-point.yaml"))
    assert resultat.returncode == 1 and "type de rapport inconnu « subvention-poste »" in resultat.stdout


def test_le_guide_decrit_chaque_variable_et_filtre() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    for nom in VARIABLES:
        assert f"`{nom}`" in guide, nom
    for type_ in types_rapport.catalogue():
        for champ, spec in type_.champs.items():
            assert f"`{champ}`" in guide, champ
            for colonne in spec.colonnes or {}:
                assert f"`{colonne}`" in guide, colonne
    from jinja2.sandbox import SandboxedEnvironment

    from deliberations.rendu.jinja import environnement

    for filtre in set(environnement().filters) - set(SandboxedEnvironment().filters):
        assert f"`{filtre}`" in guide, filtre




# --------------------------------------------------------------------------
# Real clients


@pytest.mark.outil("pandoc")
@pytest.mark.parametrize("exemple, attendus", [
    (COFINANCEMENT, {"rapport": ["Cofinancement en bref", "147\u202f000,00\u00a0€ (cent quarante-sept mille euros)",
                                 "30\u202f870,00\u00a0€", "27\u202f930,00\u00a0€", "ANNEXE 1 AU RAPPORT\u00a0: PLAN DE FINANCEMENT"],
                     "deliberation": ["APPROUVE la participation du Département de l'Isère",
                                      "ANNEXE 1 À LA DÉLIBÉRATION\u00a0: PLAN DE FINANCEMENT", "147\u202f000,00\u00a0€"]}),
    (PROGRAMME, {"rapport": ["Le programme en bref", "Axe 3 – Faciliter la mise en œuvre du dispositif européen",
                             "Jean-Louis Doppler, directeur délégué du Relais Chantiers (http://relaischantiers.eu/)"],
                 "deliberation": ["ANNEXE À LA DÉLIBÉRATION\u00a0: PROGRAMME APPROUVÉ", "Axe 2 – La création des régies",
                                  "APPROUVE le programme"]}),
], ids=["cofinancement", "programme"])
def test_pandoc_lit_les_types(exemple: Path, attendus: dict[str, list[str]], tmp_path: Path) -> None:
    ecrits = render(exemple, tmp_path)
    assert len(ecrits) == 2
    for chemin in ecrits:
        resultat = subprocess.run(["pandoc", "-t", "plain", "--wrap=none", str(chemin)], capture_output=True, timeout=120)
        assert resultat.returncode == 0, resultat.stderr
        texte = re.sub(r"[ \t]+", " ", resultat.stdout.decode("utf-8"))
        for attendu in attendus[chemin.stem.rsplit("-", 1)[1]]:
            assert attendu in texte, (chemin.name, attendu)


def test_les_exemples_des_types_passent_par_libreoffice() -> None:
    """tests/test_clients.py converts every example, the new types' included, with LibreOffice."""
    from test_clients import EXEMPLES

    assert COFINANCEMENT in EXEMPLES and PROGRAMME in EXEMPLES


@pytest.mark.outil("soffice", "pdftotext")
def test_pdf_des_types(tmp_path: Path) -> None:
    ecrits = render(COFINANCEMENT, tmp_path, pdf=True)
    pdf = tmp_path / "2015-CP-E12-rapport.pdf"
    assert pdf in ecrits and pdf.read_bytes().startswith(b"%PDF")
    texte = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
    assert "COFINANCEMENT EN BREF" in texte.upper() and "TOTAUX" in texte


# --------------------------------------------------------------------------
# Packaging: a wheel, installed without -e, renders from another folder


def test_roue_installee_ailleurs(tmp_path: Path) -> None:
    """Build a wheel, install it (no -e) in a fresh venv, render the examples from another folder.

    The venv sees the dependencies already installed through a ``.pth``
    file naming this environment's site-packages (its ``.pth`` files, such as
    an editable install's, are not processed there).
    """
    source = tmp_path / "source"
    source.mkdir()
    for nom in ("pyproject.toml", "README.md"):
        shutil.copy(RACINE / nom, source / nom)
    ignorer = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for nom in ("src", "templates"):
        shutil.copytree(RACINE / nom, source / nom, ignore=ignorer)
    roues = tmp_path / "roues"
    resultat = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(roues)],
                              capture_output=True, text=True, timeout=600)
    assert resultat.returncode == 0, resultat.stderr
    (roue,) = roues.glob("deliberations-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    resultat = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                               "--no-index", "-q", str(roue)], capture_output=True, text=True, timeout=300)
    assert resultat.returncode == 0, resultat.stderr
    site_venv = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip()
    Path(site_venv, "dependances.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    environnement = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", types_rapport.VARIABLE_ENVIRONNEMENT)}
    environnement["PYTHONUTF8"] = "1"

    def lancer(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(venv / "bin" / "deliberations"), *args], cwd=ailleurs, capture_output=True,
                              text=True, env=environnement, timeout=300)

    origine = subprocess.run([str(python), "-c", "import deliberations; print(deliberations.__file__)"], cwd=ailleurs,
                             capture_output=True, text=True, env=environnement, check=True).stdout
    assert origine.startswith(str(venv)), origine
    resultat = lancer("types")
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout.count("(intégré)") == 4 and "cofinancement" in resultat.stdout
    resultat = lancer("render", str(REFERENCE), str(COFINANCEMENT), str(PROGRAMME), "-o", "sortie")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert sorted(p.name for p in (ailleurs / "sortie").iterdir()) == [
        "06-04-deliberation.docx", "06-04-rapport.docx", "14-06-deliberation.docx", "14-06-rapport.docx",
        "2015-CP-E12-deliberation.docx", "2015-CP-E12-rapport.docx"]
    assert lancer("lint-template", str(Path(site_venv) / "deliberations" / "modeles")).returncode == 0
