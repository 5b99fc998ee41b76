# Non-breaking spaces (as pasted from web pages) count as spaces. CPython rejects them
# ("invalid non-printable character U+00A0"); Adder runs the note. Output by hand.
def greet(name):
    return 'hi ' + name
for n in ['a', 'b']:
  print(greet(n), 'x y')
