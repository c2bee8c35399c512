"""`mtcheck batch`: gate a whole feed of article pairs, resumably, on this machine or a Ray cluster.

Every article the feed names gets a verdict: checked (now or before, from
the store) or errored, with a reason; errored ones count against the feed
gate as failed ones do. Exit 0: the feed passed; 1: it failed (more articles
failed their gate or errored than ``--max-failed``/``--max-failed-share``
allow); 2: bad usage, or an article errored without ``--allow-errors``; 3: an
internal error. Every report is written either way.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack
from dataclasses import replace

from mtcheck.cli.options import (EXECUTOR_SPELLINGS, add_report_options, add_settings_options, count, settings_from,
                                 share)
from mtcheck.report.emit import report_targets
from mtcheck.errors import InputError

DEFAULT_STORE = "reports/mtcheck-batch.sqlite"
_UNMATCHED_SHOWN = 20


def add_batch(commands, add_global_options) -> None:
    batch = commands.add_parser(
        "batch", help="check and gate a feed of articles (a folder, two folders or a manifest)",
        description="Check every article pair of a feed with the models loaded once, keep the results in a store so "
        "that a rerun checks only what changed, and gate the feed. Exit 0: passed; 1: the feed failed; 2: bad usage "
        "or errored articles (see --allow-errors); 3: internal error.",
    )
    add_global_options(batch, in_command=True)
    batch.add_argument("feed", nargs="?", metavar="FEED_DIR",
                       help="a folder with one folder per article, each holding source.* and target.*")
    batch.add_argument("--sources", metavar="DIR", help="sources, matched to --targets DIR by file name")
    batch.add_argument("--targets", metavar="DIR", help="translations, matched to --sources DIR by file name")
    batch.add_argument("--manifest", metavar="FILE",
                       help="JSONL or CSV (with a header) of id, source, target; paths relative to the manifest")
    batch.add_argument("--workers", type=_positive, default=1, metavar="N",
                       help="worker processes (or Ray actors), each loading the models once (default: 1)")
    batch.add_argument("--executor", choices=EXECUTOR_SPELLINGS, default="local",
                       help="local processes (default) or a Ray cluster (pip install 'mtcheck[ray]')")
    batch.add_argument("--address", metavar="ADDR",
                       help="with --executor ray: the cluster to join, e.g. auto (default: start a local Ray)")
    batch.add_argument("--store", default=DEFAULT_STORE, metavar="PATH",
                       help=f"SQLite store of checked articles, for reruns (default: {DEFAULT_STORE})")
    batch.add_argument("--no-store", action="store_true", help="keep nothing between runs")
    batch.add_argument("--article-timeout", type=_seconds, metavar="S",
                       help="give up on an article after S seconds (it is reported as errored)")
    batch.add_argument("--max-article-bytes", type=_positive, metavar="N",
                       help="refuse articles bigger than N bytes as errored (default: 5 MB)")
    batch.add_argument("--allow-errors", action="store_true",
                       help="errored articles do not make the exit status 2; they still count as failed ones")
    batch.add_argument("--follow-symlinks", action="store_true",
                       help="read files through links that lead outside the feed (refused as errored by default)")
    batch.add_argument("--max-failed", type=count, metavar="N",
                       help="the feed fails when more than N articles fail their gate or error")
    batch.add_argument("--max-failed-share", type=share, metavar="F",
                       help="the feed fails when more than F (0 to 1) of its articles fail their gate or error")
    batch.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    add_report_options(batch)
    add_settings_options(batch, executor_spellings=True)
    batch.set_defaults(handler=run_batch_command)


def run_batch_command(args: argparse.Namespace) -> int:
    from mtcheck.batch.progress import progress_for
    from mtcheck.batch.run import run_batch
    from mtcheck.batch.store import ResultStore
    from mtcheck.batch.work import DEFAULT_MAX_BYTES
    from mtcheck.cli.app import EXIT_FAIL, EXIT_PASS, EXIT_USAGE, _emit, _say
    from mtcheck.report.output import check_destinations
    from mtcheck.report.build import expected_signature
    from mtcheck.report.temp_files import sweep

    if args.engine in EXECUTOR_SPELLINGS:  # the old `--engine ray`: the scale-out, not the models' engine
        args.executor, args.engine = args.engine, None
    feed = _feed(args)
    config, config_files, verdicts = settings_from(args, _say)
    targets = report_targets(getattr(args, "reports", None))
    check_destinations([output for name, output in targets if name != "html"], [*config_files])
    sweep(_output_folders(targets))  # what a killed run left; temp_files.py says what is stale
    for line in feed.unmatched[:_UNMATCHED_SHOWN]:
        _say(f"warning: left out: {line}")
    if len(feed.unmatched) > _UNMATCHED_SHOWN:
        _say(f"warning: and {len(feed.unmatched) - _UNMATCHED_SHOWN} more left out")
    if not feed.articles:
        raise InputError("the feed has no article to check" + (" (every entry was left out)" if feed.unmatched else ""))
    signature = expected_signature(config)
    max_bytes = args.max_article_bytes or DEFAULT_MAX_BYTES
    engine = _engine(args, config, signature, max_bytes)
    # A JSONL file fills a line per article as the run reaches it, for a reader to follow (output.streamed_file).
    with ExitStack() as files, ResultStore(":memory:" if args.no_store else args.store) as store:
        streams = _Streams(targets, signature, config, verdicts, files)
        result = run_batch(feed, signature, store, engine, progress_for(sys.stderr, quiet=args.quiet),
                           max_bytes=max_bytes, on_document=streams.send)
    report = _feed_report(result, config, verdicts)
    _emit(report, args, [t for t in targets if t not in streams.done], feed=True)
    _say(summary_line(len(feed.articles), report, result))
    if result.errors and not args.allow_errors:
        count = len(result.errors)
        _say(f"error: {count} article{'s' if count != 1 else ''} errored (see the report; with --allow-errors "
             "the feed gate alone decides, counting them as failed)")
        return EXIT_USAGE
    return EXIT_PASS if report.gate.passed else EXIT_FAIL


def summary_line(articles: int, report, result) -> str:
    """``40 articles: 37 passed, 2 failed, 1 errored; 12 checked, 27 from the store, in 31.2 s; ...``:
    passed + failed + errored and checked + from the store + errored each add up to the articles."""
    failed = sum(not gate.passed for gate in report.gates())
    return (f"{articles} articles: {len(result.documents) - failed} passed, {failed} failed, "
            f"{len(result.errors)} errored; {result.checked} checked, {result.reused} from the store, "
            f"in {result.seconds:.1f} s; feed gate {'passed' if report.gate.passed else 'failed'}")


def _output_folders(targets) -> list[str]:
    """The folders this run writes reports into: each file's, and an html folder with its articles/."""
    from mtcheck.report.output import is_special

    folders = []
    for name, output in targets:
        if output is None or is_special(output):
            continue
        if name == "html":
            folders += [output, os.path.join(output, "articles")]
        else:
            folders.append(os.path.dirname(os.path.realpath(output)))
    return folders


