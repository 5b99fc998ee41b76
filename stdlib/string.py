"""string - common string constants, capwords, Template and Formatter.

Adder's own pure-Python version of CPython's string module. CPython builds Template on the re
module and Formatter on the C helpers in _string; Adder has neither, so both are scanned by
hand here, following the same rules and raising the same errors.
"""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split s into words (on [sep], or runs of whitespace), capitalize each, and join them
    with [sep] (or a single space)."""
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


# --- Template -----------------------------------------------------------------------------

_ID_START = frozenset('_' + ascii_letters)
_ID_CHARS = frozenset('_' + ascii_letters + digits)


_sentinel_dict = {}


class Template:
    """A string class for $-substitutions: $name and ${name} are replaced, $$ is a literal
    $. Subclasses may change [delimiter]. CPython's idpattern is a regular expression;
    here an identifier is always [_a-zA-Z][_a-zA-Z0-9]*, CPython's default."""

    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _scan(self):
        """Yield the pieces of the template: ('text', str), ('escaped', None),
        ('named', name), ('braced', name), ('invalid', index just after the delimiter)."""
        s = self.template
        delim = self.delimiter
        dlen = len(delim)
        n = len(s)
        start = 0
        i = s.find(delim)
        while i >= 0:
            if i > start:
                yield 'text', s[start:i]
            j = i + dlen
            if s.startswith(delim, j):
                yield 'escaped', None
                start = j + dlen
            elif j < n and s[j] in _ID_START:
                k = j + 1
                while k < n and s[k] in _ID_CHARS:
                    k += 1
                yield 'named', s[j:k]
                start = k
            elif j < n and s[j] == '{' and j + 1 < n and s[j + 1] in _ID_START:
                k = j + 2
                while k < n and s[k] in _ID_CHARS:
                    k += 1
                if k < n and s[k] == '}':
                    yield 'braced', s[j + 1:k]
                    start = k + 1
                else:
                    yield 'invalid', j
                    start = j
            else:
                yield 'invalid', j
                start = j
            i = s.find(delim, start)
        if start < n:
            yield 'text', s[start:]

    def _invalid(self, i):
        # Where the bad placeholder is, counted as CPython does (from the index just after
        # the delimiter, which makes the column 1-based for the delimiter itself).
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' % (lineno, colno))

    def _mapping(self, mapping, kws):
        if mapping is _sentinel_dict:
            return kws
        if kws:
            from collections import ChainMap
            return ChainMap(kws, mapping)
        return mapping

    def substitute(self, mapping=_sentinel_dict, /, **kws):
        """Replace every placeholder; a missing name raises KeyError, a bad placeholder
        ValueError."""
        mapping = self._mapping(mapping, kws)
        out = []
        for kind, value in self._scan():
            if kind == 'text':
                out.append(value)
            elif kind == 'escaped':
                out.append(self.delimiter)
            elif kind == 'invalid':
                self._invalid(value)
            else:
                out.append(str(mapping[value]))
        return ''.join(out)

    def safe_substitute(self, mapping=_sentinel_dict, /, **kws):
        """Like substitute(), but missing names and bad placeholders stay as they are."""
        mapping = self._mapping(mapping, kws)
        out = []
        for kind, value in self._scan():
            if kind == 'text':
                out.append(value)
            elif kind == 'escaped' or kind == 'invalid':
                out.append(self.delimiter)
            else:
                try:
                    out.append(str(mapping[value]))
                except KeyError:
                    if kind == 'named':
                        out.append(self.delimiter + value)
                    else:
                        out.append(self.delimiter + '{' + value + '}')
        return ''.join(out)

    def is_valid(self):
        """False if the template has a placeholder substitute() would reject."""
        return all(kind != 'invalid' for kind, _ in self._scan())

    def get_identifiers(self):
        """The names of the placeholders, each once, in order of first appearance."""
        ids = []
        for kind, value in self._scan():
            if kind == 'invalid':
                self._invalid(value)
            if kind in ('named', 'braced') and value not in ids:
                ids.append(value)
        return ids


# --- Formatter ----------------------------------------------------------------------------

