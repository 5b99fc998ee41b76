__all__ = ["public", "_included"]
public = "public"
_included = "underscore but listed"
hidden = "not in __all__"
