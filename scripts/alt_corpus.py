#!/usr/bin/env python3
"""A second synthetic news corpus, written independently of `benches/support/synth.rs`.

    python3 scripts/alt_corpus.py --articles 10000 --out DIR [--seed N] [--per-story K]

Its shape differs from the Rust generator's on purpose, so that a speed or memory step
hidden by one generator's habits shows in the other's: fewer and bigger stories (K
articles each, 50 by default), one wire report reprinted by a third of all articles,
sentences drawn from a per-story pool with words swapped (near duplicates, not only exact
ones), many figures per article in several spellings, and pages in both plain text and
Markdown with scraped noise. Deterministic from the seed; standard library only.
"""

import argparse
import os
import random

FIRST = ("Alma Bruno Carla Dario Elena Fabian Greta Hugo Ines Jonas Karin Luca Mira "
         "Nils Olga Pavel Quinn Rosa Stefan Tilda Umar Vera Wilma Xaver Yara Zeno").split()
LAST = ("Okafor Lindqvist Moreau Haddad Petrov Castellano Nakamura Brennan Vasquez "
        "Adeyemi Kowalski Larsen Ferreira Demir Novak Oyelaran Sandoval Whitcombe Ibsen "
        "Marchetti Quist Ruland Tavares Ueda Varga Zeller").split()
ROLES = ["the mayor of {c}", "a spokesperson for the {o}", "the chief executive of {o}",
         "a senior official at the {o}", "the regional police chief", "a local resident",
         "the head of the {o}", "an engineer with the {o}", "the city's fire commissioner"]
ORGS = ["Harbour Authority", "Transit Board", "Water Utility", "Rail Union",
        "Health Trust", "Port Council", "Grid Operator", "Housing Agency"]
CITIES = ["Port Calder", "Vessmark", "Lindenau", "Orrin Bay", "Stavely", "Marrowgate",
          "Kestrel Falls", "Dunmere", "Ashgrove", "Tollbridge", "Wexham", "Carrow"]
EVENTS = ["a bridge collapse", "a chemical fire", "a rail strike", "a flood",
          "a power outage", "a ferry accident", "a hospital data breach", "a landslide"]
THINGS = ["people were injured", "homes were evacuated", "workers walked out",
          "passengers were stranded", "households lost power", "patients were affected",
          "buildings were damaged", "vehicles were trapped"]
OUTLETS = ["The Calder Courier", "Vessmark Daily", "Northern Ledger", "Bay Observer",
           "Morning Dispatch", "Ashgrove Herald", "Metro Wire", "The Tollbridge Post",
           "Coastline News", "Evening Sentinel", "Valley Times", "Capital Record"]
SWAPS = {"said": ["said", "told reporters", "stated", "added"],
         "about": ["about", "roughly", "around", "some"],
         "on": ["on", "late on", "early on"],
         "injured": ["injured", "hurt", "wounded"],
         "officials": ["officials", "authorities", "the authorities"]}
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
         8: "eight", 9: "nine", 10: "ten", 12: "twelve", 20: "twenty"}
NOISE = ["Home | World | Business | Sport | Culture", "Share on Facebook  Share on X  Email",
         "Subscribe for unlimited access. Already a subscriber? Log in",
         "Advertisement", "Related: {t}", "Sign up for our morning briefing",
         "Most read", "Cookies help us deliver our services. OK", "Read more: {t}"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def spell(rng, n):
    """A count the way outlets write it: digits, words, or hedged."""
    r = rng.random()
    if n in WORDS and r < 0.3:
        return WORDS[n]
    if r < 0.45:
        return f"at least {max(1, n - rng.randint(0, 3))}"
    if r < 0.55:
        return f"nearly {n + rng.randint(0, 2)}"
    return f"{n:,}"


def reword(rng, sentence):
    words = sentence.split(" ")
    out = [rng.choice(SWAPS[w]) if w in SWAPS and rng.random() < 0.5 else w for w in words]
    return " ".join(out)


class Story:
    def __init__(self, rng, sid):
        self.id = sid
        self.city = rng.choice(CITIES)
        self.event = rng.choice(EVENTS)
        self.org = rng.choice(ORGS)
        self.people = []
        for _ in range(rng.randint(3, 7)):
            role = rng.choice(ROLES).format(c=self.city, o=self.org)
            self.people.append((rng.choice(FIRST), rng.choice(LAST), role))
        self.day = rng.choice(DAYS)
        self.date = (rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2019, 2026))
        self.counts = {t: rng.randint(3, 400) for t in rng.sample(THINGS, 4)}
        self.money = rng.randint(2, 900)
        self.share = rng.randint(5, 95)
        self.pool = self.make_pool(rng)
        self.quotes = [self.make_quote(rng) for _ in range(4)]

    def make_pool(self, rng):
        s = []
        s.append(f"Officials in {self.city} said on {self.day} that {self.event} had "
                 f"disrupted the district for most of the day")
        for thing in self.counts:
            s.append(f"COUNT {thing} in {self.city} after {self.event}, officials said")
        s.append(f"The {self.org} put the cost of repairs at about ${self.money} million")
        s.append(f"About {self.share}% of residents in the affected district were told "
                 f"to stay indoors")
        for i in range(rng.randint(15, 30)):
            a, b = rng.sample(CITIES, 2)
            s.append(f"Crews from {a} and {b} worked through the night on section "
                     f"{rng.randint(1, 60)} while inspectors checked {rng.randint(2, 90)} "
                     f"nearby structures, according to the {self.org}")
            if i % 3 == 0:
                s.append(f"The {self.org} said a review of the response would be published "
                         f"within {rng.randint(2, 12)} weeks")
        return s

    def make_quote(self, rng):
        subj = rng.choice(["We", "Our teams", "The city", "Everyone here"])
        return (f"{subj} will not rest until every family in {self.city} is safe, and "
                f"we owe them a full account of what went wrong")


