#!/usr/bin/env python3
"""Deterministic participant data for the example policies, and the winback churn model file.

usage: gen_example_data.py [--check]

Writes, relative to the repository root:
  examples/winback/data/participants.csv and .jsonl    (1,200 members, same records, same order)
  examples/recognition/data/employees.csv and .jsonl   (1,000 employees, same records, same order)
  examples/winback/models/churn.json                   (a logistic model in Plum's model-file format)

Every value comes from one random.Random(SEED) stream per file, so the output is byte-identical
for the same script. With --check, nothing is written: the script exits 1 when the committed
files differ from what it would write.
"""
import hashlib
import io
import json
import os
import random
import sys

SEED = 20261123
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
COUNTRIES = ["FR", "BE", "DE", "NL", "ES", "IT", "GB", "US", "CH", "PL"]
TIERS = ["bronze", "silver", "gold", "platinum"]
GENDERS = ["female", "male", "nonbinary", "undisclosed"]
TEAMS = ["sales", "support", "engineering", "operations"]
FIRST = ["Alex", "Sam", "Robin", "Noa", "Kim", "Lou", "Eli", "Max", "Ana", "Jo"]
LAST = ["Martin", "Dubois", "Müller", "García", "Rossi", "de Vries", "Janssens", "Nowak"]


def date_text(rng, start_days, span_days):
    # Days since 1970-01-01 to YYYY-MM-DD without time zones.
    import datetime
    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=start_days + rng.randrange(span_days))).isoformat()


def participants(n):
    rng = random.Random(SEED)
    rows = []
    for i in range(1, n + 1):
        orders = 0 if rng.random() < 0.2 else rng.randint(1, 30)
        cents = 0 if orders == 0 else rng.randint(500, 400000)
        # 2025-06-01 .. 2026-11-22 (the examples run --as-of 2026-11-23); 10% never ordered.
        last = None if rng.random() < 0.1 else date_text(rng, 20240, 539)
        rows.append({
            "id": "m%05d" % i,
            "age": rng.randint(15, 85),
            "country": COUNTRIES[rng.randrange(len(COUNTRIES))],
            "tier": rng.choices(TIERS, [50, 30, 15, 5])[0],
            "orders_90d": orders,
            "spend_90d": "%d.%02d" % divmod(cents, 100),
            "last_order": last,
            "gender": rng.choices(GENDERS, [48, 48, 2, 2])[0],
            "email": "member%d@example.org" % i,
            "marketing": rng.random() < 0.75,
            "profiling": rng.random() < 0.6,
        })
    return rows


def employees(n):
    rng = random.Random(SEED + 1)
    rows = []
    for i in range(1, n + 1):
        rows.append({
            "id": "e%04d" % i,
            "name": "%s %s" % (FIRST[rng.randrange(len(FIRST))], LAST[rng.randrange(len(LAST))]),
            "team": TEAMS[rng.randrange(len(TEAMS))],
            "tenure_days": rng.randint(10, 4000),
            "target_attainment": "%.2f" % rng.uniform(0.5, 1.6),
            "peer_kudos": rng.randint(0, 20),
            "customer_score": None if rng.random() < 0.3 else "%.1f" % rng.uniform(2.0, 5.0),
            "last_incident": None if rng.random() < 0.4 else date_text(rng, 20089, 690),
            "on_leave": rng.random() < 0.08,
            "age": rng.randint(20, 66),
            "publicity": rng.random() < 0.5,
        })
    return rows


def b(value):
    return "true" if value else "false"


def csv_field(text):
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def participants_csv(rows):
    out = io.StringIO()
    out.write("id,age,country,tier,orders_90d,spend_90d,last_order,gender,email,consent.marketing,consent.profiling\n")
    for r in rows:
        out.write(",".join([r["id"], str(r["age"]), r["country"], r["tier"], str(r["orders_90d"]), r["spend_90d"],
                            r["last_order"] or "", r["gender"], csv_field(r["email"]), b(r["marketing"]),
                            b(r["profiling"])]) + "\n")
    return out.getvalue()


def participants_jsonl(rows):
    out = io.StringIO()
    for index, r in enumerate(rows):
        last = "" if r["last_order"] is None and index % 2 else ',"last_order":%s' % json.dumps(r["last_order"])
        out.write('{"id":"%s","age":%d,"country":"%s","tier":"%s","orders_90d":%d,"spend_90d":%s%s,'
                  '"gender":"%s","email":%s,"consent":{"marketing":%s,"profiling":%s}}\n' % (
                      r["id"], r["age"], r["country"], r["tier"], r["orders_90d"], r["spend_90d"], last,
                      r["gender"], json.dumps(r["email"]), b(r["marketing"]), b(r["profiling"])))
    return out.getvalue()


def employees_csv(rows):
    out = io.StringIO()
    out.write("id,name,team,tenure_days,target_attainment,peer_kudos,customer_score,last_incident,on_leave,age,"
              "consent.publicity\n")
    for r in rows:
        out.write(",".join([r["id"], csv_field(r["name"]), r["team"], str(r["tenure_days"]), r["target_attainment"],
                            str(r["peer_kudos"]), r["customer_score"] or "", r["last_incident"] or "",
                            b(r["on_leave"]), str(r["age"]), b(r["publicity"])]) + "\n")
    return out.getvalue()


def employees_jsonl(rows):
    out = io.StringIO()
    for r in rows:
        score = ',"customer_score":%s' % (r["customer_score"] or "null")
        incident = "" if r["last_incident"] is None else ',"last_incident":"%s"' % r["last_incident"]
        out.write('{"id":"%s","name":%s,"team":"%s","tenure_days":%d,"target_attainment":%s,"peer_kudos":%d%s%s,'
                  '"on_leave":%s,"age":%d,"consent":{"publicity":%s}}\n' % (
                      r["id"], json.dumps(r["name"], ensure_ascii=False), r["team"], r["tenure_days"],
                      r["target_attainment"], r["peer_kudos"], score, incident, b(r["on_leave"]), r["age"],
                      b(r["publicity"])))
    return out.getvalue()


def churn_model(data_text):
    features = ["recency", "orders", "spend"]
    definition = "recency: days since last order (999 when never); orders: orders in 90 days; spend: EUR in 90 days"
    document = {
        "format": "plum-model", "version": 1, "kind": "logistic", "target": "churned_within_90d",
        "features": features,
        "preprocessing": {"standardize": False},
        "parameters": {"intercept": -1.2, "coefficients": [0.011, -0.09, -0.0004]},
        "training": {
            "rows": 0, "metrics": {},
            "data_sha256": hashlib.sha256(data_text.encode()).hexdigest(),
            "features_sha256": hashlib.sha256(definition.encode()).hexdigest(),
        },
    }
    return json.dumps(document, indent=2) + "\n"


def outputs():
    members = participants(1200)
    staff = employees(1000)
    members_csv = participants_csv(members)
    return {
        "examples/winback/data/participants.csv": members_csv,
        "examples/winback/data/participants.jsonl": participants_jsonl(members),
        "examples/recognition/data/employees.csv": employees_csv(staff),
        "examples/recognition/data/employees.jsonl": employees_jsonl(staff),
        "examples/winback/models/churn.json": churn_model(members_csv),
    }


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for relative, text in outputs().items():
        path = os.path.join(ROOT, relative)
        if check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != text:
                        stale.append(relative)
            except FileNotFoundError:
                stale.append(relative)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        print(relative)
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
