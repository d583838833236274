"""The model checks on their own: what YAML and templates hand them, what they accept, how
they coerce it, and the wording and location of what they refuse."""

from __future__ import annotations

import math
import pickle
from dataclasses import FrozenInstanceError
from typing import Annotated, Any, Literal, Union

import pytest

from deckbuilder.validation import (ConfigDict, Discriminator, Field, FiniteFloat, Model, Tag,
                                    ValidationError, field_validator, model_validator)
from deckbuilder.validation.json_schema import json_schema


class Inner(Model):
    model_config = ConfigDict(extra="forbid")
    a: int


class Sample(Model):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_max_length=5,
                              frozen=True)
    text: Annotated[str, Field(min_length=2)] = "xx"
    count: int = Field(0, ge=1, le=10)
    ratio: FiniteFloat | None = Field(None, ge=-1e15, le=1e15)
    flag: bool = False
    numbers: list[int] = Field(default_factory=list, min_length=1, max_length=2)
    choice: Literal["a", "b", "c"] = "a"
    table: dict[str, int] = Field(default_factory=dict)
    code: str | None = Field(None, pattern=r"^[a-z]+$")
    start: Annotated[int, Field(ge=1)] | Literal["continue"] = 1
    inner: Inner | None = None


def errors(**values: Any) -> list[tuple[tuple, str, str]]:
    with pytest.raises(ValidationError) as caught:
        Sample.model_validate(values)
    return [(e["loc"], e["type"], e["msg"]) for e in caught.value.errors()]


@pytest.mark.parametrize("values, field, expected", [
    ({"text": 35}, "text", "35"),                # a number where text is asked for
    ({"text": 2.5}, "text", "2.5"),
    ({"count": "3"}, "count", 3),                # a template's text where a number is
    ({"count": " 4 "}, "count", 4),
    ({"count": 3.0}, "count", 3),
    ({"count": True}, "count", 1),
    ({"ratio": "1e3"}, "ratio", 1000.0),
    ({"ratio": 2}, "ratio", 2.0),
    ({"flag": "yes"}, "flag", True),
    ({"flag": "Off"}, "flag", False),
    ({"flag": 1}, "flag", True),
    ({"table": {1: 2}}, "table", {"1": 2}),      # YAML's number keys are text keys
    ({"start": "continue"}, "start", "continue"),
    ({"start": 7}, "start", 7),
    ({"start": "7"}, "start", 7),                # no member takes it as it is: coerced
    ({"inner": {"a": "5"}}, "inner", Inner.model_validate({"a": 5})),
])
def test_what_yaml_and_templates_write_is_accepted_and_coerced(values, field, expected):
    assert getattr(Sample.model_validate(values), field) == expected


@pytest.mark.parametrize("values, expected", [
    ({"text": "x"}, [(("text",), "string_too_short", "String should have at least 2 characters")]),
    ({"text": "toolong"}, [(("text",), "string_too_long", "String should have at most 5 characters")]),
    ({"text": True}, [(("text",), "string_type", "Input should be a valid string")]),
    ({"count": "z"}, [(("count",), "int_parsing",
                       "Input should be a valid integer, unable to parse string as an integer")]),
    ({"count": 2.5}, [(("count",), "int_from_float",
                       "Input should be a valid integer, got a number with a fractional part")]),
    ({"count": 0}, [(("count",), "greater_than_equal", "Input should be greater than or equal to 1")]),
    ({"ratio": math.nan}, [(("ratio",), "finite_number", "Input should be a finite number")]),
    ({"ratio": 1e16}, [(("ratio",), "less_than_equal",
                        "Input should be less than or equal to 1000000000000000")]),
    ({"flag": "maybe"}, [(("flag",), "bool_parsing",
                          "Input should be a valid boolean, unable to interpret input")]),
    ({"flag": 2.5}, [(("flag",), "bool_type", "Input should be a valid boolean")]),
    ({"numbers": []}, [(("numbers",), "too_short",
                        "List should have at least 1 item after validation, not 0")]),
    ({"numbers": [1, 2, 3]}, [(("numbers",), "too_long",
                               "List should have at most 2 items after validation, not 3")]),
    ({"numbers": [1, "x"]}, [(("numbers", 1), "int_parsing",
                              "Input should be a valid integer, unable to parse string as an integer")]),
    ({"choice": "z"}, [(("choice",), "literal_error", "Input should be 'a', 'b' or 'c'")]),
    ({"code": "A"}, [(("code",), "string_pattern_mismatch", "String should match pattern '^[a-z]+$'")]),
    ({"start": 0}, [(("start",), "greater_than_equal", "Input should be greater than or equal to 1"),
                    (("start",), "literal_error", "Input should be 'continue'")]),
    ({"inner": 5}, [(("inner",), "model_type", "Input should be a valid dictionary or instance of Inner")]),
    ({"inner": {"a": "q", "b": 1}}, [
        (("inner", "a"), "int_parsing", "Input should be a valid integer, unable to parse string as an integer"),
        (("inner", "b"), "extra_forbidden", "Extra inputs are not permitted")]),
    ({"inner": {}}, [(("inner", "a"), "missing", "Field required")]),
])
def test_what_is_refused_is_reported_at_its_place_in_pydantics_words(values, expected):
    assert errors(**values) == expected


def test_every_problem_is_reported_not_only_the_first():
    found = errors(text="x", count=0, zz=1, numbers=[1, "y"])
    assert [loc for loc, _, _ in found] == [("text",), ("count",), ("numbers", 1), ("zz",)]


class Item(Model):
    text: str