WIRE = ("GENEVA (Metro Wire) - Ministers from {n} countries agreed on Tuesday to a "
        "framework on coastal flood defences that would commit about $4.5 billion over "
        "five years, according to a statement released after talks ended late at night. "
        "The agreement, which still needs to be ratified, sets out shared standards for "
        "sea walls and early warning systems. Delegates said the talks had nearly "
        "collapsed twice over how costs would be divided.")


def sentence(rng, story, s, disagree):
    if s.startswith("COUNT "):
        thing = s.split(" in ")[0][6:]
        n = story.counts[thing]
        if disagree:
            n = n * 2 + rng.randint(5, 40)
        return f"{spell(rng, n).capitalize()} {reword(rng, s[6:])}."
    return reword(rng, s) + "."


def article(rng, story, idx, body_bytes=(2000, 8000)):
    outlet = rng.choice(OUTLETS)
    first, last, role = rng.choice(story.people)
    d, m, y = story.date
    title = f"{story.event.capitalize()} in {story.city}: what we know"
    lines = []
    md = rng.random() < 0.4
    if md:
        lines += ["---", f"title: \"{title}\"", f"outlet: {outlet}",
                  f"date: {y}-{MONTHS.index(m) + 1:02d}-{d:02d}", "---", ""]
        lines.append(f"# {title}")
    else:
        lines.append(rng.choice(NOISE).format(t=title))
        lines.append(title)
    lines.append(rng.choice([f"By {rng.choice(FIRST)} {rng.choice(LAST)}",
                             f"{outlet} staff", f"Published {d} {m} {y}",
                             f"{m} {d}, {y} | Updated {rng.randint(1, 12)}:0{rng.randint(0, 9)} pm"]))
    lines.append("")
    disagree = rng.random() < 0.08
    target = rng.randint(*body_bytes)
    size = 0
    pool = story.pool
    paras = []
    first_person = True
    while size < target:
        k = rng.randint(2, 4)
        picked = [sentence(rng, story, rng.choice(pool), disagree) for _ in range(k)]
        if rng.random() < 0.35:
            pf, pl, pr = rng.choice(story.people)
            who = f"{pf} {pl}, {pr}," if first_person else pl
            first_person = False
            picked.append(f"\"{rng.choice(story.quotes)},\" {who} said.")
        p = " ".join(picked)
        paras.append(p)
        size += len(p)
        if rng.random() < 0.1:
            paras.append(rng.choice(NOISE).format(t=title))
    lines += [x for p in paras for x in (p, "")]
    lines.append(f"{first} {last}, {role}, was not available for further comment.")
    lines.append(rng.choice(NOISE).format(t=title))
    return ("\n".join(lines) + "\n", "md" if md else "txt")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-story", type=int, default=50)
    # the body's length in bytes, drawn uniformly; the default follows the "2-8 KB"
    # (57 MB at 10k with headers and wire copies), 1200-3500 gives its "~30 MB" at 10k
    ap.add_argument("--body-bytes", type=int, nargs=2, default=[2000, 8000],
                    metavar=("MIN", "MAX"))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    stories = [Story(rng, i) for i in range(max(1, a.articles // a.per_story))]
    total = 0
    for i in range(a.articles):
        text, ext = article(rng, stories[i % len(stories)], i, tuple(a.body_bytes))
        if rng.random() < 0.33:
            # the wire report, reprinted verbatim above the outlet's own story
            text = WIRE.format(n=rng.choice([40, 40, 40, 41])) + "\n\n" + text
        folder = os.path.join(a.out, f"{i // 1000:03d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"a{i:06d}.{ext}"), "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
    print(f"{a.articles} articles, {total} bytes, {len(stories)} stories")


if __name__ == "__main__":
    main()
