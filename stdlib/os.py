"""The os module: posix's system calls, os.path, and the conveniences built on them."""

import posix
from posix import *
from posix import _exit
import posixpath as path
import sys

sys.modules["os.path"] = path

name = "posix"
sep = path.sep
pathsep = path.pathsep
curdir = path.curdir
pardir = path.pardir
extsep = path.extsep
altsep = path.altsep
linesep = "\n"
devnull = path.devnull
SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2


class _Environ(dict):
    """os.environ: a dict whose changes reach the real environment of the process."""

    def __setitem__(self, key, value):
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("str expected, not " + type(value if isinstance(key, str) else key).__name__)
        posix.putenv(key, value)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        dict.__delitem__(self, key)
        posix.unsetenv(key)

    def pop(self, key, *default):
        if key in self:
            value = self[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def setdefault(self, key, value=None):
        if key not in self:
            self[key] = value
        return self[key]

    def update(self, *args, **kwargs):
        for k, v in dict(*args, **kwargs).items():
            self[k] = v

    def copy(self):
        return dict(self)

    def __repr__(self):
        return "environ(" + dict.__repr__(self) + ")"


environ = _Environ(posix.environ)


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    posix.putenv(key, value)


def fspath(p):
    return path._fspath(p)


class stat_result(tuple):
    """The fields of os.stat() by name, as CPython's structseq."""
    n_sequence_fields = 10

    st_mode = property(lambda self: self[0])
    st_ino = property(lambda self: self[1])
    st_dev = property(lambda self: self[2])
    st_nlink = property(lambda self: self[3])
    st_uid = property(lambda self: self[4])
    st_gid = property(lambda self: self[5])
    st_size = property(lambda self: self[6])
    st_atime = property(lambda self: self[7])
    st_mtime = property(lambda self: self[8])
    st_ctime = property(lambda self: self[9])


def stat(p):
    return stat_result(posix.stat(fspath(p)))


def lstat(p):
    return stat_result(posix.lstat(fspath(p)))


def makedirs(name, mode=0o777, exist_ok=False):
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, mode, exist_ok=exist_ok)
        except FileExistsError:
            pass
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def replace(src, dst):
    rename(src, dst)


def walk(top, topdown=True, onerror=None, followlinks=False):
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs, nondirs = [], []
    for entry in names:
        (dirs if path.isdir(path.join(top, entry)) else nondirs).append(entry)
    if topdown:
        yield top, dirs, nondirs
    for d in dirs:
        new_path = path.join(top, d)
        if followlinks or not path.islink(new_path):
            yield from walk(new_path, topdown, onerror, followlinks)
    if not topdown:
        yield top, dirs, nondirs
