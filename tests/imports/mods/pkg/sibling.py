SIB = "sibling constant"
def where():
    return __name__, __package__
