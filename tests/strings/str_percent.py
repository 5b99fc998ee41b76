# printf-style % formatting.
print("%d %i %s %r" % (42, -3, "str", "repr"))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%.2f %10.3f %-10.1f| %e %E %g %G" % (3.14159, 2.5, 1.25, 12345.678, 0.00012, 0.00001234, 1e20))
print("%x %X %o %#x %#o %c %c" % (255, 255, 8, 255, 8, 65, "z"))
print("%s and %s" % ("a", "b"), "%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print("100%%", "%s" % [1, 2], "%s" % (1,), "%5s|%-5s|" % ("ab", "cd"), "%.2s" % "abcdef")
print("%*d|%-*d" % (5, 1, 4, 2), "%.*f" % (1, 2.25), "%a" % "é")
try:
    "%d" % "x"
except TypeError as e:
    print(e)
try:
    "%s %s" % ("only one",)
except TypeError as e:
    print(e)
try:
    "%s" % (1, 2)
except TypeError as e:
    print(e)
print("%d" % 3.99, "%s" % None, "%r" % 1.5, "%i%%" % 50)
