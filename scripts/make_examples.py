#!/usr/bin/env python3
"""Writes the bundled example: the followers of one activist's profile, as the Instagram web app
receives them (REST /api/v1/friendships/<id>/followers/ pages of 50, newest follow first), with a
swarm of fake accounts that followed in a burst. Deterministic (seeded); stdlib only.

Writes examples/followers/page_NNN.json and examples/labels.csv (username,label,group).
Values are synthetic; field names and nesting follow tests/data/instagram-samples/.
"""
import csv
import json
import os
import random

SEED = 20261128
OWNER = "example_activist"
OWNER_ID = "4120000001"
PAGE_SIZE = 50
DEFAULT_AVATAR = ("https://scontent.cdninstagram.com/v/t51.2885-19/"
                  "44884218_345707102882519_2446069589734326272_n.jpg?_nc_cat=1"
                  "&ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj.2-ccb7-5")

FIRST = ["sara", "maryam", "neda", "shirin", "leila", "nazanin", "parisa", "roya", "mahsa", "niloufar",
         "ali", "reza", "amir", "hossein", "babak", "kian", "omid", "arash", "dariush", "farhad",
         "emma", "lucas", "sofia", "noah", "olivia", "liam", "mia", "elena", "jonas", "clara"]
LAST = ["ahmadi", "rezaei", "hosseini", "karimi", "moradi", "jafari", "rahimi", "sadeghi", "tehrani",
        "shirazi", "navabi", "farahani", "schmidt", "rossi", "martin", "jensen", "novak", "berg"]
PERSIAN_FIRST = ["سارا", "مریم", "ندا", "شیرین", "لیلا", "نازنین", "علی", "رضا", "امیر", "بابک"]
PERSIAN_LAST = ["احمدی", "رضایی", "حسینی", "کریمی", "مرادی", "جعفری"]


def user(rng, pk, username, full_name, private, anonymous, story_ts, pic_id=None):
    pic = DEFAULT_AVATAR if anonymous else (
        "https://scontent.cdninstagram.com/v/t51.2885-19/%d_%d_%d_n.jpg?stp=dst-jpg_s150x150"
        % (rng.randrange(10**8, 10**9), rng.randrange(10**14, 10**15), rng.randrange(10**18, 10**19)))
    u = {
        "pk": str(pk), "pk_id": str(pk), "id": str(pk), "strong_id__": str(pk),
        "fbid_v2": str(17841400000000000 + pk % 10**10),
        "username": username, "full_name": full_name,
        "is_private": private, "is_verified": False,
        "third_party_downloads_enabled": 0,
        "profile_pic_url": pic,
        "has_anonymous_profile_picture": anonymous,
        "account_badges": [],
        "latest_reel_media": story_ts,
    }
    if not anonymous:
        u["profile_pic_id"] = pic_id or "%d_%d" % (rng.randrange(10**18, 10**19), pk)
    return u


def organic(rng, i):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    style = rng.random()
    if style < 0.35:
        username = f"{first}.{last}"
    elif style < 0.55:
        username = f"{first}_{last}{rng.randrange(70, 99)}"
    elif style < 0.75:
        username = f"{first}{last[:3]}"
    else:
        username = f"{first}.{rng.choice(['art', 'photo', 'books', 'travel', 'design', 'music'])}"
    username = f"{username}{'' if i % 7 else '_'}"
    persian = rng.random() < 0.3
    full = (f"{rng.choice(PERSIAN_FIRST)} {rng.choice(PERSIAN_LAST)}" if persian
            else f"{first.title()} {last.title()}")
    if rng.random() < 0.08:
        full = ""  # some real people leave it empty
    pk = rng.randrange(200_000_000, 60_000_000_000)  # accounts created over many years
    story = 1764300000 - rng.randrange(0, 86400) if rng.random() < 0.3 else 0
    return user(rng, pk, username, full, rng.random() < 0.35, rng.random() < 0.05, story)


def bot(rng, i, shared_pic_ids):
    style = rng.random()
    if style < 0.45:
        username = f"user{rng.randrange(10**9, 10**10)}"
    elif style < 0.8:
        username = f"{rng.choice(FIRST)}{rng.randrange(10**6, 10**8)}"
    else:
        username = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rng.randrange(11, 15)))
    full = "" if rng.random() < 0.7 else username
    pk = 79_100_000_000 + rng.randrange(0, 40_000_000)  # created within the same few days
    anonymous = rng.random() < 0.6
    return user(rng, pk, username, full, rng.random() < 0.85, anonymous, 0,
                None if anonymous else rng.choice(shared_pic_ids))


def main():
    rng = random.Random(SEED)
    root = os.path.join(os.path.dirname(__file__), "..", "examples")
    out_dir = os.path.join(root, "followers")
    os.makedirs(out_dir, exist_ok=True)
    shared_pic_ids = ["%d_%d" % (rng.randrange(10**18, 10**19), 0) for _ in range(3)]
    organic_users = [("organic", organic(rng, i)) for i in range(320)]
    bots = [("swarm", bot(rng, i, shared_pic_ids)) for i in range(80)]
    # Newest follow first: the burst sits near the top, lightly interleaved with organic follows.
    follows = organic_users[:15]
    rest = organic_users[15:]
    burst = bots[:]
    while burst:
        follows.append(burst.pop())
        if rng.random() < 0.12 and rest:
            follows.append(rest.pop(0))
    follows.extend(rest)
    seen = set()
    unique = []
    for label, u in follows:
        if u["username"] in seen:
            continue
        seen.add(u["username"])
        unique.append((label, u))
    for old in os.listdir(out_dir):
        if old.endswith(".json"):
            os.remove(os.path.join(out_dir, old))
    pages = [unique[i:i + PAGE_SIZE] for i in range(0, len(unique), PAGE_SIZE)]
    for n, page in enumerate(pages, 1):
        last = n == len(pages)
        payload = {
            "users": [u for _, u in page],
            "big_list": True,
            "page_size": PAGE_SIZE,
            "next_max_id": None if last else "QVFE" + "%08d" % (n * PAGE_SIZE),
            "has_more": not last,
            "should_limit_list_of_followers": False,
            "status": "ok",
        }
        with open(os.path.join(out_dir, "page_%03d.json" % n), "w", encoding="utf-8") as f:
            json.dump(payload, f, ensure_ascii=False, indent=1)
            f.write("\n")
    with open(os.path.join(root, "labels.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["position", "username", "label"])
        for pos, (label, u) in enumerate(unique):
            w.writerow([pos, u["username"], label])
    print(f"wrote {len(pages)} pages, {len(unique)} followers "
          f"({sum(1 for l, _ in unique if l == 'swarm')} swarm) to {out_dir}")


if __name__ == "__main__":
    main()
