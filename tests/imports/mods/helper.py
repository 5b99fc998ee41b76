"""Helper module docstring."""
print("helper loading")
VALUE = 42
loads = 0
def greet(name):
    return "hello " + name
class Tool:
    def use(self):
        return "Tool.use from " + __name__
