# The package all import tests use; importing it prints once.
print("mods/__init__ running as", __name__)
PKG_VALUE = "value from mods/__init__"
