# Covers: a recursion that prints at every level: print needs recursion levels of its own, so CPython stops two frames sooner, "while calling a Python object".
def countdown(n):
    print(n)
    countdown(n - 1)


countdown(5)
