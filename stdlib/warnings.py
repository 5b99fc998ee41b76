"""warnings - issue warnings and filter them.

Adder's own version of CPython's warnings module: the same filters list, actions
("error", "ignore", "always", "default", "module", "once"), registries, catch_warnings
and output format:

    script.py:3: UserWarning: something odd
      the source line

Two differences, both because Adder lacks something:
  - Finding the caller's file and line needs frames (sys._getframe). Adder has none yet, so
    until it has, warn() reports the location as CPython does when the stack is too short,
    "sys:1", and "default" shows a warning once per message and category.
  - There is no re module: the message and module patterns of filterwarnings() are matched
    by a small matcher below that knows literals, '.', '*', '+', '?', escapes and a final
    '$' or '\\Z' - enough for the usual "ignore this message" filters.
"""

import sys

__all__ = ["warn", "warn_explicit", "showwarning", "formatwarning", "filterwarnings",
           "simplefilter", "resetwarnings", "catch_warnings"]


# --- a small regular-expression matcher for filter patterns -------------------------------

class _Pattern:
    """Enough of a compiled re pattern for warning filters: match() anchored at the start,
    like re.match, optionally ignoring case."""

    def __init__(self, pattern, ignorecase=False):
        self.pattern = pattern
        self.flags = 2 if ignorecase else 0         # re.IGNORECASE is 2
        self._atoms = self._parse(pattern)
        self._ignorecase = ignorecase

    @staticmethod
    def _parse(pattern):
        # A list of [kind, char, quantifier]; kind is 'lit', 'any' or 'end'.
        atoms = []
        i = 0
        while i < len(pattern):
            c = pattern[i]
            if c == '\\' and i + 1 < len(pattern):
                i += 1
                c = pattern[i]
                atoms.append(['end', 'Z', ''] if c == 'Z' else ['lit', c, ''])
            elif c in '*+?' and atoms and atoms[-1][0] != 'end':
                atoms[-1][2] = c
            elif c == '.':
                atoms.append(['any', '', ''])
            elif c == '$':
                atoms.append(['end', '$', ''])
            elif c == '^' and i == 0:
                pass
            else:
                atoms.append(['lit', c, ''])
            i += 1
        return atoms

    def _one(self, atom, ch):
        if atom[0] == 'any':
            return ch != '\n'
        if self._ignorecase:
            return atom[1].lower() == ch.lower()
        return atom[1] == ch

    def _match_at(self, text, ai, ti):
        atoms = self._atoms
        if ai == len(atoms):
            return True
        atom = atoms[ai]
        if atom[0] == 'end':
            # \Z: the very end; $: the end, or just before a final newline.
            at_end = ti == len(text) or (atom[1] == '$' and ti == len(text) - 1
                                         and text[ti] == '\n')
            return at_end and self._match_at(text, ai + 1, ti)
        quant = atom[2]
        if quant == '':
            return (ti < len(text) and self._one(atom, text[ti])
                    and self._match_at(text, ai + 1, ti + 1))
        # Greedy: take as many as possible, then back off.
        j = ti
        limit = ti + 1 if quant == '?' else len(text)
        while j < limit and self._one(atom, text[j]):
            j += 1
        least = ti + 1 if quant == '+' else ti
        while j >= least:
            if self._match_at(text, ai + 1, j):
                return True
            j -= 1
        return False

    def match(self, text):
        return self._match_at(text, 0, 0)

    def __repr__(self):
        if self.flags:
            return "re.compile(%r, re.IGNORECASE)" % self.pattern
        return "re.compile(%r)" % self.pattern


# --- showing warnings ---------------------------------------------------------------------

