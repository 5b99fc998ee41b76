# textwrap: wrap, fill, shorten and TextWrapper options.
import textwrap

text = ("The quick brown fox jumps over the lazy dog. A well-known sentence--used for "
        "testing--contains every letter. Supercalifragilisticexpialidocious words get broken.")
print(textwrap.wrap(text, 30))
print(textwrap.fill(text, width=40))
print(textwrap.fill(text, width=25, initial_indent="* ", subsequent_indent="  "))
print(textwrap.wrap(text, 12, break_long_words=False))
print(textwrap.wrap(text, 12, break_on_hyphens=False))
print(textwrap.wrap("Hello world.  This is it. ok", 15, fix_sentence_endings=True))
print(textwrap.wrap("  leading   and   trailing  ", 10), textwrap.wrap("  keep  spaces  ", 8, drop_whitespace=False))
print(textwrap.wrap("tab\there\nnewline", 40), textwrap.wrap("tab\there", 40, expand_tabs=False, replace_whitespace=False))
print(textwrap.wrap(text, 20, max_lines=3), textwrap.wrap(text, 20, max_lines=2, placeholder=" ..."))
print(textwrap.shorten("Hello  world!", width=12), textwrap.shorten("Hello  world!", width=11), textwrap.shorten(text, 40, placeholder="~"))
print(textwrap.wrap(""), textwrap.wrap("   "), textwrap.fill("one"), textwrap.wrap("a-b-c-d-e-f-g-h", 5))
w = textwrap.TextWrapper(width=18, initial_indent="> ", subsequent_indent=". ")
print(w.wrap("Several short words in a long line of text"), w.width)
try:
    textwrap.wrap("x", 0)
except ValueError as e:
    print(e)
try:
    textwrap.wrap("some text", 5, max_lines=1, placeholder=" [......]")
except ValueError as e:
    print(e)
