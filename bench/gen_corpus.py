"""Seeded generator of a realistic benchmark corpus.

Each generated article recombines REAL material from the sample pages
(examples/corpus): a real headline and real body paragraphs (from one or more
sample pages), with the platform names swapped for another platform of the
lexicon, every figure re-drawn (same shape: 超300万件 stays "超<n>万件"),
and real noise around it: a date/outlet line, a related-reading list built from
the sample pages' own unrelated headlines, a spam contact line, a footer.
Output: JSONL shards (one article per line: title, text, url, date), which
``pgkg build`` reads directly. Same seed and N give the same corpus.

    python bench/gen_corpus.py --articles 10000 --out bench/out/corpus-10k --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "corpus"
PLATFORMS = ["抖音电商", "快手", "天猫", "淘宝", "京东", "拼多多", "小红书", "视频号", "唯品会", "得物", "美团", "闲鱼"]
OUTLETS = ["证券日报", "中国质量报", "封面新闻", "新京报", "南方都市报", "每日经济新闻", "21世纪经济报道", "澎湃新闻"]
SOURCE_PLATFORMS = re.compile("抖音电商|快手电商|抖音|快手|天猫")
NUMBER = re.compile(r"\d+(?:\.\d+)?(?![\d.]|年|月|日|号|时|:)")  # figures, not dates or times


def _is_body(line: str) -> bool:
    """A body paragraph: long, ends like a sentence, few digits relative to text."""
    line = line.strip()
    return len(line) >= 40 and line[-1] in "。！？”" and not line.startswith(("-", "(", "（"))


def _is_headline_noise(line: str) -> bool:
    return line.strip().startswith("- (") or (8 <= len(line.strip()) <= 40 and line.strip()[-1:] not in "。！？,，")


def load_material() -> tuple[list[str], list[str], list[str]]:
    """(titles, body paragraphs, noise headlines) from the sample pages."""
    titles, bodies, noise = [], [], []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        title = next((ln for ln in lines[:8] if SOURCE_PLATFORMS.search(ln) and 10 <= len(ln) < 60 and not _is_body(ln)), None)
        if title:
            titles.append(title)
        bodies.extend(ln for ln in lines if _is_body(ln))
        noise.extend(ln.lstrip("- ") for ln in lines if _is_headline_noise(ln) and not SOURCE_PLATFORMS.search(ln))
    return titles, bodies, noise


def _redraw(match: re.Match[str], rng: random.Random) -> str:
    text = match.group(0)
    if "." in text:
        whole, frac = text.split(".")
        return f"{rng.randint(1, max(9, 10 ** len(whole) - 1))}.{rng.randint(0, 10 ** len(frac) - 1):0{len(frac)}d}"
    return str(rng.randint(10 ** (len(text) - 1) if len(text) > 1 else 1, 10 ** len(text) - 1))


def make_article(i: int, rng: random.Random, material: tuple[list[str], list[str], list[str]]) -> dict:
    titles, bodies, noise = material
    platform = rng.choice(PLATFORMS)
    swap = lambda s: SOURCE_PLATFORMS.sub(platform, s)  # noqa: E731
    title = swap(rng.choice(titles))
    paragraphs = [NUMBER.sub(lambda m: _redraw(m, rng), swap(p)) for p in rng.sample(bodies, k=min(len(bodies), rng.randint(4, 12)))]
    year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    date = f"{year}-{month:02d}-{day:02d}"
    lines = [title, f"{date} {rng.randint(8, 22):02d}:{rng.randint(0, 59):02d}:00 来源:{rng.choice(OUTLETS)}", *paragraphs]
    if rng.random() < 0.5:
        lines.insert(rng.randint(3, len(lines)), rng.choice(noise))
    lines.append("相关阅读")
    lines.extend(f"- ({date}){h}" for h in rng.sample(noise, k=min(len(noise), rng.randint(3, 12))))
    if rng.random() < 0.3:
        lines.append(f"联系QQ {rng.randint(10**8, 10**9 - 1)} 电话:010-{rng.randint(10**7, 10**8 - 1)}")
    lines.append("Copyright © 2023 All Rights Reserved 版权所有")
    return {"title": title, "text": "\n".join(lines), "url": f"https://example.invalid/a/{i}", "date": date}


def generate(n: int, out: Path, *, seed: int = 7, shard_size: int = 5000) -> list[Path]:
    """Write ``n`` articles as JSONL shards into ``out``; return the shard paths."""
    rng = random.Random(seed)
    material = load_material()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, n, shard_size):
        path = out / f"shard-{start // shard_size:05d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(start, min(n, start + shard_size)):
                fh.write(json.dumps(make_article(i, rng, material), ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "corpus")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.articles, args.out, seed=args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {args.articles} articles in {len(paths)} shard(s), {size / 1e6:.1f} MB, to {args.out}")


if __name__ == "__main__":
    main()
