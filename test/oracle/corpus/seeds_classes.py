"""The seeds' own classes, as published: seed 000's ADTangent and seed 001's forward-mode Variable with
its sin/exp, copied character for character from the posts in ../shared/seeds/ (only the prose
between their code blocks and the notebook prompt `In [ ]: ` left out). Seed 000's bugs stay:
`__sub__` with a float assigns `ex` and then reads `dx`, and an unknown operand makes the operators
return the class NotImplementedError instead of raising it (see seeds-errata.md). Seed 001's `f`
is split over code fences in the post; its body lines are indented back under its `def`.

The functions below call them exactly as the posts do, with the points as parameters.
"""
import numpy as np

class ADTangent:

    # 自变量 x,对自变量进行求导得到的 dx
    def __init__(self, x, dx):
        self.x = x
        self.dx = dx

    # 重载 str 是为了方便打印的时候,看到输入的值和求导后的值
    def __str__(self):
        context = f'value:{self.x:.4f}, grad:{self.dx}'
        return context


    def __add__(self, other):
        if isinstance(other, ADTangent):
            x = self.x + other.x
            dx = self.dx + other.dx
        elif isinstance(other, float):
            x = self.x + other
            dx = self.dx
        else:
            return NotImplementedError
        return ADTangent(x, dx)


    def __sub__(self, other):
        if isinstance(other, ADTangent):
            x = self.x - other.x
            dx = self.dx - other.dx
        elif isinstance(other, float):
            x = self.x - other
            ex = self.dx
        else:
            return NotImplementedError
        return ADTangent(x, dx)

    def __mul__(self, other):
        if isinstance(other, ADTangent):
            x = self.x * other.x
            dx = self.x * other.dx + self.dx * other.x
        elif isinstance(other, float):
            x = self.x * other
            dx = self.dx * other
        else:
            return NotImplementedError
        return ADTangent(x, dx)

    def log(self):
        x = np.log(self.x)
        dx = 1 / self.x * self.dx
        return ADTangent(x, dx)

    def sin(self):
        x = np.sin(self.x)
        dx = self.dx * np.cos(self.x)
        return ADTangent(x, dx)


class Variable:
    def __init__(self, val, dot=0.0):
        self.val = val
        self.dot = dot

    def __add__(self, other):
        res = Variable(self.val + other.val)
        res.dot = self.dot + other.dot
        return res

    def __sub__(self, other):
        res = Variable(self.val - other.val)
        res.dot = self.dot - other.dot
        return res

    def __mul__(self, other):
        res = Variable(self.val * other.val)
        res.dot = self.dot * other.val + self.val * other.dot
        return res

    def __truediv__(self, other):
        res = Variable(self.val / other.val)
        res.dot = (self.dot * other.val - self.val * other.dot) / (other.val ** 2)
        return res

    def __repr__(self):
        return "值为:{}， 偏导数为{}".format(self.val, self.dot)

def sin(var):
    res = Variable(np.sin(var.val))
    res.dot = np.cos(var.val) * var.dot
    return res

def exp(var):
    res = Variable(np.exp(var.val))
    res.dot = np.exp(var.val) * var.dot
    return res


def f(v_1, v0):
    v1 = v_1 / v0
    v2 = sin(v1)
    v3 = exp(v0)
    v4 = v1 - v3
    v5 = v2 + v4
    v6 = v5 * v4
    return v6


# @at x1=2.0, x2=5.0
def seed000_as_published(x1, x2):
    x = ADTangent(x=x1, dx=1)
    y = ADTangent(x=x2, dx=0)
    f = ADTangent.log(x) + x * y - ADTangent.sin(y)
    print(f)
    return f.x, f.dx


# @at x1=1.5, x2=0.5
def seed001_as_published(x1, x2):
    # The seed's two forward passes: the value and both tangents (each differentiated again here).
    v_1 = Variable(x1, 1.0)
    v0 = Variable(x2, 0.0)
    v6 = f(v_1, v0)
    print(v6)
    by_x2 = f(Variable(x1, 0.0), Variable(x2, 1.0))
    return v6.val, v6.dot, by_x2.dot
