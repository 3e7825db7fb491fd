#!/usr/bin/env python3
"""Deterministic participant data for the example policies, and the winback churn model file.

usage: gen_example_data.py [--check]

Writes, relative to the repository root:
  examples/winback/data/participants.csv and .jsonl    (1,200 members, same records, same order)
  examples/recognition/data/employees.csv and .jsonl   (1,000 employees, same records, same order)
  examples/winback/data/history.csv                    (2,000 past snapshots with the `churned` outcome)
  examples/winback/data/followup.csv                   (the 1,200 members with the churn seen after 2026-11-23)
  examples/fraud/data/claims.csv and history.csv       (reward claims to screen, and past claims)

The churn model itself is not written here: `plum train` fits it from history.csv (see
docs/models.md). The history's outcome follows a known logistic model, CHURN_MODEL, so the trained
coefficients can be compared with the truth.

Every value comes from one random.Random(SEED) stream per file, so the output is byte-identical
for the same script. With --check, nothing is written: the script exits 1 when the committed
files differ from what it would write.
"""
import datetime
import io
import math
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


# The date the winback examples run as of (--as-of 2026-11-23).
AS_OF = datetime.date(2026, 11, 23)


def order_history(rng, never_ordered, longest):
    """Orders and spend in the 90 days before a record's date and the days since the last order.

    Consistent with the winback schema: `last_order` is missing only for members who never
    ordered, and then nothing was ordered or spent in 90 days; a member with orders in the 90 days
    ordered last within them; a member without any ordered last more than 90 days before (and at
    most `longest` days). Returns (orders, cents, recency in days or None).
    """
    orders = 0 if rng.random() < 0.2 else rng.randint(1, 30)
    cents = 0 if orders == 0 else rng.randint(500, 400000)
    if orders > 0:
        recency = rng.randint(1, 89)
    elif rng.random() < never_ordered:
        recency = None
    else:
        recency = rng.randint(91, longest)
    return orders, cents, recency


def participants(n):
    rng = random.Random(SEED)
    rows = []
    for i in range(1, n + 1):
        # Last orders fall between 2025-06-02 and 2026-11-22; 10% never ordered (half of those
        # without an order in the last 90 days).
        orders, cents, recency = order_history(rng, never_ordered=0.5, longest=539)
        last = None if recency is None else (AS_OF - datetime.timedelta(days=recency)).isoformat()
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


# The model that generated `churned`: log-odds = intercept + sum(coefficient * feature), with
# recency in days since the last order at the snapshot (999 when never), orders in 90 days and
# spend in EUR over 90 days. `plum train` should recover these coefficients approximately.
CHURN_MODEL = {"intercept": -1.5, "recency": 0.01, "orders": -0.12, "spend": -0.0004}


def history(n):
    rng = random.Random(SEED + 2)
    rows = []
    for i in range(1, n + 1):
        # Snapshots taken on the first of a month in 2025; the outcome is churn in the next 90 days.
        snapshot = datetime.date(2025, rng.randint(1, 12), 1)
        # 8% never ordered (two in five of those without an order in the 90 days).
        orders, cents, recency = order_history(rng, never_ordered=0.4, longest=400)
        if recency is None:
            last, recency = None, 999
        else:
            last = (snapshot - datetime.timedelta(days=recency)).isoformat()
        spend = cents / 100
        logit = (CHURN_MODEL["intercept"] + CHURN_MODEL["recency"] * recency
                 + CHURN_MODEL["orders"] * orders + CHURN_MODEL["spend"] * spend)
        churned = 1 if rng.random() < 1 / (1 + math.exp(-logit)) else 0
        rows.append({
            "id": "h%05d" % i,
            "age": rng.randint(18, 85),
            "country": COUNTRIES[rng.randrange(len(COUNTRIES))],
            "tier": rng.choices(TIERS, [50, 30, 15, 5])[0],
            "orders_90d": orders,
            "spend_90d": "%d.%02d" % divmod(cents, 100),
            "last_order": last,
            "gender": rng.choices(GENDERS, [48, 48, 2, 2])[0],
            "email": "past%d@example.org" % i,
            "marketing": rng.random() < 0.8,
            # Members who refused profiling are in the history too; `plum train` leaves them out.
            "profiling": rng.random() < 0.85,
            "as_of": snapshot.isoformat(),
            "churned": churned,
        })
    return rows


