import pytest

from sas_roster.domain.rpps import is_valid_rpps, luhn_check_digit, make_rpps, rpps_problem


def test_made_rpps_pass_luhn():
    for prefix in ("1000000000", "1999900001", "8000000000"):
        assert is_valid_rpps(make_rpps(prefix))


def test_known_luhn_digit():
    # The classic Luhn example: 7992739871 has check digit 3.
    assert luhn_check_digit("7992739871") == 3


@pytest.mark.parametrize(
    "value, reason",
    [
        ("", "manquant"),
        ("1234567890", "11 chiffres"),
        ("123456789012", "11 chiffres"),
        ("1234567890A", "chiffres"),
        ("10000000001", "clé de contrôle"),
    ],
)
def test_bad_rpps_reason(value, reason):
    assert reason in rpps_problem(value)


def test_spaces_are_tolerated():
    r = make_rpps("1999900042")
    assert is_valid_rpps(f"{r[:3]} {r[3:7]} {r[7:]}")


def test_every_single_digit_error_is_caught():
    r = make_rpps("1999912345")
    for pos in range(11):
        for digit in "0123456789":
            if digit != r[pos]:
                assert not is_valid_rpps(r[:pos] + digit + r[pos + 1:])
