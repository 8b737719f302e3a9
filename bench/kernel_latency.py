#!/usr/bin/env python3
"""Kernel latency: time until kernel_info is answered after start, and a trivial cell's round trip.

Targets (issue 6): kernel ready (kernel_info answered) < 2 s; median round trip of `1 + 1` < 50 ms.

    python bench/kernel_latency.py [--starts 5] [--cells 200] [--kernel java-workbook] [--check]

Needs jupyter_client and the kernel installed (./workbook install), or JUPYTER_PATH pointing at a
kernelspec folder (scripts/test-kernel.sh writes one under build/kernel-test/jupyter).
With --check, exits 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

READY_TARGET_S = 2.0
ROUND_TRIP_TARGET_MS = 50.0


def reply_to(kc, msg_id: str, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def idle_for(kc, msg_id: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return


def time_to_ready(kernel: str) -> float:
    km = KernelManager(kernel_name=kernel)
    t0 = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        reply_to(kc, kc.kernel_info(), timeout=60)
        return time.monotonic() - t0
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def round_trips(kernel: str, cells: int, code: str) -> list[float]:
    km = KernelManager(kernel_name=kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    try:
        for _ in range(20):  # JShell and the JIT warm up
            mid = kc.execute(code)
            reply_to(kc, mid, 60)
            idle_for(kc, mid, 60)
        times = []
        for _ in range(cells):
            t0 = time.monotonic()
            mid = kc.execute(code)
            reply_to(kc, mid, 60)
            idle_for(kc, mid, 60)
            times.append((time.monotonic() - t0) * 1000)
        return times
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", default="java-workbook")
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--cells", type=int, default=200)
    ap.add_argument("--code", default="1 + 1")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    a = ap.parse_args()

    ready = [time_to_ready(a.kernel) for _ in range(a.starts)]
    trips = round_trips(a.kernel, a.cells, a.code)
    ready_med = statistics.median(ready)
    trip_med = statistics.median(trips)
    trip_p90 = statistics.quantiles(trips, n=10)[-1]
    ok_ready = ready_med < READY_TARGET_S
    ok_trip = trip_med < ROUND_TRIP_TARGET_MS
    print(f"kernel_info after start: median {ready_med:.2f} s over {a.starts} starts "
          f"(min {min(ready):.2f}, max {max(ready):.2f}); target < {READY_TARGET_S} s: {'ok' if ok_ready else 'MISSED'}")
    print(f"round trip of {a.code!r} (execute -> reply and idle): median {trip_med:.1f} ms, p90 {trip_p90:.1f} ms "
          f"over {a.cells} cells; target median < {ROUND_TRIP_TARGET_MS} ms: {'ok' if ok_trip else 'MISSED'}")
    return 0 if (ok_ready and ok_trip) or not a.check else 1


if __name__ == "__main__":
    sys.exit(main())
