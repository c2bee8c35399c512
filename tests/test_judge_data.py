"""Reading WMT21 news MQM rows, whatever shape each row has, and splitting by document."""

from pathlib import Path

from mtcheck.training.mqm_data import assign_splits, in_split, load_news

FIXTURE = Path(__file__).parent / "fixtures" / "mqm"


def test_rows_of_every_shape_are_read_with_ref_a_as_their_source():
    items = load_news(FIXTURE)
    assert {item.doc for item in items} == {"news.1", "hunan-ribao-zh.1", "jingji-guancha-bao-zh-01.2"}
    assert len(items) == 6 and all(item.system != "ref.A" for item in items)
    fell = next(item for item in items if item.target.startswith("Prices fell"))
    assert fell.source == "Prices rose by 5 percent." and fell.segment == 1
    assert [fell.target[a:b] for a, b, _ in fell.spans] == ["fell"] and fell.mqm == -5.0
    two = next(item for item in items if item.system == "hyp.Z")
    assert [two.target[a:b] for a, b, _ in two.spans] == ["strong", "and June"] and two.mqm == -6.0
    clean = next(item for item in items if item.system == "hyp.Y" and item.doc.startswith("jingji"))
    assert clean.spans == () and clean.mqm == 0.0


def test_splits_are_by_document_and_cover_every_document_once():
    docs = [f"doc{k}" for k in range(40)]
    assigned = assign_splits(docs)
    assert set(assigned) == set(docs)
    counts = {name: sum(1 for d in docs if assigned[d] == name) for name in ("fit", "calibrate", "test")}
    assert counts == {"fit": 22, "calibrate": 8, "test": 10}
    assert assign_splits(reversed(docs)) == assigned
    items = load_news(FIXTURE)
    parts = [in_split(items, name) for name in ("fit", "calibrate", "test")]
    assert sum(map(len, parts)) == len(items)
    for a in parts:
        for b in parts:
            assert a is b or not {i.doc for i in a} & {i.doc for i in b}


def test_the_projects_copy_of_the_news_set_is_the_one_the_shipped_judge_names():
    # A clone rebuilds the shipped judge from training/data (python -m mtcheck.training.train --check).
    import hashlib
    import json
    from importlib import resources

    from mtcheck.training.mqm_data import NEWS_DATA, news_bytes

    digest = hashlib.sha256(news_bytes(NEWS_DATA)).hexdigest()
    assert digest == "eb4050302db20ba1d84a60902e1b9fe614f50708f7992f896ddf03543015d533"  # training/data/SOURCE.md
    judge = json.loads(resources.files("mtcheck.grade.judge").joinpath("data/judge.json").read_text(encoding="utf-8"))
    assert judge["about"]["data"].endswith(f"sha256:{digest[:16]}")
    items = load_news(NEWS_DATA)
    assert len(items) == sum(judge["about"]["items"].values())  # the items and documents it was fitted on
    assert len({item.doc for item in items}) == sum(judge["about"]["documents"].values())
