"""Checks compiled from type annotations: each takes a value and returns it validated (and
coerced, as YAML and templates need: ``"3"`` for an int, a number for text), or records
errors and returns :data:`FAIL`.

Errors are dicts as pydantic reports them (``type``, ``loc``, ``msg``, ``input``) with the
same wording, so messages read the same as before this module replaced it. Unions are
tried strictly first (exact types), then leniently, and the first member that accepts a
value wins; a union that fails reports every member's errors at the same location.
"""

from __future__ import annotations

import math
import re
import types
import typing
from pathlib import Path
from typing import Any, Callable, Literal, Union

from .fields import Discriminator, FieldInfo, Tag

FAIL: Any = type("Fail", (), {"__repr__": lambda self: "FAIL"})()
Errors = list[dict[str, Any]]
Loc = tuple


def error(errors: Errors, kind: str, loc: Loc, message: str, value: Any) -> Any:
    errors.append({"type": kind, "loc": loc, "msg": message, "input": value})
    return FAIL


def number_text(limit: float) -> str:
    """A constraint's number as messages show it: 1000000000000000, not 1e15."""
    return str(int(limit)) if float(limit).is_integer() else str(limit)


class Check:
    __slots__ = ()

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        raise NotImplementedError  # pragma: no cover (every check defines it)


class Bounds:
    """Numeric constraints: ``gt``, ``ge``, ``le``."""

    __slots__ = ("gt", "ge", "le")

    def __init__(self, gt: float | None = None, ge: float | None = None,
                 le: float | None = None) -> None:
        self.gt = gt
        self.ge = ge
        self.le = le

    def check(self, number: float, value: Any, loc: Loc, errors: Errors) -> Any:
        if self.gt is not None and not number > self.gt:
            return error(errors, "greater_than", loc,
                         f"Input should be greater than {number_text(self.gt)}", value)
        if self.ge is not None and not number >= self.ge:
            return error(errors, "greater_than_equal", loc,
                         f"Input should be greater than or equal to {number_text(self.ge)}",
                         value)
        if self.le is not None and not number <= self.le:
            return error(errors, "less_than_equal", loc,
                         f"Input should be less than or equal to {number_text(self.le)}", value)
        return number


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class Text(Check):
    __slots__ = ("min_length", "max_length", "pattern", "numbers_to_text")

    def __init__(self, min_length: int | None = None, max_length: int | None = None,
                 pattern: str | None = None, numbers_to_text: bool = False) -> None:
        self.min_length = min_length
        self.max_length = max_length
        self.pattern = pattern
        self.numbers_to_text = numbers_to_text

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        if not isinstance(value, str):
            if strict or not self.numbers_to_text or not _is_number(value):
                return error(errors, "string_type", loc, "Input should be a valid string", value)
            value = str(value)
        if self.min_length is not None and len(value) < self.min_length:
            return error(errors, "string_too_short", loc, "String should have at least "
                         f"{_plural(self.min_length, 'character')}", value)
        if self.max_length is not None and len(value) > self.max_length:
            return error(errors, "string_too_long", loc, "String should have at most "
                         f"{_plural(self.max_length, 'character')}", value)
        if self.pattern is not None and not re.search(self.pattern, value):
            return error(errors, "string_pattern_mismatch", loc,
                         f"String should match pattern '{self.pattern}'", value)
        return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_INTEGER = re.compile(r"\s*[+-]?\d+\s*")


class Integer(Check):
    __slots__ = ("bounds",)

    def __init__(self, bounds: Bounds) -> None:
        self.bounds = bounds

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        if isinstance(value, int) and not (strict and isinstance(value, bool)):
            number = int(value)
        elif strict:
            return error(errors, "int_type", loc, "Input should be a valid integer", value)
        elif isinstance(value, float):
            if not value.is_integer():
                return error(errors, "int_from_float", loc, "Input should be a valid "
                             "integer, got a number with a fractional part", value)
            number = int(value)
        elif isinstance(value, str):
            if not _INTEGER.fullmatch(value):
                return error(errors, "int_parsing", loc, "Input should be a valid integer, "
                             "unable to parse string as an integer", value)
            number = int(value)
        else:
            return error(errors, "int_type", loc, "Input should be a valid integer", value)
        return self.bounds.check(number, value, loc, errors)


