"""Erlang C against published worked examples, and its edge cases."""

from __future__ import annotations

import math

import pytest

from sas_roster.domain.capacity import (
    agents_needed,
    arm_for_osnp,
    average_speed_of_answer,
    erlang_b,
    erlang_c,
    extra_doctors,
    offered_load,
    ratio_note,
    service_level,
    staffing,
    staffing_for_target,
)


def test_call_centre_helper_worked_example():
    # "Erlang C Formula – Made Simple With an Easy Worked Example" (callcentrehelper.com):
    # 100 calls per 30 minutes, handling time 180 s, target 80 % within 20 s. Traffic 10
    # Erlangs; with 11 agents the probability of waiting is 68.21 % and the ASA 122.8 s;
    # 14 agents are needed and answer 88.84 % of calls within 20 s.
    load = offered_load(200, 180)
    assert load == pytest.approx(10.0)
    assert erlang_c(load, 11) == pytest.approx(0.6821, abs=5e-5)
    assert average_speed_of_answer(load, 11, 180) == pytest.approx(122.8, abs=0.05)
    assert agents_needed(load, 180, 0.80, 20) == 14
    assert service_level(load, 14, 180, 20) == pytest.approx(0.8884, abs=5e-5)
    assert service_level(load, 13, 180, 20) < 0.80


def test_angus_erlang_c_tutorial_example():
    # Ian Angus, "An Introduction to Erlang B and Erlang C" (Telemanagement #187), the
    # example reused by the Westbay Erlang-C pages: 360 calls per half hour, 4-minute calls,
    # 55 agents, target time 15 s → traffic 48 Erlangs, occupancy 0.873, probability of
    # waiting 0.2387, ASA 8.2 s, service level 84.6 %.
    s = staffing(720, 240, 55, 15)
    assert s.load == pytest.approx(48.0)
    assert s.occupancy == pytest.approx(0.8727, abs=5e-5)
    assert s.wait_probability == pytest.approx(0.2387, abs=5e-5)
    assert s.average_wait == pytest.approx(8.2, abs=0.05)
    assert s.service_level == pytest.approx(0.846, abs=5e-4)


def test_erlang_b_table_value_and_closed_forms():
    # Erlang B tables: 10 Erlangs on 10 servers block 21.46 % of calls.
    assert erlang_b(10, 10) == pytest.approx(0.2146, abs=5e-5)
    # Closed forms: B(A, 1) = A / (1 + A); M/M/1 waits with probability ρ;
    # M/M/3 at 2 Erlangs: C = (8/6 · 3) / (1 + 2 + 2 + 4) = 4/9.
    assert erlang_b(3, 1) == pytest.approx(0.75)
    assert erlang_c(0.6, 1) == pytest.approx(0.6)
    assert erlang_c(2, 3) == pytest.approx(4 / 9)
    # M/M/1: ASA = ρ h / (1 − ρ)
    assert average_speed_of_answer(0.5, 1, 300) == pytest.approx(300.0)


def test_recursion_is_stable_for_hundreds_of_agents():
    # A^N / N! overflows a float long before this; the recursion does not.
    wait = erlang_c(900, 960)
    assert 0.0 < wait < 1.0
    assert agents_needed(900, 240, 0.8, 20) > 900


def test_overload_means_no_service_and_infinite_wait():
    for agents in (5, 10):  # offered load at and above the agents
        assert erlang_c(10, agents) == 1.0
        assert service_level(10, agents, 180, 20) == 0.0
        assert math.isinf(average_speed_of_answer(10, agents, 180))
        assert staffing(200, 180, agents, 20).overloaded
    assert not staffing(200, 180, 11, 20).overloaded


def test_no_calls_need_nobody():
    assert agents_needed(0, 180, 0.8, 60) == 0
    s = staffing_for_target(0, 180, 0.8, 60)
    assert (s.agents, s.service_level, s.average_wait, s.occupancy) == (0, 1.0, 0.0, 0.0)
    assert erlang_c(0, 0) == 0.0


def test_agents_needed_is_the_fewest():
    for calls, handling, target, within in ((30, 300, 0.8, 60), (12, 600, 0.9, 30), (200, 180, 0.95, 10)):
        load = offered_load(calls, handling)
        n = agents_needed(load, handling, target, within)
        assert service_level(load, n, handling, within) >= target
        assert n - 1 <= load or service_level(load, n - 1, handling, within) < target


def test_bad_targets_are_refused():
    with pytest.raises(ValueError):
        agents_needed(5, 180, 1.0, 20)
    with pytest.raises(ValueError):
        agents_needed(5, 180, 0, 20)
    with pytest.raises(ValueError):
        offered_load(-1, 180)


def test_reference_ratio_one_arm_for_two_osnp():
    assert [arm_for_osnp(n) for n in (0, 1, 2, 3, 4)] == [0, 1, 1, 2, 2]
    assert ratio_note(4, 2).endswith("respecté")
    assert "1 ARM manquant" in ratio_note(4, 1)


def test_extra_doctors_estimate():
    # 60 uncovered hours; today's doctors bring 10, 20 and 30 useful hours: 20 each on
    # average → 3 more doctors. A 12-hour mean commitment caps it: 60 / 12 = 5.
    assert extra_doctors(60, [10, 20, 30]).extra_doctors == 3
    assert extra_doctors(60, [10, 20, 30], [12, 12]).extra_doctors == 5
    assert extra_doctors(61, [10, 20, 30]).extra_doctors == 4
    assert extra_doctors(0, [10]).extra_doctors == 0
    assert extra_doctors(10, [0, 0]).extra_doctors is None
    assert extra_doctors(10, []).extra_doctors is None
