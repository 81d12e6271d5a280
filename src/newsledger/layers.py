"""Store layers of the built-in stages. Importing this module registers them.

Each analysis stage that keeps results in the store (mentions, time
expressions, amounts, events) registers its tables here.
"""

from __future__ import annotations
