# An uncaught user-defined exception prints its class name without the __main__ prefix.
class ConfigError(Exception):
    pass
print("loading")
raise ConfigError("missing key 'port'")
