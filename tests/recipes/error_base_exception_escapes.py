# Covers: except Exception does not take what derives from BaseException alone; a class raised is made without arguments
try:
    raise TimeoutError
except OSError as e:
    print("TimeoutError is an OSError:", repr(e))
try:
    raise BaseException("out")
except Exception:
    print("never")
