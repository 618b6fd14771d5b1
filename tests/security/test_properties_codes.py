"""Property tests of certificate verification codes (``certificates.codes``): a code typed
the ways people type it (lower case, spaces, dashes or none, O for 0, I or L for 1, without
its prefix) finds the same certificate; any other text is no code at all, never an error;
and codes are too many to guess."""

import math
import re

from hypothesis import given
from hypothesis import strategies as st

from certificates.codes import ALPHABET, GROUP_SIZE, GROUPS, generate_code, normalise_code
from tests.security.fuzz_payloads import UNICODE_EDGES

CANONICAL = re.compile(rf"WP(-[{ALPHABET}]{{{GROUP_SIZE}}}){{{GROUPS}}}")
LOOKALIKES = {"0": "Oo", "1": "IiLl"}

codes = st.text(alphabet=ALPHABET, min_size=GROUPS * GROUP_SIZE, max_size=GROUPS * GROUP_SIZE).map(
    lambda raw: "WP-" + "-".join(raw[i : i + GROUP_SIZE] for i in range(0, len(raw), GROUP_SIZE))
)


@st.composite
def typed_forms(draw, code: str):
    """The code as someone might type it from a printed certificate or read it aloud."""
    raw = code.removeprefix("WP-").replace("-", "")
    chars = []
    for char in raw:
        if char in LOOKALIKES and draw(st.booleans()):
            char = draw(st.sampled_from(LOOKALIKES[char]))
        elif draw(st.booleans()):
            char = char.lower()
        chars.append(char)
        if draw(st.integers(0, 3)) == 0:
            chars.append(draw(st.sampled_from([" ", "-", "  ", "\t", ".", "_", "\u00a0"])))
    prefix = draw(st.sampled_from(["WP-", "wp-", "WP ", "wp", "Wp", ""]))
    return draw(st.sampled_from(["", " ", "\n"])) + prefix + "".join(chars) + " "


@given(codes, st.data())
def test_a_code_typed_any_forgiving_way_finds_the_same_code(code, data):
    typed = data.draw(typed_forms(code))

    assert normalise_code(typed) == code


@given(st.text(max_size=80) | st.sampled_from(UNICODE_EDGES) | st.binary(max_size=20))
def test_any_other_text_is_no_code_or_a_canonical_one_never_an_error(text):
    canonical = normalise_code(text)

    assert canonical is None or CANONICAL.fullmatch(canonical)
    if canonical is not None:
        assert normalise_code(canonical) == canonical


@given(st.none() | st.integers() | st.lists(st.text(max_size=3), max_size=3))
def test_values_that_are_not_text_are_no_code(value):
    assert normalise_code(value) is None


def test_a_generated_code_is_canonical_and_carries_at_least_60_random_bits():
    generated = {generate_code() for _ in range(2_000)}

    assert all(normalise_code(code) == code for code in generated)
    assert all(CANONICAL.fullmatch(code) for code in generated)
    assert len(generated) == 2_000
    assert len(set(ALPHABET)) == 32 and math.log2(len(ALPHABET)) * GROUPS * GROUP_SIZE >= 60
    used = {char for code in generated for char in code.removeprefix("WP-").replace("-", "")}
    assert used == set(ALPHABET)  # every symbol is drawn, so no bit of the 80 is wasted


def test_codes_one_character_apart_are_different_certificates():
    code = generate_code()
    raw = code.removeprefix("WP-").replace("-", "")
    changed = ("1" if raw[0] != "1" else "2") + raw[1:]

    assert normalise_code(changed) != code
    assert normalise_code(raw[:-1]) is None
    assert normalise_code(raw + "0") is None


def test_a_code_whose_random_part_starts_with_wp_can_be_typed_without_its_prefix():
    assert normalise_code("wp12 abcd efgh jkmn") == "WP-WP12-ABCD-EFGH-JKMN"
    assert normalise_code("WP-WP12-ABCD-EFGH-JKMN") == "WP-WP12-ABCD-EFGH-JKMN"
