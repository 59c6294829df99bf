"""`python -m pgkg` runs the command line."""

from .cli import main

main()
