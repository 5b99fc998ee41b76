# pathlib: pure path arithmetic (no filesystem access).
import os
from pathlib import Path, PurePath, PurePosixPath, PosixPath

for s in ["a/b", "/a/b/", "a//b/./c", "", ".", "/", "//x", "///x", "a/../b", "~/x",
          "/etc/archive.tar.gz", ".bashrc", "a.", "..", "a/b.c/d"]:
    p = PurePath(s)
    print(repr(p), str(p), p.parts, repr(p.name), repr(p.stem), repr(p.suffix), p.suffixes, repr(p.parent),
          repr(p.anchor), repr(p.root), repr(p.drive), p.is_absolute(), [str(x) for x in p.parents])
p = Path("/usr") / "lib" / "python3"
print(repr(p), type(p).__name__, p == PurePosixPath("/usr/lib/python3"), p == "/usr/lib/python3", "/x" / PurePath("y"))
print(PurePath("a", "b", "/c", "d"), PurePath(Path("a"), "b"), PurePath("a") / "b" / PurePath("/c"), PurePath())
print(p.joinpath("x", "y"), p.with_name("z.txt"), p.with_suffix(".py"), p.with_stem("new"),
      PurePath("a/b.txt").with_suffix(""), PurePath("a.tar.gz").with_suffix(".bz2"))
print(p.relative_to("/usr"), p.relative_to("/"), PurePath("a/b").relative_to("a"), p.is_relative_to("/usr"), p.is_relative_to("/etc"))
for bad in [lambda: p.relative_to("/etc"), lambda: PurePath("a").relative_to("/a"), lambda: PurePath("/").with_name("x"),
            lambda: p.with_name("a/b"), lambda: p.with_name(""), lambda: p.with_suffix("txt"), lambda: p.with_suffix("."),
            lambda: PurePath(1), lambda: p / 1, lambda: p < "x", lambda: PurePath("a").relative_to(),
            lambda: PurePath("x").as_uri(), lambda: PurePath("a").match("")]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(sorted([PurePath("b"), PurePath("a/c"), PurePath("a")]), PurePath("a") < PurePath("b"), PurePath("b") >= PurePath("a"))
print(hash(PurePath("a/b")) == hash(PurePath("a//b")), {PurePath("x"): 1}[PurePath("./x")], PurePath("A") == PurePath("a"))
print(PurePath("a/b.py").match("*.py"), PurePath("/a/b.py").match("a/*.py"), PurePath("/a/b.py").match("/*.py"),
      PurePath("a/b.py").match("b/*.py"), PurePath("x.PY").match("*.py"), PurePath("ab.py").match("[a-c]?.py"),
      PurePath("zb.py").match("[!a-c]*"), PurePath("a/b/c.txt").match("b/*"), PurePath("[x]").match("[[]x]"))
print(p.parents[0], p.parents[-1], p.parents[1:], len(p.parents), repr(p.parents), list(PurePath("a/b").parents))
print(os.fspath(p), bytes(p), p.as_posix(), str(p), PurePath("/a b/ü").as_uri(), PurePath("/tmp").as_uri())
print(PurePosixPath("a") == PosixPath("a"), isinstance(Path("a"), PurePath), [c.__name__ for c in PosixPath.__mro__])
print(Path("setup.py").with_suffix(".cfg"), Path("/").parent, Path(".").parent, Path("..").parent, PurePath("a/b/c").parents[2])
print(os.path.join(PurePath("a"), "b"), str(PurePath("a")) + "/c", f"{PurePath('x/y')}", "%s" % PurePath("q"))
