"""The JSON Schema (draft 2020-12) of a report type's input files."""

from __future__ import annotations

from typing import (
    Any,
)

from pydantic.json_schema import GenerateJsonSchema

from deliberations.types.type_rapport import TypeRapport


class _SchemaEntree(GenerateJsonSchema):
    """JSON Schema of what the loader accepts: scalars may be written as text."""

    def int_schema(self, schema: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^\s*-?[\d\s\u202f\u00a0]+\s*$"}]}

    def bool_schema(self, schema: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "boolean"},
                          {"type": "string", "enum": ["oui", "non", "vrai", "faux", "true", "false", "yes", "no",
                                                      "1", "0"]}]}

    def decimal_schema(self, schema: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "number"}, {"type": "string"}]}

    def date_schema(self, schema: Any) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\s*(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\s*$",
                "description": "2023-09-14 ou 14/09/2023"}

    def str_schema(self, schema: Any) -> dict[str, Any]:
        return {"type": ["string", "number"]}


def schema(type_: TypeRapport) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the input files of a type."""
    resultat = type_.modele.model_json_schema(schema_generator=_SchemaEntree)
    resultat = {"$schema": "https://json-schema.org/draft/2020-12/schema", **resultat}
    resultat["title"] = f"{type_.titre} (type « {type_.nom} »)"
    resultat["description"] = type_.manifeste.description.strip() or type_.titre
    proprietes = resultat["properties"]
    # the loader joins these files before validation
    proprietes["collectivite"] = {"anyOf": [{"$ref": "#/$defs/Collectivite"},
                                            {"type": "string", "description": "chemin d'un profil de collectivité"}]}
    tableau = resultat.get("$defs", {}).get("Tableau")
    if tableau is not None:
        tableau["properties"]["source"] = {"anyOf": [{"$ref": "#/$defs/Source"}, {"type": "string"}, {"type": "null"}],
                                           "default": None}
    for champ, spec in type_.champs.items():
        proprietes[champ].setdefault("description", spec.aide)
    repartition = resultat.get("$defs", {}).get("Repartition")
    if repartition is not None and any(t.base for t in type_.manifeste.tableaux):
        # the type gives the base (preparer): a share table may leave it out
        repartition["required"] = [r for r in repartition.get("required", []) if r != "base"]
    return resultat
