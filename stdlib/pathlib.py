"""pathlib - object-oriented filesystem paths (POSIX).

Adder's own compact version of CPython 3.11's pathlib, for POSIX systems:

  PurePath / PurePosixPath   path arithmetic only, no filesystem access
  Path / PosixPath           the same plus filesystem operations (exists, read_text, ...)

A path is kept as CPython keeps it: a drive (always '' here), a root ('', '/' or '//')
and a list of parts, the anchor first for absolute paths ('/a/b' -> ['/', 'a', 'b']).
'.' components and repeated slashes vanish when parsing; '..' stays (it cannot be resolved
without the filesystem). Glob patterns are matched by a small fnmatch written here (Adder
has no re module). PureWindowsPath is not provided.
"""

import io
import os
import posixpath
import sys

__all__ = ["PurePath", "PurePosixPath", "Path", "PosixPath"]


# --- pattern matching (fnmatch) -----------------------------------------------------------

def _fnmatch(name, pat):
    """fnmatch.fnmatchcase: '*' any run, '?' one character, '[seq]' / '[!seq]' a set
    (ranges a-z allowed); anything else matches itself."""
    return _match_from(name, 0, pat, 0)


def _match_from(name, ni, pat, pi):
    while pi < len(pat):
        c = pat[pi]
        if c == '*':
            # Collapse runs of '*', then try every split point.
            while pi < len(pat) and pat[pi] == '*':
                pi += 1
            if pi == len(pat):
                return True
            for k in range(ni, len(name) + 1):
                if _match_from(name, k, pat, pi):
                    return True
            return False
        if ni >= len(name):
            return False
        if c == '?':
            ni += 1
            pi += 1
            continue
        if c == '[':
            end, matched = _match_set(pat, pi, name[ni])
            if end is not None:
                if not matched:
                    return False
                ni += 1
                pi = end
                continue
            # An unclosed '[' is a literal character.
        if name[ni] != c:
            return False
        ni += 1
        pi += 1
    return ni == len(name)


def _match_set(pat, pi, ch):
    """(index after the set, whether ch is in it) for the set starting at pat[pi] == '[',
    or (None, False) when it is not closed."""
    j = pi + 1
    negate = False
    if j < len(pat) and pat[j] == '!':
        negate = True
        j += 1
    if j < len(pat) and pat[j] == ']':
        j += 1                  # a ']' first in the set is a member
    while j < len(pat) and pat[j] != ']':
        j += 1
    if j >= len(pat):
        return None, False
    body = pat[pi + 1 + negate:j]
    found = False
    k = 0
    while k < len(body):
        if k + 2 < len(body) and body[k + 1] == '-':
            if body[k] <= ch <= body[k + 2]:
                found = True
            k += 3
        else:
            if body[k] == ch:
                found = True
            k += 1
    return j + 1, found != negate


def _is_wildcard_pattern(pat):
    return "*" in pat or "?" in pat or "[" in pat


# --- parsing ------------------------------------------------------------------------------

_SEP = '/'


def _splitroot(part):
    """('', root, rest) for one POSIX path string: exactly two leading slashes are kept
    (POSIX leaves '//' implementation-defined), more than two count as one."""
    if part and part[0] == _SEP:
        stripped = part.lstrip(_SEP)
        if len(part) - len(stripped) == 2:
            return '', _SEP * 2, stripped
        return '', _SEP, stripped
    return '', '', part


def _parse_parts(parts):
    """(drv, root, parts) from a list of path strings, the last anchored one winning."""
    parsed = []
    drv = root = ''
    for part in reversed(parts):
        if not part:
            continue
        drv, root, rel = _splitroot(part)
        for x in reversed(rel.split(_SEP)):
            if x and x != '.':
                parsed.append(sys.intern(x))
        if drv or root:
            break
    if drv or root:
        parsed.append(drv + root)
    parsed.reverse()
    return drv, root, parsed


