"""textwrap - text wrapping and filling, dedent and indent.

Adder's own version of CPython's textwrap. CPython splits text into chunks with regular
expressions; Adder has no re module, so _split() below scans by hand for the same chunks
(runs of whitespace, words, words broken after hyphens, em-dashes), and the line filling
that follows is CPython's algorithm, so lines break in the same places.
"""

__all__ = ['TextWrapper', 'wrap', 'fill', 'dedent', 'indent', 'shorten']

# Only ASCII whitespace counts, as in CPython: a non-breaking space does not break a line.
_whitespace = '\t\n\x0b\x0c\r '


def _is_word_char(c):           # re's \w
    return c.isalnum() or c == '_'


def _is_letter(c):              # re's [^\d\W]: a word character that is not a digit
    return _is_word_char(c) and not c.isdecimal()


def _is_word_punct(c):          # CPython's word_punct, [\w!"'&.,?]
    return _is_word_char(c) or c in '!"\'&.,?'


class TextWrapper:
    """Object for wrapping/filling text. The public interface consists of the wrap() and
    fill() methods; the other methods are just there for subclasses to override. The
    attributes are the keyword arguments of the constructor (see CPython's documentation):
    width, initial_indent, subsequent_indent, expand_tabs, replace_whitespace,
    fix_sentence_endings, break_long_words, drop_whitespace, break_on_hyphens, tabsize,
    max_lines, placeholder."""

    unicode_whitespace_trans = dict.fromkeys(map(ord, _whitespace), ord(' '))

    def __init__(self, width=70, initial_indent="", subsequent_indent="", expand_tabs=True,
                 replace_whitespace=True, fix_sentence_endings=False, break_long_words=True,
                 drop_whitespace=True, break_on_hyphens=True, tabsize=8, *, max_lines=None,
                 placeholder=' [...]'):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    # --- splitting into chunks ------------------------------------------------------------

    def _munge_whitespace(self, text):
        """Expand tabs and turn every other whitespace character into a space."""
        if self.expand_tabs:
            text = text.expandtabs(self.tabsize)
        if self.replace_whitespace:
            text = text.translate(self.unicode_whitespace_trans)
        return text

    def _split(self, text):
        """Split text into indivisible chunks: runs of whitespace and words. With
        break_on_hyphens, "look-ahead" gives "look-", "ahead", and an em-dash ("--")
        between words is a chunk of its own."""
        chunks = []
        n = len(text)
        i = 0
        while i < n:
            if text[i] in _whitespace:
                j = i + 1
                while j < n and text[j] in _whitespace:
                    j += 1
            elif not self.break_on_hyphens:
                j = i + 1
                while j < n and text[j] not in _whitespace:
                    j += 1
            elif self._dashes_at(text, i) and i > 0 and _is_word_punct(text[i - 1]):
                j = i
                while j < n and text[j] == '-':
                    j += 1
            else:
                j = self._word_end(text, i)
            chunks.append(text[i:j])
            i = j
        return chunks

    @staticmethod
    def _dashes_at(text, k):
        """True if an em-dash, two or more '-' followed by a word character, starts at k."""
        n = len(text)
        if not text.startswith('--', k):
            return False
        j = k + 2
        while j < n and text[j] == '-':
            j += 1
        return j < n and _is_word_char(text[j])

    def _word_end(self, text, i):
        """The end of the word starting at i: the shortest run of non-whitespace that is
        followed by whitespace or the end, or ends with a hyphen between letters
        ("ab-c", "a-b-c"), or is followed by an em-dash."""
        n = len(text)
        k = i + 1
        while k < n:
            c = text[k]
            if c in _whitespace:
                return k
            if c == '-':
                # Break after this hyphen if two letters (or letter-hyphen-letter) come
                # before it and a letter, an optional hyphen, and a letter come after.
                before = ((k >= 2 and _is_letter(text[k - 2]) and _is_letter(text[k - 1]))
                          or (k >= 3 and _is_letter(text[k - 3]) and text[k - 2] == '-'
                              and _is_letter(text[k - 1])))
                after = (k + 2 < n and _is_letter(text[k + 1])
                         and (_is_letter(text[k + 2])
                              or (text[k + 2] == '-' and k + 3 < n
                                  and _is_letter(text[k + 3]))))
                if before and after:
                    return k + 1
                if _is_word_punct(text[k - 1]) and self._dashes_at(text, k):
                    return k
            k += 1
        return n

    def _fix_sentence_endings(self, chunks):
        """Put two spaces after the end of a sentence (a lowercase letter, then . ! or ?,
        then maybe a quote) when it is followed by a single space."""
        i = 0
        while i < len(chunks) - 1:
            if chunks[i + 1] == " " and self._ends_sentence(chunks[i]):
                chunks[i + 1] = "  "
                i += 2
            else:
                i += 1

    @staticmethod
    def _ends_sentence(chunk):
        if chunk[-1:] in ('"', "'"):
            chunk = chunk[:-1]
        return (len(chunk) >= 2 and chunk[-1] in '.!?'
                and 'a' <= chunk[-2] <= 'z')

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        """Handle a chunk too long to fit on any line: break it (preferably after a
        hyphen), or, with break_long_words false, put it on a line of its own."""
        space_left = 1 if width < 1 else width - cur_len
        if self.break_long_words:
            end = space_left
            chunk = reversed_chunks[-1]
            if self.break_on_hyphens and len(chunk) > space_left:
                hyphen = chunk.rfind('-', 0, space_left)
                if hyphen > 0 and any(c != '-' for c in chunk[:hyphen]):
                    end = hyphen + 1
            cur_line.append(chunk[:end])
            reversed_chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())

    def _wrap_chunks(self, chunks):
        """Fill lines of at most width characters from the chunks (CPython's algorithm,
        including max_lines and the placeholder)."""
        lines = []
        if self.width <= 0:
            raise ValueError("invalid width %r (must be > 0)" % self.width)
        if self.max_lines is not None:
            indent = self.subsequent_indent if self.max_lines > 1 else self.initial_indent
            if len(indent) + len(self.placeholder.lstrip()) > self.width:
                raise ValueError("placeholder too large for max width")

        chunks.reverse()        # pop() from the end is cheap
        while chunks:
            cur_line = []
            cur_len = 0
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - len(indent)

            # No whitespace at the start of a line (except the first).
            if self.drop_whitespace and chunks[-1].strip() == '' and lines:
                del chunks[-1]

            while chunks:
                length = len(chunks[-1])
                if cur_len + length <= width:
                    cur_line.append(chunks.pop())
                    cur_len += length
                else:
                    break

            if chunks and len(chunks[-1]) > width:
                self._handle_long_word(chunks, cur_line, cur_len, width)
                cur_len = sum(map(len, cur_line))

            # No whitespace at the end of a line.
            if self.drop_whitespace and cur_line and cur_line[-1].strip() == '':
                cur_len -= len(cur_line[-1])
                del cur_line[-1]

            if cur_line:
                if (self.max_lines is None
                        or len(lines) + 1 < self.max_lines
                        or (not chunks
                            or self.drop_whitespace and len(chunks) == 1
                            and not chunks[0].strip()) and cur_len <= width):
                    lines.append(indent + ''.join(cur_line))
                else:
                    # The last line allowed: end it with the placeholder.
                    while cur_line:
                        if cur_line[-1].strip() and cur_len + len(self.placeholder) <= width:
                            cur_line.append(self.placeholder)
                            lines.append(indent + ''.join(cur_line))
                            break
                        cur_len -= len(cur_line[-1])
                        del cur_line[-1]
                    else:
                        if lines:
                            prev_line = lines[-1].rstrip()
                            if len(prev_line) + len(self.placeholder) <= self.width:
                                lines[-1] = prev_line + self.placeholder
                                break
                        lines.append(indent + self.placeholder.lstrip())
                    break
        return lines

    def _split_chunks(self, text):
        return self._split(self._munge_whitespace(text))

    # --- public interface -----------------------------------------------------------------

    def wrap(self, text):
        """Wrap the single paragraph in text; return a list of lines, without newlines."""
        chunks = self._split_chunks(text)
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        """Wrap the single paragraph in text; return one string."""
        return "\n".join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    """Wrap a single paragraph of text, returning a list of wrapped lines."""
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text, width=70, **kwargs):
    """Fill a single paragraph of text, returning a new string."""
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text, width, **kwargs):
    """Collapse and truncate the given text to fit in the given width:
    shorten("Hello  world!", width=11) == 'Hello [...]'."""
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(' '.join(text.strip().split()))


def dedent(text):
    """Remove any common leading whitespace (spaces and tabs) from every line. Lines of
    only whitespace are normalized to empty and do not count; "  x" and "\\tx" have no
    common margin."""
    lines = text.split('\n')
    for i, line in enumerate(lines):
        if line and not line.strip(' \t'):
            lines[i] = ''
    margin = None
    for line in lines:
        if not line:
            continue
        indent = line[:len(line) - len(line.lstrip(' \t'))]
        if margin is None:
            margin = indent
        elif indent.startswith(margin):
            pass
        elif margin.startswith(indent):
            margin = indent
        else:
            # Neither contains the other: keep their common prefix.
            for i, (x, y) in enumerate(zip(margin, indent)):
                if x != y:
                    margin = margin[:i]
                    break
    if margin:
        cut = len(margin)
        lines = [line[cut:] if line.startswith(margin) else line for line in lines]
    return '\n'.join(lines)


def indent(text, prefix, predicate=None):
    """Add prefix to the beginning of the selected lines in text: by default those that
    are not whitespace only; predicate(line) chooses otherwise."""
    if predicate is None:
        def predicate(line):
            return line.strip()
    return ''.join(prefix + line if predicate(line) else line
                   for line in text.splitlines(True))
