# Importing this fails half-way.
STARTED = True
raise ValueError("broken module")
