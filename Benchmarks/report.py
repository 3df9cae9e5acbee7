#!/usr/bin/env python3
"""Helpers for Benchmarks/run.sh (standard library only).

  report.py h2load FILE         parse h2load's output; prints shell assignments (H2_RPS=..., ...)
  report.py table RAW.csv META  prints the summary table (medians over rounds, ratios, targets)
"""

import csv
import re
import statistics
import sys

SERVERS = [("loketd", "loketd"), ("grpc-swift-2", "grpc-swift-2"), ("cpp", "C++")]
SHAPE_LABELS = {"10x10": "-c 10 -m 10", "100x1": "-c 100 -m 1", "1x1": "-c 1 -m 1"}

UNIT_US = {"us": 1.0, "ms": 1000.0, "s": 1_000_000.0}


def duration_us(text):
    match = re.fullmatch(r"([0-9.]+)(us|ms|s)", text)
    if not match:
        raise ValueError(f"unexpected duration {text!r}")
    return float(match.group(1)) * UNIT_US[match.group(2)]


def parse_h2load(path):
    """Reads the numbers run.sh needs from h2load's text output; exits 1 if a line is missing."""
    text = open(path, encoding="utf-8", errors="replace").read()
    values = {}
    finished = re.search(r"^finished in ([0-9.]+(?:us|ms|s)), ([0-9.]+) req/s", text, re.M)
    requests = re.search(
        r"^requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout",
        text,
        re.M,
    )
    statuses = re.search(r"^status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", text, re.M)
    latency = re.search(r"^time for request:\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)", text, re.M)
    if not (finished and requests and statuses and latency):
        print(f"echo 'report.py: could not parse h2load output in {path}' >&2; false")
        return 1
    values["H2_SECONDS"] = duration_us(finished.group(1)) / 1e6
    values["H2_RPS"] = float(finished.group(2))
    names = ["TOTAL", "STARTED", "DONE", "SUCCEEDED", "FAILED", "ERRORED", "TIMEOUT"]
    for name, value in zip(names, requests.groups()):
        values["H2_" + name] = int(value)
    for name, value in zip(["2XX", "3XX", "4XX", "5XX"], statuses.groups()):
        values["H2_" + name] = int(value)
    values["H2_MIN_US"] = duration_us(latency.group(1))
    values["H2_MAX_US"] = duration_us(latency.group(2))
    values["H2_MEAN_US"] = duration_us(latency.group(3))
    for key, value in values.items():
        if isinstance(value, float):
            print(f"{key}={value:.3f}")
        else:
            print(f"{key}={value}")
    return 0


def median(values):
    return statistics.median(values) if values else None


def fmt(value, spec):
    return "-" if value is None else format(value, spec)


