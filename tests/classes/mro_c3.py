# C3 method resolution order, super() following the MRO, inconsistent hierarchies.
class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass
print([k.__name__ for k in Z.__mro__])
class Root:
    def chain(self):
        return ["Root"]
class Left(Root):
    def chain(self):
        return ["Left"] + super().chain()
class Right(Root):
    def chain(self):
        return ["Right"] + super().chain()
class Diamond(Left, Right):
    def chain(self):
        return ["Diamond"] + super().chain()
print(Diamond().chain(), [k.__name__ for k in Diamond.mro()])
try:
    class Bad(A, K1): pass
except TypeError as e:
    print(e)
try:
    class Dup(A, A): pass
except TypeError as e:
    print(e)
class Attr1:
    x = "Attr1"
class Attr2:
    x = "Attr2"
    y = "Attr2.y"
class Both(Attr1, Attr2): pass
print(Both.x, Both.y, Both.__bases__)
