# Adder goes beyond CPython here: CPython says "unexpected indent" for this file, but
# notes are pasted with their code indented and a heading at the margin. Output by hand.
    x = 1
    if x:
        print("indented note runs", x)
