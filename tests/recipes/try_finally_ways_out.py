# Covers: finally runs on return, break and continue; a return in finally wins; nested finally order
def returns():
    try:
        return "from try"
    finally:
        print("returns: finally")


def finally_returns():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"


def nested():
    try:
        try:
            return "inner"
        finally:
            print("nested: inner finally")
    finally:
        print("nested: outer finally")


def loop():
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("loop body", i)
        finally:
            print("loop finally", i)
    n = 0
    while True:
        n += 1
        try:
            if n == 2:
                break
        finally:
            print("while finally", n)
    return n


def swallowed():
    for i in range(2):
        try:
            raise RuntimeError("gone")
        finally:
            break
    return "swallowed by break"


print(returns())
print(finally_returns())
print(nested())
print(loop())
print(swallowed())
