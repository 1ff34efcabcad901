"""Control flow decided by primal values: the derivative follows the branch and the iterations taken."""
import numpy as np


# @at x=0.6
def piecewise(x):
    if x < 0:
        return x * x
    elif x < 1:
        return np.sin(x) * x
    else:
        return np.log(x)


# @at x=2.5, y=0.9
def elif_chain(x, y):
    if x < -y:
        z = np.exp(x + y)
    elif x == y:
        z = 0.0
    elif x < y:
        z = x * y
    else:
        z = (x - y) ** 2
    return z * x + y


# @at x=-0.8, y=1.2
def conditional_expression(x, y):
    a = x if x > y else y
    b = x * y if x < 0 else x + y
    return a * b + (np.exp(x) if a > 0 else 0.0)


# @at x=0.4, y=2.0
def boolean_conditions(x, y):
    if 0 < x < 1 and y > 1 or x > 5:
        r = x * y
    else:
        r = x + y
    if not (x > y):
        r *= np.exp(-x)
    return r


# @at x=0.3
def for_range_accumulate(x):
    s = 0.0
    term = 1.0
    for k in range(1, 8):
        term *= x / k
        s += term
    return s


# @at x=1.2, y=-0.4
def for_literals(x, y):
    total = 0.0
    for w in [0.5, -1.0, 2.0]:
        total += w * np.sin(w * x + y)
    for a, b in ((1.0, 2.0), (0.5, -1.0)):
        total += a * x * b * y
    return total


# @at x=0.5, y=0.25
def nested_loops(x, y):
    s = 0.0
    for i in range(3):
        for j in range(i + 1):
            s += x ** i * y ** j / (1 + i + j)
    return s


# @at x=0.75
def while_break_continue(x):
    t = x
    n = 0
    acc = 0.0
    while True:
        n += 1
        t = t * 1.3 + 0.1
        if n % 2 == 0:
            continue
        acc += np.sqrt(t)
        if t > 5.0:
            break
    return acc


# @at x=0.7
def while_condition(x):
    y = x
    k = 0
    while y < 10.0:
        y = y * y + x + 1.0
        k += 1
    return y / k


# @at x=1.0, y=0.2
def early_return(x, y):
    for i in range(10):
        if x > 3.0:
            return x * y / i
        x = x * 1.4 + y
    return x


# @at x=2.0
def newton_sqrt(x):
    t = x
    for _ in range(6):
        t = 0.5 * (t + x / t)
    return t
