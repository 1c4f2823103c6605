"""``@dataclass``, done when a class is first used rather than when it is defined.

``dataclasses`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``
and, for a frozen class, ``__setattr__`` and ``__delattr__`` as source text and
compiles it: about 1 ms per class on the benchmark machine, a third of a warm
command's imports (issue 17). A warm ``status`` or ``due`` imports some 45 such
classes and creates objects of about half of them: a task, a notice, a completion are
read back only by the commands that show them.

:func:`dataclass` takes the same options and leaves in the class, in place of those
methods, stand-ins that make the class with :func:`dataclasses.dataclass` the first
time any of them is used (an object made, compared, hashed, printed, unpickled and
then used; the class's ``__dataclass_fields__`` read by :func:`dataclasses.fields`,
``replace``, ``asdict``, ``is_dataclass``, or its ``__match_args__`` by ``match``).
From then on the class is exactly what ``@dataclasses.dataclass`` makes of it, in
place: the same class object, so ``isinstance``, pickling and subclasses hold. Type
checkers see ``dataclasses.dataclass`` itself.

``slots=True`` makes a new class, which cannot be done later: it is refused.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

#: The methods ``dataclasses`` may write (``order=True`` adds the comparisons).
_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
_ORDER = ("__lt__", "__le__", "__gt__", "__ge__")
#: What ``dataclasses`` sets on the class that callers read as an attribute.
_ATTRIBUTES = ("__dataclass_fields__", "__dataclass_params__", "__match_args__")
#: Where a pending class keeps the names of its stand-ins and its options.
_PENDING = "_lazyclass_pending"


def _make(cls: type) -> None:
    """Make ``cls`` the dataclass it was declared to be, once: its stand-ins go first."""
    pending = cls.__dict__.get(_PENDING)
    if pending is None:
        return  # made already (a stand-in that was bound before that)
    names, options = pending
    delattr(cls, _PENDING)
    for name in names:
        delattr(cls, name)
    dataclasses.dataclass(cls, **options)


def _method(cls: type, name: str) -> Any:
    def stand_in(self: Any, *args: Any, **kwargs: Any) -> Any:
        _make(cls)
        # The class's own method, not self's: a subclass's __init__ may call this one.
        made = getattr(cls, name)
        if made is None:  # __hash__ of a class that compares and is not frozen
            raise TypeError(f"unhashable type: {type(self).__name__!r}")
        return made(self, *args, **kwargs)

    stand_in.__name__ = stand_in.__qualname__ = name
    return stand_in


class _Attribute:
    """A class attribute that makes its class first, then is what the dataclass set."""

    def __init__(self, cls: type, name: str) -> None:
        self.cls = cls
        self.name = name

    def __get__(self, instance: object, owner: type) -> Any:
        _make(self.cls)
        return getattr(owner if instance is None else instance, self.name)


def _defer(cls: type, options: dict[str, Any]) -> type:
    if options.get("slots"):
        raise TypeError(f"{cls.__qualname__}: slots=True cannot wait for the first use")
    wanted = _METHODS + (_ORDER if options.get("order") else ())
    # A method the class writes itself is its own, as @dataclass leaves it.
    names = tuple(n for n in wanted if n not in cls.__dict__)
    for name in names:
        setattr(cls, name, _method(cls, name))
    attributes = tuple(n for n in _ATTRIBUTES if n not in cls.__dict__)
    for name in attributes:
        setattr(cls, name, _Attribute(cls, name))
    setattr(cls, _PENDING, ((*names, *attributes), options))
    return cls


if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:

    def dataclass(cls: type | None = None, /, **options: Any) -> Any:
        """``@dataclasses.dataclass`` (same options), done at the class's first use."""
        if cls is None:
            return lambda later: _defer(later, options)
        return _defer(cls, options)


__all__ = ["dataclass"]
