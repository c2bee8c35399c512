"""Model threads: how many, from what, and that the count never changes a score."""

from __future__ import annotations

import threading

import pytest

from mtcheck.models import threads
from mtcheck.cli import main
from mtcheck.config import Config, load_config
from mtcheck.errors import InputError
from mtcheck.models.lm import LanguageModel
from mtcheck.models.torch_lm import TorchScorer
from tiny_models import CORPUS, LONG_TEXT, save_tiny_bert, save_tiny_model, tiny_tokenizer


# --- how many CPUs ------------------------------------------------------------


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_cgroup_v2_quota_is_read_along_the_process_path(tmp_path):
    write(tmp_path / "proc-cgroup", "0::/user.slice/job\n")
    write(tmp_path / "fs" / "cpu.max", "max 100000\n")
    write(tmp_path / "fs" / "user.slice" / "cpu.max", "300000 100000\n")
    write(tmp_path / "fs" / "user.slice" / "job" / "cpu.max", "150000 100000\n")
    assert threads.cgroup_cpu_limit(tmp_path / "fs", tmp_path / "proc-cgroup") == 1.5
    write(tmp_path / "fs" / "user.slice" / "job" / "cpu.max", "max 100000\n")
    assert threads.cgroup_cpu_limit(tmp_path / "fs", tmp_path / "proc-cgroup") == 3.0


def test_cgroup_v2_without_a_quota_is_unlimited(tmp_path):
    write(tmp_path / "proc-cgroup", "0::/\n")
    write(tmp_path / "fs" / "cpu.max", "max 100000\n")
    assert threads.cgroup_cpu_limit(tmp_path / "fs", tmp_path / "proc-cgroup") is None
    assert threads.cgroup_cpu_limit(tmp_path / "fs", tmp_path / "missing") is None


def test_cgroup_v1_quota_and_container_root(tmp_path):
    # A container without a cgroup namespace: /proc says /docker/<id>, the
    # mount shows the container's own cgroup at its root.
    write(tmp_path / "proc-cgroup", "12:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n")
    write(tmp_path / "fs" / "cpu,cpuacct" / "cpu.cfs_quota_us", "200000\n")
    write(tmp_path / "fs" / "cpu,cpuacct" / "cpu.cfs_period_us", "100000\n")
    assert threads.cgroup_cpu_limit(tmp_path / "fs", tmp_path / "proc-cgroup") == 2.0
    write(tmp_path / "fs" / "cpu,cpuacct" / "cpu.cfs_quota_us", "-1\n")
    assert threads.cgroup_cpu_limit(tmp_path / "fs", tmp_path / "proc-cgroup") is None


def test_available_cpus_is_the_affinity_capped_by_the_quota(tmp_path, monkeypatch):
    monkeypatch.setattr(threads.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3, 4, 5, 6, 7}, raising=False)
    write(tmp_path / "proc-cgroup", "0::/\n")
    write(tmp_path / "fs" / "cpu.max", "250000 100000\n")
    assert threads.available_cpus(tmp_path / "fs", tmp_path / "proc-cgroup") == 3  # 2.5 CPUs, rounded up
    write(tmp_path / "fs" / "cpu.max", "max 100000\n")
    assert threads.available_cpus(tmp_path / "fs", tmp_path / "proc-cgroup") == 8
    monkeypatch.setattr(threads.os, "sched_getaffinity", lambda pid: {5}, raising=False)
    assert threads.available_cpus(tmp_path / "fs", tmp_path / "proc-cgroup") == 1


def test_choice_order_flag_then_omp_num_threads_then_available(monkeypatch):
    monkeypatch.setattr(threads, "available_cpus", lambda: 6)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    assert threads.choose_workers(None) == 6
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    assert threads.choose_workers(None) == 3
    assert threads.choose_workers("auto") == 3
    assert threads.choose_workers(2) == 2
    monkeypatch.setenv("OMP_NUM_THREADS", "0")  # not a usable count: ignored
    assert threads.choose_workers(None) == 6


# --- how they are used ----------------------------------------------------------


def test_configure_makes_torch_single_threaded_and_returns_the_workers():
    import torch

    assert threads.configure(3, "torch") == 3
    assert torch.get_num_threads() == 1


def test_no_module_keeps_the_worker_count():
    # The count travels with each model call (models.engine): configuring never sets a global.
    before = {name: value for name, value in vars(threads).items() if not name.startswith("__")}
    threads.configure(3)
    after = {name: value for name, value in vars(threads).items() if not name.startswith("__")}
    assert before == after


def test_map_batches_keeps_order_and_uses_the_workers():
    barrier = threading.Barrier(3, timeout=30)  # passes only if three run at once

    def work(item):
        barrier.wait()
        return item * 10, threading.current_thread().name

    results = threads.map_batches(work, [1, 2, 3], 3)
    assert [value for value, _ in results] == [10, 20, 30]
    assert len({name for _, name in results}) == 3
    assert threads.map_batches(lambda item: (item, threading.current_thread().name), [1, 2], 1) == [
        (1, threading.current_thread().name),
        (2, threading.current_thread().name),
    ]


