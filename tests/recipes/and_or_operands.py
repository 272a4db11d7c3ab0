# Covers: and/or return one of their operands (not just True/False), short-circuit evaluation, not.
def say(value):
    print(f"said {value}")
    return value


def main():
    print(0 or "fallback", "" or 0, None or [], [] or [1])
    print(3 and 4, 0 and 4, "" and "x", "a" and "")
    print(None or 0 or "last", 1 and 2 and 3)
    print(not 0, not 1, not "", not "x", not [], not [0], not None)
    print(say(0) and say(1))
    print(say(2) or say(3))
    print(say("") or say(False) or say("end"))


main()
