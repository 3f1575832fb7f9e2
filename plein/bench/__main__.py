import sys

from plein.bench.bench import main

sys.exit(main(sys.argv[1:]))
