# Covers: a bare raise with no exception being handled
def again():
    raise


again()
