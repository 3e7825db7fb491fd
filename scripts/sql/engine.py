#!/usr/bin/env python3
"""Runs compiled Plum queries in a real SQL engine and prints each result row as JSON.

The differential tests (Tests/PlumSQLTests) and `plum-bench` call this harness; people can too.
It reads a manifest (JSON) on standard input:

    {"engine": "duckdb" | "postgres" | "spark",
     "jobs": [{"table": "participants",
               "columns": [["id", "string"], ["age", "int"], ["spend_90d", "money:2"], ...],
               "data": "records.csv",          # CSV with a header; dotted names are column names with _
               "query": "WITH ... SELECT ...",  # from `plum compile --emit sql`
               "output": "result.jsonl"}]}      # one JSON object per result row

Column types are Plum's: bool, int, float, string, date, duration, enum, money:DIGITS. Values a
typed table cannot hold (a word in an int column) are loaded as NULL, as a database would reject
them. One engine instance serves every job: DuckDB in process, PostgreSQL as a server started in a
temporary directory on a Unix socket (and stopped at the end), Spark as one local session.
"""
import csv
import datetime
import decimal
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

INT = re.compile(r"^[+-]?[0-9]+$")
MONEY = re.compile(r"^[+-]?[0-9]+(\.[0-9]{1,8})?$")


def clean(value, kind):
    """The value as typed-table text, or None when the table cannot hold it."""
    if value is None or value == "":
        return None
    if kind in ("int", "duration"):
        if not INT.match(value) or not (-2**63 <= int(value) < 2**63):
            return None
        return str(int(value))
    if kind == "float":
        try:
            number = float(value)
        except ValueError:
            return None
        return repr(number) if math.isfinite(number) else None
    if kind == "bool":
        return value if value in ("true", "false") else None
    if kind == "date":
        try:
            return datetime.date.fromisoformat(value).isoformat() if len(value) == 10 else None
        except ValueError:
            return None
    if kind.startswith("money"):
        return value if MONEY.match(value) else None
    return value


def sql_type(kind, engine):
    text = {"duckdb": "VARCHAR", "postgres": "TEXT", "spark": "STRING"}[engine]
    double = "DOUBLE PRECISION" if engine == "postgres" else "DOUBLE"
    return {"bool": "BOOLEAN", "int": "BIGINT", "duration": "BIGINT", "float": double,
            "date": "DATE", "string": text, "enum": text}.get(kind, "DECIMAL(38, 8)")


def cleaned_csv(job, directory, index):
    """Writes the job's records with only the schema's columns, typed values, as a clean CSV."""
    columns = job["columns"]
    path = os.path.join(directory, "records_%d.csv" % index)
    with open(job["data"], newline="", encoding="utf-8") as source, \
            open(path, "w", newline="", encoding="utf-8") as target:
        reader = csv.reader(source)
        header = [name.replace(".", "_") for name in next(reader)]
        positions = [header.index(name) if name in header else None for name, _ in columns]
        writer = csv.writer(target, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        for row in reader:
            values = []
            for (name, kind), position in zip(columns, positions):
                raw = row[position] if position is not None and position < len(row) else None
                values.append(clean(raw, kind))
            writer.writerow(["" if v is None else v for v in values])
    return path


def write_rows(rows, output):
    with open(output, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def run_duckdb(jobs, directory):
    import duckdb
    connection = duckdb.connect()
    for index, job in enumerate(jobs):
        path = cleaned_csv(job, directory, index)
        types = ", ".join("'%s': '%s'" % (name, sql_type(kind, "duckdb")) for name, kind in job["columns"])
        connection.execute('DROP TABLE IF EXISTS "%s"' % job["table"])
        connection.execute(
            "CREATE TABLE \"%s\" AS SELECT * FROM read_csv('%s', header = true, columns = {%s}, "
            "allow_quoted_nulls = false)" % (job["table"], path, types))
        cursor = connection.execute(job["query"])
        names = [d[0] for d in cursor.description]
        write_rows((dict(zip(names, row)) for row in cursor.fetchall()), job["output"])


def postgres_binaries():
    candidates = ["/usr/lib/postgresql/%s/bin" % v for v in ("17", "16", "15", "14", "13")]
    found = shutil.which("initdb")
    if found:
        candidates.append(os.path.dirname(os.path.realpath(found)))
    for candidate in candidates:
        if all(os.path.exists(os.path.join(candidate, tool)) for tool in ("initdb", "pg_ctl", "psql")):
            return candidate
    raise SystemExit("PostgreSQL is not installed (no initdb, pg_ctl and psql)")


def run_postgres(jobs, directory):
    binaries = postgres_binaries()
    data = os.path.join(directory, "pgdata")
    prefix = []
    if os.geteuid() == 0:
        # initdb refuses to run as root: the server runs as a dedicated user.
        if subprocess.run(["id", "-u", "plumsql"], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--system", "--no-create-home", "plumsql"], check=True)
        os.chmod(directory, 0o777)
        prefix = ["runuser", "-u", "plumsql", "--"]
    subprocess.run(prefix + [os.path.join(binaries, "initdb"), "-D", data, "-A", "trust", "-U", "plum",
                             "-E", "UTF8", "--locale=C"], check=True, capture_output=True)
    log = os.path.join(directory, "postgres.log")
    subprocess.run(prefix + [os.path.join(binaries, "pg_ctl"), "-D", data, "-l", log, "-w", "-o",
                             "-k %s -c listen_addresses='' -p 54329 -c fsync=off" % directory, "start"],
                   check=True, capture_output=True)
    try:
        psql = [os.path.join(binaries, "psql"), "-h", directory, "-p", "54329", "-U", "plum",
                "-d", "postgres", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
        for index, job in enumerate(jobs):
            path = cleaned_csv(job, directory, index)
            os.chmod(path, 0o644)
            columns = ", ".join('"%s" %s' % (name, sql_type(kind, "postgres")) for name, kind in job["columns"])
            script = ('DROP TABLE IF EXISTS "%s";\nCREATE TABLE "%s" (%s);\n'
                      "\\copy \"%s\" FROM '%s' WITH (FORMAT csv, HEADER true)\n"
                      "SELECT row_to_json(q)::text FROM (\n%s\n) q;\n") % (
                job["table"], job["table"], columns, job["table"], path, job["query"].rstrip().rstrip(";"))
            result = subprocess.run(psql, input=script, capture_output=True, text=True)
            if result.returncode != 0:
                raise SystemExit("psql failed: " + result.stderr[-4000:])
            rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
            write_rows(rows, job["output"])
    finally:
        subprocess.run(prefix + [os.path.join(binaries, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"],
                       capture_output=True)


def run_spark(jobs, directory):
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master("local[1]").appName("plum-sql")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1")
             .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
             .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        for index, job in enumerate(jobs):
            path = cleaned_csv(job, directory, index)
            schema = ", ".join("`%s` %s" % (name, sql_type(kind, "spark")) for name, kind in job["columns"])
            frame = spark.read.csv(path, header=True, schema=schema, mode="PERMISSIVE", escape="\"", multiLine=True)
            frame.createOrReplaceTempView(job["table"])
            result = spark.sql(job["query"])
            names = result.columns
            write_rows((dict(zip(names, tuple(row))) for row in result.collect()), job["output"])
    finally:
        spark.stop()


def main():
    manifest = json.load(sys.stdin)
    directory = tempfile.mkdtemp(prefix="plum-sql-")
    try:
        {"duckdb": run_duckdb, "postgres": run_postgres, "spark": run_spark}[manifest["engine"]](
            manifest["jobs"], directory)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
