# Covers: repr() and str() of the errors the engine raises, caught: each as CPython writes it
def attempt(label, work):
    try:
        work()
    except Exception as e:
        print(label, repr(e), "|", str(e))


def zero():
    return 1 / 0


def power():
    return 5e-324 ** -1


def index():
    return [1][3]


def name():
    return undefined_name


def types():
    return 1 + "a"


def value():
    return int("x")


def recursion():
    return recursion()


works = [zero, power, index, name, types, value, recursion]
labels = ["zero", "power", "index", "name", "types", "value", "recursion"]
for i in range(len(works)):
    attempt(labels[i], works[i])
