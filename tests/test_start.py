"""Start-up (issue 17): classes made at their first use are the dataclasses they say."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from cchc_cli.core.lazyclass import dataclass, field


def pending(cls: type) -> bool:
    """Not made yet: a made dataclass keeps its fields in a dict of its own."""
    return not isinstance(cls.__dict__.get("__dataclass_fields__"), dict)


@dataclass(frozen=True)
class Point:
    """A frozen class with a default and a factory."""

    x: int
    y: int = 0
    tags: dict[str, int] = dataclasses.field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Labelled(Point):
    """A frozen subclass of a pending class."""

    label: str = ""


@dataclass
class Counter:
    """A mutable class: it compares, so it has no hash."""

    count: int = 0


@dataclass(order=True)
class Version:
    """Compared in order of its fields."""

    major: int
    minor: int = 0


@dataclass(frozen=True)
class Own:
    """A class that writes its own repr and equality."""

    name: str

    def __repr__(self) -> str:
        return f"<{self.name}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Own) and other.name.lower() == self.name.lower()

    def __hash__(self) -> int:
        return hash(self.name.lower())


def test_a_class_waits_for_its_first_use_then_is_the_dataclass_it_says():
    @dataclass(frozen=True)
    class Fresh:
        """Made below."""

        a: int
        b: str = "b"

    assert pending(Fresh)
    made = Fresh(1)
    assert pending(Fresh)  # an object made: only its __init__ written
    assert made == Fresh(1, "b")
    assert not pending(Fresh)
    assert made == Fresh(1, "b") and hash(made) == hash((1, "b"))
    assert repr(made) == f"{Fresh.__qualname__}(a=1, b='b')"
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.a = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del made.a  # type: ignore[misc]
    assert Fresh.__match_args__ == ("a", "b")


def check_like_eager(lazy: Any, eager: Any, *args: Any) -> None:
    one, other = lazy(*args), eager(*args)
    assert repr(one).split("(", 1)[1] == repr(other).split("(", 1)[1]
    assert (one == lazy(*args), hash(one) == hash(lazy(*args))) == (True, True)
    assert [f.name for f in dataclasses.fields(one)] == [f.name for f in dataclasses.fields(other)]
    assert dataclasses.asdict(one) == dataclasses.asdict(other)
    assert lazy.__dataclass_params__.__repr__() == eager.__dataclass_params__.__repr__()


def test_what_is_made_is_what_dataclasses_makes():
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0
        tags: dict[str, int] = dataclasses.field(default_factory=dict, compare=False)

    check_like_eager(globals()["Point"], Point, 3, 4)


@pytest.mark.parametrize(
    "use",
    [
        lambda cls: dataclasses.fields(cls),
        lambda cls: dataclasses.is_dataclass(cls) or 1 / 0,
        lambda cls: cls.__match_args__,
        lambda cls: cls.__dataclass_fields__,
    ],
)
def test_asking_the_class_about_its_fields_makes_it(use):
    @dataclass(frozen=True)
    class Asked:
        """Asked first, made then."""

        a: int

    use(Asked)
    assert not pending(Asked)
    assert [f.name for f in dataclasses.fields(Asked)] == ["a"]


def test_a_subclass_makes_its_base_and_keeps_every_field():
    item = Labelled(1, 2, {}, "p")
    assert not pending(Point)
    assert item == Labelled(1, 2, {"other": 1}, "p")
    assert item != Point(1, 2)
    assert dataclasses.replace(item, label="q") == Labelled(1, 2, label="q")
    assert repr(item) == "Labelled(x=1, y=2, tags={}, label='p')"


def test_a_plain_subclass_that_calls_the_pending_init_gets_it():
    @dataclass(frozen=True)
    class Base:
        """Made from a subclass's __init__."""

        a: int

    class Sub(Base):
        def __init__(self, a: int) -> None:
            super().__init__(a * 2)

    assert Sub(2).a == 4


