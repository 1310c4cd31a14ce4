"""Pydantic models of the argmap format, version 1: pure data, no I/O."""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .schemes import SCHEMES

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""Ids are kebab-case slugs: lowercase letters and digits in words joined by single hyphens."""

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1)]

FORMAT_VERSION = 1

WEIGHING_FUNCTIONS = ("linked", "convergent", "cumulative", "factorized")
"""The named weighing functions of an argument's `weight` (a number is a constant weight)."""

Weight = Annotated[float, Field(ge=0, le=1, strict=True)] | Literal["linked", "convergent", "cumulative", "factorized"]


class ClaimType(StrEnum):
    """What kind of statement a claim is."""

    fact = "fact"
    interpretation = "interpretation"
    prediction = "prediction"
    recommendation = "recommendation"
    definition = "definition"
    value = "value"


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        frozen=False,
    )


class IgnoreRange(_Model):
    """A stretch of the source that carries no argument (a reference list, a byline, a caption)."""

    from_: Text = Field(alias="from")
    """The words at which the ignored stretch starts (matched like a quote)."""
    to: Text | None = None
    """The words at which it ends (included); without it, the stretch runs to the end of the text."""
    reason: Text
    """Why this stretch is left out of the map, for the reader of the report."""


class Source(_Model):
    """The essay the map reconstructs."""

    path: Text
    """Path of the essay's plain text (UTF-8), relative to the map file."""
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    """SHA-256 of the text file as written by `argmap new`; a mismatch warns that the text changed."""
    author: Text | None = None
    """Who wrote the essay."""
    venue: Text | None = None
    """Where it appeared."""
    published: int | Text | None = None
    """When it appeared: a year or a date."""
    url: Text | None = None
    """Where the essay can be found: an http, https or mailto address (a link in reports; never fetched)."""
    ignore: list[IgnoreRange] = Field(default_factory=list)
    """Parts of the text that carry no argument, each with a reason."""


class Concept(_Model):
    """A concept the essay discusses; the same concept id in two maps names the same concept."""

    label: Text
    """The concept's name as the analyst wants it shown."""
    aliases: list[Text] = Field(default_factory=list)
    """Other names for it, including each essay's own wording."""
    description: Text | None = None
    """A short definition or note."""


class Claim(_Model):
    """A statement the essay makes or relies on."""

    text: Text
    """The claim in the analyst's words: one self-contained statement."""
    quote: Text | list[Text] | None = None
    """The exact words of the essay that state the claim (one passage or several)."""
    type: ClaimType | None = None
    """What kind of statement it is: fact, interpretation, prediction, recommendation, definition or value."""
    implicit: bool = False
    """True when the essay assumes the claim without saying it: then it needs no quote."""
    concepts: list[Slug] = Field(default_factory=list)
    """Ids of the concepts (see `concepts`) the claim is about."""
    tags: list[Slug] = Field(default_factory=list)
    """Free labels for filtering and colouring."""
    cites: list[Slug] = Field(default_factory=list)
    """Ids of the references (see `references`) the essay gives for this claim."""
    section: Text | None = None
    """The part of the essay the claim belongs to, used to group claims in diagrams."""
    attributed_to: Text | None = None
    """Who holds the view when the essay reports it rather than asserts it ("many U.S. analysts",
    "the CCP Central Committee"): free text, or the id of a reference."""
    note: Text | None = None
    """The analyst's comment."""

    @property
    def quotes(self) -> list[str]:
        """The claim's quotes as a list (empty when it has none)."""
        if self.quote is None:
            return []
        return [self.quote] if isinstance(self.quote, str) else list(self.quote)


class Argument(_Model):
    """One inference: premises that jointly support a conclusion, or jointly attack a claim or argument."""

    premises: Annotated[list[Slug], Field(min_length=1)]
    """Ids of the claims that together form the reason (linked premises)."""
    conclusion: Slug | None = None
    """Id of the claim the premises support."""
    attacks: Slug | None = None
    """Id of what the premises attack: a claim (a rebuttal) or an argument (an undercut)."""
    scheme: Annotated[str, WithJsonSchema({"type": "string", "enum": list(SCHEMES)})] | None = None
    """The argumentation scheme of the inference; its critical questions appear in reports."""
    label: Text | None = None
    """A short name for the argument."""
    quote: Text | list[Text] | None = None
    """The essay's words that draw the inference ("so", "this means", the sentence joining premise and
    conclusion), found in the essay like a claim's quote."""
    reconstructed: bool = False
    """True when no words of the essay draw the inference and the analyst infers it: say why in `note`."""
    weight: Weight | None = None
    """How much the argument weighs under the carneades semantics: a number from 0 to 1 (it weighs that
    much when all its premises are in), or a weighing function: linked (1 when all premises are in,
    else 0; the default), convergent (1 when any premise is in), cumulative (the share of premises
    in), factorized (like cumulative, over the premises of all arguments of the issue)."""
    conceded: bool = False
    """On an attack: the author grants the objection (and holds it outweighed). It stays in the map, is
    drawn as granted, and under carneades it is weighed against the arguments for its target (with
    weight 0.5 unless it has its own)."""
    note: Text | None = None
    """The analyst's comment."""

    @property
    def quotes(self) -> list[str]:
        """The argument's anchor quotes as a list (empty when it has none)."""
        if self.quote is None:
            return []
        return [self.quote] if isinstance(self.quote, str) else list(self.quote)

    @model_validator(mode="after")
    def _one_target(self) -> Argument:
        if (self.conclusion is None) == (self.attacks is None):
            raise ValueError("an argument needs exactly one of 'conclusion' (support) or 'attacks'")
        return self

    @property
    def target(self) -> str:
        """The id the argument points at: its conclusion or what it attacks."""
        if self.conclusion is not None:
            return self.conclusion
        assert self.attacks is not None  # _one_target lets no argument without one of the two through
        return self.attacks

    @property
    def scheme_id(self) -> str:
        return self.scheme or "default"