def followup(members):
    """Whether each member churned in the 90 days after 2026-11-23, the examples' as-of date, drawn
    from CHURN_MODEL with recency at that date: the outcome `plum audit --outcome churned` compares
    the decisions with. Its own random stream leaves the other files unchanged."""
    rng = random.Random(SEED + 5)
    as_of = datetime.date(2026, 11, 23)
    rows = []
    for r in members:
        if r["last_order"] is None:
            recency = 999
        else:
            recency = (as_of - datetime.date.fromisoformat(r["last_order"])).days
        spend = int(r["spend_90d"].replace(".", "")) / 100
        logit = (CHURN_MODEL["intercept"] + CHURN_MODEL["recency"] * recency
                 + CHURN_MODEL["orders"] * r["orders_90d"] + CHURN_MODEL["spend"] * spend)
        rows.append(dict(r, churned=1 if rng.random() < 1 / (1 + math.exp(-logit)) else 0))
    return rows


def followup_csv(rows):
    lines = participants_csv(rows).split("\n")
    out = [lines[0] + ",churned"]
    for line, r in zip(lines[1:], rows):
        out.append(line + "," + str(r["churned"]))
    return "\n".join(out) + "\n"


def history_csv(rows):
    out = io.StringIO()
    out.write("id,age,country,tier,orders_90d,spend_90d,last_order,gender,email,consent.marketing,"
              "consent.profiling,as_of,churned\n")
    for r in rows:
        out.write(",".join([r["id"], str(r["age"]), r["country"], r["tier"], str(r["orders_90d"]), r["spend_90d"],
                            r["last_order"] or "", r["gender"], csv_field(r["email"]), b(r["marketing"]),
                            b(r["profiling"]), r["as_of"], str(r["churned"])]) + "\n")
    return out.getvalue()


CLAIM_CHANNELS = ["app", "web", "store"]


def claims(n, seed, anomalies):
    """Reward claims: points claimed, basket and hours since the account's last claim.

    Ordinary claims are close to the member's usual basket; `anomalies` of them (every 25th) are
    made unusual on purpose: huge point claims, tiny baskets or bursts of claims minutes apart.
    """
    rng = random.Random(seed)
    rows = []
    for i in range(1, n + 1):
        basket = round(rng.lognormvariate(3.6, 0.45), 2)
        points = int(basket * rng.uniform(0.9, 1.1)) * 10
        hours = round(rng.uniform(12, 24 * 40), 1)
        claims_30d = rng.randint(0, 6)
        if anomalies and i % 25 == 0:
            kind = (i // 25) % 3
            if kind == 0:
                points *= rng.randint(8, 20)
            elif kind == 1:
                basket = round(rng.uniform(0.5, 3), 2)
            else:
                hours = round(rng.uniform(0.01, 0.3), 2)
                claims_30d = rng.randint(25, 60)
        rows.append({
            "id": "c%05d" % i,
            "member": "m%05d" % rng.randint(1, 900),
            "channel": CLAIM_CHANNELS[rng.randrange(3)],
            "points": points,
            "basket": "%.2f" % basket,
            "hours_since_last": "%.2f" % hours,
            "claims_30d": claims_30d,
            "verified": rng.random() < 0.7,
            "profiling": rng.random() < 0.9,
        })
    return rows


def claims_csv(rows):
    out = io.StringIO()
    out.write("id,member,channel,points,basket,hours_since_last,claims_30d,verified,consent.fraud_screening\n")
    for r in rows:
        out.write(",".join([r["id"], r["member"], r["channel"], str(r["points"]), r["basket"],
                            r["hours_since_last"], str(r["claims_30d"]), b(r["verified"]),
                            b(r["profiling"])]) + "\n")
    return out.getvalue()


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


def outputs():
    members = participants(1200)
    staff = employees(1000)
    members_csv = participants_csv(members)
    return {
        "examples/winback/data/participants.csv": members_csv,
        "examples/winback/data/participants.jsonl": participants_jsonl(members),
        "examples/recognition/data/employees.csv": employees_csv(staff),
        "examples/recognition/data/employees.jsonl": employees_jsonl(staff),
        "examples/winback/data/history.csv": history_csv(history(2000)),
        "examples/winback/data/followup.csv": followup_csv(followup(members)),
        "examples/fraud/data/history.csv": claims_csv(claims(3000, SEED + 3, anomalies=False)),
        "examples/fraud/data/claims.csv": claims_csv(claims(400, SEED + 4, anomalies=True)),
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
