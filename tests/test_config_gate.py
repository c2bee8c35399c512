import pytest

from mtcheck.config import Config, find_config_files, load_config
from mtcheck.errors import InputError
from mtcheck.gate.article import ArticleFacts, decide, gate_articles, verdict_cuts
from mtcheck.grade.judge.model import VerdictCuts
from mtcheck.types import ArticleVerdict, Document, Finding, Scores, Severity, Text


def _doc(severities, quality=80.0, doc_id="d"):
    findings = tuple(
        Finding("x", "Other", Severity(s), 0, None, None, "m") for s in severities
    )
    return Document(doc_id, Text("a"), Text("a"), (), (), (), findings, Scores(1, 1, 1, quality=quality))


def test_defaults_fail_on_critical_and_review_on_major():
    gate = gate_articles([_doc(["minor", "minor"])], Config(judge="off"))
    assert gate.passed and gate.verdict is ArticleVerdict.PASS
    gate = gate_articles([_doc(["major", "minor"])], Config(judge="off"))
    assert gate.passed and gate.verdict is ArticleVerdict.REVIEW
    assert gate.reasons == ("1 major finding at the gate's confidence: m",)
    gate = gate_articles([_doc(["critical"])], Config(judge="off"))
    assert not gate.passed and gate.verdict is ArticleVerdict.FAIL
    assert gate.reasons == ("1 critical finding: m",)


def test_reasons_explain_each_verdict():
    config = Config(max_critical=None, max_major=1, min_quality=70, review_quality=80, judge="off")
    passed = gate_articles([_doc(["major"], quality=85)], config)
    assert passed.verdict is ArticleVerdict.PASS and passed.passed
    assert passed.reasons == ("1 major finding (max 1)", "quality 85.0 (min 80)", "coverage: source 100%, target 100%")
    review = gate_articles([_doc(["major"], quality=75)], config)
    assert review.verdict is ArticleVerdict.REVIEW and review.passed
    assert review.reasons == ("quality 75.0 < review 80",)
    failed = gate_articles([_doc(["major", "major"], quality=60.5)], config)
    assert failed.verdict is ArticleVerdict.FAIL and not failed.passed
    assert failed.reasons == ("2 major findings (max 1)", "quality 60.5 < min 70")


def test_fail_on_review_makes_review_fail_the_gate():
    config = Config(review_quality=80, judge="off", fail_on="review")
    gate = gate_articles([_doc([], quality=75)], config)
    assert gate.verdict is ArticleVerdict.REVIEW and not gate.passed
    assert gate_articles([_doc([], quality=90)], config).passed


def test_coverage_bands():
    half = Document("d", Text("a"), Text("a"), (), (), (), (),
                    Scores(1, 1, 1, quality=90, target_coverage=0.7, source_coverage=0.45))
    gate = gate_articles([half], Config(judge="off"))
    assert gate.verdict is ArticleVerdict.FAIL
    assert gate.reasons == ("55% of the source has no translation (fail below 50% covered)",
                            "30% of the target has no counterpart in the source (review below 85% covered)")


def test_the_run_takes_the_worst_article_and_names_it():
    config = Config(max_critical=0, judge="off")
    gate = gate_articles([_doc([], doc_id="a"), _doc(["critical"], doc_id="b")], config)
    assert gate.verdict is ArticleVerdict.FAIL and not gate.passed
    assert gate.reasons == ("2 articles: 1 fail, 0 review, 1 pass", "b: fail: 1 critical finding: m")


def test_the_judge_estimate_decides_between_its_bands():
    cuts = VerdictCuts(1.0, (1.0, 0.0, 0.0), fail_penalty=20, review_penalty=8, fail_coverage=0.5,
                       review_coverage=0.85)

    def verdict(expected):
        facts = ArticleFacts({"expected_penalty": expected, "quality": 50.0, "chrf": 50.0}, 1.0, 1.0, (), ())
        return decide(facts, Config(), cuts)

    assert verdict(5).verdict is ArticleVerdict.PASS
    assert verdict(5).reasons[1] == "estimated 6.0 MQM penalty points per 100 words (review above 8)"
    assert verdict(10).verdict is ArticleVerdict.REVIEW
    assert verdict(10).reasons == ("estimated 11.0 MQM penalty points per 100 words: the review band (above 8)",)
    assert verdict(25).verdict is ArticleVerdict.FAIL
    assert verdict(19).verdict is ArticleVerdict.REVIEW  # 20.0 is not above 20


