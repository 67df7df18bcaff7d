"""Parents before children (``graphlib`` underneath): a stable order for the loader's entries and
the dataset's models and records, loops refused where they must be and tolerated where not."""

import pytest

from curation import ordering
from curation.dataset.scope import _parents_first as models_parents_first
from curation.loading import DataFileError, parents_first


def entries(*pairs):
    return [{"slug": slug, "parent": parent} for slug, parent in pairs]


def slugs(ordered):
    return [entry["slug"] for entry in ordered]


def test_entries_come_in_rounds_each_in_file_order():
    """Those without a parent to wait for, then their children, then theirs."""
    given = entries(("a", None), ("b", "a"), ("c", None), ("d", "b"), ("e", None))
    assert slugs(parents_first(given)) == ["a", "c", "e", "b", "d"]


def test_a_child_moves_after_its_parent_and_the_rest_keep_their_file_order():
    given = entries(("child", "parent"), ("x", None), ("grandchild", "child"), ("parent", None))
    assert slugs(parents_first(given)) == ["x", "parent", "child", "grandchild"]


def test_a_parent_outside_the_file_counts_as_placed():
    given = entries(("b", "defined-elsewhere"), ("a", None))
    assert slugs(parents_first(given)) == ["b", "a"]


def test_the_parent_key_can_be_named():
    given = [{"slug": "tu-95ms", "variant_of": "tu-95"}, {"slug": "tu-95"}]
    assert slugs(parents_first(given, parent_key="variant_of")) == ["tu-95", "tu-95ms"]


def test_a_parent_loop_names_the_loop():
    given = entries(("a", "b"), ("b", "a"), ("c", "a"), ("d", None))
    with pytest.raises(
        DataFileError, match=r"parent cycle among \['a', 'b'\]: (a → b → a|b → a → b)"
    ):
        parents_first(given)


def test_an_entry_that_is_its_own_parent_is_a_loop():
    with pytest.raises(DataFileError, match=r"parent cycle among \['a'\]: a → a"):
        parents_first(entries(("a", "a")))


def test_duplicate_slugs_are_refused():
    with pytest.raises(DataFileError, match="given to several entries: a"):
        parents_first(entries(("a", None), ("a", None)))


def test_the_shared_sort_reports_a_loop_as_graphlib_does():
    with pytest.raises(ordering.CycleError) as error:
        ordering.parents_first(["a", "b"], {"a": ["b"], "b": ["a"]}.get)
    assert set(error.value.args[1]) == {"a", "b"}


def test_the_dataset_model_order_is_stable():
    references = {
        "patrol": {"country"},
        "citation": {"patrol", "source"},
        "country": set(),
        "source": set(),
    }
    order = models_parents_first(["citation", "source", "patrol", "country"], references.get)
    assert order == ["source", "country", "patrol", "citation"]


def test_the_dataset_model_order_tolerates_a_loop():
    """Foreign keys are checked at commit, so models pointing at each other in a loop still
    load: the loop is broken at its first model, and everything else keeps parents first."""
    references = {"a": {"b"}, "b": {"a"}, "c": {"b"}, "d": set()}
    order = models_parents_first(["c", "a", "b", "d"], references.get)
    assert sorted(order) == ["a", "b", "c", "d"]
    assert order.index("a") < order.index("b") < order.index("c")
    assert order == ["a", "d", "b", "c"]
