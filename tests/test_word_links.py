"""Word links: every target word linked to the source word it stands for, or to nothing."""

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.align.word_links import LinkKind
from mtcheck.align.word_match import align


def links_of(source: str, target: str) -> dict[str, tuple[str, list[str]]]:
    alignment = align(source, target)
    return {
        token.word.text: (kind.value, [alignment.source[i].word.text for i in sources])
        for token, kind, sources in zip(alignment.target, alignment.links.kinds, alignment.links.sources)
    }


def test_a_substituted_word_stands_for_the_word_it_replaced():
    links = links_of("The hot war in Paris was over.", "The cold war in Paris was over.")
    assert links["cold"] == ("stands-for", ["hot"])
    assert links["war"] == ("same", ["war"]) and links["Paris"] == ("same", ["Paris"])


def test_forms_of_one_word_and_moved_words_are_linked_as_such():
    links = links_of("Police said on Monday that the bridge was closed.",
                     "On Monday, police said that the bridge closes.")
    assert links["closes"][1] == ["closed"]
    assert links["police"] == ("moved", ["Police"]) or links["police"][0] == "same"
    assert links["the"] == ("function", ["the"])


def test_a_neighbour_places_a_word_where_the_anchors_cross():
    source = "In the incubation base of Shanxi, there are more than 2,300 data annotators."
    target = "There are less than 2,300 data labelers in the incubation base of Shanxi."
    assert links_of(source, target)["less"] == ("stands-for", ["more"])


def test_an_added_word_has_nothing_opposite():
    links = links_of("The talks ended.", "The long talks ended.")
    assert links["long"] == ("none", [])


def test_a_repeated_word_takes_a_source_word_no_other_took():
    alignment = align("The city and the city council met.", "The city and the city council met.")
    assert all(kind in (LinkKind.SAME, LinkKind.FUNCTION) for kind in alignment.links.kinds)
    assert [sources[0] for sources in alignment.links.sources] == list(range(7))


words = st.sampled_from("the a of police said minister city war hot cold rose fell 5 five Paris met".split())


@settings(max_examples=200, deadline=None)
@given(st.lists(words, max_size=12), st.lists(words, max_size=12))
def test_links_are_valid_and_one_to_one_except_moved_words(source_words, target_words):
    alignment = align(" ".join(source_words), " ".join(target_words))
    links = alignment.links
    assert len(links.kinds) == len(links.sources) == len(alignment.target)
    assert len(links.source_linked) == len(alignment.source)
    taken = []
    for kind, sources in zip(links.kinds, links.sources):
        assert (kind is LinkKind.NONE) == (not sources)
        assert all(0 <= i < len(alignment.source) for i in sources)
        if kind is not LinkKind.MOVED:
            taken.extend(sources)
    assert len(taken) == len(set(taken))
    assert all(links.source_linked[i] for sources in links.sources for i in sources)


# Words of one piece and of several, glued and apart, numbers: every branch of the word match.
WORDS = ("tie break tiebreak half-century half century underground ground duty-free duty free 17-year-old "
         "17 year old compared comparison colour color the of five 5 Paris").split()


def _matches_as_first_written(alignment, token, other):
    """The word match as it was first written (one formula), against which the fast path is held."""
    from mtcheck.align.word_match import same_piece

    prefix, part = alignment.params.shared_prefix, alignment.params.compound_part
    return (any(same_piece(a, b, prefix, part) for a in token.keys for b in other.keys)
            or bool(token.glued & set(other.keys)) or bool(other.glued & set(token.keys)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_word_matches_are_those_of_the_one_formula(source_words, target_words):
    alignment = align(" ".join(source_words), " ".join(target_words))
    for token in alignment.source:
        for other in alignment.target:
            assert alignment.matches(token, other) == _matches_as_first_written(alignment, token, other)
            assert alignment.matches(other, token) == _matches_as_first_written(alignment, other, token)