def test_packaged_judge_has_cut_points_for_both_variants():
    for models in (False, True):
        cuts = verdict_cuts(Config(), models=models)
        assert cuts is not None and cuts.review_penalty <= cuts.fail_penalty
    # An exact copy is estimated in the pass band, whatever was fitted.
    copy = {"expected_penalty": 0.0, "quality": 100.0, "chrf": 100.0}
    assert decide(ArticleFacts(copy, 1.0, 1.0, (), ()), Config(), verdict_cuts(Config(), False)).verdict is ArticleVerdict.PASS


@pytest.fixture(autouse=True)
def repository_root(tmp_path):
    # The upward search stops here rather than at whatever lies above tmp_path.
    (tmp_path / ".git").mkdir()


def test_pyproject_then_mtcheck_toml_then_flags(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.mtcheck]\nmax-major = 3\nmin_quality = 50\n")
    assert load_config(tmp_path) == Config(max_major=3, min_quality=50.0)
    (tmp_path / "mtcheck.toml").write_text("max_major = 1\nskip-checks = ['numbers']\n")
    config = load_config(tmp_path)
    assert config == Config(max_major=1, min_quality=50.0, skip_checks=("numbers",))
    assert config.merged({"max_major": 7}, "command line").max_major == 7


def test_pyproject_without_tool_table_is_ignored(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert load_config(tmp_path) == Config()


@pytest.mark.parametrize(
    "text, message",
    [
        ("max_major = -1", "'max_major' must be a whole number >= 0"),
        ("min_quality = 120", "'min_quality' must be a number from 0 to 100"),
        ("colour = 'red'", "unknown setting 'colour'"),
        ("checks = [1, 2]", "'checks' must be a list of check names"),
        ("checks = []", "'checks' names no check"),
        ("checks = ' , '", "'checks' names no check"),
        ("tool.mtcheck = 3", r"\[tool.mtcheck\] must be a table"),
        ("max_major = ", "not valid TOML"),
    ],
)
def test_bad_settings_are_input_errors(tmp_path, text, message):
    path = tmp_path / "mtcheck.toml"
    path.write_text(text + "\n")
    with pytest.raises(InputError, match=message):
        load_config(tmp_path)


def test_explicit_config_must_exist(tmp_path):
    with pytest.raises(InputError, match="no such config file"):
        load_config(explicit=tmp_path / "missing.toml")


def test_settings_are_found_upwards(tmp_path):
    (tmp_path / "mtcheck.toml").write_text("max_major = 2\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config_files(deep) == (tmp_path / "mtcheck.toml",)
    assert load_config(deep) == Config(max_major=2)


def test_the_nearest_folder_wins_whole(tmp_path):
    (tmp_path / "mtcheck.toml").write_text("max_major = 2\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[tool.mtcheck]\nmin-quality = 50\n")
    # The parent's max_major is not mixed in.
    assert load_config(sub) == Config(min_quality=50.0)


def test_a_pyproject_without_mtcheck_settings_does_not_stop_the_search(tmp_path):
    (tmp_path / "mtcheck.toml").write_text("max_major = 2\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config_files(sub) == (tmp_path / "mtcheck.toml",)


def test_both_files_in_one_folder_apply_pyproject_first(tmp_path):
    (tmp_path / "mtcheck.toml").write_text("max_major = 1\n")
    (tmp_path / "pyproject.toml").write_text("[tool.mtcheck]\nmax-major = 3\n")
    assert find_config_files(tmp_path) == (tmp_path / "pyproject.toml", tmp_path / "mtcheck.toml")


@pytest.mark.parametrize("marker", ["folder", "file"])
def test_the_search_stops_at_the_repository_root(tmp_path, marker):
    (tmp_path / "mtcheck.toml").write_text("max_major = 2\n")  # outside the repository
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    if marker == "folder":
        (repo / ".git").mkdir()
    else:  # worktrees and submodules have a .git file
        (repo / ".git").write_text("gitdir: ../elsewhere\n")
    assert find_config_files(repo / "src") == ()
    (repo / "mtcheck.toml").write_text("max_major = 4\n")  # the root itself is searched
    assert load_config(repo / "src") == Config(max_major=4)


def test_an_explicit_file_is_the_only_one_read(tmp_path):
    (tmp_path / "mtcheck.toml").write_text("max_major = 2\n")
    explicit = tmp_path / "other.toml"
    explicit.write_text("[tool.mtcheck]\nmin_quality = 10\n")
    assert load_config(tmp_path, explicit=explicit) == Config(min_quality=10.0)
