"""Seed 001's reverse mode (its `Tape`, `Variable`, `grad`) as published, with the post's lost
indentation put back; run through GradLens and checked against torch. Every line is the post's
(../shared/seeds/001_*.txt, the notebook prompt `In [ ]: ` left out), only re-indented:

- the post indents `ops_mul`, `ops_truediv`, `ops_add` and `ops_sub` under `class Variable`, but
  `__mul__` calls `ops_mul(self, other)` as a module-level function (as published, that is a
  NameError): they are moved out of the class, four spaces left;
- after a code fence breaks `ops_sub`, the post loses four spaces on the last lines of `ops_sub`,
  `sin`, `log` and `exp` (`tape = Tape(...)`, `GRADIENT_TAPE.append(tape)`, `return x` at the left
  margin, outside their functions): they are indented back under their `def`.

`func` is the post's; the function below runs the post's driver cell (reset_tape, two constants,
func, grad) with the point as parameters. The seed's numbers at (1.5, 0.5): 2.016646669428201 and
the gradient (3.0118433276739065, -13.723961509314076) (seeds-errata.md).
"""
from typing import List, NamedTuple, Callable, Dict, Optional
import numpy as np

# 全局记录每个变量的名字和所有的操作
class Tape(NamedTuple):
    """用于记录一次操作，包括输入输出和一个可调用的反向传播函数."""
    inputs: List[str]
    outputs: List[str]
    # 计算所有的 partial_outputs / partial_inputs
    propagate: Callable

_NAME = 1

def fresh_name():
    global _NAME
    name = f"v{_NAME}"
    _NAME += 1
    return name

# 顺序记录前向计算中所有的操作：加减乘除等
GRADIENT_TAPE: List[Tape] = []

# 清空所有的操作
def reset_tape():
    global _NAME
    _NAME = 1
    GRADIENT_TAPE.clear()

# 重载定义记录操作的变量
class Variable:
    def __init__(self, val: float, name: str=None):
        self.val = val
        self.name = name or fresh_name()

    def __repr__(self):
        return repr(self.val)

    # 返回一个常数
    @staticmethod
    def constant(val, name=None):
        var = Variable(val, name)
        print(f"{var.name} = {val}")
        return var

    # 重载的一些操作
    def __mul__(self, other):
        return ops_mul(self, other)

    def __truediv__(self, other):
        return ops_truediv(self, other)

    def __add__(self, other):
        return ops_add(self, other)

    def __sub__(self, other):
        return ops_sub(self, other)

def ops_mul(self: Variable, other: Variable):
    # forward
    x = Variable(self.val * other.val)
    print(f"{x.name} = {self.name} * {other.name}")

    # backward
    def propagate(df_doutputs):
        (df_dx,) = df_doutputs # 下一层的偏 f 偏 x
        dx_dself = other # partial derivate of x = self*other
        dx_dother = self # partial derivate of x = self*other
        df_dself = df_dx * dx_dself
        df_dother = df_dx * dx_dother
        dl_dinputs = [df_dself, df_dother]
        return dl_dinputs

    # 记录这个操作的输入输出
    tape = Tape(inputs=[self.name, other.name], outputs=[x.name], propagate=propagate)
    GRADIENT_TAPE.append(tape)
    return x

def ops_truediv(self: Variable, other: Variable):
    # forward
    x = Variable(self.val / other.val)
    print(f"{x.name} = {self.name} / {other.name}")

    # backward
    def propagate(df_doutputs):
        (df_dx,) = df_doutputs # 下一层的偏 f 偏 x
        dx_dself = Variable.constant(1.0) / other # partial derivate of x = self/other
        dx_dother = Variable.constant(0.0) - self / (other * other) # partial derivate of x = self/other
        df_dself = df_dx * dx_dself
        df_dother = df_dx * dx_dother
        dl_dinputs = [df_dself, df_dother]
        return dl_dinputs

    # 记录这个操作的输入输出
    tape = Tape(inputs=[self.name, other.name], outputs=[x.name], propagate=propagate)
    GRADIENT_TAPE.append(tape)
    return x

