"""The load test's numbers per page, from locust's CSV (`locust --csv PREFIX` writes
PREFIX_stats.csv): requests, failures, p50, p95 and max in milliseconds, as a Markdown table.

    python bench/loadtest_report.py var/loadtest/locust_stats.csv
"""

import csv
import sys


def main(path: str) -> None:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print("| page | requests | failures | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = "**all**" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        print(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} "
            f"| {row['95%']} | {float(row['Max Response Time']):.0f} |"
        )


if __name__ == "__main__":
    main(sys.argv[1])
