# Covers: try/except/else/finally in order; except by class, by a base class, by a tuple, bare; as e, str/repr
def risky(n):
    if n == 0:
        return 10 // n
    if n == 1:
        raise ValueError(f"bad {n}")
    if n == 2:
        raise KeyError("k")
    if n == 3:
        raise IndexError
    return n


def attempt(n):
    try:
        value = risky(n)
    except ArithmeticError as e:
        print(n, "arithmetic:", e, repr(e))
    except (ValueError, KeyError) as e:
        print(n, "value or key:", str(e), repr(e))
    except:
        print(n, "anything else")
    else:
        print(n, "fine:", value)
    finally:
        print(n, "finally")


for n in range(5):
    attempt(n)
print(ValueError, repr(ValueError()), repr(ValueError(1, "two")), str(ValueError(1, "two")))
print(str(KeyError()), str(KeyError("a")), repr(KeyError("a")), f"{RuntimeError('r')!r}")
