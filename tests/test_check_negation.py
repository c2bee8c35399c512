"""Meaning flipped by negation."""

from hypothesis import given
from hypothesis import strategies as st

from mtcheck.analyses import analysed_view
from mtcheck.checks.negation import NegationCheck
from mtcheck.segment.documents import parallel_document
from span_checks import check_pairs


def run(sources, targets):
    return check_pairs(NegationCheck(), sources, targets)[1]


SOURCE = "The U.S. redistributes the House's seats every 10 years based on demographic changes."


def test_an_added_negation_is_flagged_with_what_it_replaced():
    (finding,) = run([SOURCE], [SOURCE.replace("redistributes", "does not redistribute")])
    assert finding.target_span.text == "not" and finding.source_span.text == "redistributes"
    assert finding.category == "Accuracy/Mistranslation"


def test_a_dropped_negation_points_at_the_source_word_and_the_target_words_instead():
    (finding,) = run(["He did not attend the meeting in Baghdad."], ["He attended the meeting in Baghdad."])
    assert finding.source_span.text == "not" and finding.target_span.text == "attended"


def test_a_negator_dropped_outright_points_at_the_word_it_negated():
    (finding,) = run(["Nobody said the soldiers were not hurt in the attack."],
                     ["Nobody said the soldiers were hurt in the attack."])
    assert finding.source_span.text == "not" and finding.target_span.text == "hurt"


def test_contractions_and_other_negators_pair_up():
    assert run(["They don't trust the militias."], ["They do not trust the militias."]) == []
    assert run(["They never trusted the militias."], ["They did not trust the militias at all."]) == []
    assert run(["It is not only Iraq but also Syria."], ["It is Iraq and also Syria."]) == []
    assert run(["They no longer trust him."], ["They stopped trusting him."]) == []


def test_the_same_negations_in_other_words_pass():
    assert run(["Nobody was hurt, officials said."], ["No one was hurt, officials said."]) == []


def test_insertions_are_not_compared():
    doc = parallel_document("d", ["x y z."], ["Do not miss our newsletter."], beads=[((0,), ()), ((), (0,))])
    check = NegationCheck()
    assert list(check.run(analysed_view(doc, [check]))) == []


words = st.lists(st.sampled_from(["not", "no", "never", "don't", "can't", "the", "militia", "said", "longer", "only"]),
                 max_size=10)


@given(words, words)
def test_spans_are_exact_on_any_words(source, target):
    run([" ".join(source) or "x"], [" ".join(target) or "y"])


def test_a_no_said_in_other_words_is_no_flip():
    assert run(["Some 9400 homes are without water."], ["About 9,400 homes have no water."]) == []
    assert run(["Many countries have failed to make the podium."], ["Many have not managed a podium."]) == []
    assert run(["He is seen as the future star at No. 3."], ["At number three he is the future star."]) == []
    assert run(["I don't know if you realize it or not, but goods are duty-free."],
               ["I don't know if you realize that goods are duty free."]) == []


def test_idioms_and_answers_that_negate_nothing_pass():
    assert run(["So we have to wonder whether there are creatures."],
               ["So we can't help but wonder whether there is life."]) == []
    assert run(["We must ask again."], ["We cannot help asking again."]) == []
    assert run(["I'm showing you the images."], ["No, I show you the images."]) == []
    # A "no" inside a clause still counts.
    (finding,) = run(["He said yes, twice."], ["He said no, twice."])
    assert finding.target_span.text == "no"
