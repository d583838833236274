"""How a model declares its fields: defaults, constraints, aliases, validators.

The spelling is pydantic's (``Field(None, ge=1)``, ``field_validator("date", mode="before")``)
so the models read as any Python developer expects; only what deckbuilder's models use is
here.
"""

from __future__ import annotations

from typing import Any, Callable

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


class FieldInfo:
    """A field's default, documentation and constraints (``Field(...)``), or constraints
    alone inside ``Annotated[...]``. (A plain class: a dataclass costs a millisecond to
    create, and these are made at import.)"""

    SETTINGS = ("default", "default_factory", "description", "alias", "discriminator", "ge",
                "le", "gt", "min_length", "max_length", "pattern", "allow_inf_nan")
    __slots__ = SETTINGS
    default: Any
    default_factory: Callable[[], Any] | None
    description: str | None
    alias: str | None
    discriminator: str | None
    ge: float | None
    le: float | None
    gt: float | None
    min_length: int | None
    max_length: int | None
    pattern: str | None
    allow_inf_nan: bool | None

    def __init__(self, default: Any = MISSING, **settings: Any) -> None:
        unknown = set(settings) - set(self.SETTINGS)
        assert not unknown, f"unknown field settings: {unknown}"
        self.default = default
        for name in self.SETTINGS[1:]:
            setattr(self, name, settings.get(name))

    @property
    def required(self) -> bool:
        return self.default is MISSING and self.default_factory is None

    def merged(self, other: "FieldInfo") -> "FieldInfo":
        """``self`` with the settings ``other`` gives (the outer ``Field`` wins)."""
        merged = FieldInfo()
        for name in self.SETTINGS:
            given = getattr(other, name)
            unset = MISSING if name == "default" else None
            setattr(merged, name, getattr(self, name) if given is unset else given)
        return merged

    def make_default(self) -> Any:
        return self.default_factory() if self.default_factory is not None else self.default


def Field(default: Any = MISSING, **settings: Any) -> Any:  # noqa: N802 (pydantic's name)
    """A field's settings; typed ``Any`` so ``x: int = Field(1, ge=0)`` type-checks."""
    return FieldInfo(default=default, **settings)


class Tag:
    """Names one member of a union chosen by a :class:`Discriminator`."""

    __slots__ = ("tag",)

    def __init__(self, tag: str) -> None:
        self.tag = tag


class Discriminator:
    """Chooses a union's member by ``function(value)`` (a :class:`Tag`'s name, or None:
    the value fits no member, reported as ``custom_error_message``)."""

    __slots__ = ("function", "custom_error_type", "custom_error_message")

    def __init__(self, function: Callable[[Any], str | None],
                 custom_error_type: str = "union_tag_invalid",
                 custom_error_message: str = "Input does not match any member of the union"
                 ) -> None:
        self.function = function
        self.custom_error_type = custom_error_type
        self.custom_error_message = custom_error_message


class FieldValidator:
    """A function a model runs on fields ``names`` (``"*"``: every field), ``before`` or
    ``after`` their type is checked."""

    __slots__ = ("function", "names", "mode")

    def __init__(self, function: Any, names: tuple[str, ...], mode: str) -> None:
        self.function = function
        self.names = names
        self.mode = mode

    def applies_to(self, name: str) -> bool:
        return "*" in self.names or name in self.names

    def __call__(self, owner: type, value: Any) -> Any:
        function = self.function
        if isinstance(function, classmethod):
            return function.__get__(None, owner)(value)
        return function(value)


class ModelValidator:
    """A method run on a model once its fields are valid; returns the model (or a copy)."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function


def field_validator(*names: str, mode: str = "after") -> Callable[[Any], FieldValidator]:
    assert mode in ("before", "after"), mode
    return lambda function: FieldValidator(function, names, mode)


def model_validator(*, mode: str) -> Callable[[Any], ModelValidator]:
    assert mode == "after", "only 'after' model validators are supported"
    return ModelValidator
