"""One sample of a container's resource usage, as `docker stats` prints it."""
from __future__ import annotations

from composer.humanize import binary_size, human_size

HEADERS = {"ID": "CONTAINER ID", "Container": "CONTAINER", "Name": "NAME", "CPUPerc": "CPU %",
           "MemUsage": "MEM USAGE / LIMIT", "MemPerc": "MEM %", "NetIO": "NET I/O",
           "BlockIO": "BLOCK I/O", "PIDs": "PIDS"}
TABLE = ("ID", "Name", "CPUPerc", "MemUsage", "MemPerc", "NetIO", "BlockIO", "PIDs")


def cpu_percent(s: dict) -> float:
    cpu, pre = s.get("cpu_stats") or {}, s.get("precpu_stats") or {}
    delta = (cpu.get("cpu_usage") or {}).get("total_usage", 0) - \
        (pre.get("cpu_usage") or {}).get("total_usage", 0)
    system = (cpu.get("system_cpu_usage") or 0) - (pre.get("system_cpu_usage") or 0)
    online = cpu.get("online_cpus") or len((cpu.get("cpu_usage") or {}).get("percpu_usage") or
                                           ()) or 1
    return delta / system * online * 100.0 if delta > 0 and system > 0 else 0.0


def memory(s: dict) -> tuple[float, float]:
    """(used without the page cache, limit) in bytes."""
    m = s.get("memory_stats") or {}
    stats = m.get("stats") or {}
    cache = stats.get("total_inactive_file", stats.get("inactive_file", 0)) or 0
    usage = m.get("usage") or 0
    return (usage - cache if cache < usage else usage), (m.get("limit") or 0)


def block_io(s: dict) -> tuple[int, int]:
    read = write = 0
    for e in (s.get("blkio_stats") or {}).get("io_service_bytes_recursive") or []:
        op = (e.get("op") or "").lower()
        if op == "read":
            read += e.get("value", 0)
        elif op == "write":
            write += e.get("value", 0)
    return read, write


def net_io(s: dict) -> tuple[int, int]:
    nets = (s.get("networks") or {}).values()
    return sum(n.get("rx_bytes", 0) for n in nets), sum(n.get("tx_bytes", 0) for n in nets)


def stats_row(c, s: dict, no_trunc: bool = False) -> dict:
    used, limit = memory(s)
    rx, tx = net_io(s)
    read, write = block_io(s)
    return {
        "BlockIO": f"{human_size(read)} / {human_size(write)}",
        "CPUPerc": f"{cpu_percent(s):.2f}%", "Container": c.id,
        "ID": c.id if no_trunc else c.id[:12],
        "MemPerc": f"{(used / limit * 100.0) if limit else 0.0:.2f}%",
        "MemUsage": f"{binary_size(used)} / {binary_size(limit)}", "Name": c.name,
        "NetIO": f"{human_size(rx)} / {human_size(tx)}",
        "PIDs": str((s.get("pids_stats") or {}).get("current", 0)),
    }