class Issue(_Model):
    """Mutually exclusive positions (claims), of which the proof standard lets at most one be in."""

    positions: Annotated[list[Slug], Field(min_length=1)]
    """Ids of the claims that answer the issue; no claim is a position of two issues."""
    standard: Literal["PE", "CCE", "BRD"] = "PE"
    """The proof standard: PE (preponderance of the evidence: the weightiest argument wins), CCE (clear
    and convincing evidence: it must also outweigh the others by more than 0.5), BRD (beyond reasonable
    doubt: CCE, and the other arguments weigh less than 0.3)."""
    label: Text | None = None
    """The question the issue asks."""
    note: Text | None = None
    """The analyst's comment."""


class Expect(_Model):
    """The labels the analyst expects the evaluation to give: `argmap check` reports every mismatch."""

    in_: list[Slug] = Field(default_factory=list, alias="in")
    """Claims expected to be in (accepted)."""
    out: list[Slug] = Field(default_factory=list)
    """Claims expected to be out (rejected)."""
    undecided: list[Slug] = Field(default_factory=list)
    """Claims expected to be undecided."""


class Reference(_Model):
    """An entry of the essay's reference list."""

    citation: Text
    """The full citation as the essay gives it."""
    url: Text | None = None
    """A link to the cited work: an http, https or mailto address (a link in reports; never fetched)."""
    note: Text | None = None
    """The analyst's comment."""


class Link(_Model):
    """A relation the analyst sees between a claim of this map and a claim of another map."""

    claim: Slug
    """A claim of this map."""
    map: Slug
    """The other map's id."""
    to: Slug
    """The claim of the other map."""
    relation: Literal["same", "supports", "contradicts"]
    """same: both say the same thing; supports: this claim supports the other; contradicts: they cannot both hold."""
    note: Text | None = None
    """Why the analyst sees this relation."""


SECTIONS = ("concepts", "claims", "arguments", "references", "issues", "links")
"""The map's sections: each may be left empty (`claims:` with nothing under it)."""


class ArgMap(_Model):
    """An argument map of one essay (argmap format version 1)."""

    model_config = ConfigDict(title="argmap map, format version 1")

    argmap: Literal[1]
    """The format version: always 1 for now."""
    id: Slug
    """The map's id, unique in a collection of maps."""
    title: Text
    """The essay's title."""
    analyst: Text | None = None
    """Who made the map."""
    description: Text | None = None
    """What the map covers, in a sentence or two."""
    source: Source | None = None
    """The essay's text and metadata."""
    thesis: Slug | list[Slug] = Field(default_factory=list)
    """Id(s) of the main conclusion(s)."""
    semantics: Literal["grounded", "carneades"] = "grounded"
    """How the map is evaluated: grounded (every attack that stands defeats its target) or carneades
    (arguments are weighed, issues decided by proof standards, as in Carneades 4)."""
    assumptions: list[Slug] = Field(default_factory=list)
    """Claims accepted without argument: the conditions the essay states ("if these descriptions are
    accurate") and, under carneades, any claim to be taken as in."""
    assume_premises: bool = True
    """Under carneades: claims that no argument concludes and that are not at issue are accepted, as
    the premises the essay asks its reader to grant. false: only `assumptions` are (Carneades' own
    rule), and every other claim without an argument is out."""
    issues: dict[Slug, Issue] = Field(default_factory=dict)
    """Questions with mutually exclusive positions, by id (carneades); an attack on a claim is an
    argument against it in its issue."""
    expect: Expect | None = None
    """The labels the evaluation should give, checked by `argmap check` like tests."""
    concepts: dict[Slug, Concept] = Field(default_factory=dict)
    """Concepts the essay discusses, by id."""
    claims: dict[Slug, Claim] = Field(default_factory=dict)
    """The claims, by id."""
    arguments: dict[Slug, Argument] = Field(default_factory=dict)
    """The inferences (supports and attacks), by id."""
    references: dict[Slug, Reference] = Field(default_factory=dict)
    """The essay's reference list, by id."""
    links: list[Link] = Field(default_factory=list)
    """Relations between claims of this map and claims of other maps (see `argmap compare`)."""

    @field_validator(*SECTIONS, mode="before")
    @classmethod
    def _empty_section(cls, value: Any, info: ValidationInfo) -> Any:
        """A section written with no entries (`claims:` followed only by comments, as `argmap new`
        writes it) is empty, not an error."""
        if value is None:
            return [] if info.field_name == "links" else {}
        return value

    @field_validator("thesis", mode="after")
    @classmethod
    def _thesis_list(cls, value: str | list[str]) -> list[str]:
        return [value] if isinstance(value, str) else value

    @property
    def theses(self) -> list[str]:
        return list(self.thesis)  # normalised to a list by the validator