def ops_add(self, other):
    x = Variable(self.val + other.val)
    print(f"{x.name} = {self.name} + {other.name}")

    def propagate(df_doutputs):
        (df_dx,) = df_doutputs # 上一个节点传来的 df / do
        dx_dself = Variable(1.0)
        dx_dother = Variable(1.0)
        df_dself = df_dx * dx_dself
        df_dother = df_dx * dx_dother
        return [df_dself, df_dother]

    # record the input and output of the op
    tape = Tape(inputs=[self.name, other.name], outputs=[x.name], propagate=propagate)
    GRADIENT_TAPE.append(tape)
    return x

def ops_sub(self, other):
    x = Variable(self.val - other.val)
    print(f"{x.name} = {self.name} - {other.name}")

    def propagate(df_doutputs):
        (df_dx,) = df_doutputs
        dx_dself = Variable(1.0)


        dx_dother = Variable(-1.0)
        df_dself = df_dx * dx_dself
        df_dother = df_dx * dx_dother
        return [df_dself, df_dother]

    # record the input and output of the op
    tape = Tape(inputs=[self.name, other.name], outputs=[x.name], propagate=propagate)
    GRADIENT_TAPE.append(tape)
    return x

def sin(self):
    x = Variable(np.sin(self.val))
    print(f'{x.name} = sin({self.name})')

    def propagate(df_doutputs):
        (df_dx,) = df_doutputs
        dx_dself = Variable(np.cos(self.val))
        df_dself = df_dx * dx_dself
        return [df_dself]

    # record the input and output of the op
    tape = Tape(inputs=[self.name], outputs=[x.name], propagate=propagate)
    GRADIENT_TAPE.append(tape)
    return x

def log(self):
    x = Variable(np.log(self.val))
    print(f'{x.name} = log({self.name})')

    def propagate(df_doutputs):
        (df_dx,) = df_doutputs
        dx_dself = Variable(1 / self.val)
        df_dself = df_dx * dx_dself
        return [df_dself]

    # record the input and output of the op
    tape = Tape(inputs=[self.name], outputs=[x.name], propagate=propagate)
    GRADIENT_TAPE.append(tape)
    return x

def exp(self):
    x = Variable(np.exp(self.val))
    print(f'{x.name} = exp({self.name})')

    def propagate(df_doutputs):
        (df_dx,) = df_doutputs
        dx_dself = Variable(x.val)
        df_dself = df_dx * dx_dself
        return [df_dself]

    # record the input and output of the op
    tape = Tape(inputs=[self.name], outputs=[x.name], propagate=propagate)
    GRADIENT_TAPE.append(tape)
    return x


# 反向模式求解梯度, 根据图片来理解
def grad(l, results):
    df_d = {} # map dL/dX for all values X
    df_d[l.name] = Variable(1.)
    print("df_d", df_d)

    def gather_grad(entries):
        return [df_d[entry] if entry in df_d else None for entry in entries]

    for entry in reversed(GRADIENT_TAPE):
        print(entry)
        df_doutputs = gather_grad(entry.outputs)
        df_dinputs = entry.propagate(df_doutputs)
        # 根据变量的名字, 把梯度给累加上去
        for input, df_dinput in zip(entry.inputs, df_dinputs):
            if input not in df_d:
                df_d[input] = df_dinput
            else:
                df_d[input] += df_dinput

    for name, value in df_d.items():
        print(f'd{l.name}_d{name} = {value.name}')

    return gather_grad(result.name for result in results)


def func(v_1, v0):
    v1 = v_1 / v0
    v2 = sin(v1)
    v3 = exp(v0)
    v4 = v1 - v3
    v5 = v2 + v4
    v6 = v5 * v4
    return v6


# @at x1=1.5, x2=0.5
def seed001_reverse_as_published(x1, x2):
    reset_tape()
    v_1 = Variable.constant(x1, name='v_1')
    v0 = Variable.constant(x2, name='v0')
    v6 = func(v_1, v0)
    dx, dy = grad(v6, [v_1, v0])
    return v6.val, dx.val, dy.val
