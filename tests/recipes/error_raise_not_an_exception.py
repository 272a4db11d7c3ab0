# Covers: raising something that is no exception
raise 5
