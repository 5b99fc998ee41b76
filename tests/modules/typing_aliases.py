# typing: aliases print, compare and introspect as in CPython.
from typing import *
import typing

T = TypeVar("T")
K = TypeVar("K", bound=int)
V = TypeVar("V", int, str, covariant=True)
print(T, K, V, T.__name__, K.__bound__, V.__constraints__, TYPE_CHECKING)
print(Any, Optional[int], Union[int, str], Union[int, str, None], Union[int], Union[int, Union[str, int]])
print(List, List[int], Dict[str, List[int]], Tuple[int, ...], Tuple[()], Set[T], FrozenSet[int], Type[int])
print(Callable[[int, str], bool], Callable[..., int], Callable, Iterable[int], Iterator[str], Generator[int, None, None])
print(Optional[int] == Union[int, None], Union[int, str] == Union[str, int], List[int] == List[int], List[int] == List[str])
print(hash(List[int]) == hash(List[int]), Union[None, int], Optional[None], Optional[List[int]])
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(Optional[int]), get_args(Optional[int]))
print(get_origin(int), get_args(int), get_args(Callable[[int], str]), get_origin(Callable[[int], str]), get_origin(list[int]))
print(isinstance([], List), isinstance({}, Dict), isinstance([], Iterable), issubclass(list, Sequence), isinstance(3, Hashable))
print(isinstance({}, Mapping), isinstance((), MutableSequence), issubclass(dict, MutableMapping))
for bad in [lambda: isinstance([], List[int]), lambda: isinstance(1, Any), lambda: Union[()],
            lambda: Optional[int, str], lambda: List(), lambda: Dict[int]]:
    try:
        bad()
    except TypeError as e:
        print(e)
print(cast(int, "x"), cast("List[int]", 3), Literal[1, "a"], Final[int], ClassVar[int])
print(Annotated[int, "meta"], get_args(Annotated[int, "m"]), get_origin(Annotated[int, "m"]) is Annotated)
print(Text, AnyStr, NoReturn, Sequence[int], Mapping[str, int], MutableMapping, Deque[int], DefaultDict[str, int])
print(Counter[str], OrderedDict[str, int], ChainMap, List[Tuple[int, str]], Dict[str, Optional[int]])
print(ForwardRef("X"), List["X"], Dict[K, V][int, str], List[T][int], Type, Awaitable[int])
print(Coroutine[Any, Any, int], AsyncIterator[int], ContextManager[int], IO, TextIO, BinaryIO)
print(list[int], dict[str, list[int]], tuple[int, ...])
UserId = NewType("UserId", int)
print(UserId(5), UserId, type(UserId(5)).__name__)


@overload
def f(x: int) -> int: ...
@overload
def f(x: str) -> str: ...
def f(x):
    return x


print(f(3), f("s"))


@final
class Fin:
    pass


print(Fin.__final__)


def g(a: int, b: "str" = "x") -> List["int"]:
    pass


class HasAnn:
    a: int
    b: "List[str]"
    c: ClassVar[int] = 1


def h(x: Optional[int] = None, y: None = None): pass


print(get_type_hints(g))
print(get_type_hints(HasAnn))
print(get_type_hints(h))
print(g.__annotations__, HasAnn.__annotations__)
Alias = Dict[str, Tuple[int, int]]


def uses(d: Alias, cb: Callable[[int], None] = print) -> Iterator[int]:
    yield from d


print(list(uses({"a": (1, 2)})))
