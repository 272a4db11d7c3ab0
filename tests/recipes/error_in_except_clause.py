# Covers: an error raised while another is handled ends the run with the new one; the name of `as` is gone after
def f():
    try:
        raise ValueError("first")
    except ValueError as e:
        print("handled", e)
    try:
        print(e)
    except NameError as missing:
        print(type_of(missing))


def type_of(error):
    return repr(error)


f()
try:
    1 / 0
except ZeroDivisionError:
    print([1, 2][5])
