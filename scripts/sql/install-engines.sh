#!/usr/bin/env bash
# Installs the SQL engines the differential tests run against (docs/sql.md), when missing:
# DuckDB and PySpark from PyPI, a Java runtime for Spark and PostgreSQL from Debian's packages.
# Quick when everything is there; the PostgreSQL server itself is started by scripts/sql/engine.py.
set -euo pipefail
python_packages=()
python3 -c "import duckdb" 2>/dev/null || python_packages+=("duckdb==2.0.1")
python3 -c "import pyspark" 2>/dev/null || python_packages+=("pyspark==4.3.0")
if [ ${#python_packages[@]} -gt 0 ]; then
  python3 -m pip install --quiet --disable-pip-version-check "${python_packages[@]}"
fi
debian_packages=()
command -v java >/dev/null 2>&1 || debian_packages+=("default-jre-headless")
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || debian_packages+=("postgresql")
if [ ${#debian_packages[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${debian_packages[@]}" >/dev/null
fi
