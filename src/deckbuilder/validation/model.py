"""The base class of deckbuilder's typed models (deck, chart spec, theme).

A model declares fields as annotated class attributes, as with pydantic or dataclasses;
the checks for them are compiled on first use (annotations are strings until then, so
forward references resolve). Validation collects every problem in the input, with its
location, before giving up, as :func:`deckbuilder.model.validate_deck` reports them all.
"""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
import sys
import typing
from typing import Any, ClassVar, Iterator

from .checks import FAIL, Check, Errors, Loc, Settings, compile_type, error
from .fields import MISSING, FieldInfo, FieldValidator, ModelValidator

CONFIG_KEYS = frozenset({"extra", "coerce_numbers_to_str", "frozen", "str_max_length",
                         "populate_by_name"})


class ValidationError(ValueError):
    """Input a model does not accept; :meth:`errors` lists each problem."""

    def __init__(self, title: str, errors: Errors) -> None:
        self.title = title
        self._errors = errors
        lines = [f"{len(errors)} validation error{'s' if len(errors) != 1 else ''} for {title}"]
        for item in errors:
            lines += [".".join(map(str, item["loc"])) or title, f"  {item['msg']}"]
        super().__init__("\n".join(lines))

    def errors(self, include_url: bool = False) -> Errors:
        return [dict(item) for item in self._errors]


def ConfigDict(**settings: Any) -> dict[str, Any]:  # noqa: N802 (pydantic's name)
    unknown = set(settings) - CONFIG_KEYS
    assert not unknown, f"unknown model settings: {unknown}"
    return settings


