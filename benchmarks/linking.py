"""Linking cost as the corpus grows: per-article time at 1k, 10k and 100k articles.

    .venv/bin/python benchmarks/linking.py [--sizes 1000,10000,100000] [--batch 1000]
        [--db-url URL] [--corpus ../shared/corpus/voa_stories.jsonl] [--seed 7]
    .venv/bin/python benchmarks/linking.py --ingest-share 1000

Linking must not depend on extraction, so the articles are synthetic
records built directly in the contract's shape (no NLP run). They are
generated from the VOA corpus's vocabulary and story structure, read at run
time (nothing is copied into the project):

* words: content words of the VOA texts, drawn by frequency (so common
  words are shared across stories, as in news);
* names and places: capitalised words of the VOA texts (names of people,
  organisations and towns);
* story structure: VOA sections become story kinds; a story has a few topic
  words, names, a country, a place and an event kind, lasts a few days, and
  gets a heavy-tailed number of articles (most stories 1-3 articles, some
  dozens); articles arrive in time order, about 100 a day, so the number of
  open stories at any time is the same at every size. Some articles have no
  date (about 1 in 20) or no outlet, some stories recur a year later with the
  same words (same-kind, different event).

For each size, a fresh database: records are stored in batches of
``--batch`` (not timed) and each batch is linked with
``crosswire.link.after_ingest`` (timed: clustering, repair and the links of
the stories touched, as after an ingest). Printed: per-article linking cost
(wall clock, and CPU time of this process, which a busy shared machine
disturbs less) over the first and the last batch and over the whole run, and
the process's peak resident memory. ``--db-url`` runs the same on PostgreSQL (an empty
database; its tables are created).

``--ingest-share N`` measures instead what share of a real ingest (reading
aside: extraction, duplicate screen, storage, linking) is linking: N short
articles of two sentences cut from the VOA stories, in order.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from crosswire import link
from crosswire.store import Database

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa_stories.jsonl"
WORD = re.compile(r"[A-Za-z][a-z]{3,}")
NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}")
COUNTRIES = ["USA", "IRQ", "SYR", "UKR", "RUS", "CHN", "SDN", "NGA", "KEN", "IND", "PAK", "BRA",
             "MEX", "PER", "TUR", "IRN", "ISR", "EGY", "ZAF", "IDN"]
KINDS = ["CONSULT", "ASSAULT", "PROTEST", "ACCUSE", "AID", "COERCE", "AGREE", "DEMAND"]
ARTICLES_PER_DAY = 100


@dataclass
class Vocabulary:
    words: list[str]
    weights: list[int]
    names: list[str]
    sections: list[str]


def read_vocabulary(corpus: Path) -> Vocabulary:
    words, names, sections = Counter(), Counter(), Counter()
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text = row.get("text") or ""
            words.update(w.lower() for w in WORD.findall(text))
            names.update(NAME.findall(text))
            sections[row.get("section") or "News"] += 1
    common = words.most_common(6000)
    return Vocabulary([w for w, _ in common], [c for _, c in common],
                      [n for n, c in names.most_common(3000)], sorted(sections))


@dataclass
class Story:
    number: int
    start: date
    length: int  # days it runs
    size: int  # articles it gets
    topic: list[str]
    names: list[str]
    country: str
    place: str
    kind: str
    section: str


def make_stories(vocab: Vocabulary, rng: random.Random, articles: int) -> list[Story]:
    stories, total, number = [], 0, 0
    days = max(1, articles // ARTICLES_PER_DAY)
    while total < articles:
        number += 1
        size = min(60, int(rng.paretovariate(1.3)))  # heavy tail: mostly 1-3
        recurring = stories and rng.random() < 0.05
        if recurring:  # same words, a year later: a different event of the same kind
            old = rng.choice(stories)
            story = Story(number, old.start + timedelta(days=365), old.length, size, old.topic,
                          old.names, old.country, old.place, old.kind, old.section)
        else:
            story = Story(number, date(2020, 1, 1) + timedelta(days=rng.randrange(days)),
                          rng.randint(1, 6), size,
                          rng.sample(vocab.words[200:], 8), rng.sample(vocab.names, 3),
                          rng.choice(COUNTRIES), rng.choice(vocab.names), rng.choice(KINDS),
                          rng.choice(vocab.sections))
        stories.append(story)
        total += size
    return stories


def make_record(story: Story, index: int, vocab: Vocabulary, rng: random.Random) -> dict:
    body = []
    for _ in range(rng.randint(3, 6)):
        words = rng.choices(vocab.words, vocab.weights, k=rng.randint(8, 16))
        words += rng.sample(story.topic, 3)
        rng.shuffle(words)
        body.append(" ".join(words).capitalize() + f" {rng.choice(story.names)} said.")
    title = " ".join(rng.sample(story.topic, 4)).capitalize()
    text = f"{story.place} - " + " ".join(body)
    day = story.start + timedelta(days=rng.randrange(story.length))
    undated = rng.random() < 0.05
    name = story.names[0]
    at = text.index(name) if name in text else None
    entities = [{"id": "e1", "text": name, "start": at, "end": at + len(name), "label": "PERSON",
                 "actor": {"name": name, "code": story.country + "GOV", "country": story.country,
                           "sector": "GOV", "role": None}}] if at is not None else []
    places = [{"id": "p1", "text": story.place, "start": 0, "end": len(story.place),
               "name": story.place, "feature": "city", "country": story.country,
               "geonames_id": None, "lat": None, "lon": None}]
    trigger = body[0].split()[0]
    events = [{"id": "v1", "sentence": 0,
               "trigger": {"text": trigger, "start": len(story.place) + 3,
                           "end": len(story.place) + 3 + len(trigger)},
               "source": None, "target": None, "cameo": "010", "cameo_root": "01",
               "plover": {"type": story.kind, "mode": None}, "quad_class": 1, "goldstein": 0.0,
               "modality": "asserted", "date": None, "location": "p1", "claim": None,
               "confidence": 0.5}]
    return {"schema": "crosswire.article/1", "id": f"a{story.number}-{index}", "title": title,
            "outlet": None if rng.random() < 0.1 else f"Outlet {rng.randrange(40)}",
            "url": None, "author": None, "published": None if undated else day.isoformat(),
            "language": "en", "text": text, "sentences": [[0, len(text)]], "entities": entities,
            "events": events, "claims": [], "timexes": [], "places": places, "quantities": [],
            "dateline": None, "meta": {}}


def make_records(size: int, vocab: Vocabulary, seed: int) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for story in make_stories(vocab, rng, size):
        records += [(story.start, story.number, i, story) for i in range(story.size)]
    records.sort(key=lambda r: (r[0], r[1], r[2]))  # arrival in time order
    return [make_record(story, i, vocab, rng) for _, _, i, story in records[:size]]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run(size: int, vocab: Vocabulary, seed: int, batch: int, db_url: str | None) -> dict:
    records = make_records(size, vocab, seed)
    with tempfile.TemporaryDirectory() as folder:
        db = Database(db_url or f"sqlite:///{folder}/linking.db")
        costs, cpu = [], []
        for start in range(0, len(records), batch):
            chunk = records[start:start + batch]
            with db.begin() as conn:
                for record in chunk:
                    db.upsert_record(record, conn)
            began, began_cpu = time.perf_counter(), time.process_time()
            link.after_ingest(db, [r["id"] for r in chunk])
            costs.append((time.perf_counter() - began) / len(chunk))
            cpu.append((time.process_time() - began_cpu) / len(chunk))
            print(f"  {size}: linked {start + len(chunk)} articles, {costs[-1] * 1000:.2f} ms "
                  f"({cpu[-1] * 1000:.2f} ms CPU)/article in this batch", file=sys.stderr, flush=True)
        stories = db.engine.connect().exec_driver_sql("select count(*) from stories").scalar()
        db.close()
    return {"size": size, "first_ms": costs[0] * 1000, "last_ms": costs[-1] * 1000,
            "mean_ms": sum(costs) / len(costs) * 1000, "stories": stories,
            "first_cpu": cpu[0] * 1000, "last_cpu": cpu[-1] * 1000,
            "mean_cpu": sum(cpu) / len(cpu) * 1000, "peak_rss_mb": peak_rss_mb()}


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def short_articles(corpus: Path, count: int) -> list:
    """``count`` short articles (two sentences each) cut from the VOA stories in
    order, with their story's date and section as outlet; read at run time.
    (Past the corpus's end the cuts repeat, and repeats are exact duplicates.)"""
    from crosswire.model import Article
    articles = []
    with corpus.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    while len(articles) < count:
        for row in rows:
            sentences = SENTENCE_END.split(row.get("text") or "")
            for start in range(0, len(sentences) - 1, 2):
                if len(articles) == count:
                    return articles
                text = " ".join(sentences[start:start + 2])
                articles.append(Article(text=text, id=f"short{len(articles)}",
                                        published=(row.get("published") or "")[:10] or None,
                                        outlet=row.get("section")))
        if not articles:
            raise SystemExit("linking benchmark: no sentences in the corpus")
    return articles


def ingest_share(corpus: Path, count: int) -> int:
    """Ingest ``count`` short articles (extraction, storage, linking) into a new
    SQLite database and report the share of the wall time spent in linking
    (``crosswire.link.after_ingest``, timed by wrapping it)."""
    from crosswire.extract import Pipeline
    from crosswire.store.intake import Intake
    articles = short_articles(corpus, count)
    spent = []
    original = link.after_ingest

    def timed(db, ids=()):
        began = time.perf_counter()
        try:
            return original(db, ids)
        finally:
            spent.append(time.perf_counter() - began)
    link.after_ingest = timed
    pipeline = Pipeline()
    list(pipeline.run([articles[0]]))  # load the model before timing
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{folder}/ingest.db")
        began = time.perf_counter()
        outcomes = list(Intake(db, pipeline).run(articles))
        total = time.perf_counter() - began
    stored = sum(o.status == "stored" for o in outcomes)
    print(f"ingest of {count} short articles ({stored} stored): {total:.1f} s in all, "
          f"{sum(spent):.1f} s in linking = {100 * sum(spent) / total:.1f}% "
          f"(peak RSS {peak_rss_mb():.0f} MB)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--db-url", help="a database to use instead of a new SQLite file "
                        "(must be empty; used for every size in turn, so give one size)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ingest-share", type=int, metavar="N",
                        help="instead: ingest N short articles cut from the corpus and report "
                        "the share of time spent in linking")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"linking benchmark: {args.corpus} not found", file=sys.stderr)
        return 1
    if args.ingest_share:
        return ingest_share(args.corpus, args.ingest_share)
    vocab = read_vocabulary(args.corpus)
    print("| articles | stories | ms/article, first batch | ms/article, last batch "
          "| ms/article, mean | CPU ms/article, first / last / mean | peak RSS MB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        r = run(size, vocab, args.seed, args.batch, args.db_url)
        print(f"| {r['size']} | {r['stories']} | {r['first_ms']:.2f} | {r['last_ms']:.2f} "
              f"| {r['mean_ms']:.2f} | {r['first_cpu']:.2f} / {r['last_cpu']:.2f} / "
              f"{r['mean_cpu']:.2f} | {r['peak_rss_mb']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