def test_a_mutable_class_stays_unhashable_and_ordered_classes_compare():
    with pytest.raises(TypeError, match="unhashable"):
        hash(Counter())
    counter = Counter()
    counter.count += 1
    assert counter == Counter(1)
    versions = [Version(2), Version(1, 5), Version(1)]
    assert sorted(versions) == [Version(1), Version(1, 5), Version(2)]


def test_methods_the_class_writes_are_its_own():
    assert Own("A") == Own("a")
    assert repr(Own("A")) == "<A>"
    assert hash(Own("A")) == hash("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Own("A").name = "b"  # type: ignore[misc]


def test_objects_pickle_and_copy():
    item = Labelled(1, 2, {"a": 1}, "p")
    assert pickle.loads(pickle.dumps(item)) == item
    assert copy.deepcopy(item) == item and copy.copy(item) == item


def test_an_object_made_without_init_waits_no_longer_for_the_class():
    @dataclass(frozen=True)
    class Bare:
        """An object made by __new__ (as unpickling does) before the class is made."""

        a: int

    obj = Bare.__new__(Bare)
    obj.__dict__["a"] = 1
    assert pending(Bare)
    assert repr(obj) == f"{Bare.__qualname__}(a=1)"
    assert not pending(Bare)
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.a = 2  # type: ignore[misc]


def test_an_unpickled_object_of_a_pending_class_is_frozen():
    @dataclass(frozen=True)
    class Bare:
        """Set before anything else touched the class."""

        a: int

    obj = Bare.__new__(Bare)
    obj.__dict__["a"] = 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.a = 2  # type: ignore[misc]
    assert obj == Bare(1) and hash(obj) == hash(Bare(1))


def full() -> Any:
    """A new pending class (each test its own)."""

    @dataclass(frozen=True)
    class Full:
        """Every kind of field a written __init__ takes, and a __post_init__."""

        a: int
        b: str = "b"
        c: list[int] = field(default_factory=list)
        d: int = field(default=4, compare=False)
        e: dict[str, int] = field(default_factory=dict, init=False)
        f: int = field(default=6, init=False, repr=False)

        def __post_init__(self) -> None:
            object.__setattr__(self, "seen", self.a + self.d)

    return Full


@dataclasses.dataclass(frozen=True)
class FullEager:
    a: int
    b: str = "b"
    c: list[int] = dataclasses.field(default_factory=list)
    d: int = dataclasses.field(default=4, compare=False)
    e: dict[str, int] = dataclasses.field(default_factory=dict, init=False)
    f: int = dataclasses.field(default=6, init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "seen", self.a + self.d)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((1,), {}), ((1, "x", [2], 5), {}), ((), {"a": 1, "d": 9}), ((1,), {"c": [3]})],
)
def test_an_init_written_without_dataclasses_makes_what_dataclasses_makes(args, kwargs):
    Full = full()
    made, eager = Full(*args, **kwargs), FullEager(*args, **kwargs)
    assert pending(Full)
    assert vars(made) == vars(eager)
    assert Full.b == FullEager.b and Full.f == FullEager.f and "c" not in vars(Full)
    # Then the class made: the fields' options are the ones field() was told.
    assert made == dataclasses.replace(made, d=0) and made != Full(2)
    assert repr(made).split("(", 1)[1] == repr(eager).split("(", 1)[1]
    assert [(f.name, f.compare, f.init) for f in dataclasses.fields(Full)] == [
        (f.name, f.compare, f.init) for f in dataclasses.fields(FullEager)
    ]
    assert vars(Full(*args, **kwargs)) == vars(eager)


@pytest.mark.parametrize(
    ("args", "kwargs"), [((), {}), ((1, 2, 3, 4, 5), {}), ((1,), {"e": {}}), ((1,), {"a": 2})]
)
def test_a_written_init_refuses_what_dataclasses_refuses_in_its_words(args, kwargs):
    with pytest.raises(TypeError) as eager:
        FullEager(*args, **kwargs)
    Full = full()
    with pytest.raises(TypeError) as lazy:
        Full(*args, **kwargs)
    assert pending(Full)
    assert str(lazy.value).replace("full.<locals>.Full", "FullEager") == str(eager.value)