def _attribute_docstrings() -> dict[str, dict[str, str]]:
    """For each class of this module: its fields and the docstring written under each."""
    import ast
    import inspect
    import sys

    docs: dict[str, dict[str, str]] = {}
    for node in ast.parse(inspect.getsource(sys.modules[__name__])).body:
        if isinstance(node, ast.ClassDef):
            fields = docs[node.name] = {}
            for field, doc in zip(node.body, node.body[1:], strict=False):
                if (
                    isinstance(field, ast.AnnAssign)
                    and isinstance(field.target, ast.Name)
                    and isinstance(doc, ast.Expr)
                    and isinstance(doc.value, ast.Constant)
                    and isinstance(doc.value.value, str)
                ):
                    fields[field.target.id] = inspect.cleandoc(doc.value.value)
    return docs


@functools.cache
def _describe_fields() -> None:
    """Give every field its docstring as its description, for the JSON Schemas. Done on demand, not
    when the models are defined: it parses this module's source, which no check needs."""
    docs = _attribute_docstrings()
    for model in [value for value in globals().values() if isinstance(value, type) and issubclass(value, _Model)]:
        for name, info in model.model_fields.items():
            if info.description is None and name in docs.get(model.__name__, {}):
                info.description = docs[model.__name__][name]
        model.model_rebuild(force=True)  # in definition order: a model's parts before the model


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the map format, as `argmap schema` prints it."""
    _describe_fields()
    schema = ArgMap.model_json_schema(by_alias=True)
    _ids_as_property_names(schema)
    for name in SECTIONS:  # `claims:` with nothing under it is an empty section
        schema["properties"][name]["type"] = [schema["properties"][name]["type"], "null"]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def _ids_as_property_names(node: object) -> None:
    """Sections keyed by id: make the schema reject keys that are not slugs (pydantic only matches them)."""
    if isinstance(node, dict):
        patterns = node.get("patternProperties")
        if patterns and len(patterns) == 1:
            (pattern,) = patterns
            node["propertyNames"] = {**node.get("propertyNames", {}), "pattern": pattern}
            node["additionalProperties"] = False
        for value in node.values():
            _ids_as_property_names(value)
    elif isinstance(node, list):
        for value in node:
            _ids_as_property_names(value)


def export_json_schema() -> dict[str, Any]:
    """The JSON Schema of `argmap export --to json`: the validated map with every default filled in
    and `thesis` always a list."""
    _describe_fields()
    schema = ArgMap.model_json_schema(by_alias=True, mode="serialization")
    _ids_as_property_names(schema)
    schema["title"] = "argmap map, format version 1, as exported (validated, defaults filled)"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def map_json_schema(m: ArgMap) -> dict[str, Any]:
    """The schema of the format with the ids of one map as enums: an editor then completes premises,
    conclusions, attacks, thesis, concepts and citations with the ids the map defines."""
    schema = json_schema()
    defs = schema["$defs"]
    claims, arguments = sorted(m.claims), sorted(m.arguments)

    def restrict(node: dict[str, Any], ids: list[str]) -> None:
        """Add the enum to the string branch of node (a plain string, a list of them, or an anyOf)."""
        if not ids:
            return
        if "anyOf" in node:
            for branch in node["anyOf"]:
                restrict(branch, ids)
        elif node.get("type") == "array":
            restrict(node["items"], ids)
        elif node.get("type") == "string":
            node["enum"] = ids

    restrict(defs["Argument"]["properties"]["premises"], claims)
    restrict(defs["Argument"]["properties"]["conclusion"], claims)
    restrict(defs["Argument"]["properties"]["attacks"], sorted(claims + arguments))
    restrict(schema["properties"]["thesis"], claims)
    restrict(defs["Claim"]["properties"]["concepts"], sorted(m.concepts))
    restrict(defs["Claim"]["properties"]["cites"], sorted(m.references))
    restrict(defs["Link"]["properties"]["claim"], claims)
    schema["title"] = f"argmap map {m.id}, with its ids"
    return schema
