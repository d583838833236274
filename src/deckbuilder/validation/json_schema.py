"""The JSON Schema (draft 2020-12) of a model, written from the checks its fields compile to.

Schemas are laid out as pydantic writes them (so the committed ``docs/deck.schema.json``
did not change when this module replaced it): every model is a ``$defs`` entry named after
its class and referenced with ``$ref``; a field has a title made from its name unless its
type is a model; unions are ``anyOf`` (flattened, duplicates dropped) and tagged unions
``oneOf``; keys are sorted except a model's properties, which keep their declared order.
What a check accepts is what the schema says: a text field of a model that turns numbers
into text accepts ``["string", "number"]``.
"""

from __future__ import annotations

import inspect
from typing import Any

from .checks import (AnyOf, Anything, Boolean, ByTag, Check, FilePath, Integer, ListOf,
                     MappingOf, ModelCheck, Nothing, Nullable, Number, OneOf, Text)
from .model import Model

Schema = dict[str, Any]
_NULL: Schema = {"type": "null"}
_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}


def json_schema(root: type[Model]) -> Schema:
    """``root``'s schema, with every model it refers to under ``$defs``."""
    writer = _Writer()
    schema = writer.model(root)
    while writer.pending:
        model = writer.pending.pop()
        writer.definitions[model.__name__] = writer.model(model)
    if writer.definitions:
        schema["$defs"] = writer.definitions
    return _sorted(schema)


class _Writer:
    """Walks checks; collects the models met on the way, each written once."""

    def __init__(self) -> None:
        self.definitions: dict[str, Schema] = {}
        self.pending: list[type[Model]] = []
        self.seen: set[type[Model]] = set()

    def model(self, model: type[Model]) -> Schema:
        schema: Schema = {"type": "object", "title": model.__name__}
        doc = model.__dict__.get("__doc__")
        if doc:
            schema["description"] = inspect.cleandoc(doc)
        extra = model._settings.get("extra")
        if extra in ("forbid", "allow"):
            schema["additionalProperties"] = extra == "allow"
        checks = model._checks()
        properties: dict[str, Schema] = {}
        required: list[str] = []
        for name, info in model.model_fields.items():
            key = info.alias or name
            prop = self.check(checks[name])
            if not _is_model(checks[name]):
                prop["title"] = key.title().replace("_", " ")
            if info.description is not None:
                prop["description"] = info.description
            if info.required:
                required.append(key)
            elif info.default_factory is None:
                prop["default"] = _jsonable(info.default)
            properties[key] = prop
        schema["properties"] = properties
        if required:
            schema["required"] = required
        return schema

    def reference(self, model: type[Model]) -> Schema:
        if model not in self.seen:
            self.seen.add(model)
            self.pending.append(model)
        return {"$ref": f"#/$defs/{model.__name__}"}

    def check(self, check: Check) -> Schema:
        match check:
            case Text():
                schema: Schema = {"type": ["string", "number"] if check.numbers_to_text
                                  else "string"}
                _set(schema, minLength=check.min_length, maxLength=check.max_length,
                     pattern=check.pattern)
                return schema
            case Integer() | Number():
                schema = {"type": "integer" if isinstance(check, Integer) else "number"}
                _set(schema, exclusiveMinimum=check.bounds.gt, minimum=check.bounds.ge,
                     maximum=check.bounds.le)
                return schema
            case Boolean():
                return {"type": "boolean"}
            case Anything():
                return {}
            case Nothing():
                return dict(_NULL)
            case FilePath():
                return {"type": "string", "format": "path"}
            case OneOf():
                return _literal(check.values)
            case ListOf():
                schema = {"type": "array", "items": self.check(check.item)}
                _set(schema, minItems=check.min_length, maxItems=check.max_length)
                return schema
            case MappingOf():
                value = self.check(check.value)
                return {"type": "object", "additionalProperties": value or True}
            case Nullable():
                return _any_of([self.check(check.inner), dict(_NULL)])
            case AnyOf():
                return _any_of([self.check(member) for member in check.members])
            case ByTag():
                schema = {"oneOf": [self.check(member) for member in check.choices.values()]}
                if check.field is not None:
                    schema["discriminator"] = {"propertyName": check.field, "mapping": {
                        tag: member.get("$ref") for tag, member in
                        zip(check.choices, schema["oneOf"])}}
                return schema
            case ModelCheck():
                return self.reference(check.model)
        raise TypeError(f"no JSON Schema for the check {check!r}")  # a new check class


def _is_model(check: Check) -> bool:
    """pydantic leaves out the title of a field whose type is a model (or an optional one)."""
    return isinstance(check, ModelCheck) or (isinstance(check, Nullable)
                                             and _is_model(check.inner))


def _set(schema: Schema, **constraints: Any) -> None:
    schema.update((key, value) for key, value in constraints.items() if value is not None)


def _literal(values: tuple[Any, ...]) -> Schema:
    schema: Schema = ({"const": values[0]} if len(values) == 1
                      else {"enum": list(values)})
    types = {_JSON_TYPES.get(type(value)) for value in values}
    if len(types) == 1 and None not in types:
        schema["type"] = types.pop()
    return schema


def _any_of(members: list[Schema]) -> Schema:
    """A union of ``members``: nested unions flattened, repeats dropped, one member bare."""
    flat: list[Schema] = []
    for member in members:
        for item in (member["anyOf"] if list(member) == ["anyOf"] else [member]):
            if item not in flat:
                flat.append(item)
    return flat[0] if len(flat) == 1 else {"anyOf": flat}


def _jsonable(value: Any) -> Any:
    if isinstance(value, Model):
        return value.model_dump()
    if isinstance(value, tuple):
        return list(value)
    return value


def _sorted(value: Any, parent: str | None = None) -> Any:
    """Keys sorted at every level, except the names under ``properties`` and a default's."""
    if isinstance(value, dict):
        keys = value if parent in ("properties", "default") else sorted(value)
        return {key: _sorted(value[key], key) for key in keys}
    if isinstance(value, list):
        return [_sorted(item, parent) for item in value]
    return value
