# Measures classes: instance creation, attribute loads/stores, method calls, inheritance with super() and overriding, a property and a classmethod.


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scale(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y


class Shape:
    count = 0

    def __init__(self, origin):
        self.origin = origin
        Shape.count += 1

    def area(self):
        return 0

    def describe(self):
        return self.area() + self.origin.dot(self.origin)

    @classmethod
    def created(cls):
        return cls.count


class Rect(Shape):
    def __init__(self, origin, w, h):
        super().__init__(origin)
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h

    @property
    def perimeter(self):
        return 2 * (self.w + self.h)


class Square(Rect):
    def __init__(self, origin, side):
        super().__init__(origin, side, side)

    def area(self):
        return self.w * self.w


class Counter:
    def __init__(self):
        self.value = 0
        self.calls = 0

    def bump(self, amount):
        self.calls += 1
        self.value = (self.value + amount) % 1000003
        return self


def main():
    seed = 7
    shapes = []
    for i in range(100000):
        seed = (seed * 1103515245 + 12345) % 2147483648
        o = Vec(seed % 100, (seed >> 8) % 100)
        kind = seed % 3
        if kind == 0:
            shapes.append(Shape(o))
        elif kind == 1:
            shapes.append(Rect(o, seed % 17 + 1, (seed >> 4) % 13 + 1))
        else:
            shapes.append(Square(o, seed % 11 + 1))

    counter = Counter()
    total = Vec(0, 0)
    perim = 0
    for rounds in range(6):
        for s in shapes:
            counter.bump(s.describe())
            total = total.add(s.origin.scale(rounds + 1))
            if isinstance(s, Rect):
                perim += s.perimeter
    print("shapes", Shape.created(), "calls", counter.calls)
    print("counter", counter.value, "total", total.x, total.y, "perimeter", perim)
    print("classes checksum", (counter.value * 7 + total.x * 3 + total.y + perim) % 1000000007)


main()
