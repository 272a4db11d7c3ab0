# Covers: an uncaught ExceptionGroup holding a group ends with the inner group's box
raise ExceptionGroup("a", [ExceptionGroup("b", [ValueError()])])
