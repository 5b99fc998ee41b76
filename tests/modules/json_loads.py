# json.loads: every value kind, nesting, unicode escapes, whitespace.
import json
doc = '{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "text"}, "u": "caf\\u00e9 \\ud83d\\ude00", "e": ""}'
v = json.loads(doc)
print(v)
print(type(v["a"][0]).__name__, type(v["a"][1]).__name__, type(v["a"][2]).__name__)
print(json.loads("  [ ]  "), json.loads("{}"), json.loads('"s"'), json.loads("12"), json.loads("-0.0"))
print(json.loads('"\\n\\t\\"\\\\\\/"'), json.loads("123456789012345678901234567890"))
print(json.loads('{"dup": 1, "dup": 2}'), json.loads("[1E3, 1e-2, 0.5]"))
print(json.loads(json.dumps({"round": ["trip", 1, None]})))
print(json.loads("NaN") != json.loads("NaN"), json.loads("Infinity"))
print(json.loads('{"x": 1}', object_hook=lambda d: sorted(d.items())))
print(json.loads(b'[1]'))
