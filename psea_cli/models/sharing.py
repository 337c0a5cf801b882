"""Lighter models kept in their thousands: the records of a loaded dataset.

Pydantic gives each model object its own set of the names of the fields its file wrote
(``model_fields_set``). A case record is about ten objects (the case, the survivor, the
perpetrator, the consent, each event), and those sets are 40 % of what a loaded record weighs
in memory: 250 MB of a report made on 100,000 records. Yet a store holds only a dozen
different ones. ``share_fields_sets`` gives every object of a frozen model the one set equal
to its own, so the others are let go as the records are built.

Only frozen models share: nothing may add a name to a frozen model's set (pydantic adds one
on assignment, which a frozen model refuses), and ``model_copy`` copies the set before it
changes it.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

# model class -> (the fields that may hold models, or None for a class that is not frozen;
# the sets already met: a store holds a dozen in all)
_TABLE: dict[type[BaseModel], tuple[tuple[str, ...] | None, list[set[str]]]] = {}
_set_attribute = object.__setattr__


def share_fields_sets(model: BaseModel) -> None:
    """Give ``model`` and the frozen models it holds the shared set equal to their own."""
    entry = _TABLE.get(type(model))
    if entry is None:
        entry = _TABLE[type(model)] = (_plan(type(model)), [])
    plan, known = entry
    if plan is None:
        return
    names = model.__pydantic_fields_set__
    for shared in known:
        if shared == names:
            _set_attribute(model, "__pydantic_fields_set__", shared)
            break
    else:
        if len(known) < 64:  # a bound, should records ever differ without end
            known.append(names)
    held = model.__dict__
    for name in plan:
        value = held[name]
        if isinstance(value, BaseModel):
            share_fields_sets(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, BaseModel):
                    share_fields_sets(item)


def _plan(cls: type[BaseModel]) -> tuple[str, ...] | None:
    """The fields of ``cls`` whose type names a model (None when ``cls`` is not frozen)."""
    if not cls.model_config.get("frozen"):
        return None
    return tuple(name for name, field in cls.model_fields.items()
                 if _names_a_model(field.annotation))


def _names_a_model(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_names_a_model(argument) for argument in typing.get_args(annotation))
