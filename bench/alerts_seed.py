#!/usr/bin/python3
"""Seeds a term's worth of monitoring alerts into esafety.db for the alerts
page benchmark (bench/alerts_page.sh).

    alerts_seed.py <esafety.db> <alerts> <events>

Writes <alerts> alerts for school 1 over the last 90 days, from the pupils
and devices bench/event_gen_main.cc uses ("Pupil 0001".., "iPad 001"..),
each with 1-20 pieces of evidence pointing at events 1..<events> of
events.db (the engine keeps at most 20). Levels lean low as a school's do
(half level 1-2, one in twenty 5); most alerts of a term are closed, about
one in fifty still open. Deterministic for the same arguments.
"""
import random
import sqlite3
import sys
import time

CATEGORIES = ["self-harm", "grooming", "extremism", "sexual-content", "bullying",
              "violence", "drugs", "hate", "circumvention", "repeated-blocks", "tell-teacher"]
STATES = ["no_concern"] * 50 + ["false_positive"] * 30 + ["monitor"] * 12 + \
         ["incident"] * 3 + ["acknowledged"] * 3 + ["open"] * 2
LEVELS = [1] * 25 + [2] * 25 + [3] * 30 + [4] * 15 + [5] * 5


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: alerts_seed.py <esafety.db> <alerts> <events>")
    path, count, events = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if count <= 0 or events <= 0:
        sys.exit("alerts_seed.py: alerts and events must be positive")
    rng = random.Random(20261207)
    now_ms = int(time.time() * 1000)
    span_ms = 90 * 24 * 3600 * 1000
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    alerts, evidence = [], []
    for i in range(count):
        alert_id = 1_000_000 + i
        pupil = rng.randrange(1000)
        device = pupil % 300
        category = rng.choice(CATEGORIES)
        first = now_ms - span_ms + span_ms * i // count
        kept = rng.randint(1, 20)
        last = first + kept * 40_000
        alerts.append((alert_id, f"user {pupil + 1}", pupil + 1, f"Pupil {pupil + 1:04}",
                       device + 1, f"iPad {device + 1:03}",
                       f"10.1.{device // 250}.{device % 250 + 1}", ["KS1", "KS2"][pupil % 2],
                       category, rng.choice(LEVELS), rng.choice(STATES), category,
                       f"search matched the {category} list", first, last, kept, first // 1000))
        for k in range(kept):
            event_id = rng.randint(1, events)
            evidence.append((alert_id, event_id, event_id, first + k * 40_000, category,
                             f"search matched the {category} list"))
    db.executemany(
        "INSERT INTO alerts (id, school_id, subject, user_id, user_name, device_id, device_name,"
        " client_ip, group_name, category, level, state, rule, why, first_seen_ms, last_seen_ms,"
        " evidence_count, created_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        alerts)
    db.executemany(
        "INSERT OR IGNORE INTO alert_evidence (school_id, alert_id, source, source_id, event_id,"
        " time_ms, rule, why) VALUES (1, ?, 'event', ?, ?, ?, ?, ?)", evidence)
    # The engine's cursor past every event, so serve's engine does not read
    # the generated events again and raise alerts of its own mid-benchmark.
    db.execute("INSERT INTO alert_cursors (school_id, events_through, inbox_through)"
               " VALUES (1, ?, 0) ON CONFLICT (school_id) DO UPDATE SET"
               " events_through = excluded.events_through", (events + 1,))
    db.commit()
    print(f"{count} alerts, {len(evidence)} pieces of evidence", file=sys.stderr)


if __name__ == "__main__":
    main()
