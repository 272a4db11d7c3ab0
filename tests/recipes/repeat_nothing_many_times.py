# Covers: an empty list or str repeated any number of times is empty at once, and a count of 0 or less empties
print([] * 9223372036854775807, "" * 9223372036854775807, [1] * 0, "ab" * -3, repr([] * 5), 3 * [])