def times(value):
    return "-" if value is None else f"{value:.2f}x"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def table(raw_path, meta_path):
    rows = list(csv.DictReader(open(raw_path, encoding="utf-8")))
    meta = open(meta_path, encoding="utf-8").read().rstrip("\n")
    shapes = []
    for row in rows:
        if row["shape"] not in shapes:
            shapes.append(row["shape"])

    def summary(server, shape):
        runs = [r for r in rows if r["server"] == server and r["shape"] == shape]
        ok = [r for r in runs if r["status"] == "ok"]
        result = {
            "runs": len(runs),
            "ok": len(ok),
            "rps": median([float(r["rps"]) for r in ok]),
            "mean_ms": median([float(r["mean_us"]) / 1000 for r in ok]),
            "max_ms": median([float(r["max_us"]) / 1000 for r in ok]),
            "cpu_us": median([float(r["cpu_us_per_req"]) for r in ok]),
            "rss_mb": median([float(r["peak_rss_kb"]) / 1024 for r in ok]),
            "rss_max_mb": max([float(r["peak_rss_kb"]) / 1024 for r in runs if r["peak_rss_kb"]], default=None),
            "failed_requests": sum(int(r["failed"] or 0) + int(r["errored"] or 0) + int(r["timeout"] or 0) for r in runs),
            "notes": sorted({r["status"] for r in runs if r["status"] != "ok"}),
        }
        return result

    lines = [meta, ""]
    header = (
        f"{'shape':<12} {'server':<13} {'req/s':>9} {'mean ms':>8} {'max ms':>8} "
        f"{'CPU us/req':>10} {'peak RSS MB':>11} {'ok runs':>7}"
    )
    lines.append(header)
    lines.append("-" * len(header))
    summaries = {}
    for shape in shapes:
        label = SHAPE_LABELS.get(shape, shape)
        for server, name in SERVERS:
            if not any(r["server"] == server and r["shape"] == shape for r in rows):
                continue
            s = summary(server, shape)
            summaries[(server, shape)] = s
            lines.append(
                f"{label:<12} {name:<13} {fmt(s['rps'], ',.0f'):>9} {fmt(s['mean_ms'], '.3f'):>8} "
                f"{fmt(s['max_ms'], '.2f'):>8} {fmt(s['cpu_us'], '.1f'):>10} {fmt(s['rss_mb'], '.1f'):>11} "
                f"{str(s['ok']) + '/' + str(s['runs']):>7}"
            )
            label = ""
        loket = summaries.get(("loketd", shape))
        for server, name in SERVERS[1:]:
            peer = summaries.get((server, shape))
            if loket and peer:
                lines.append(
                    f"{'':<12} {'loketd/' + name + ':':<20} req/s {times(ratio(loket['rps'], peer['rps']))}, "
                    f"CPU/req {times(ratio(loket['cpu_us'], peer['cpu_us']))}"
                )
        lines.append("")

    lines.append("Medians over the ok runs. CPU/req: server utime+stime per request (lower is better).")
    lines.append("req/s ratio above 1 and CPU/req ratio below 1 favour loketd.")
    lines.append("")

    # Targets from the issue.
    checks = []

    def check(description, passed):
        checks.append(f"  [{'PASS' if passed else 'FAIL' if passed is not None else 'n/a '}] {description}")

    def rps(server, shape):
        s = summaries.get((server, shape))
        return s["rps"] if s else None

    c10 = "10x10"
    if ("loketd", c10) in summaries:
        r_swift = ratio(rps("loketd", c10), rps("grpc-swift-2", c10))
        r_cpp = ratio(rps("loketd", c10), rps("cpp", c10))
        check(f"-c 10 -m 10: loketd >= 5x grpc-swift-2 req/s (is {times(r_swift)})",
              None if r_swift is None else r_swift >= 5)
        check(f"-c 10 -m 10: loketd >= 2x C++ req/s (is {times(r_cpp)})",
              None if r_cpp is None else r_cpp >= 2)
        value = rps("loketd", c10)
        check(f"-c 10 -m 10: loketd >= 150,000 req/s (is {fmt(value, ',.0f')})",
              None if value is None else value >= 150_000)
    for shape in ("100x1", "1x1"):
        if ("loketd", shape) in summaries:
            r_cpp = ratio(rps("loketd", shape), rps("cpp", shape))
            check(f"{SHAPE_LABELS[shape]}: loketd at least level with C++ req/s (is {times(r_cpp)})",
                  None if r_cpp is None else r_cpp >= 1)
    loket_runs = [r for r in rows if r["server"] == "loketd"]
    if loket_runs:
        failed = sum(summaries[("loketd", s)]["failed_requests"] for s in shapes if ("loketd", s) in summaries)
        bad = sorted({r["status"] for r in loket_runs if r["status"] != "ok"})
        check(f"loketd: no failed calls (failed/errored/timed-out requests: {failed}; "
              f"runs not ok: {len([r for r in loket_runs if r['status'] != 'ok'])}{' ' + ','.join(bad) if bad else ''})",
              failed == 0 and not bad)
        peak = max((float(r["peak_rss_kb"]) / 1024 for r in loket_runs if r["peak_rss_kb"]), default=None)
        check(f"loketd: peak RSS under 64 MB in every run (highest {fmt(peak, '.1f')} MB)",
              None if peak is None else peak < 64)
    lines.append("Targets (issue):")
    lines.extend(checks)

    problems = [
        f"  {r['server']} {SHAPE_LABELS.get(r['shape'], r['shape'])} round {r['round']}: {r['status']}"
        for r in rows if r["status"] != "ok"
    ]
    if problems:
        lines.append("")
        lines.append("Runs that were not ok (excluded from the medians):")
        lines.extend(problems)
    print("\n".join(lines))
    return 0


def main(argv):
    if len(argv) == 3 and argv[1] == "h2load":
        return parse_h2load(argv[2])
    if len(argv) == 4 and argv[1] == "table":
        return table(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
