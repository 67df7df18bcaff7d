"""What ``make bench-compare`` prints: the issue's table (median, p99, requests/s for each server
warm and cold) and the project's ratios against Datasette's, each against the issue's goal."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Figures:
    """One row of the table."""

    median: float  # ms
    p99: float  # ms
    per_second: float  # requests/s under wrk


@dataclass(frozen=True)
class Goal:
    """The project's figure over Datasette's, at most (``"<="``) or at least (``">="``) this."""

    mode: str  # "warm" or "cold"
    figure: str  # a Figures attribute
    bound: float
    op: str

    @property
    def label(self):
        names = {"median": "median", "p99": "p99", "per_second": "req/s"}
        return f"{self.mode} {names[self.figure]}"

    def met(self, ratio):
        if math.isnan(ratio):
            return False
        return ratio <= self.bound if self.op == "<=" else ratio >= self.bound


# The goal (ratios in one run): project ÷ Datasette.
GOALS = (
    Goal("warm", "median", 0.5, "<="),
    Goal("warm", "per_second", 3.0, ">="),
    Goal("cold", "median", 1.0, "<="),
    Goal("cold", "p99", 1.5, "<="),
    Goal("cold", "per_second", 1.5, ">="),
)

ROW_NAMES = {
    ("Datasette", "warm"): "Datasette, the same request repeated",
    ("project", "warm"): "project, the same request repeated",
    ("Datasette", "cold"): "Datasette, a new query each request",
    ("project", "cold"): "project, a new query each request",
}


def ratio(ours, theirs):
    return ours / theirs if theirs and not math.isnan(theirs) else math.nan


def verdicts(figures):
    """``[(goal, ratio, met)]`` for every goal; ``figures[(server, mode)]`` are ``Figures``."""
    rows = []
    for goal in GOALS:
        value = ratio(
            getattr(figures[("project", goal.mode)], goal.figure),
            getattr(figures[("Datasette", goal.mode)], goal.figure),
        )
        rows.append((goal, value, goal.met(value)))
    return rows


def number(value, digits=1):
    return "n/a" if math.isnan(value) else f"{value:,.{digits}f}"


def table(figures, connections="wrk -t2 -c8"):
    """The issue's table, in Markdown."""
    lines = [
        f"| | median ms | p99 ms | req/s ({connections}) |",
        "|---|---|---|---|",
    ]
    for key, name in ROW_NAMES.items():
        row = figures[key]
        lines.append(
            f"| {name} | {number(row.median)} | {number(row.p99)} | {number(row.per_second, 0)} |"
        )
    return lines


def goal_lines(figures):
    lines = ["| project ÷ Datasette | ratio | goal | |", "|---|---|---|---|"]
    for goal, value, met in verdicts(figures):
        op = {"<=": "≤", ">=": "≥"}[goal.op]
        verdict = "met" if met else "not met"
        lines.append(f"| {goal.label} | {number(value, 2)}× | {op} {goal.bound:g}× | {verdict} |")
    return lines