def _join_parsed_parts(drv, root, parts, drv2, root2, parts2):
    if root2:
        return drv2, root2, parts2      # an absolute second path replaces the first
    return drv, root, parts + parts2


def _parse_args(args):
    parts = []
    for a in args:
        if isinstance(a, PurePath):
            parts += a._parts
        else:
            a = os.fspath(a)
            if isinstance(a, str):
                parts.append(str(a))
            else:
                raise TypeError("argument should be a str object or an os.PathLike object "
                                "returning str, not %r" % type(a))
    return _parse_parts(parts)


def _format_parsed_parts(drv, root, parts):
    if drv or root:
        return drv + root + _SEP.join(parts[1:])
    return _SEP.join(parts)


_URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")


def _quote_path(path):
    # urllib.parse.quote_from_bytes with '/' safe.
    return ''.join(chr(b) if b in _URI_SAFE else '%%%02X' % b
                   for b in path.encode('utf-8', 'surrogateescape'))


# --- PurePath -----------------------------------------------------------------------------

class _PathParents:
    """The ancestors of a path, as an immutable sequence: p.parents[0] is p.parent."""
    __slots__ = ('_pathcls', '_drv', '_root', '_parts')

    def __init__(self, path):
        self._pathcls = type(path)
        self._drv = path._drv
        self._root = path._root
        self._parts = path._parts

    def __len__(self):
        if self._drv or self._root:
            return len(self._parts) - 1
        return len(self._parts)

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return tuple(self[i] for i in range(*idx.indices(len(self))))
        if idx >= len(self) or idx < -len(self):
            raise IndexError(idx)
        if idx < 0:
            idx += len(self)
        return self._pathcls._from_parsed_parts(self._drv, self._root,
                                                self._parts[:-idx - 1])

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __repr__(self):
        return "<{}.parents>".format(self._pathcls.__name__)


