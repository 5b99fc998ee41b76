# String literals: prefixes, triple quotes, escapes, implicit concatenation.
print('single', "double", '''triple
single''', """triple "double" """)
print(r"raw\n\t", R"C:\path", rb"raw\bytes", br"\x00")
print("tab\tnewline\\n quote\" apos\' bell-free \x41\101\u00e9\N{LATIN SMALL LETTER A}")
print("implicit" " concatenation" 'mixed')
s = ("multi "
     "line "
     "concat")
print(s)
print("""a\
b""")
print(len("\n"), len(r"\n"), len("\u20ac"), len("\U0001F600"), "\x7e")
print("é" == "\u00e9", "\t".isspace(), "a\
b")
print(f"{'f-string'} with {1 + 1}", rf"raw f {2}\n", Rb"B", F"upper {3}")
print('it\'s', "say \"x\"", '\\')
