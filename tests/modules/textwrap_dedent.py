# textwrap: dedent and indent.
import textwrap

block = """
    def hello():
        print("hi")

    hello()
"""
print(repr(textwrap.dedent(block)))
print(textwrap.dedent(block))
print(repr(textwrap.dedent("  a\n    b\n  c")), repr(textwrap.dedent("\ta\n\tb")), repr(textwrap.dedent("  a\n\tb")))
print(repr(textwrap.dedent("   \n  x\n \n  y\n")), repr(textwrap.dedent("no indent\n  at all")), repr(textwrap.dedent("")))
print(repr(textwrap.indent("one\ntwo\n\nthree\n", "> ")))
print(repr(textwrap.indent("one\n  \ntwo", "+ ", lambda line: True)))
print(repr(textwrap.indent("a\r\nb\r\n", "- ")), repr(textwrap.indent("", "x")))
print(textwrap.indent(textwrap.dedent("""\
    first
      second
    third"""), "|"))
