# Covers: default= with several positional arguments: "Cannot specify a default for max() ...".
print(max([], default=1))
print(max(1, 2, default=0))
