"""Quorum per college under the statutes' rules: proxies and their cap, vacancies, a college
under its quorum, majorities."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sas_roster.domain.registry import (
    Attendance,
    Body,
    BodyKind,
    College,
    Majority,
    adopted,
    compute_quorum,
)

HALF = Decimal("0.5")


def copil(**kw) -> Body:
    """Paritaire: 4 hospital seats (1..4), 4 liberal seats (5..8)."""
    base = dict(
        code="COPIL", name="Copil", kind=BodyKind.COPIL,
        colleges=(College("hôpital", 4, HALF, (1, 2, 3, 4)), College("ville", 4, HALF, (5, 6, 7, 8))),
        max_proxies_per_member=1,
    )
    base.update(kw)
    return Body(**base)


def present(*ids: int) -> list[Attendance]:
    return [Attendance(i, True) for i in ids]


def test_both_colleges_at_their_quorum() -> None:
    q = compute_quorum(copil(), present(1, 2, 5, 6))
    assert q.met and [c.required for c in q.colleges] == [2, 2] and q.voters == 4


def test_one_college_under_its_quorum_fails_the_whole_meeting() -> None:
    q = compute_quorum(copil(), present(1, 2, 3, 4, 5))
    assert not q.met
    assert [c.met for c in q.colleges] == [True, False]
    assert "ville : 1 présent(s) + 0 représenté(s) sur 4 siège(s), quorum 2 NON atteint" in q.summary()


def test_a_proxy_completes_a_college() -> None:
    q = compute_quorum(copil(), [*present(1, 2, 5), Attendance(6, False, 5)])
    assert q.met and q.colleges[1].represented == 1 and q.voters == 4


def test_proxies_over_the_cap_are_refused_and_do_not_count() -> None:
    q = compute_quorum(copil(), [*present(1, 2, 5), Attendance(6, False, 5), Attendance(7, False, 5)])
    assert q.colleges[1].represented == 1 and q.voters == 4
    assert q.refused_proxies == ((7, "le mandataire porte déjà 1 pouvoir(s), le maximum des statuts"),)
    q2 = compute_quorum(copil(max_proxies_per_member=2), [*present(5), Attendance(6, False, 5), Attendance(7, False, 5)])
    assert q2.colleges[1].represented == 2 and not q2.refused_proxies


def test_a_proxy_to_an_absent_or_foreign_holder_or_where_statutes_forbid() -> None:
    q = compute_quorum(copil(), [*present(1, 2, 5), Attendance(6, False, 7), Attendance(8, False, 99)])
    assert [r for _m, r in q.refused_proxies] == ["le mandataire est absent",
                                                  "le mandataire n'est pas membre de l'instance"]
    q = compute_quorum(copil(proxies_allowed=False), [*present(1, 2, 5), Attendance(6, False, 5)])
    assert not q.met and "n'admettent pas" in q.refused_proxies[0][1]


def test_proxies_that_do_not_count_for_the_quorum_still_vote() -> None:
    q = compute_quorum(copil(proxies_count_for_quorum=False), [*present(1, 2, 5), Attendance(6, False, 5)])
    assert not q.met and q.voters == 4


def test_vacancies_count_as_absent_on_seats_but_not_on_members_in_office() -> None:
    body = copil(colleges=(College("hôpital", 4, HALF, (1, 2, 3, 4)), College("ville", 6, HALF, (5, 6, 7))))
    on_seats = compute_quorum(body, present(1, 2, 5, 6))
    assert on_seats.colleges[1].vacancies == 3 and on_seats.colleges[1].required == 3 and not on_seats.met
    in_office = compute_quorum(dataclass_replace(body, quorum_on_seats=False), present(1, 2, 5, 6))
    assert in_office.colleges[1].required == 2 and in_office.met


def test_an_all_vacant_college_on_members_in_office_needs_nobody() -> None:
    body = copil(colleges=(College("hôpital", 4, HALF, (1, 2)), College("usagers", 2, HALF, ())),
                 quorum_on_seats=False)
    assert compute_quorum(body, present(1)).met


def test_a_quorum_share_rounds_up() -> None:
    body = copil(colleges=(College("unique", 5, Decimal("0.34"), (1, 2, 3, 4, 5)),))
    assert compute_quorum(body, present(1)).colleges[0].required == 2


def test_present_people_who_hold_no_seat_do_not_count() -> None:
    assert compute_quorum(copil(), present(1, 2, 5, 42)).colleges[1].present == 1


@pytest.mark.parametrize(("majority", "votes", "expected"), [
    (Majority.SIMPLE, (3, 2, 5), True),
    (Majority.ABSOLUTE, (3, 2, 5), False),
    (Majority.ABSOLUTE, (6, 2, 3), True),
    (Majority.TWO_THIRDS, (4, 2, 0), True),
    (Majority.TWO_THIRDS, (4, 2, 1), False),
    (Majority.SIMPLE, (2, 2, 0), False),
])
def test_majorities(majority, votes, expected) -> None:
    assert adopted(majority, *votes) is expected


def dataclass_replace(obj, **kw):
    import dataclasses

    return dataclasses.replace(obj, **kw)
