"""bench-compare's verdicts: the project's figures over Datasette's against the issue's goals,
and the figures it reads from wrk."""

import math

import pytest

from bench.compare_load import parse_wrk
from bench.compare_report import GOALS, Figures, goal_lines, table, verdicts

DATASETTE = {"warm": Figures(10.0, 20.0, 100.0), "cold": Figures(10.0, 20.0, 100.0)}


def figures(warm, cold):
    return {
        ("Datasette", "warm"): DATASETTE["warm"],
        ("Datasette", "cold"): DATASETTE["cold"],
        ("project", "warm"): warm,
        ("project", "cold"): cold,
    }


def test_a_project_exactly_at_the_goals_meets_them_all():
    at_goal = figures(Figures(5.0, 99.0, 300.0), Figures(10.0, 30.0, 150.0))
    assert [(goal.label, met) for goal, _, met in verdicts(at_goal)] == [
        ("warm median", True),
        ("warm req/s", True),
        ("cold median", True),
        ("cold p99", True),
        ("cold req/s", True),
    ]


def test_a_project_a_little_short_of_every_goal_meets_none():
    short = figures(Figures(5.1, 1.0, 299.0), Figures(10.1, 30.1, 149.0))
    assert [met for _, _, met in verdicts(short)] == [False] * len(GOALS)


def test_a_figure_that_could_not_be_measured_meets_no_goal():
    missing = figures(Figures(math.nan, 1.0, 500.0), Figures(1.0, 1.0, 500.0))
    goal, ratio, met = verdicts(missing)[0]
    assert goal.label == "warm median" and math.isnan(ratio) and not met
    assert "| warm median | n/a× | ≤ 0.5× | not met |" in goal_lines(missing)


def test_the_table_has_the_issues_four_rows_in_its_order():
    lines = table(figures(Figures(29.4, 126, 65), Figures(32.3, 115, 55)))
    assert [line.split(" | ")[0] for line in lines[2:]] == [
        "| Datasette, the same request repeated",
        "| project, the same request repeated",
        "| Datasette, a new query each request",
        "| project, a new query each request",
    ]
    assert lines[3] == "| project, the same request repeated | 29.4 | 126.0 | 65 |"


def test_wrks_result_line_gives_requests_per_second_and_errors():
    output = (
        "Running 6s test @ http://127.0.0.1:8765/\n"
        "WRK-RESULT requests=600 duration_us=6000000 connect=0 read=1 write=0 status=2 "
        "timeout=3 wrapped=0\n"
    )
    result = parse_wrk(output)
    assert (result.per_second, result.errors, result.wrapped) == (100.0, 6, 0)


def test_a_wrk_run_without_its_result_line_is_an_error():
    with pytest.raises(RuntimeError, match="no result line"):
        parse_wrk("unable to connect to 127.0.0.1:8765 Connection refused\n")