def _feed(args: argparse.Namespace):
    from mtcheck.batch.inputs import feed_from_directory, feed_from_manifest, feed_from_pair_directories

    layouts = sum(bool(x) for x in (args.feed, args.sources or args.targets, args.manifest))
    if layouts != 1:
        raise InputError("batch needs one of FEED_DIR, --sources DIR --targets DIR, or --manifest FILE")
    if bool(args.sources) != bool(args.targets):
        raise InputError("--sources and --targets go together")
    if args.address and args.executor != "ray":
        raise InputError("--address needs --executor ray")
    if args.manifest:
        return feed_from_manifest(args.manifest, args.follow_symlinks)
    if args.sources:
        return feed_from_pair_directories(args.sources, args.targets, args.follow_symlinks)
    return feed_from_directory(args.feed, args.follow_symlinks)


def _engine(args: argparse.Namespace, config, signature: str, max_bytes: int):
    from mtcheck.batch.local_engine import Limits, LocalEngine

    limits = Limits(article_timeout=args.article_timeout, max_bytes=max_bytes)
    if args.executor == "ray":
        from mtcheck.batch.ray_engine import RayEngine

        return RayEngine(config, signature, args.workers, limits, address=args.address)
    return LocalEngine(config, signature, args.workers, limits)


def _feed_report(result, config, verdicts):
    from mtcheck.gate.feed import feed_gate
    from mtcheck.report.build import report_of

    report = report_of(result.documents, config, verdicts=verdicts)
    return replace(report, gate=feed_gate(report.documents, report.gates(), result.errors, config),
                   errors=result.errors)


class _Streams:
    """The JSONL reports, written a line per article as the feed reaches it (in feed order)."""

    def __init__(self, targets, signature: str, config, verdicts, files: ExitStack):
        from mtcheck.report.output import streamed_file

        self.signature, self.config, self.verdicts = signature, config, verdicts
        self.done = [t for t in targets if t[0] == "jsonl"]
        self._handles = [sys.stdout if output is None else files.enter_context(streamed_file(output))
                         for _, output in self.done]

    def send(self, item) -> None:
        from mtcheck.report.build import report_of
        from mtcheck.report.json import jsonl_line
        from mtcheck.types import ArticleError

        if not self._handles:
            return
        if isinstance(item, ArticleError):
            line = jsonl_line(self.signature, error=item)
        else:
            report = report_of([item], self.config, verdicts=self.verdicts)
            line = jsonl_line(report.signature, report.documents[0], report.gate)
        from mtcheck.report.output import stdout_guard

        for handle in self._handles:
            with stdout_guard():
                handle.write(line)
                handle.flush()


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got '{value}'")
    return int(value)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"expected a number of seconds > 0, got '{value}'")
    return seconds
