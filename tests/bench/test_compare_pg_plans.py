"""bench-pg's plans: every patrol filter is explained, and a sequential scan is flagged only on a
big table."""

from bench.pg_explain import EXAMPLES, filter_parameters, flagged, scans

PLAN = {
    "Node Type": "Nested Loop",
    "Plans": [
        {"Node Type": "Seq Scan", "Relation Name": "patrols_patrol"},
        {
            "Node Type": "Bitmap Heap Scan",
            "Relation Name": "patrols_participation",
            "Plans": [
                {"Node Type": "Bitmap Index Scan", "Index Name": "patrols_participation_patrol"}
            ],
        },
        {"Node Type": "Seq Scan", "Relation Name": "reference_country"},
    ],
}


def test_every_parameter_of_the_patrol_filters_has_an_example_value():
    assert set(filter_parameters()) == set(EXAMPLES)


def test_a_plans_scans_are_read_at_every_depth():
    assert scans(PLAN) == [
        ("Seq Scan", "patrols_patrol", ""),
        ("Bitmap Heap Scan", "patrols_participation", ""),
        ("Bitmap Index Scan", "", "patrols_participation_patrol"),
        ("Seq Scan", "reference_country", ""),
    ]


def test_only_a_sequential_scan_of_a_big_table_is_flagged():
    sizes = {"patrols_patrol": 1_000_000, "patrols_participation": 4_000_000}
    sizes["reference_country"] = 6
    assert flagged(scans(PLAN), sizes) == ["patrols_patrol"]
    assert flagged(scans(PLAN), {"patrols_patrol": 9_999}) == []
