# json.JSONDecodeError: message, position, line and column.
import json
bad = ['{"a": 1,}', "[1, 2", "", "tru", '{"a" 1}', "[1] x", '"unterminated', "{'single': 1}", "[01]", "\n\n  @"]
for doc in bad:
    try:
        json.loads(doc)
        print("parsed?!")
    except json.JSONDecodeError as e:
        print(repr(doc), "->", e, "|", e.msg, e.pos, e.lineno, e.colno)
print(issubclass(json.JSONDecodeError, ValueError))
try:
    json.loads(5)
except TypeError as e:
    print(e)
