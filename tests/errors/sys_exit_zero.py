# sys.exit() and sys.exit(0) exit with status 0; finally blocks run on the way out.
import sys
try:
    sys.exit()
finally:
    print("finally ran")
