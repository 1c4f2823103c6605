"""``@dataclass``, done when a class is first used rather than when it is defined.

``dataclasses`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``
and, for a frozen class, ``__setattr__`` and ``__delattr__`` as source text and
compiles it: about 1 ms per class on the benchmark machine, a third of a warm
command's imports (issue 17). A warm ``status`` or ``due`` imports some 45 such
classes and creates objects of about half of them: a task, a notice, a completion are
read back only by the commands that show them.

:func:`dataclass` takes the same options and leaves in the class, in place of those
methods, stand-ins that make the class with :func:`dataclasses.dataclass` the first
time any of them is used (an object compared, hashed, printed, unpickled and then
used; the class's ``__dataclass_fields__`` read by :func:`dataclasses.fields`,
``replace``, ``asdict``, ``is_dataclass``, or its ``__match_args__`` by ``match``).
From then on the class is exactly what ``@dataclasses.dataclass`` makes of it, in
place: the same class object, so ``isinstance``, pickling and subclasses hold. Type
checkers see ``dataclasses.dataclass`` itself.

Making an object is the one use a warm run makes of most of them (its settings, its
registry, its report), and ``dataclasses`` itself costs 6 ms to import (it imports
``inspect``, ``ast``, ``dis``, ``tokenize``) and 6-11 ms to make the 19 classes a warm
``due`` creates. So the first ``__init__`` of a plain class (no base with fields, no
``kw_only``, no ``ClassVar``) writes only the ``__init__`` that ``dataclasses`` would
(the same parameters, defaults and factories, ``__post_init__`` called) and leaves
the other stand-ins waiting. A field's options are written with this module's
:func:`field`, which imports nothing either.

``slots=True`` makes a new class, which cannot be done later: it is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

#: The methods ``dataclasses`` may write (``order=True`` adds the comparisons).
_METHODS = ("__init__", "__repr__", "__eq__", "__hash__")
#: Those a frozen class has besides.
_FROZEN = ("__setattr__", "__delattr__")
_ORDER = ("__lt__", "__le__", "__gt__", "__ge__")
#: What ``dataclasses`` sets on the class that callers read as an attribute.
_ATTRIBUTES = ("__dataclass_fields__", "__dataclass_params__", "__match_args__")
#: Where a pending class keeps the names of its stand-ins, its options and the
#: options of its fields written with :func:`field`.
_PENDING = "_lazyclass_pending"
#: The options of a class whose ``__init__`` can be written here.
_PLAIN = frozenset({"frozen", "eq", "order", "repr", "unsafe_hash"})
#: Words of an annotation that ``dataclasses`` reads as more than a field.
_SPECIAL = ("ClassVar", "InitVar", "KW_ONLY")


class _Field:
    """What :func:`field` was told; a ``dataclasses.field`` when the class is made."""

    __slots__ = ("options",)

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options


class _Missing:
    """No default given (``dataclasses.MISSING``, which this module does not import)."""


_MISSING = _Missing()


class _Factory:
    """The default of a parameter whose field has a factory (``dataclasses``'s own
    ``_HAS_DEFAULT_FACTORY``)."""

    def __repr__(self) -> str:
        return "<factory>"


_HAS_FACTORY = _Factory()


def _make(cls: type) -> None:
    """Make ``cls`` the dataclass it was declared to be, once: its stand-ins go first."""
    pending = cls.__dict__.get(_PENDING)
    if pending is None:
        return  # made already (a stand-in that was bound before that)
    import dataclasses

    names, options, fields = pending
    delattr(cls, _PENDING)
    for name in names:
        delattr(cls, name)
    # The class as it was declared: each field's options where field() was written.
    for name, given in fields.items():
        setattr(cls, name, dataclasses.field(**given))
    dataclasses.dataclass(cls, **options)


def _written_init(cls: type) -> Any:
    """The ``__init__`` that ``dataclasses`` writes for ``cls``, or None if ``cls`` is
    not plain enough to write it here (then the whole class is made)."""
    _, options, fields = cls.__dict__[_PENDING]
    if not _PLAIN.issuperset(options) or any(
        "__dataclass_fields__" in vars(base) for base in cls.__mro__[1:]
    ):
        return None  # a base's fields come first: dataclasses knows how
    if not options.get("frozen") and cls.__setattr__ is not object.__setattr__:
        return None  # dataclasses assigns through it
    params: list[str] = []
    lines: list[str] = []
    space: dict[str, Any] = {"_set": object.__setattr__, "_HAS_FACTORY": _HAS_FACTORY}
    defaulted = False
    # The class's own annotations, as dataclasses reads them (inspect is not imported).
    for name, note in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
        if not isinstance(note, str) or any(word in note for word in _SPECIAL):
            return None
        given = fields.get(name)
        if given is None:
            default = cls.__dict__.get(name, _MISSING)
            if type(default).__module__ == "dataclasses":
                return None  # dataclasses's own field()
            given = {} if default is _MISSING else {"default": default}
        if not _PLAIN_FIELD.issuperset(given) or type(given.get("default")).__hash__ is None:
            return None  # a mutable default: dataclasses refuses it, let it say so
        factory = given.get("default_factory", _MISSING)
        default = given.get("default", _MISSING)
        if factory is not _MISSING:
            space[f"_dflt_{name}"] = factory
            value = f"_dflt_{name}()"
            if given.get("init", True):
                value = f"{value} if {name} is _HAS_FACTORY else {name}"
                params.append(f"{name}=_HAS_FACTORY")
                defaulted = True
        elif not given.get("init", True):
            continue  # the class's attribute is its default
        elif default is not _MISSING:
            space[f"_dflt_{name}"] = default
            value = name
            params.append(f"{name}=_dflt_{name}")
            defaulted = True
        elif defaulted:
            return None  # dataclasses refuses it: let it say so
        else:
            value = name
            params.append(name)
        lines.append(f"  _set(self, {name!r}, {value})")
    if "__post_init__" in dir(cls):
        lines.append("  self.__post_init__()")
    source = f"def __init__({', '.join(['self', *params])}):\n" + "\n".join(lines or ["  pass"])
    exec(source, space)  # our own text, as dataclasses does
    init = space["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


#: The options of a field that the written ``__init__`` honours (the others are read
#: by the methods that are still stand-ins).
_PLAIN_FIELD = frozenset({"default", "default_factory", "init", "repr", "hash", "compare"})


def _init(cls: type) -> Any:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        pending = cls.__dict__.get(_PENDING)
        written = None if pending is None else _written_init(cls)
        if written is None:
            _make(cls)
        else:
            cls.__init__ = written  # type: ignore[misc]
        # The class's own method, not self's: a subclass's __init__ may call this one.
        cls.__init__(self, *args, **kwargs)  # type: ignore[misc]

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


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
    wanted = (
        _METHODS
        + (_FROZEN if options.get("frozen") else ())
        + (_ORDER if options.get("order") else ())
    )
    # A method the class writes itself is its own, as @dataclass leaves it.
    names = tuple(n for n in wanted if n not in cls.__dict__)
    for name in names:
        setattr(cls, name, _init(cls) if name == "__init__" else _method(cls, name))
    attributes = tuple(n for n in _ATTRIBUTES if n not in cls.__dict__)
    for name in attributes:
        setattr(cls, name, _Attribute(cls, name))
    # A field written with field(): its default is the class's attribute, as
    # dataclasses leaves it, until the class is made.
    fields = {n: v.options for n, v in list(cls.__dict__.items()) if isinstance(v, _Field)}
    for name, given in fields.items():
        if "default" in given:
            setattr(cls, name, given["default"])
        else:
            delattr(cls, name)
    setattr(cls, _PENDING, ((*names, *attributes), options, fields))
    return cls


if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
    from dataclasses import field as field
else:

    def field(**options: Any) -> Any:
        """``dataclasses.field`` (same options) for a class of :func:`dataclass`."""
        return _Field(options)

    def dataclass(cls: type | None = None, /, **options: Any) -> Any:
        """``@dataclasses.dataclass`` (same options), done at the class's first use."""
        if cls is None:
            return lambda later: _defer(later, options)
        return _defer(cls, options)


__all__ = ["dataclass", "field"]
