import math

G = 9.81


# Range of a projectile launched at speed v and angle theta (radians) from height h.
# @at v=20, theta=0.6, h=1.5
def projectile_range(v, theta, h):
    vx = v * math.cos(theta)
    vy = v * math.sin(theta)
    t = (vy + math.sqrt(vy ** 2 + 2 * G * h)) / G
    return vx * t


# Polar to Cartesian: a tuple output, so GradLens reports its Jacobian.
# @at r=2, phi=0.5
def polar_to_cartesian(r, phi):
    return r * math.cos(phi), r * math.sin(phi)


# A loop with control flow on the primal value: Newton's method for sqrt(a), differentiated through.
# @at a=2
def newton_sqrt(a):
    x = a
    for _ in range(20):
        step = (x * x - a) / (2 * x)
        x = x - step
        if abs(step) < 1e-15:
            break
    return x


# Rosenbrock over a list, with a Python for loop.
# @at x=[1.2, 0.8, 1.1, 0.9]
def rosenbrock(x):
    s = 0.0
    for i in range(len(x) - 1):
        s += 100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1.0 - x[i]) ** 2
    return s
