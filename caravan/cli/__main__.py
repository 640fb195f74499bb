"""`python -m caravan.cli …`: the `caravan` command, as `caravan serve` starts its helpers."""

from caravan.cli import main

main()
