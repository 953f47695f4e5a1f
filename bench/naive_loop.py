"""The naive reference: one line per ``asyncio.sleep(1)``, so every late wake-up adds up.

Usage: naive_loop.py SECONDS
"""

from __future__ import annotations

import asyncio
import sys


async def count(seconds: int) -> None:
    for second in range(seconds + 1):
        print(f"tick {second}", flush=True)
        if second < seconds:
            await asyncio.sleep(1)


if __name__ == "__main__":
    asyncio.run(count(int(sys.argv[1])))
