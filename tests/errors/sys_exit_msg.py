# sys.exit("message") prints the message to stderr and exits with status 1.
import sys
try:
    sys.exit(7)
except SystemExit as e:
    print("caught SystemExit", e.code)
sys.exit("fatal: giving up")