def test_a_class_dataclasses_refuses_is_refused_at_its_first_use():
    @dataclass
    class Mutable:
        """A list as a default."""

        a: list[int] = []  # noqa: RUF012

    @dataclass
    class Order:
        """A field without a default after one with."""

        a: int = 0
        b: int  # type: ignore[misc]

    with pytest.raises(ValueError, match="mutable default"):
        Mutable()
    with pytest.raises(TypeError, match="non-default argument 'b'"):
        Order(1, 2)


def test_a_mutable_class_is_set_without_being_made():
    counter = Counter(2)
    counter.count += 1
    assert counter.count == 3


def test_slots_cannot_wait():
    with pytest.raises(TypeError, match="slots"):

        @dataclass(slots=True)
        class Slotted:
            """Refused."""

            a: int


def test_the_days_of_a_month_are_the_calendar_modules():
    import calendar

    from cchc_cli.core.dates import month_days

    for year in (1, 1900, 2000, 2023, 2024, 9999):
        for month in range(1, 13):
            assert month_days(year, month) == calendar.monthrange(year, month)[1]


#: Reports, at the exit of a run, which of the notice's classes it made.
MADE = (
    "import atexit, sys\n"
    "def report():\n"
    "    from cchc_cli.core import model\n"
    "    names = ('Task', 'Notice', 'Completion', 'Person', 'Note', 'Config')\n"
    "    made = [n for n in names if isinstance(vars(getattr(model, n)).get("
    "'__dataclass_fields__'), dict)]\n"
    "    print(made, file=sys.__stderr__)\n"
    "atexit.register(report)\n"
    "sys.argv[0] = 'cchc'\n"
    "from cchc_cli.cli import main\n"
    "main()\n"
)


@pytest.mark.slow
@pytest.mark.parametrize(("args", "made"), [(["status"], []), (["show", "1.1"], [])])
def test_a_warm_run_makes_only_the_classes_it_creates(data_dir, args, made):
    import subprocess
    import sys

    warm = [sys.executable, "-c", MADE, "--as-of", "2023-12-15"]
    subprocess.run([*warm, "status"], capture_output=True, check=True)
    done = subprocess.run([*warm, *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # show reads a notice back: its objects are made, with the __init__ written here.
    assert done.stderr.splitlines()[-1] == repr(made)


#: Reports, at the exit of a run, which of the modules a warm read needs none of it
#: imported: those only making a class needs, and hashlib (a cache's file is found
#: without a digest, and a warm read checks none).
IMPORTED = (
    "import atexit, sys\n"
    "names = ('dataclasses', 'inspect', 'ast', 'dis', 'tokenize', 'hashlib', '_hashlib')\n"
    "atexit.register(lambda: print([n for n in names if n in sys.modules], file=sys.__stderr__))\n"
    "sys.argv[0] = 'cchc'\n"
    "from cchc_cli.cli import main\n"
    "main()\n"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["status"], ["due", "--before", "2023-12-10"], ["overdue"], ["due", "-f", "json"], ["units"]],
)
def test_a_warm_read_imports_no_dataclasses_nor_hashlib(data_dir, args):
    """Its settings, registry and report made with the __init__ written here; nothing
    asks for what only dataclasses knows (6 ms to import, 6-11 ms to make the classes)."""
    import subprocess
    import sys

    warm = [sys.executable, "-c", IMPORTED, "--as-of", "2023-12-15"]
    subprocess.run([*warm, "status"], capture_output=True, check=True, cwd=data_dir.parent)
    done = subprocess.run([*warm, *args], capture_output=True, text=True, cwd=data_dir.parent)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "[]"
