"""The base of every input object, and the shape of a paragraph (a text, or a bulleted list)."""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Tag

from deliberations.model.scalaires import Texte


class Modele(BaseModel):
    """Base of every input object: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", validate_default=False, arbitrary_types_allowed=True)


class Liste(Modele):
    """A bulleted list inside a section."""

    liste: list[Texte]


def _forme_paragraphe(valeur: Any) -> str:
    return "Liste" if isinstance(valeur, (dict, Liste)) else "Texte"


Paragraphe = Annotated[
    Union[Annotated[Texte, Tag("Texte")], Annotated[Liste, Tag("Liste")]],
    Discriminator(_forme_paragraphe),
]
