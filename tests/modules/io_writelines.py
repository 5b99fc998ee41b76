import io
s=io.StringIO(); s.writelines(["a","b\n"]); print(repr(s.getvalue()))
b=io.BytesIO(); b.writelines([b"x", b"y"]); print(b.getvalue())
try: s.writelines([1])
except TypeError as e: print(e)
