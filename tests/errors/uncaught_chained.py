# The last stderr line names the last exception of a chain.
try:
    {}["a"]
except KeyError as e:
    raise RuntimeError("lookup failed") from e