Choice = Annotated[Union[Annotated[str, Tag("plain")], Annotated[Item, Tag("item")]],
                   Discriminator(lambda v: "plain" if isinstance(v, str) else
                                 "item" if isinstance(v, dict) else None,
                                 custom_error_type="invalid_item",
                                 custom_error_message="an item is text or {text: ...}")]


class Kinds(Model):
    model_config = ConfigDict(extra="forbid")
    items: list[Choice] = Field(default_factory=list)


def test_a_union_chosen_by_a_function_checks_only_the_chosen_member():
    kinds = Kinds.model_validate({"items": ["a", {"text": "b"}]})
    assert kinds.items == ["a", Item.model_validate({"text": "b"})]
    with pytest.raises(ValidationError) as caught:
        Kinds.model_validate({"items": [3, {"txt": "b"}]})
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [
        (("items", 0), "invalid_item"), (("items", 1, "text"), "missing")]
    assert caught.value.errors()[0]["msg"] == "an item is text or {text: ...}"


class Cat(Model):
    kind: Literal["cat"]
    lives: int = 9


class Dog(Model):
    kind: Literal["dog"]


class Pets(Model):
    pets: list[Annotated[Union[Cat, Dog], Field(discriminator="kind")]]


def test_a_union_chosen_by_a_field_names_the_problem_with_the_tag():
    assert isinstance(Pets.model_validate({"pets": [{"kind": "dog"}]}).pets[0], Dog)
    with pytest.raises(ValidationError) as caught:
        Pets.model_validate({"pets": [{"kind": "cow"}, {}, "x", {"kind": "cat", "lives": "x"}]})
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [
        (("pets", 0), "union_tag_invalid"), (("pets", 1), "union_tag_not_found"),
        (("pets", 2), "model_attributes_type"), (("pets", 3, "lives"), "int_parsing")]


class Checked(Model):
    model_config = ConfigDict(extra="forbid")
    when: str | None = None
    low: int = 0
    high: int = 1

    _when = field_validator("when", mode="before")(lambda v: str(v) if isinstance(v, int) else v)

    @field_validator("high")
    @classmethod
    def _small(cls, value: int) -> int:
        if value > 100:
            raise ValueError("too high")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "Checked":
        if self.low >= self.high:
            raise ValueError("low must be below high")
        return self


def test_validators_run_before_and_after_the_type_check_and_on_the_whole_model():
    assert Checked.model_validate({"when": 2017}).when == "2017"
    with pytest.raises(ValidationError) as caught:
        Checked.model_validate({"high": 101})
    assert caught.value.errors()[0]["msg"] == "Value error, too high"
    with pytest.raises(ValidationError) as caught:
        Checked.model_validate({"low": 5, "high": 2})
    assert [(e["loc"], e["msg"]) for e in caught.value.errors()] == [
        ((), "Value error, low must be below high")]


def test_models_are_values_frozen_copied_and_pickled():
    sample = Sample.model_validate({"count": 3, "inner": {"a": 1}})
    assert sample.model_fields_set == {"count", "inner"}
    with pytest.raises(FrozenInstanceError):
        sample.count = 4
    changed = sample.model_copy(update={"count": 4})
    assert (changed.count, sample.count) == (4, 3) and changed != sample
    assert changed.model_fields_set == {"count", "inner"}
    assert pickle.loads(pickle.dumps(sample)) == sample
    assert pickle.loads(pickle.dumps(sample)).model_fields_set == sample.model_fields_set
    assert sample.model_dump()["inner"] == {"a": 1}
    assert '"count":3' in sample.model_dump_json()


class Child(Sample):
    """A redeclared field keeps its inherited place."""
    count: int = 5
    kind: Literal["child"] = "child"


def test_the_json_schema_says_what_the_checks_accept():
    schema = json_schema(Child)
    assert list(schema) == ["$defs", "additionalProperties", "description", "properties",
                            "title", "type"]
    assert schema["description"] == "A redeclared field keeps its inherited place."
    properties = schema["properties"]
    assert list(properties)[:2] == ["text", "count"] and list(properties)[-1] == "kind"
    assert properties["text"] == {"default": "xx", "maxLength": 5, "minLength": 2,
                                  "title": "Text", "type": ["string", "number"]}
    assert properties["count"] == {"default": 5, "title": "Count", "type": "integer"}
    assert properties["ratio"]["anyOf"] == [
        {"maximum": 1e15, "minimum": -1e15, "type": "number"}, {"type": "null"}]
    assert properties["numbers"] == {"items": {"type": "integer"}, "maxItems": 2,
                                     "minItems": 1, "title": "Numbers", "type": "array"}
    assert properties["choice"]["enum"] == ["a", "b", "c"]
    assert properties["kind"] == {"const": "child", "default": "child", "title": "Kind",
                                  "type": "string"}
    assert properties["table"]["additionalProperties"] == {"type": "integer"}
    assert properties["start"]["anyOf"] == [{"minimum": 1, "type": "integer"},
                                            {"const": "continue", "type": "string"}]
    # a model field is a reference without a title; the model is defined once
    assert properties["inner"] == {"anyOf": [{"$ref": "#/$defs/Inner"}, {"type": "null"}],
                                   "default": None}
    assert schema["$defs"]["Inner"]["required"] == ["a"]
    assert "default" not in properties["numbers"]  # made by a factory, not a value


def test_a_tagged_union_is_one_of_its_members_with_the_tag_mapped():
    items = json_schema(Pets)["properties"]["pets"]["items"]
    assert items == {"discriminator": {"mapping": {"cat": "#/$defs/Cat", "dog": "#/$defs/Dog"},
                                       "propertyName": "kind"},
                     "oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}]}
