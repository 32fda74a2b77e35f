"""The final table: each figure against issue 16's targets, misses marked."""

READ_P99_MS = 50
MIX_PER_S = 1000
CHECKIN_RATIO = 0.90
ATTENDANCE_S = 2.0
YEAR_EXPORT_S = 60.0
MEMORY_MB = 300


def rows(results):
    """(figure, measured, target, verdict) for everything that was measured."""
    out = []
    for name in ("mix", "rate", "checkin_district", "checkin_empty", "organiser"):
        if "error" in results.get(name, {}):
            out.append((name, results[name]["error"][:60], "-", "FAILED"))
    mix = results.get("mix")
    if mix and "error" not in mix:
        for name, endpoint in mix["endpoints"].items():
            if name == "check-in":
                out.append(("check-in p99 (mix; a write)", f"{endpoint['p99']:.1f} ms", "-", "-"))
                continue
            out.append((f"{name} p99", f"{endpoint['p99']:.1f} ms", f"< {READ_P99_MS} ms",
                        verdict(endpoint["p99"] < READ_P99_MS)))
        out.append(("morning mix throughput", f"{mix['per_s']:,.0f} req/s", f">= {MIX_PER_S:,} req/s",
                    verdict(mix["per_s"] >= MIX_PER_S)))
        out.append(("mix errors", str(mix["errors"]), "0", verdict(mix["errors"] == 0)))
    out += rate_rows(results.get("rate"))
    if "checkin_ratio" in results:
        district, empty = results["checkin_district"], results["checkin_empty"]
        out.append(("check-in scans/s: district / empty",
                    f"{district['scans_per_s']:,.0f} / {empty['scans_per_s']:,.0f} = {results['checkin_ratio']:.2f}",
                    f">= {CHECKIN_RATIO:.2f}", verdict(results["checkin_ratio"] >= CHECKIN_RATIO)))
    organiser = results.get("organiser")
    if organiser and "error" not in organiser:
        attendees = organiser.get("attendance event", {}).get("check_ins")
        for op in organiser["operations"]:
            name, seconds = op["operation"], op["seconds"]
            failed = op["status"] >= 400
            if name.startswith("attendance"):
                target, ok = f"< {ATTENDANCE_S:.0f} s", seconds < ATTENDANCE_S
                name = f"{name} ({attendees:,} rows)" if attendees else name
            elif name.startswith("hours export"):
                target, ok = f"< {YEAR_EXPORT_S:.0f} s", seconds < YEAR_EXPORT_S
            else:
                target, ok = "-", None
            out.append((f"{name} time", f"{seconds:.2f} s" + (f" (HTTP {op['status']})" if failed else ""), target,
                        "MISS (failed)" if failed else verdict(ok)))
            out.append((f"{name} peak RSS", f"{op['peak_rss_mb']:.0f} MB", f"< {MEMORY_MB} MB",
                        verdict(op["peak_rss_mb"] < MEMORY_MB)))
    return out


def rate_rows(rate):
    """Each steady rate's worst read p99, and the highest rate at which every read's p99 < 50 ms."""
    if not rate or "error" in rate:
        return []
    out = []
    for step in rate["steps"]:
        out.append((f"open loop at {step['offered_per_s']:g} req/s: worst read p99 ({step['worst_read']})",
                    f"{step['worst_read_p99_ms']:.1f} ms at {step['per_s']:g} req/s", f"< {READ_P99_MS} ms",
                    verdict(step["reads_ok"])))
    best = rate["reads_p99_under_50ms_up_to_per_s"]
    lowest = min(step["per_s"] for step in rate["steps"])
    measured = f"{best:,.0f} req/s" if best else f"at none of the rates tried (lowest {lowest:g} req/s)"
    out.append((f"p99 < {READ_P99_MS} ms up to", measured,
                f">= {MIX_PER_S:,} req/s", verdict(bool(best) and best >= MIX_PER_S)))
    return out


def verdict(ok):
    if ok is None:
        return "-"
    return "ok" if ok else "MISS"


def markdown(results):
    lines = ["| figure | measured | target | |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows(results)]
    return "\n".join(lines)


def print_table(results):
    table = rows(results)
    if not table:
        return
    widths = [max(len(str(r[i])) for r in table + [("figure", "measured", "target", "")]) for i in range(4)]
    print()
    for row in [("figure", "measured", "target", "")] + table:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
