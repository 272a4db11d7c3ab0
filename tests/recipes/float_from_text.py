# Covers: float() of a str: underscores, signs, inf/infinity/nan in any case, exponents out of range, a leading or trailing point, Unicode spaces and decimal digits.
texts = ["1_0.5", " -inf ", "+NaN", "1e400", "-1e-400", "\u0661_\u0665", ".5", "5.", "\u2003 2.5\u2003", "-Infinity", "\u0663.\u0661\u0664e\u0662"]
for text in texts:
    print(repr(text), "->", repr(float(text)))
print(f"{float('2.25'):.1f}", round(2.675, 2), f"{1234.5:,.2f}", f"{0.000123:e}")
