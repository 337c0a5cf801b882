"""What a file that breaks its schema still holds that is valid on its own.

A file that breaks its schema stays out of the dataset: no indicator, report or view reads
it. But its focal points, its services, a case record's references and note, are each valid
or not on their own, and the checks of single values (a phone against its numbering plan, a
region or an organisation that must exist, a note that must identify no one) can judge the
valid ones in the same run: a focal point does not wait for the next commit to learn that a
phone is too short.

``salvage(model, data)`` is ``data`` as a ``model`` once the parts that break the schema are
set aside: a key the model does not know, an optional field whose value is wrong (its
default stands in: nothing, an empty list), and, inside a nested model or a list of them,
the same again, so that a list keeps every item at its index. A part that cannot be set
aside (a required field wrong or missing, an item of a list that cannot be saved, a rule
across fields) leaves nothing: None. The parts set aside are the ones the schema's problems
are reported at, so no value is judged twice for one fault.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

DEPTH = 8
"""How deep nested models are pruned; below, a wrong part sets aside its whole field."""


def salvage(model: type[M], data: object) -> M | None:
    """``data`` as a ``model`` with its invalid parts set aside, or None (see the module)."""
    pruned = _pruned(model, data, DEPTH)
    if pruned is None:
        return None
    try:
        return model.model_validate(pruned)
    except (ValidationError, RecursionError, ValueError, TypeError):
        return None


def entries(model: type[M], data: object, key: str) -> Iterator[tuple[int, M]]:
    """(index, entry) of each item of the list under ``key`` in the mapping ``data`` that
    ``salvage`` saves as a ``model`` (a focal point of an organisation's file, a service)."""
    items = data.get(key) if isinstance(data, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else ()):
        saved = salvage(model, item)
        if saved is not None:
            yield index, saved


def _errors(model: type[BaseModel], data: dict[Any, Any]) -> list[tuple[Any, ...]] | None:
    """The locations of ``data``'s errors as a ``model`` (empty when valid), or None when
    validation itself fails (too deep)."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return [tuple(error["loc"]) for error in exc.errors(include_url=False)]
    except (RecursionError, ValueError, TypeError):
        return None
    return []


def _pruned(model: type[BaseModel], data: object, depth: int) -> dict[Any, Any] | None:
    """``data`` without its invalid parts, or None when one cannot be set aside."""
    if not isinstance(data, dict) or depth < 0:
        return None
    errors = _errors(model, data)
    if errors is None or any(not loc for loc in errors):
        return None  # too deep, or a rule across the fields of the whole: nothing to save
    kept = dict(data)
    for name in {str(loc[0]) for loc in errors}:
        keys = [key for key in data if str(key) == name]
        info = model.model_fields.get(name)
        if info is None:  # a key the model does not know
            for key in keys:
                del kept[key]
            continue
        saved = _saved_field(info.annotation, data.get(name), depth) if name in data else None
        if saved is not None:
            kept[name] = saved
        elif info.is_required():
            return None
        else:
            for key in keys:
                del kept[key]
    return kept if _errors(model, kept) == [] else None


def _saved_field(annotation: Any, value: object, depth: int) -> object | None:
    """The value of a field whose type is a model or a list of models, pruned; None when it
    is of another type or cannot be saved whole (every item of a list)."""
    inner = _model_in(annotation)
    if inner is not None:
        return _pruned(inner, value, depth - 1)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation) or (None,)
        item_model = _model_in(item)
        if item_model is None or not isinstance(value, list):
            return None
        items = [_pruned(item_model, element, depth - 1) for element in value]
        return None if any(element is None for element in items) else items
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model of ``annotation`` (``Model`` or ``Model | None``), or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        found = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(found) == 1:
            return _model_in(found[0])
    return None
