"""Typed models checked without pydantic: the deck, chart spec and theme models.

pydantic cost a fifth of a warm build before any work: importing it and building the
validators of some 35 models took about 90 ms on every run (issue 19). These models need
a small part of it: fields with defaults and constraints, unions (some chosen by a tag),
before/after validators, errors with locations and pydantic's wording. The JSON Schema of
the deck format is generated from the same declarations (``json_schema.py``).
"""

from typing import Annotated

from .fields import Discriminator, Field, FieldInfo, Tag, field_validator, model_validator
from .model import ConfigDict, Model, ValidationError

FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]

__all__ = ["ConfigDict", "Discriminator", "Field", "FieldInfo", "FiniteFloat", "Model", "Tag",
           "ValidationError", "field_validator", "model_validator"]
