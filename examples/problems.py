import numpy as np


# log of a negative number at the point: GradLens says which operation, where, and the value.
# @at x=-1
def bad_log(x):
    return np.log(x) + x


# abs at 0: a value and a gradient under the documented convention, plus a warning.
# @at x=0, y=2
def kink(x, y):
    return abs(x) * y


# An infinite loop: stopped by the step budget, located at the loop.
# @at x=1
def forever(x):
    while True:
        x = x + 1
    return x


# Nothing here runs: GradLens never executes your code.
# @at x=1
def sneaky(x):
    eval("print(1)")
    return x
