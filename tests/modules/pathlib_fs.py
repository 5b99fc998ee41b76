# pathlib: filesystem operations, in a scratch directory under /tmp.
import os
from pathlib import Path

base = Path(os.environ.get("TMPDIR", "/tmp")) / ("adder_pathlib_test_%d" % os.getpid())


def clean(top):
    if top.exists():
        for f in sorted(top.rglob("*"), key=lambda x: len(x.parts), reverse=True):
            f.rmdir() if f.is_dir() and not f.is_symlink() else f.unlink()
        top.rmdir()


def rel(paths):
    return sorted(str(x.relative_to(base)) for x in paths)


clean(base)
base.mkdir()
print(base.exists(), base.is_dir(), base.is_file(), (base / "nope").exists(), base.is_absolute())
(base / "sub" / "deeper").mkdir(parents=True)
(base / "sub").mkdir(exist_ok=True)
try:
    (base / "sub").mkdir()
except FileExistsError as e:
    print("FileExistsError", e.errno)
try:
    (base / "x" / "y").mkdir()
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
f = base / "hello.txt"
print(f.write_text("hello\nworld\n"), repr(f.read_text()), f.read_text().splitlines(), f.stat().st_size, f.is_file(), f.exists())
print((base / "data.bin").write_bytes(b"\x00\x01\x02"), (base / "data.bin").read_bytes(), (base / "data.bin").stat().st_size)
(base / "sub" / "a.py").write_text("x = 1\n")
(base / "sub" / "b.py").write_text("")
(base / "sub" / "deeper" / "c.py").write_text("")
(base / "notes.md").touch()
(base / "notes.md").touch()
(base / ".hidden.py").write_text("")
try:
    (base / "notes.md").touch(exist_ok=False)
except FileExistsError:
    print("FileExistsError")
print(sorted(x.name for x in base.iterdir()), all(x.parent == base for x in base.iterdir()))
print(rel(base.glob("*.txt")), rel(base.glob("*")), rel(base.glob("*.py")))
print(rel(base.glob("sub/*.py")), rel(base.rglob("*.py")), rel(base.glob("**/*.py")), rel(base.glob("*/")))
print(rel(base.glob("?ata.*")), list(base.glob("zzz*")), rel(base.glob("sub/deeper/c.py")), rel(base.glob("[hn]*")))
print(rel(base.rglob("*")))
with f.open() as fh:
    print(fh.readline().strip())
with f.open("a") as fh:
    fh.write("more\n")
print(f.read_text().count("\n"), f.open("rb").read(5))
g = f.rename(base / "renamed.txt")
print(g.name, f.exists(), g.exists(), type(g).__name__)
g.unlink()
print(g.exists())
g.unlink(missing_ok=True)
try:
    g.unlink()
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
try:
    g.read_text()
except FileNotFoundError as e:
    print("FileNotFoundError", e.strerror)
try:
    (base / "sub").rmdir()
except OSError as e:
    print(type(e).__name__)
try:
    g.write_text(b"x")
except TypeError as e:
    print(e)
try:
    list(base.glob(""))
except ValueError as e:
    print(e)
print(Path.cwd() == Path(os.getcwd()), Path.home() == Path(os.path.expanduser("~")), Path("x").absolute() == Path.cwd() / "x")
print(Path("a/../b").resolve() == Path.cwd() / "b", Path("~").expanduser() == Path.home(), Path(".").resolve() == Path.cwd())
print(base.samefile(str(base)), (base / "sub").is_symlink(), Path("/nonexistent/q").is_dir(), Path("/nonexistent").exists())
print(base.resolve() == base, (base / "sub" / ".." / "notes.md").resolve() == base / "notes.md")
try:
    (base / "missing").resolve(strict=True)
except FileNotFoundError:
    print("FileNotFoundError")
clean(base)
print(base.exists())