def _getline(filename, lineno):
    """Line [lineno] of the file, or '' (CPython uses linecache)."""
    try:
        with open(filename, encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if i == lineno:
                    return line
    except (OSError, UnicodeDecodeError, ValueError):
        pass
    return ''


def formatwarning(message, category, filename, lineno, line=None):
    """Function to format a warning the standard way."""
    msg = WarningMessage(message, category, filename, lineno, None, line)
    return _formatwarnmsg_impl(msg)


def _formatwarnmsg_impl(msg):
    category = msg.category.__name__
    s = f"{msg.filename}:{msg.lineno}: {category}: {msg.message}\n"
    line = msg.line
    if line is None:
        line = _getline(msg.filename, msg.lineno)
    if line:
        s += "  %s\n" % line.strip()
    return s


def showwarning(message, category, filename, lineno, file=None, line=None):
    """Hook to write a warning to a file; replace if you like."""
    msg = WarningMessage(message, category, filename, lineno, file, line)
    _showwarnmsg_impl(msg)


def _showwarnmsg_impl(msg):
    file = msg.file
    if file is None:
        file = sys.stderr
        if file is None:
            return      # no stderr: the warning is lost
    text = _formatwarnmsg(msg)
    try:
        file.write(text)
    except OSError:
        pass


_showwarning_orig = showwarning
_formatwarning_orig = formatwarning


def _formatwarnmsg(msg):
    """Format through a user's replacement of formatwarning, if there is one."""
    fw = formatwarning
    if fw is not _formatwarning_orig:
        return fw(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    return _formatwarnmsg_impl(msg)


def _showwarnmsg(msg):
    """Show through a user's replacement of showwarning, if there is one."""
    sw = showwarning
    if sw is not _showwarning_orig:
        if not callable(sw):
            raise TypeError("warnings.showwarning() must be set to a function or method")
        sw(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


# --- the filters --------------------------------------------------------------------------

_ACTIONS = ("error", "ignore", "always", "default", "module", "once")


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    """Insert an entry into the list of warnings filters (at the front).

    'action' -- one of "error", "ignore", "always", "default", "module", or "once"
    'message' -- a pattern the start of the warning message must match (any case)
    'category' -- a class that the warning must be a subclass of
    'module' -- a pattern the whole module name must match
    'lineno' -- an integer line number, 0 matches all warnings
    'append' -- if true, append to the list of filters
    """
    assert action in _ACTIONS, "invalid action: %r" % (action,)
    assert isinstance(message, str), "message must be a string"
    assert isinstance(category, type), "category must be a class"
    assert issubclass(category, Warning), "category must be a Warning subclass"
    assert isinstance(module, str), "module must be a string"
    assert isinstance(lineno, int) and lineno >= 0, "lineno must be an int >= 0"
    message = _Pattern(message, ignorecase=True) if message else None
    module = _Pattern(module + '\\Z') if module else None
    _add_filter(action, message, category, module, lineno, append=append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    """Insert a simple entry (any message, any module) into the list of warnings filters
    (at the front)."""
    assert action in _ACTIONS, "invalid action: %r" % (action,)
    assert isinstance(lineno, int) and lineno >= 0, "lineno must be an int >= 0"
    _add_filter(action, None, category, None, lineno, append=append)


def _add_filter(*item, append):
    # An existing identical filter moves to the front (or stays put when appending).
    if not append:
        try:
            filters.remove(item)
        except ValueError:
            pass
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)
    _filters_mutated()


def resetwarnings():
    """Clear the list of warning filters, so that no filters are active."""
    filters[:] = []
    _filters_mutated()


def _filters_mutated():
    # Warnings already shown once are forgotten when the filters change.
    global _filters_version
    _filters_version += 1


# --- issuing warnings ---------------------------------------------------------------------

def _caller(stacklevel):
    """(filename, lineno, module globals) of the frame [stacklevel] levels up from warn()'s
    caller, or None when that cannot be known."""
    getframe = getattr(sys, "_getframe", None)
    if getframe is None:
        return None
    try:
        frame = getframe(stacklevel + 1)
    except ValueError:
        return None
    return frame.f_code.co_filename, frame.f_lineno, frame.f_globals


_registries = {}    # module name -> registry, when the module's globals are out of reach


def warn(message, category=None, stacklevel=1, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '{:s}'"
                        .format(type(category).__name__))
    where = _caller(stacklevel + 1)
    if where is None:
        # Where CPython says a warning comes from when the stack is too short. The module
        # is taken to be __main__, though, so that DeprecationWarnings from the script
        # still show, as they would with a real location.
        filename, lineno, module = "sys", 1, "__main__"
        registry = _registries.setdefault(module, {})
        module_globals = None
    else:
        filename, lineno, module_globals = where
        module = module_globals.get('__name__', "<string>")
        registry = module_globals.setdefault("__warningregistry__", {})
    warn_explicit(message, category, filename, lineno, module, registry, module_globals,
                  source)


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    """Issue a warning at an explicit location; the filters decide what happens."""
    lineno = int(lineno)
    if module is None:
        module = filename or "<unknown>"
        if module[-3:].lower() == ".py":
            module = module[:-3]
    if registry is None:
        registry = {}
    if registry.get('version', 0) != _filters_version:
        registry.clear()
        registry['version'] = _filters_version
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    key = (text, category, lineno)
    if registry.get(key):
        return      # already shown here
    for item in filters:
        action, msg, cat, mod, ln = item
        if ((msg is None or msg.match(text)) and issubclass(category, cat)
                and (mod is None or mod.match(module)) and (ln == 0 or lineno == ln)):
            break
    else:
        action = defaultaction
    if action == "ignore":
        return
    if action == "error":
        raise message
    if action == "once":
        registry[key] = 1
        oncekey = (text, category)
        if onceregistry.get(oncekey):
            return
        onceregistry[oncekey] = 1
    elif action == "always":
        pass
    elif action == "module":
        registry[key] = 1
        altkey = (text, category, 0)
        if registry.get(altkey):
            return
        registry[altkey] = 1
    elif action == "default":
        registry[key] = 1
    else:
        raise RuntimeError("Unrecognized action (%r) in warnings.filters:\n %s"
                           % (action, item))
    _showwarnmsg(WarningMessage(message, category, filename, lineno, source=source))


class WarningMessage(object):
    """What showwarning() is told about a warning (and what catch_warnings records)."""

    _WARNING_DETAILS = ("message", "category", "filename", "lineno", "file", "line",
                        "source")

    def __init__(self, message, category, filename, lineno, file=None, line=None,
                 source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, line : %r}"
                % (self.message, self._category_name, self.filename, self.lineno,
                   self.line))


class catch_warnings(object):
    """A context manager that saves the warnings filters (and showwarning) on entry and
    restores them on exit. With record=True, warnings are not shown but appended, as
    WarningMessage objects, to the list that __enter__ returns. action (and category,
    lineno, append) are passed to simplefilter() on entry."""

    def __init__(self, *, record=False, module=None, action=None, category=Warning,
                 lineno=0, append=False):
        self._record = record
        self._module = sys.modules['warnings'] if module is None else module
        self._entered = False
        self._filter = None if action is None else (action, category, lineno, append)

    def __repr__(self):
        args = []
        if self._record:
            args.append("record=True")
        if self._module is not sys.modules['warnings']:
            args.append("module=%r" % self._module)
        return "%s(%s)" % (type(self).__name__, ", ".join(args))

    def __enter__(self):
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        module = self._module
        self._filters = module.filters
        module.filters = self._filters[:]
        module._filters_mutated()
        self._showwarning = module.showwarning
        self._showwarnmsg_impl = module._showwarnmsg_impl
        if self._filter is not None:
            simplefilter(*self._filter)
        if self._record:
            log = []
            module._showwarnmsg_impl = log.append
            module.showwarning = module._showwarning_orig
            return log
        return None

    def __exit__(self, *exc_info):
        if not self._entered:
            raise RuntimeError("Cannot exit %r without entering first" % self)
        module = self._module
        module.filters = self._filters
        module._filters_mutated()
        module.showwarning = self._showwarning
        module._showwarnmsg_impl = self._showwarnmsg_impl


# --- initial state ------------------------------------------------------------------------
# CPython 3.11's default filters: DeprecationWarning is shown for code in __main__ only,
# and three noisy categories are ignored everywhere.

defaultaction = "default"
onceregistry = {}
_filters_version = 1
filters = [
    ("default", None, DeprecationWarning, _Pattern("__main__\\Z"), 0),
    ("ignore", None, DeprecationWarning, None, 0),
    ("ignore", None, PendingDeprecationWarning, None, 0),
    ("ignore", None, ImportWarning, None, 0),
    ("ignore", None, ResourceWarning, None, 0),
]