class Number(Check):
    __slots__ = ("bounds", "finite")

    def __init__(self, bounds: Bounds, finite: bool = False) -> None:
        self.bounds = bounds
        self.finite = finite

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        if isinstance(value, (int, float)) and not (strict and isinstance(value, bool)):
            number = float(value)
        elif strict:
            return error(errors, "float_type", loc, "Input should be a valid number", value)
        elif isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                return error(errors, "float_parsing", loc, "Input should be a valid number, "
                             "unable to parse string as a number", value)
        else:
            return error(errors, "float_type", loc, "Input should be a valid number", value)
        if self.finite and not math.isfinite(number):
            return error(errors, "finite_number", loc, "Input should be a finite number", value)
        return self.bounds.check(number, value, loc, errors)


_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


class Boolean(Check):
    __slots__ = ()

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        if isinstance(value, bool):
            return value
        if not strict and isinstance(value, (int, float, str)) and \
                not (isinstance(value, float) and not value.is_integer()):
            word = value.strip().lower() if isinstance(value, str) else value
            if word in (_TRUE if isinstance(value, str) else (1,)):
                return True
            if word in (_FALSE if isinstance(value, str) else (0,)):
                return False
            return error(errors, "bool_parsing", loc,
                         "Input should be a valid boolean, unable to interpret input", value)
        return error(errors, "bool_type", loc, "Input should be a valid boolean", value)


class Anything(Check):
    __slots__ = ()

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        return value


class Nothing(Check):
    __slots__ = ()

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        return None if value is None else error(errors, "none_required", loc,
                                                "Input should be None", value)


class FilePath(Check):
    __slots__ = ()

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        if isinstance(value, Path):
            return value
        if isinstance(value, str) and not strict:
            return Path(value)
        return error(errors, "path_type", loc, "Input is not a valid path", value)


class OneOf(Check):
    __slots__ = ("values",)

    def __init__(self, values: tuple[Any, ...]) -> None:
        self.values = values

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        for allowed in self.values:
            if value == allowed and type(value) is type(allowed):
                return allowed
        shown = [repr(v) for v in self.values]
        listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
        return error(errors, "literal_error", loc, f"Input should be {listed}", value)


class ListOf(Check):
    __slots__ = ("item", "min_length", "max_length")

    def __init__(self, item: Check, min_length: int | None = None,
                 max_length: int | None = None) -> None:
        self.item = item
        self.min_length = min_length
        self.max_length = max_length

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        if not isinstance(value, list) and (strict or not isinstance(value, tuple)):
            return error(errors, "list_type", loc, "Input should be a valid list", value)
        if self.max_length is not None and len(value) > self.max_length:
            return error(errors, "too_long", loc, "List should have at most "
                         f"{_plural(self.max_length, 'item')} after validation, not "
                         f"{len(value)}", value)
        before = len(errors)
        items = [self.item(item, (*loc, index), errors, strict)
                 for index, item in enumerate(value)]
        if len(errors) > before:
            return FAIL
        if self.min_length is not None and len(items) < self.min_length:
            return error(errors, "too_short", loc, "List should have at least "
                         f"{_plural(self.min_length, 'item')} after validation, not "
                         f"{len(items)}", value)
        return items


class MappingOf(Check):
    __slots__ = ("key", "value")

    def __init__(self, key: Check, value: Check) -> None:
        self.key = key
        self.value = value

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        if not isinstance(value, dict):
            return error(errors, "dict_type", loc, "Input should be a valid dictionary", value)
        before = len(errors)
        result = {}
        for key, item in value.items():
            checked_key = self.key(key, (*loc, key, "[key]"), errors, strict)
            result[checked_key] = self.value(item, (*loc, key), errors, strict)
        return FAIL if len(errors) > before else result


class Nullable(Check):
    __slots__ = ("inner",)

    def __init__(self, inner: Check) -> None:
        self.inner = inner

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        return None if value is None else self.inner(value, loc, errors, strict)


class AnyOf(Check):
    """The first member to accept the value strictly, else the first to accept it."""

    __slots__ = ("members",)

    def __init__(self, members: tuple[Check, ...]) -> None:
        self.members = members

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        for member in self.members:
            result = member(value, loc, [], True)
            if result is not FAIL:
                return result
        if strict:
            return FAIL
        found: Errors = []
        for member in self.members:
            result = member(value, loc, found, False)
            if result is not FAIL:
                return result
        errors.extend(found)
        return FAIL