class PurePath(object):
    """A filesystem path without I/O: PurePath('a', 'b') / 'c'. Instantiating PurePath
    gives a PurePosixPath."""
    __slots__ = ('_drv', '_root', '_parts', '_str', '_hash', '_pparts')

    def __new__(cls, *args):
        if cls is PurePath:
            cls = PurePosixPath
        return cls._from_parts(args)

    def __reduce__(self):
        return (self.__class__, tuple(self._parts))

    @classmethod
    def _from_parts(cls, args):
        self = object.__new__(cls)
        drv, root, parts = _parse_args(args)
        self._drv = drv
        self._root = root
        self._parts = parts
        return self

    @classmethod
    def _from_parsed_parts(cls, drv, root, parts):
        self = object.__new__(cls)
        self._drv = drv
        self._root = root
        self._parts = parts
        return self

    def _make_child(self, args):
        drv, root, parts = _parse_args(args)
        drv, root, parts = _join_parsed_parts(self._drv, self._root, self._parts, drv, root,
                                              parts)
        return self._from_parsed_parts(drv, root, parts)

    def __str__(self):
        try:
            return self._str
        except AttributeError:
            self._str = _format_parsed_parts(self._drv, self._root, self._parts) or '.'
            return self._str

    def __fspath__(self):
        return str(self)

    def as_posix(self):
        """The path with forward slashes."""
        return str(self)

    def __bytes__(self):
        return str(self).encode('utf-8', 'surrogateescape')

    def __repr__(self):
        return "{}({!r})".format(self.__class__.__name__, self.as_posix())

    def as_uri(self):
        """The path as a 'file' URI."""
        if not self.is_absolute():
            raise ValueError("relative path can't be expressed as a file URI")
        return 'file://' + _quote_path(str(self))

    # Comparisons: POSIX paths compare case-sensitively, part by part.

    @property
    def _cparts(self):
        return self._parts

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._cparts == other._cparts

    def __hash__(self):
        try:
            return self._hash
        except AttributeError:
            self._hash = hash(tuple(self._cparts))
            return self._hash

    def __lt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._cparts < other._cparts

    def __le__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._cparts <= other._cparts

    def __gt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._cparts > other._cparts

    def __ge__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._cparts >= other._cparts

    # Components.

    @property
    def drive(self):
        """The drive prefix (always '' on POSIX)."""
        return self._drv

    @property
    def root(self):
        """The root, '/' (or '//'), or ''."""
        return self._root

    @property
    def anchor(self):
        """The concatenation of the drive and root, or ''."""
        return self._drv + self._root

    @property
    def name(self):
        """The final path component, if any."""
        parts = self._parts
        if len(parts) == (1 if (self._drv or self._root) else 0):
            return ''
        return parts[-1]

    @property
    def suffix(self):
        """The final component's last suffix, if any ('.gz' of 'a.tar.gz')."""
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[i:]
        return ''

    @property
    def suffixes(self):
        """All the final component's suffixes (['.tar', '.gz'])."""
        name = self.name
        if name.endswith('.'):
            return []
        name = name.lstrip('.')
        return ['.' + suffix for suffix in name.split('.')[1:]]

    @property
    def stem(self):
        """The final path component, minus its last suffix."""
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[:i]
        return name

    def with_name(self, name):
        """A new path with the file name changed."""
        if not self.name:
            raise ValueError("%r has an empty name" % (self,))
        drv, root, parts = _parse_parts((name,))
        if not name or name[-1] == _SEP or drv or root or len(parts) != 1:
            raise ValueError("Invalid name %r" % (name))
        return self._from_parsed_parts(self._drv, self._root, self._parts[:-1] + [name])

    def with_stem(self, stem):
        """A new path with the stem changed."""
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        """A new path with the suffix changed; an empty suffix removes it."""
        if _SEP in suffix:
            raise ValueError("Invalid suffix %r" % (suffix,))
        if suffix and not suffix.startswith('.') or suffix == '.':
            raise ValueError("Invalid suffix %r" % (suffix))
        name = self.name
        if not name:
            raise ValueError("%r has an empty name" % (self,))
        old_suffix = self.suffix
        if not old_suffix:
            name = name + suffix
        else:
            name = name[:-len(old_suffix)] + suffix
        return self._from_parsed_parts(self._drv, self._root, self._parts[:-1] + [name])

    def relative_to(self, *other):
        """The path relative to [other]; ValueError unless other is a prefix of it."""
        if not other:
            raise TypeError("need at least one argument")
        parts = self._parts
        drv = self._drv
        root = self._root
        abs_parts = [drv, root] + parts[1:] if root else parts
        to_drv, to_root, to_parts = _parse_args(other)
        to_abs_parts = [to_drv, to_root] + to_parts[1:] if to_root else to_parts
        n = len(to_abs_parts)
        if (root or drv) if n == 0 else abs_parts[:n] != to_abs_parts:
            formatted = _format_parsed_parts(to_drv, to_root, to_parts)
            raise ValueError("{!r} is not in the subpath of {!r} OR one path is relative "
                             "and the other is absolute.".format(str(self), str(formatted)))
        return self._from_parsed_parts('', root if n == 1 else '', abs_parts[n:])

    def is_relative_to(self, *other):
        """True if the path is relative to [other]."""
        try:
            self.relative_to(*other)
            return True
        except ValueError:
            return False

    @property
    def parts(self):
        """The components, as a tuple: ('/', 'usr', 'bin')."""
        try:
            return self._pparts
        except AttributeError:
            self._pparts = tuple(self._parts)
            return self._pparts

    def joinpath(self, *args):
        """The path joined with each argument in turn, like the / operator."""
        return self._make_child(args)

    def __truediv__(self, key):
        try:
            return self._make_child((key,))
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return self._from_parts([key] + self._parts)
        except TypeError:
            return NotImplemented

    @property
    def parent(self):
        """The logical parent of the path ('/' is its own parent, as is '.')."""
        drv = self._drv
        root = self._root
        parts = self._parts
        if len(parts) == 1 and (drv or root):
            return self
        return self._from_parsed_parts(drv, root, parts[:-1])

    @property
    def parents(self):
        """A sequence of the path's ancestors."""
        return _PathParents(self)

    def is_absolute(self):
        """True if the path has a root."""
        return bool(self._root)

    def is_reserved(self):
        """Reserved names exist only on Windows."""
        return False

    def match(self, path_pattern):
        """Glob-match from the right: PurePath('a/b.py').match('*.py') is True; an absolute
        pattern must match the whole path."""
        drv, root, pat_parts = _parse_parts((path_pattern,))
        if not pat_parts:
            raise ValueError("empty pattern")
        if root and root != self._root:
            return False
        parts = self._cparts
        if drv or root:
            if len(pat_parts) != len(parts):
                return False
            pat_parts = pat_parts[1:]
        elif len(pat_parts) > len(parts):
            return False
        for part, pat in zip(reversed(parts), reversed(pat_parts)):
            if not _fnmatch(part, pat):
                return False
        return True


