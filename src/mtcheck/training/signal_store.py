"""The models' readings of training items, kept in sqlite so that a refit never reads them twice.

Reading 8,800 WMT21 items through the language model and the embedder takes
over an hour on two cores, while everything the judge learns from them (rule
checks, alignment, features) takes a minute. The store keys each
single-pair document by its two texts and the models' signature, commits
every chunk (an interrupted run resumes where it stopped), and rebuilds the
same ``Signals`` the pipeline would have made.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from mtcheck.config import Config
from mtcheck.models.compute import DTYPES, RUNTIMES
from mtcheck.types import Document, Signals

# The table's name is its layout's version. It was a digest of the linking
# code's source text (word_links, word_match, contrast) until issue 28 moved
# those files; it is pinned here so the move keeps the stored readings. Change
# the suffix by hand when a change to that code changes which words get a contrast.
TABLE = "signals_v2_a664b54c38d6"
CHUNK = 64  # documents per model pass: full batches, and little lost to an interruption
BUSY_SECONDS = 300.0  # a shard waits this long for another shard's commit


def _key(document: Document, models: str) -> str:
    """The two texts and the models' signature (engine, type and all): readings of another engine never mix in."""
    texts = json.dumps([document.source.text, document.target.text, models], ensure_ascii=False)
    return hashlib.sha256(texts.encode("utf-8")).hexdigest()


def cached_signals(
    documents: Sequence[Document],
    config: Config,
    store: Path,
    progress: Callable[[int, int], None] | None = None,
) -> list[Signals]:
    """Each document's signals, from the store where it has them, else from the models (then stored)."""
    from mtcheck.models.signals import models_signature, read_signals

    from mtcheck.batch.store import into_wal

    store.parent.mkdir(parents=True, exist_ok=True)
    # WAL and a long busy wait: several shard processes (main() below) fill one store at once.
    with sqlite3.connect(store, timeout=BUSY_SECONDS) as db:
        into_wal(db)
        # The table's name is its layout's version: a store of an older layout is read no more.
        db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        models = models_signature(config.model_engine())
        keys = [_key(d, models) for d in documents]
        found = dict(db.execute(f"SELECT key, data FROM {TABLE}").fetchall())
        missing = [i for i, key in enumerate(keys) if key not in found]
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            for index, signals in zip(chunk, read_signals([documents[i] for i in chunk], config.model_engine())):
                found[keys[index]] = data = json.dumps(_encoded(signals))
                db.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?)", (keys[index], data))
            db.commit()
            if progress:
                progress(start + len(chunk), len(missing))
    return [_decoded(json.loads(found[key])) for key in keys]


def _encoded(signals: Signals) -> dict:
    return {
        "models": signals.models,
        "source": [list(map(list, s)) for s in signals.source_surprisals],
        "target": [list(map(list, s)) for s in signals.target_surprisals],
        "given": [list(map(list, s)) for s in signals.target_given_source],
        "contrast": [list(map(list, s)) for s in signals.target_contrasts],
        # float32 vectors: repr of their float64 values round-trips exactly.
        "source_vectors": np.asarray(signals.source_embeddings, dtype=np.float64).tolist(),
        "target_vectors": np.asarray(signals.target_embeddings, dtype=np.float64).tolist(),
    }


def _decoded(data: dict) -> Signals:
    def surprisals(rows):
        return tuple(tuple((int(a), int(b), float(bits)) for a, b, bits in segment) for segment in rows)

    return Signals(
        models=data["models"],
        source_surprisals=surprisals(data["source"]),
        target_surprisals=surprisals(data["target"]),
        source_embeddings=np.asarray(data["source_vectors"], dtype=np.float32),
        target_embeddings=np.asarray(data["target_vectors"], dtype=np.float32),
        target_given_source=surprisals(data["given"]),
        target_contrasts=tuple(tuple((int(a), float(bits)) for a, bits in segment) for segment in data["contrast"]),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Fill the training store ahead of ``training.train``, one shard of the items per process.

    ``training.train`` reads what is missing in one process; on two cores, two shards
    at once take half the wall time:

        python -m mtcheck.training.signal_store --shard 0/2 & python -m mtcheck.training.signal_store --shard 1/2
    """
    from mtcheck.training.mqm_data import NEWS_DATA, SPLITS, assign_splits, load_news
    from mtcheck.training.examples import default_store, item_document

    names = [name for name, _ in SPLITS]
    parser = argparse.ArgumentParser(prog="python -m mtcheck.training.signal_store", description=main.__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=NEWS_DATA, help="the news MQM set (default: the project's copy)")
    parser.add_argument("--store", type=Path, help="the store to fill (default: training.train's)")
    parser.add_argument("--splits", default=",".join(names),
                        help=f"which splits, in order (default: {','.join(names)}); 'synthetic' is training.synthetic's "
                        "flipped copies of the fit items")
    parser.add_argument("--shard", default="0/1", help="K/N: this process reads every N-th item from the K-th")
    parser.add_argument("--engine", choices=RUNTIMES, default="ctranslate2",
                        help="what runs the models (the store keeps each engine's and type's readings apart)")
    parser.add_argument("--dtype", choices=DTYPES, default="auto",
                        help="the models' number type")
    args = parser.parse_args(argv)
    index, count = (int(part) for part in args.shard.split("/"))
    items = load_news(args.data)
    split = assign_splits(item.doc for item in items)
    config = Config(judge="off", threads=1, dtype=args.dtype, engine=args.engine)
    for name in args.splits.split(","):
        if name == "synthetic":
            from mtcheck.training.synthetic import flipped

            chosen = flipped([item for item in items if split[item.doc] == "fit"])
        else:
            chosen = [item for item in items if split[item.doc] == name]
        mine = chosen[index::count]
        cached_signals([item_document(item) for item in mine], config, args.store or default_store(),
                       lambda done, total: print(f"{name} {args.shard}: {done}/{total}", file=sys.stderr, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
