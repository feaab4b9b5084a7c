"""Each app worker checks its cached master data in the background (a lifespan task).

A request whose copy of a Kommune's master data is older than DASNEZ_MASTERDATA_TTL
compares `kommune.master_version` itself: one round trip for one request of every `ttl`
seconds per Kommune and worker, which made the cheapest searches' p95 1.4-1.6 times their
raw SQL at 1M listings (issue 15). This task checks all of the worker's copies in one
statement every `ttl / 2` seconds on the database pool, so requests find them checked.

A change made in another worker is still seen within `ttl` seconds: a copy the task has not
checked in time (the database slow or away) is checked by the request, as before. With a
`ttl` of 0 (the browser tests) every request checks, and the task does not run.
"""

from __future__ import annotations

import asyncio
import logging

from dasnez_core.services.masterdata_cache import MasterDataCache, process_cache
from dasnez_ui.db_thread import in_db_thread

log = logging.getLogger(__name__)


async def check_master_data(cache: MasterDataCache | None = None) -> None:
    """Check the worker's cached master data every `ttl / 2` seconds until cancelled."""
    cache = cache if cache is not None else process_cache()
    interval = cache.ttl / 2
    if interval <= 0:
        return
    failed = 0
    while True:
        await asyncio.sleep(interval)
        try:
            await in_db_thread(cache.revalidate, reads=True)
        except Exception:  # an outage: the requests check their copies themselves
            # Logged once per outage (with its cause), not twice a second.
            if not failed:
                log.warning("checking the cached master data failed", exc_info=True)
            failed += 1
            continue
        if failed:
            log.warning("checking the cached master data works again (%d checks failed)", failed)
            failed = 0
