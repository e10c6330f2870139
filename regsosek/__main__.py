import sys

from regsosek.cli import main

sys.exit(main(sys.argv[1:]))
