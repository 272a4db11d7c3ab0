# Covers: recursive functions (factorial, fibonacci, a countdown that prints on the way down and up).
def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def countdown(n):
    if n == 0:
        print("liftoff")
        return
    print("down", n)
    countdown(n - 1)
    print("up", n)


def digits_sum(n):
    return n if n < 10 else n % 10 + digits_sum(n // 10)


def main():
    print(factorial(0), factorial(5), factorial(20))
    print([fib(i) for i in range(15)])
    countdown(3)
    print(digits_sum(9876543210))


main()
