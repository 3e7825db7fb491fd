#!/usr/bin/env python3
"""Times the loyalty workload compiled to SQL in DuckDB next to `plum run`, on the same records.

    python3 scripts/sql/bench.py [--records 10000000] [--runs 3] [--plum .build/release/plum]

Generates the records with shared/bench/gen_data.py (into $PLUM_BENCH_DATA, default
/tmp/plum-bench), loads them into a native DuckDB table and a Parquet file once (timed apart), then
times, median of --runs: the query over the native table and over the Parquet file, each writing
its decisions to a DuckDB table; and `plum run` over the CSV writing JSON Lines to /dev/null.
Prints one line per figure; docs/performance.md quotes them.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
POLICY = os.path.join(ROOT, "examples/bench/loyalty.plum")


def generator():
    for candidate in ("../shared/bench/gen_data.py", "../../shared/bench/gen_data.py"):
        path = os.path.normpath(os.path.join(ROOT, candidate))
        if os.path.exists(path):
            return path
    raise SystemExit("shared/bench/gen_data.py not found beside the repository")


def timed(function, runs):
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plum", default=os.path.join(ROOT, ".build/release/plum"))
    arguments = parser.parse_args()
    n = arguments.records
    data = os.environ.get("PLUM_BENCH_DATA", "/tmp/plum-bench")
    subprocess.run([sys.executable, generator(), str(n)], check=True, stdout=subprocess.DEVNULL)
    csv_path = os.path.join(data, "participants_%d.csv" % n)
    query = subprocess.run(
        [arguments.plum, "compile", "--emit", "sql", "--dialect", "duckdb", "--as-of", "2026-11-23", POLICY],
        check=True, capture_output=True, text=True).stdout

    import duckdb
    with tempfile.TemporaryDirectory(prefix="plum-sql-bench-") as directory:
        connection = duckdb.connect(os.path.join(directory, "bench.duckdb"))
        columns = ("{'id': 'VARCHAR', 'age': 'BIGINT', 'country': 'VARCHAR', 'tier': 'VARCHAR', "
                   "'orders_90d': 'BIGINT', 'spend_90d': 'DECIMAL(18, 2)', 'days_since_last_order': 'BIGINT', "
                   "'consent_marketing': 'BOOLEAN', 'consent_profiling': 'BOOLEAN', 'gender': 'VARCHAR', "
                   "'email': 'VARCHAR'}")
        start = time.perf_counter()
        connection.execute("CREATE TABLE participants AS SELECT * FROM read_csv('%s', header = true, "
                           "columns = %s)" % (csv_path, columns))
        load = time.perf_counter() - start
        parquet = os.path.join(directory, "participants.parquet")
        connection.execute("COPY participants TO '%s' (FORMAT parquet)" % parquet)
        connection.execute("CREATE VIEW participants_parquet AS SELECT * FROM '%s'" % parquet)

        def decide(table):
            sql = query.replace('FROM "participants"', 'FROM "%s"' % table)
            connection.execute("CREATE OR REPLACE TABLE decisions AS " + sql)

        native = timed(lambda: decide("participants"), arguments.runs)
        threads = connection.execute("SELECT current_setting('threads')").fetchone()[0]
        connection.execute("SET threads = 1")
        native_one = timed(lambda: decide("participants"), arguments.runs)
        connection.execute("SET threads = %d" % int(threads))
        from_parquet = timed(lambda: decide("participants_parquet"), arguments.runs)
        rows = connection.execute("SELECT count(*), count(error_code) FROM decisions").fetchone()

    def plum_run(jobs):
        with open(os.devnull, "w") as sink:
            subprocess.run([arguments.plum, "run", POLICY, csv_path, "--as-of", "2026-11-23", "--jobs", str(jobs)],
                           check=True, stdout=sink, stderr=subprocess.DEVNULL)

    plum = timed(lambda: plum_run(1), arguments.runs)
    plum_two = timed(lambda: plum_run(2), arguments.runs)
    print("records %d (decisions table: %d rows, %d errors)" % (n, rows[0], rows[1]))
    print("duckdb load CSV into a native table: %.2f s" % load)
    print("duckdb query, native table -> table, %s threads: %.2f s (%.2f M records/s)" % (
        threads, native, n / native / 1e6))
    print("duckdb query, native table -> table, 1 thread: %.2f s (%.2f M records/s)" % (
        native_one, n / native_one / 1e6))
    print("duckdb query, Parquet -> table, %s threads: %.2f s (%.2f M records/s)" % (
        threads, from_parquet, n / from_parquet / 1e6))
    print("plum run --jobs 1, CSV -> JSON Lines: %.2f s (%.2f M records/s)" % (plum, n / plum / 1e6))
    print("plum run --jobs 2, CSV -> JSON Lines: %.2f s (%.2f M records/s)" % (plum_two, n / plum_two / 1e6))
    print("load average: %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
