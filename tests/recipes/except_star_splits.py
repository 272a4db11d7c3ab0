# Covers: except* on a lone exception, a group split between two clauses, a nested group, an unmatched part going on, clauses that raise (grouped with the rest as CPython does), except* ExceptionGroup refused (a lone new exception from a clause is left out: 3.11.2 groups it, 3.11.7 does not)
def show(f):
    try:
        f()
    except BaseException as e:
        print("escaped:", repr(e))

def a():
    try:
        raise ValueError("x")
    except* ValueError as eg:
        print("a:", repr(eg), eg.exceptions)
def b():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as eg:
        print("b:", repr(eg))
def c():
    try:
        raise KeyError("k")
    except* ValueError as eg:
        print("never")
def d():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise RuntimeError("new")
def e():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as eg:
        print("e1", repr(eg))
    except* TypeError as eg:
        print("e2", repr(eg))
    print("e after")
def f():
    try:
        raise ExceptionGroup("eg", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(4)])])
    except* ValueError as eg:
        print("f:", repr(eg))
def g():
    try:
        raise ValueError(1)
    except* ValueError:
        raise
for fn in [a, b, c, d, e, f, g]:
    show(fn)
def j():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise RuntimeError("new")
    except* TypeError:
        raise KeyError("k")
def k():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ExceptionGroup:
        pass
for fn in [j, k]:
    show(fn)