class Model:
    """Fields from annotations; ``model_config`` (merged down the class tree) sets
    ``extra="forbid"``, ``frozen``, ``coerce_numbers_to_str``, ``str_max_length`` and
    ``populate_by_name``."""

    __slots__ = ("__dict__", "_fields_set")
    model_config: ClassVar[dict[str, Any]] = {}
    model_fields: ClassVar[dict[str, FieldInfo]] = {}
    _settings: ClassVar[dict[str, Any]] = {}
    _validators: ClassVar[tuple[FieldValidator, ...]] = ()
    _model_validators: ClassVar[tuple[ModelValidator, ...]] = ()
    _compiled: ClassVar[dict[str, Check] | None] = None
    _field_validators: ClassVar[dict[str, tuple[FieldValidator, ...]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._settings = {**cls._settings, **cls.__dict__.get("model_config", {})}
        found: dict[str, FieldInfo] = dict(cls.model_fields)
        for name in cls.__dict__.get("__annotations__", {}):
            if name.startswith("_") or name in ("model_config",):
                continue
            default = cls.__dict__.get(name, MISSING)
            if name in cls.__dict__:
                delattr(cls, name)   # values live on instances, defaults in model_fields
            # a redeclared field keeps its inherited place, as in pydantic
            found[name] = default if isinstance(default, FieldInfo) else FieldInfo(default)
        cls.model_fields = found
        own = list(cls.__dict__.values())
        cls._validators = (*cls._validators, *(v for v in own if isinstance(v, FieldValidator)))
        cls._model_validators = (*cls._model_validators,
                                 *(v for v in own if isinstance(v, ModelValidator)))
        cls._compiled = None

    # ----- building ------------------------------------------------------------------

    @classmethod
    def field_types(cls) -> dict[str, Any]:
        """Each field's annotation, resolved in the module that declared it."""
        hints: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            if issubclass(klass, Model) and klass is not Model:
                names = vars(sys.modules[klass.__module__])
                for name, hint in klass.__dict__.get("__annotations__", {}).items():
                    if name in cls.model_fields:
                        hints[name] = typing._eval_type(  # type: ignore[attr-defined]
                            typing.ForwardRef(hint) if isinstance(hint, str) else hint,
                            names, dict(vars(klass)))
        return hints

    @classmethod
    def _checks(cls) -> dict[str, Check]:
        if cls.__dict__.get("_compiled") is None:
            settings = Settings(bool(cls._settings.get("coerce_numbers_to_str")),
                                cls._settings.get("str_max_length"))
            types = cls.field_types()
            cls._compiled = {
                name: compile_type(types[name], info, settings,
                                   lambda t: isinstance(t, type) and issubclass(t, Model))
                for name, info in cls.model_fields.items()}
            cls._field_validators = {
                name: tuple(v for v in cls._validators if v.applies_to(name))
                for name in cls.model_fields}
        assert cls._compiled is not None
        return cls._compiled

    @classmethod
    def validate_value(cls, value: Any, loc: Loc, errors: Errors, strict: bool) -> Any:
        """``value`` as an instance of this model, or :data:`FAIL` with ``errors`` added."""
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            return error(errors, "model_type", loc, "Input should be a valid dictionary or "
                         f"instance of {cls.__name__}", value)
        before = len(errors)
        checks = cls._checks()
        values: dict[str, Any] = {}
        given: set[str] = set()
        keys: set[Any] = set()
        for name, info in cls.model_fields.items():
            key = info.alias or name
            keys.add(key)
            if key not in value and cls._settings.get("populate_by_name") and name in value:
                key = name
                keys.add(name)
            if key not in value:
                if info.required:
                    error(errors, "missing", (*loc, key), "Field required", value)
                else:
                    values[name] = info.make_default()
                continue
            given.add(name)
            values[name] = cls._field(name, value[key], checks[name], (*loc, key), errors,
                                      strict)
        if cls._settings.get("extra") == "forbid":
            for key in value:
                if key not in keys:
                    error(errors, "extra_forbidden", (*loc, key),
                          "Extra inputs are not permitted", value[key])
        if len(errors) > before:
            return FAIL
        model = cls._made(values, given)
        for validator in cls._model_validators:
            try:
                model = validator.function(model)
            except ValueError as exc:
                return error(errors, "value_error", loc, f"Value error, {exc}", value)
        return model

    @classmethod
    def _field(cls, name: str, raw: Any, check: Check, loc: Loc, errors: Errors,
               strict: bool) -> Any:
        validators = cls._field_validators[name]  # listed by _checks(), called first
        try:
            for validator in validators:
                if validator.mode == "before":
                    raw = validator(cls, raw)
            result = check(raw, loc, errors, strict)
            if result is FAIL:
                return FAIL
            for validator in validators:
                if validator.mode == "after":
                    result = validator(cls, result)
            return result
        except ValueError as exc:
            return error(errors, "value_error", loc, f"Value error, {exc}", raw)

    @classmethod
    def _made(cls, values: dict[str, Any], given: set[str]) -> Any:
        model = object.__new__(cls)
        object.__setattr__(model, "__dict__", values)
        object.__setattr__(model, "_fields_set", frozenset(given))
        return model

    @classmethod
    def model_validate(cls, value: Any) -> Any:
        errors: Errors = []
        model = cls.validate_value(value, (), errors, False)
        if model is FAIL:
            raise ValidationError(cls.__name__, errors)
        return model

    def __init__(self, **values: Any) -> None:
        made = type(self).model_validate(values)
        object.__setattr__(self, "__dict__", made.__dict__)
        object.__setattr__(self, "_fields_set", made._fields_set)

    # ----- using ---------------------------------------------------------------------

    @property
    def model_fields_set(self) -> frozenset[str]:
        """The fields the input gave (a default is not given)."""
        return self._fields_set

    def model_copy(self, update: dict[str, Any] | None = None) -> Any:
        """A shallow copy with ``update``'s values (not validated)."""
        values = {**self.__dict__, **(update or {})}
        return type(self)._made(values, self._fields_set | set(update or ()))

    def model_dump(self, exclude: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
        return {name: _dumped(value) for name, value in self.__dict__.items()
                if name not in exclude}

    def model_dump_json(self, exclude: set[str] | frozenset[str] = frozenset()) -> str:
        """Compact JSON of the fields: a stable key for caches."""
        return json.dumps(self.model_dump(exclude), ensure_ascii=False, separators=(",", ":"),
                          default=str)

    def __setattr__(self, name: str, value: Any) -> None:
        if type(self)._settings.get("frozen"):
            raise FrozenInstanceError(f"{type(self).__name__} is frozen; use "
                                      "model_copy(update=...)")
        if name not in type(self).model_fields:
            raise AttributeError(f"{type(self).__name__} has no field '{name}'")
        self.__dict__[name] = value

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        if not type(self)._settings.get("frozen"):
            raise TypeError(f"unhashable type: '{type(self).__name__}'")
        return hash((type(self), tuple(self.__dict__.values())))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({shown})"

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return iter(self.__dict__.items())

    def __getstate__(self) -> dict[str, Any]:
        return {"values": self.__dict__, "given": self._fields_set}

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "__dict__", state["values"])
        object.__setattr__(self, "_fields_set", state["given"])


def _dumped(value: Any) -> Any:
    if isinstance(value, Model):
        return value.model_dump()
    if isinstance(value, (list, tuple)):
        return [_dumped(item) for item in value]
    if isinstance(value, dict):
        return {key: _dumped(item) for key, item in value.items()}
    return value

