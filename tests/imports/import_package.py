# import of a package and its subpackage; attributes bound on the parent.
import mods
print(mods.PKG_VALUE, mods.__name__, type(mods).__name__)
import mods.pkg
print(mods.pkg.INIT_SAW, mods.pkg.__name__, mods.pkg.__package__)
print(hasattr(mods, "pkg"), hasattr(mods, "helper"), mods.pkg.sub.__name__)
import mods.pkg.sibling
print(mods.pkg.sibling.where())
