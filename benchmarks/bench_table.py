"""The tables `make bench` prints (and docs/benchmarks.md shows) from its results."""

from __future__ import annotations

#: The targets of issue 12's speed list.
P99_TARGET_MS = {1000: 25.0, 100_000: 40.0}
CLI_TARGET_S = 0.5
RELOAD_TARGET_S = 1.0
MEMORY_TARGET_MB = {100_000: 1536.0}


def verdict(cpu: float, wall: float, target: float | None) -> str:
    """Whether the CPU and the wall figure meet a target ("–" where there is none)."""
    if target is None:
        return "–"
    if cpu <= target and wall <= target:
        return "met"
    if cpu <= target:
        return "met by CPU time, not by wall time"
    return "missed"


def ratio(value: float, baseline: float) -> str:
    """value ÷ baseline with as many digits as it needs: 0.52×, 3.5×, 1292×."""
    if baseline <= 0:
        return "–"
    share = value / baseline
    return f"{share:.0f}×" if share >= 100 else f"{share:.1f}×" if share >= 10 else f"{share:.2f}×"


def _questions(rows: list[dict]) -> list[str]:
    lines = [
        "Questions one at a time, embedding included (ms; CPU time, wall time in its own column):",
        "",
        "| entries | dense texts | engine p50 / p99 | of it embedding p50 / p99 | engine wall p50 / p99 "
        "| WRatio p50 / p99 | engine ÷ WRatio p50 / p99 | right engine / WRatio | p99 target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        e, b = row["engine"], row["baseline"]
        target = P99_TARGET_MS.get(row["size"])
        judged = "–"
        if target is not None:
            judged = f"≤ {target:.0f}: {verdict(e['p99_ms'], e['wall_p99_ms'], target)}"
        lines.append(
            f"| {row['size']:,} | {row['dense_texts']} | {e['p50_ms']:.1f} / {e['p99_ms']:.1f} "
            f"| {e['embed_p50_ms']:.1f} / {e['embed_p99_ms']:.1f} "
            f"| {e['wall_p50_ms']:.1f} / {e['wall_p99_ms']:.1f} "
            f"| {b['p50_ms']:.1f} / {b['p99_ms']:.1f} "
            f"| {ratio(e['p50_ms'], b['p50_ms'])} / {ratio(e['p99_ms'], b['p99_ms'])} "
            f"| {100 * e['accuracy']:.1f} % / {100 * b['accuracy']:.1f} % "
            f"| {judged} |"
        )
    return lines


def _builds(rows: list[dict]) -> list[str]:
    lines = [
        "Loading and building per size, in the process that asked the questions above:",
        "",
        "| entries | load CPU (wall) | build CPU (wall) | texts embedded, fitted | WRatio index CPU "
        "| peak RSS | memory target |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        load, build = row["load"], row["build"]
        target = MEMORY_TARGET_MB.get(row["size"])
        met = "met" if target is not None and row["peak_mb"] <= target else "missed"
        memory = "–" if target is None else f"≤ {target:.0f} MiB: {met}"
        lines.append(
            f"| {row['size']:,} | {load['cpu_s']:.1f} s ({load['wall_s']:.1f} s) "
            f"| {build['cpu_s']:.1f} s ({build['wall_s']:.1f} s) "
            f"| {build['texts_embedded']:,}, {'yes' if build['fitted'] else 'no (cached)'} "
            f"| {row['baseline']['build']['cpu_s']:.2f} s | {row['peak_mb']:.0f} MiB | {memory} |"
        )
    return lines


def _cold(rows: list[dict]) -> list[str]:
    lines = [
        "Cold builds (empty cache: every text embedded, the ranker fitted), beside a rebuild from the "
        "cache in the same process:",
        "",
        "| entries | texts embedded | embedding CPU | texts/s CPU (wall) | cold build CPU (wall) "
        "| rebuild from cache CPU | cold ÷ rebuild | peak RSS |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        cold, warm = row["cold"], row["warm"]
        lines.append(
            f"| {row['size']:,} | {row['texts_embedded']:,} | {row['embed_cpu_s']:.0f} s "
            f"| {row['texts_per_s']:.1f} ({row['texts_per_wall_s']:.1f}) "
            f"| {cold['cpu_s']:.0f} s ({cold['wall_s']:.0f} s) | {warm['cpu_s']:.1f} s "
            f"| {ratio(cold['cpu_s'], warm['cpu_s'])} | {row['peak_mb']:.0f} MiB |"
        )
    return lines


def _shipped(cli: dict, reload: dict) -> list[str]:
    ask, help_ = cli["ask"], cli["help"]
    unchanged, edited, load = reload["reload"], reload["edited"], reload["load"]
    refit = "refitted" if edited["refitted"] else "not refitted"
    return [
        f"The shipped knowledge (medians; CLI: {cli['runs']} runs each, alternating):",
        "",
        "| what | CPU | wall | baseline in the same command / process | CPU ÷ baseline | target |",
        "|---|---|---|---|---|---|",
        f'| `python -m bot ask "{cli["question"]}"`, warm cache | {ask["cpu_s"]:.2f} s '
        f"| {ask['wall_s']:.2f} s "
        f"| `python -m bot --help`: {help_['cpu_s']:.2f} s ({help_['wall_s']:.2f} s wall) "
        f"| {ratio(ask['cpu_s'], help_['cpu_s'])} "
        f"| ≤ {CLI_TARGET_S} s: {verdict(ask['cpu_s'], ask['wall_s'], CLI_TARGET_S)} |",
        f"| reload, nothing changed | {unchanged['cpu_s']:.2f} s | {unchanged['wall_s']:.2f} s "
        f"| reading and checking the files: {load['cpu_s']:.2f} s "
        f"| {ratio(unchanged['cpu_s'], load['cpu_s'])} "
        f"| ≤ {RELOAD_TARGET_S:.0f} s: {verdict(unchanged['cpu_s'], unchanged['wall_s'], RELOAD_TARGET_S)} |",
        f"| reload after one edited entry ({refit}, {edited['texts_embedded']} texts embedded) "
        f"| {edited['cpu_s']:.1f} s | {edited['wall_s']:.1f} s | the unchanged reload "
        f"| {ratio(edited['cpu_s'], unchanged['cpu_s'])} | – |",
    ]


def render(results: dict) -> str:
    machine = results["machine"]
    lines = [
        f"{results['date']}, {machine['cpu']}, {machine['cores']} cores (one used), "
        f"Python {machine['python']}; "
        f"load average {results['load_average_start'][0]:.1f} at the start, "
        f"{results['load_average_end'][0]:.1f} at the end",
        "",
    ]
    if results.get("sizes"):
        lines += [*_questions(results["sizes"]), "", *_builds(results["sizes"]), ""]
    if results.get("cold"):
        lines += [*_cold(results["cold"]), ""]
    if results.get("cli"):
        lines += _shipped(results["cli"], results["reload"])
    return "\n".join(lines)