def test_worker_threads_run_torch_on_one_thread_from_their_first_op():
    import torch

    workers = threads.configure(2, "torch")
    torch.manual_seed(0)
    inputs = [torch.randn(380, 576).bfloat16() for _ in range(2)]
    weight = torch.randn(576, 576).bfloat16()  # a shape whose bf16 sums split over 2 OpenMP threads
    # Each worker's first op is the matmul itself: nothing else has set its thread count.
    in_workers = threads.map_batches(lambda x: torch.nn.functional.linear(x, weight), inputs, workers,
                                     TorchScorer.per_thread)
    in_series = [torch.nn.functional.linear(x, weight) for x in inputs]
    assert all(torch.equal(a, b) for a, b in zip(in_workers, in_series))


# --- the count never changes a score --------------------------------------------


@pytest.fixture(scope="module")
def small_lm(tmp_path_factory) -> str:
    """A random one-layer Llama as wide as SmolLM2: wide enough that a bfloat16
    matmul on two threads splits its sums differently from one thread."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    folder = tmp_path_factory.mktemp("small-lm")
    tokenizer = tiny_tokenizer({"bos_token": "<s>", "eos_token": "</s>"})
    config = LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=576, intermediate_size=1536, num_hidden_layers=1,
        num_attention_heads=9, num_key_value_heads=3, max_position_embeddings=512, initializer_range=0.05,
        pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(0)
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return str(folder)


# torch in bfloat16 (where 2 OpenMP threads once changed the sums), CTranslate2 in int8 (whose bits depend on
# what else is in a batch: batches must never depend on the worker count).
ENGINES = [("torch", "bfloat16"), ("ctranslate2", "int8")]


@pytest.mark.parametrize("runtime,dtype", ENGINES)
def test_surprisals_are_identical_for_any_thread_count(small_lm, runtime, dtype):
    texts = CORPUS * 4 + [LONG_TEXT]
    runs = []
    for count in (1, 2, 3):
        workers = threads.configure(count, runtime)
        lm = LanguageModel.load(small_lm, dtype=dtype, runtime=runtime, workers=workers)
        runs.append(lm.token_surprisals(texts, workers=workers))
    assert runs[0] == runs[1] == runs[2]
    assert sum(len(scores.tokens) for scores in runs[0]) > 1000


def distinct_sentences() -> list[str]:
    """Twenty different sentences (the model stage reads each distinct text once)."""
    sentences = []
    for sentence in CORPUS:
        words = sentence.rstrip(".").split()
        sentences.extend(" ".join(words[turn:] + words[:turn]) + "." for turn in range(0, 8, 2))
    return sentences


@pytest.mark.parametrize("runtime,dtype", ENGINES)
def test_pipeline_signals_and_report_are_identical_for_any_thread_count(small_lm, tmp_path, runtime, dtype):
    from mtcheck.read.text import read_text
    from mtcheck.pipeline import compare_texts
    from mtcheck.report.build import build_report
    from mtcheck.report.json import render_json

    embedder = save_tiny_bert(tmp_path / "bert")
    source, target = tmp_path / "source.txt", tmp_path / "target.txt"
    # Enough different sentences for full batches, where the thread count used to show.
    source.write_text("\n\n".join(distinct_sentences()) + "\n")
    target.write_text("\n\n".join(distinct_sentences()).replace("pressure", "Pressure") + "\n\nComments\n")
    runs = []
    for count in (1, 2):
        config = Config(lm=small_lm, embedder=embedder, engine=runtime, dtype=dtype, threads=count)
        document = compare_texts(read_text(source), read_text(target), config)
        runs.append((document.signals, render_json(build_report([document], config))))
    (first, first_json), (second, second_json) = runs
    assert first.target_surprisals and first.target_given_source
    assert first.source_surprisals == second.source_surprisals
    assert first.target_surprisals == second.target_surprisals
    assert first.target_given_source == second.target_given_source
    assert (first.source_embeddings == second.source_embeddings).all()
    assert (first.target_embeddings == second.target_embeddings).all()
    assert first_json == second_json


def test_threads_flag_reaches_the_model_stage(tmp_path, capsys, monkeypatch):
    from mtcheck.models import signals

    requested = []
    monkeypatch.setattr(signals, "configure_threads", lambda count, runtime: requested.append(count) or 1)
    lm, embedder = save_tiny_model(tmp_path / "lm"), save_tiny_bert(tmp_path / "bert")
    source = tmp_path / "source.txt"
    source.write_text("\n\n".join(CORPUS) + "\n")
    args = ["compare", str(source), str(source), "--format", "json", "--lm", lm, "--embedder", embedder, "--dtype",
            "float32"]
    assert main(args + ["--threads", "3"]) == 0
    assert main(args) == 0
    capsys.readouterr()
    assert set(requested) == {3, None}  # None: auto


# --- the setting ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5", ""])
def test_bad_threads_flag_is_a_one_line_exit_2(value, tmp_path, capsys):
    source = tmp_path / "source.txt"
    source.write_text("The militia said the strike hit the base.\n")
    assert main(["compare", str(source), str(source), f"--threads={value}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "threads" in err and "Traceback" not in err


def test_threads_config_key(tmp_path):
    (tmp_path / "mtcheck.toml").write_text("threads = 3\n")
    assert load_config(tmp_path).threads == 3
    (tmp_path / "mtcheck.toml").write_text('threads = "auto"\n')
    assert load_config(tmp_path).threads is None
    for bad in ("0", "true", "2.0", '"many"'):
        (tmp_path / "mtcheck.toml").write_text(f"threads = {bad}\n")
        with pytest.raises(InputError, match="'threads' must be a whole number >= 1"):
            load_config(tmp_path)
    assert Config().threads is None
