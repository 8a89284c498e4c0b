"""Retries with capped exponential backoff and full jitter, and a dead-letter route.

Only errors that may succeed on a later attempt are retried. A poison message (one that will
fail however often it is tried) goes to the dead-letter queue at once; an outage that outlasts
the retries is raised, so the consumer stops without committing its offset and the message is
delivered again later instead of being parked.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


class TransientError(Exception):
    """May succeed if tried again: a timeout, HTTP 429 or 503, a lost connection."""


class PermanentError(Exception):
    """Fails again whatever we do: a schema violation, an unknown account, HTTP 400."""


def full_jitter_delay(retry: int, base: float, cap: float,
                      uniform: Callable[[float, float], float] = random.uniform) -> float:
    """Seconds to wait before retry number `retry` (0 for the first retry).

    The ceiling doubles with every retry until it reaches `cap`; the wait is drawn uniformly
    between zero and that ceiling, so clients that failed together do not retry together.
    """
    ceiling = min(cap, base * 2**retry)
    return uniform(0.0, ceiling)


def call_with_retry(operation: Callable[[], T], *, max_attempts: int = 5,
                    base_delay: float = 0.2, max_delay: float = 10.0,
                    retry_on: tuple[type[BaseException], ...] = (TransientError,),
                    sleep: Callable[[float], None] = time.sleep,
                    uniform: Callable[[float, float], float] = random.uniform) -> T:
    """Run `operation`; retry only the exception types in `retry_on`.

    Any other exception propagates on the first failure. After `max_attempts` attempts the
    last retryable error propagates too. `sleep` and `uniform` are parameters so that tests
    (and simulations) can run without waiting and without randomness.
    """
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    for attempt in range(1, max_attempts + 1):
        try:
            return operation()
        except retry_on:
            if attempt == max_attempts:
                raise
            sleep(full_jitter_delay(attempt - 1, base_delay, max_delay, uniform))
    raise AssertionError("unreachable")  # the loop returns or raises


@dataclass(frozen=True)
class DeadLetter:
    message: Any
    error: str


def handle(message: Any, handler: Callable[[Any], None],
           dead_letters: list[DeadLetter], **retry_options: Any) -> bool:
    """Process one message. Returns True if it was applied, False if it was dead-lettered."""
    try:
        call_with_retry(lambda: handler(message), **retry_options)
    except PermanentError as error:
        dead_letters.append(DeadLetter(message, repr(error)))
        return False
    return True