class ByTag(Check):
    """A union whose member is named by a field of the value (``kind``) or a function."""

    __slots__ = ("choices", "field", "chooser")

    def __init__(self, choices: dict[str, Check], field: str | None = None,
                 chooser: Discriminator | None = None) -> None:
        self.choices = choices
        self.field = field
        self.chooser = chooser

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        if self.chooser is not None:
            tag = self.chooser.function(value)
            if tag is None:
                return error(errors, self.chooser.custom_error_type, loc,
                             self.chooser.custom_error_message, value)
        elif not isinstance(value, dict):
            return error(errors, "model_attributes_type", loc, "Input should be a valid "
                         "dictionary or object to extract fields from", value)
        elif self.field not in value:
            return error(errors, "union_tag_not_found", loc,
                         f"Unable to extract tag using discriminator '{self.field}'", value)
        else:
            tag = value[self.field]
        member = self.choices.get(tag) if isinstance(tag, str) else None
        if member is None:
            expected = ", ".join(f"'{name}'" for name in self.choices)
            return error(errors, "union_tag_invalid", loc, f"Input tag '{tag}' found using "
                         f"'{self.field}' does not match any of the expected tags: {expected}",
                         value)
        return member(value, loc, errors, strict)


class ModelCheck(Check):
    __slots__ = ("model",)

    def __init__(self, model: Any) -> None:   # a validation.Model subclass
        self.model = model

    def __call__(self, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        return self.model.validate_value(value, loc, errors, strict)


class Settings:
    """A model's settings that reach the checks of its fields."""

    __slots__ = ("numbers_to_text", "text_max_length")

    def __init__(self, numbers_to_text: bool = False, text_max_length: int | None = None) -> None:
        self.numbers_to_text = numbers_to_text
        self.text_max_length = text_max_length


def compile_type(annotation: Any, info: FieldInfo, settings: Settings,
                 is_model: Callable[[Any], bool]) -> Check:
    """The check for a field of type ``annotation`` with ``info``'s constraints."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        chooser = next((m for m in metadata if isinstance(m, Discriminator)), None)
        for meta in metadata:
            if isinstance(meta, FieldInfo):
                info = meta.merged(info)
        if chooser is not None:
            members = typing.get_args(base)
            return ByTag({_tag_of(m): compile_type(m, FieldInfo(), settings, is_model)
                          for m in members}, chooser=chooser)
        return compile_type(base, info, settings, is_model)
    if origin in (Union, types.UnionType):
        members = [m for m in typing.get_args(annotation) if m is not type(None)]
        inner = (compile_type(members[0], info, settings, is_model) if len(members) == 1
                 else _union(members, info, settings, is_model))
        return Nullable(inner) if len(members) < len(typing.get_args(annotation)) else inner
    if origin is Literal:
        return OneOf(typing.get_args(annotation))
    if origin is list:
        (item,) = typing.get_args(annotation)
        return ListOf(compile_type(item, FieldInfo(), settings, is_model),
                      info.min_length, info.max_length)
    if origin is dict:
        key, value = typing.get_args(annotation)
        return MappingOf(compile_type(key, FieldInfo(), settings, is_model),
                         compile_type(value, FieldInfo(), settings, is_model))
    bounds = Bounds(info.gt, info.ge, info.le)
    if annotation is str:
        return Text(info.min_length, info.max_length or settings.text_max_length,
                    info.pattern, settings.numbers_to_text)
    if annotation is bool:
        return Boolean()
    if annotation is int:
        return Integer(bounds)
    if annotation is float:
        return Number(bounds, finite=info.allow_inf_nan is False)
    if annotation is Any:
        return Anything()
    if annotation is type(None):
        return Nothing()
    if annotation is Path:
        return FilePath()
    if is_model(annotation):
        return ModelCheck(annotation)
    raise TypeError(f"no check for the type {annotation!r}")  # a model written wrongly


def _union(members: list[Any], info: FieldInfo, settings: Settings,
           is_model: Callable[[Any], bool]) -> Check:
    if info.discriminator is not None:
        return ByTag({_kind_of(m, info.discriminator): compile_type(m, FieldInfo(), settings,
                                                                    is_model)
                      for m in members}, field=info.discriminator)
    return AnyOf(tuple(compile_type(m, FieldInfo(), settings, is_model) for m in members))


def _tag_of(member: Any) -> str:
    tags = [m for m in typing.get_args(member)[1:] if isinstance(m, Tag)]
    assert tags, f"{member!r}: a member of a discriminated union needs a Tag"
    return tags[0].tag


def _kind_of(model: Any, field: str) -> str:
    """The one value a model's ``field`` (a one-value Literal) allows."""
    (value,) = typing.get_args(model.field_types()[field])
    return value
