import pytest

from crosswire.align.people import same_name


@pytest.mark.parametrize(
    "a, b",
    [
        ("Kim Yong-beom", "KIM YONG-BEOM"),
        ("Kim Yong-beom", "Kim Yongbeom"),
        ("Lee Jae Myung", "Lee Jae-myung"),
        ("Ana Núñez", "Ana Nunez"),
        ("Mr. Ortega", "Ortega"),
    ],
)
def test_spellings_of_one_name_are_one_person(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize("a, b", [("Kim Yong-beom", "Kim Jung-kwan"), ("Lee Jae Myung", "Lee Min-ho")])
def test_people_sharing_a_surname_stay_apart(a, b):
    assert not same_name(a, b)
