"""wrk and the small HTTP helpers every part of the benchmark shares."""

from __future__ import annotations

import re
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def settle(url: str, timeout: float = 120) -> None:
    """Wait until the server answers `url` at once again: when wrk stops, requests it sent
    may still be queued, and a server working through them would slow the next run down."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.monotonic()
        get(url)
        if time.monotonic() - started < 1:
            return


def wrk(url: str, connections: int, duration: int, script: Path | None = None) -> Result:
    """Load `url` (or, with a Lua `script`, the paths it picks on that server) for `duration` s.
    Waits first for the server to have finished what an earlier run left queued."""
    settle(url)
    threads = min(connections, 2)
    command = [
        "wrk", "--latency", "-H", "Connection: close", "-t", str(threads),
        "-c", str(connections), "-d", f"{duration}s", "--timeout", "30s", url,
    ]  # fmt: skip
    if script is not None:
        command += ["-s", str(script)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    output = run.stdout + run.stderr
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if found is None:
        raise SystemExit(f"wrk gave no figures for {url}:\n{output}")
    rate = float(found.group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failed = int(errors.group(1)) if errors else 0
    if socket_errors:
        connect, _read, _write, timeout = (int(value) for value in socket_errors.groups())
        failed += connect + timeout
    return Result(rate, milliseconds(percentiles["50"]), milliseconds(percentiles["99"]), failed)


def milliseconds(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def peak_memory_mb(master: subprocess.Popen) -> list[float]:
    """VmHWM (peak resident set) of each gunicorn worker, in MB."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return peaks