if hasattr(os, 'PathLike'):
    os.PathLike.register(PurePath)


class PurePosixPath(PurePath):
    """A PurePath for POSIX systems."""
    __slots__ = ()


# --- Path ---------------------------------------------------------------------------------

_S_IFMT = 0o170000
_S_IFDIR = 0o040000
_S_IFREG = 0o100000
_S_IFLNK = 0o120000
_S_IFIFO = 0o010000
_S_IFSOCK = 0o140000
_S_IFBLK = 0o060000
_S_IFCHR = 0o020000

# Errors that mean "no such path" for exists() and the is_*() tests.
_IGNORED_ERRNOS = (2, 20, 9, 40)    # ENOENT, ENOTDIR, EBADF, ELOOP


def _ignore_error(exception):
    return getattr(exception, 'errno', None) in _IGNORED_ERRNOS


class Path(PurePath):
    """A PurePath that can also touch the filesystem. Instantiating Path gives a
    PosixPath."""
    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        if cls is Path:
            cls = PosixPath
        return cls._from_parts(args)

    def _make_child_relpath(self, part):
        # The name comes from the directory listing: no need to parse it.
        return self._from_parsed_parts(self._drv, self._root, self._parts + [part])

    def __enter__(self):
        # Deprecated in CPython 3.11 (and a no-op): kept for old code.
        return self

    def __exit__(self, t, v, tb):
        pass

    # Constructors.

    @classmethod
    def cwd(cls):
        """The current working directory."""
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        """The user's home directory (as os.path.expanduser('~') finds it)."""
        return cls("~").expanduser()

    def samefile(self, other_path):
        """True if both paths point to the same file or directory."""
        st = self.stat()
        try:
            other_st = other_path.stat()
        except AttributeError:
            other_st = self.__class__(other_path).stat()
        return st.st_ino == other_st.st_ino and st.st_dev == other_st.st_dev

    def iterdir(self):
        """The directory's entries as paths, in the order the system lists them ('.' and
        '..' excluded)."""
        for name in os.listdir(str(self)):
            yield self._make_child_relpath(name)

    def glob(self, pattern):
        """Yield the existing paths matching the relative [pattern] ('*.py', 'src/*.c',
        '**/*.txt'), in directory order."""
        if not pattern:
            raise ValueError("Unacceptable pattern: {!r}".format(pattern))
        drv, root, pattern_parts = _parse_parts((pattern,))
        if drv or root:
            raise NotImplementedError("Non-relative patterns are unsupported")
        if pattern[-1] == _SEP:
            pattern_parts.append('')
        yield from self._select(self, pattern_parts, set())

    def rglob(self, pattern):
        """glob() with '**/' in front: matches in all subdirectories too."""
        drv, root, pattern_parts = _parse_parts((pattern,))
        if drv or root:
            raise NotImplementedError("Non-relative patterns are unsupported")
        if pattern and pattern[-1] == _SEP:
            pattern_parts.append('')
        yield from self._select(self, ['**'] + pattern_parts, set())

    def _select(self, path, pattern_parts, seen):
        """Yield the paths under [path] matching the remaining pattern parts."""
        if not pattern_parts:
            if path not in seen:
                seen.add(path)
                yield path
            return
        pat, rest = pattern_parts[0], pattern_parts[1:]
        if pat == '':
            # A trailing slash: only directories match.
            if path.is_dir():
                yield from self._select(path, rest, seen)
            return
        if pat == '**':
            # This directory and every directory below it (not following symlinks).
            for sub in self._walk_dirs(path):
                yield from self._select(sub, rest, seen)
            return
        if not _is_wildcard_pattern(pat):
            child = path._make_child_relpath(pat)
            if rest:
                if child.is_dir():
                    yield from self._select(child, rest, seen)
            elif child.exists():
                yield from self._select(child, rest, seen)
            return
        try:
            names = os.listdir(str(path))
        except OSError:
            return
        for name in names:
            # Unlike the shell's, CPython's '*' matches names starting with '.' too.
            if _fnmatch(name, pat):
                child = path._make_child_relpath(name)
                if rest and not child.is_dir():
                    continue
                yield from self._select(child, rest, seen)

    def _walk_dirs(self, path):
        yield path
        try:
            names = os.listdir(str(path))
        except OSError:
            return
        for name in names:
            child = path._make_child_relpath(name)
            if child.is_dir() and not child.is_symlink():
                yield from self._walk_dirs(child)

    def absolute(self):
        """The path made absolute by prefixing the current directory (no normalization:
        '..' stays)."""
        if self.is_absolute():
            return self
        return self._from_parts([os.getcwd()] + self._parts)

    def resolve(self, strict=False):
        """The absolute path with '..' and '.' resolved. With strict=True the path must
        exist (FileNotFoundError otherwise). Adder has no readlink yet, so symbolic links
        are not followed."""
        s = posixpath.normpath(posixpath.abspath(str(self)))
        p = self._from_parts((s,))
        if strict:
            p.stat()
        return p

    def stat(self, *, follow_symlinks=True):
        """os.stat() of the path."""
        if follow_symlinks:
            return os.stat(str(self))
        return os.lstat(str(self))

    def lstat(self):
        """os.lstat() of the path: a symbolic link itself, not its target."""
        return os.lstat(str(self))

    def owner(self):
        raise NotImplementedError("Path.owner() is unsupported on this system")

    def group(self):
        raise NotImplementedError("Path.group() is unsupported on this system")

    def open(self, mode='r', buffering=-1, encoding=None, errors=None, newline=None):
        """Open the file, as the built-in open() does."""
        return io.open(str(self), mode, buffering, encoding, errors, newline)

    def read_bytes(self):
        """The whole file, as bytes."""
        with self.open(mode='rb') as f:
            return f.read()

    def read_text(self, encoding=None, errors=None):
        """The whole file, as a str."""
        with self.open(mode='r', encoding=encoding, errors=errors) as f:
            return f.read()

    def write_bytes(self, data):
        """Replace the file's contents with [data] (bytes-like); return the count."""
        data = bytes(data)
        with self.open(mode='wb') as f:
            return f.write(data)

    def write_text(self, data, encoding=None, errors=None, newline=None):
        """Replace the file's contents with the str [data]; return the count."""
        if not isinstance(data, str):
            raise TypeError('data must be str, not %s' % data.__class__.__name__)
        with self.open(mode='w', encoding=encoding, errors=errors, newline=newline) as f:
            return f.write(data)

    def readlink(self):
        """The path a symbolic link points to."""
        if not hasattr(os, "readlink"):
            raise NotImplementedError("os.readlink() not available on this system")
        return self._from_parts((os.readlink(str(self)),))

    def touch(self, mode=0o666, exist_ok=True):
        """Create the file if it does not exist (FileExistsError if it does and not
        exist_ok). Adder has no os.utime yet, so an existing file's times are kept."""
        if self.exists():
            if not exist_ok:
                raise FileExistsError(17, 'File exists', str(self))
            return
        io.open(str(self), 'ab').close()

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        """Create the directory; parents=True creates missing parents too, exist_ok=True
        accepts an existing directory."""
        try:
            os.mkdir(str(self), mode)
        except FileNotFoundError:
            if not parents or self.parent == self:
                raise
            self.parent.mkdir(parents=True, exist_ok=True)
            self.mkdir(mode, parents=False, exist_ok=exist_ok)
        except OSError:
            # Not just EEXIST: the system may report EACCES or EROFS first.
            if not exist_ok or not self.is_dir():
                raise

    def chmod(self, mode, *, follow_symlinks=True):
        """Change the permissions of the path."""
        if not hasattr(os, "chmod"):
            raise NotImplementedError("os.chmod() not available on this system")
        os.chmod(str(self), mode)

    def unlink(self, missing_ok=False):
        """Remove the file or symbolic link (missing_ok=True: no error if absent)."""
        try:
            os.unlink(str(self))
        except FileNotFoundError:
            if not missing_ok:
                raise

    def rmdir(self):
        """Remove the (empty) directory."""
        os.rmdir(str(self))

    def rename(self, target):
        """Rename to [target]; return the new path."""
        os.rename(str(self), os.fspath(target))
        return self.__class__(target)

    def replace(self, target):
        """Rename to [target], replacing it if it exists; return the new path."""
        os.replace(str(self), os.fspath(target))
        return self.__class__(target)

    def symlink_to(self, target, target_is_directory=False):
        if not hasattr(os, "symlink"):
            raise NotImplementedError("os.symlink() not available on this system")
        os.symlink(os.fspath(target), str(self))

    # Tests on the file type.

    def _mode(self, follow_symlinks=True):
        try:
            return self.stat(follow_symlinks=follow_symlinks).st_mode
        except OSError as e:
            if not _ignore_error(e):
                raise
            return None
        except ValueError:
            return None

    def exists(self):
        """True if the path exists (following symbolic links)."""
        return self._mode() is not None

    def is_dir(self):
        """True if the path is a directory (or a link to one)."""
        mode = self._mode()
        return mode is not None and mode & _S_IFMT == _S_IFDIR

    def is_file(self):
        """True if the path is a regular file (or a link to one)."""
        mode = self._mode()
        return mode is not None and mode & _S_IFMT == _S_IFREG

    def is_symlink(self):
        """True if the path is a symbolic link."""
        mode = self._mode(follow_symlinks=False)
        return mode is not None and mode & _S_IFMT == _S_IFLNK

    def is_fifo(self):
        mode = self._mode()
        return mode is not None and mode & _S_IFMT == _S_IFIFO

    def is_socket(self):
        mode = self._mode()
        return mode is not None and mode & _S_IFMT == _S_IFSOCK

    def is_block_device(self):
        mode = self._mode()
        return mode is not None and mode & _S_IFMT == _S_IFBLK

    def is_char_device(self):
        mode = self._mode()
        return mode is not None and mode & _S_IFMT == _S_IFCHR

    def is_mount(self):
        """True if the path is a mount point: its parent is on another device, or is the
        same directory."""
        if not self.exists() or not self.is_dir():
            return False
        try:
            parent_dev = self.parent.stat().st_dev
        except OSError:
            return False
        dev = self.stat().st_dev
        if dev != parent_dev:
            return True
        return self.stat().st_ino == self.parent.stat().st_ino

    def expanduser(self):
        """The path with a leading ~ or ~user expanded."""
        if not (self._drv or self._root) and self._parts and self._parts[0][:1] == '~':
            homedir = posixpath.expanduser(self._parts[0])
            if homedir[:1] == "~":
                raise RuntimeError("Could not determine home directory.")
            return self._from_parts([homedir] + self._parts[1:])
        return self


class PosixPath(Path, PurePosixPath):
    """A Path for POSIX systems."""
    __slots__ = ()
