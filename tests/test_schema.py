"""The committed JSON Schema is current, is valid draft 2020-12, and accepts every map in maps/."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import ROOT, VALID
from jsonschema import Draft202012Validator

from argmap.model import json_schema

SCHEMA_FILE = ROOT / "schema" / "argmap.schema.json"
MAPS = sorted((ROOT / "maps").glob("*.yaml"))


def test_committed_schema_is_current():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema(), (
        "schema/argmap.schema.json is stale: run 'make schema'"
    )


def test_schema_is_valid_draft_2020_12():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_has_descriptions_from_attribute_docstrings():
    schema = json_schema()
    assert schema["$defs"]["Claim"]["properties"]["quote"]["description"].startswith("The exact words of the essay")


def test_schema_accepts_the_small_map_and_rejects_bad_ids():
    validator = Draft202012Validator(json_schema())
    assert list(validator.iter_errors(yaml.safe_load(VALID))) == []
    bad = yaml.safe_load(VALID.replace("  faster:\n", "  Faster:\n"))
    assert list(validator.iter_errors(bad))
    bad = yaml.safe_load(VALID.replace("scheme: cause-to-effect", "scheme: cause-effect"))
    assert list(validator.iter_errors(bad))


def test_there_are_maps():
    assert MAPS


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_schema_validates_every_map(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/argmap.schema.json\n")
    errors = list(Draft202012Validator(json_schema()).iter_errors(yaml.safe_load(text)))
    assert errors == []