def _formatter_parser(s):
    """Split a format string like _string.formatter_parser does: yield
    (literal_text, field_name, format_spec, conversion), field_name None for pure text."""
    n = len(s)
    i = 0
    literal = []
    while i < n:
        c = s[i]
        if c == '{' or c == '}':
            if i + 1 < n and s[i + 1] == c:
                # A doubled brace ends the current chunk of literal text, as in CPython.
                literal.append(c)
                yield ''.join(literal), None, None, None
                literal = []
                i += 2
                continue
            if c == '}':
                raise ValueError("Single '}' encountered in format string")
            if i + 1 >= n:
                raise ValueError("Single '{' encountered in format string")
            # Find the matching '}', counting nested braces (they belong to the spec).
            depth = 1
            j = i + 1
            while j < n:
                if s[j] == '{':
                    depth += 1
                elif s[j] == '}':
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if depth:
                # CPython's wording depends on whether the spec or conversion had begun.
                name, _, _ = _split_field(s[i + 1:])
                if len(name) < n - i - 1:
                    raise ValueError("unmatched '{' in format spec")
                raise ValueError("expected '}' before end of string")
            field_name, conversion, spec = _split_field(s[i + 1:j])
            yield ''.join(literal), field_name, spec, conversion
            literal = []
            i = j + 1
            continue
        literal.append(c)
        i += 1
    if literal:
        yield ''.join(literal), None, None, None


def _split_field(field):
    """(name, conversion or None, spec) of the text between a field's braces."""
    # The name runs to the first '!' or ':' outside square brackets.
    k = 0
    n = len(field)
    while k < n:
        c = field[k]
        if c == '{':
            raise ValueError("unexpected '{' in field name")
        if c == '[':
            while k < n and field[k] != ']':
                k += 1
            continue
        if c in '!:':
            break
        k += 1
    name = field[:k]
    conversion = None
    spec = ''
    if k < n and field[k] == '!':
        if k + 1 >= n:
            # CPython takes the closing brace as the conversion, then misses it.
            raise ValueError("unmatched '{' in format spec")
        conversion = field[k + 1]
        k += 2
        if k < n and field[k] != ':':
            raise ValueError("expected ':' after conversion specifier")
    if k < n:
        spec = field[k + 1:]
    return name, conversion, spec


def _field_name_split(name):
    """'a.b[0]' -> ('a', iterator of (True, 'b'), (False, 0)), as _string does."""
    k = 0
    n = len(name)
    while k < n and name[k] not in '.[':
        k += 1
    first = name[:k]
    if first.isdigit():
        first = int(first)
    rest = []
    while k < n:
        if name[k] == '.':
            j = k + 1
            while j < n and name[j] not in '.[':
                j += 1
            attr = name[k + 1:j]
            if not attr:
                raise ValueError("Empty attribute in format string")
            rest.append((True, attr))
            k = j
        elif name[k] == '[':
            j = name.find(']', k)
            if j < 0:
                raise ValueError("Missing ']' in format string")
            key = name[k + 1:j]
            if not key:
                raise ValueError("Empty attribute in format string")
            rest.append((False, int(key) if key.isdigit() else key))
            k = j + 1
            if k < n and name[k] not in '.[':
                raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
    return first, iter(rest)


class Formatter:
    """str.format() as a class with overridable steps: parse, get_field, get_value,
    convert_field, format_field, check_unused_args."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth,
                 auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError('Max string recursion exceeded')
        result = []
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is None:
                continue
            # '{}' numbers the fields automatically; mixing with '{0}' is an error.
            if field_name == '':
                if auto_arg_index is False:
                    raise ValueError('cannot switch from manual field specification to '
                                     'automatic field numbering')
                field_name = str(auto_arg_index)
                auto_arg_index += 1
            elif field_name.isdigit():
                if auto_arg_index:
                    raise ValueError('cannot switch from manual field specification to '
                                     'automatic field numbering')
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            # The spec may hold fields of its own: '{:{width}}'.
            format_spec, auto_arg_index = self._vformat(
                format_spec, args, kwargs, used_args, recursion_depth - 1,
                auto_arg_index=auto_arg_index)
            result.append(self.format_field(obj, format_spec))
        return ''.join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))

    def parse(self, format_string):
        return _formatter_parser(format_string)

    def get_field(self, field_name, args, kwargs):
        first, rest = _field_name_split(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, i in rest:
            obj = getattr(obj, i) if is_attr else obj[i]
        return obj, first
