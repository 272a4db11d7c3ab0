# Summary: the smallest recipe: what starting the kitchen costs.
print("ready")
