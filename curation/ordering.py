"""Parents before children, in a stable order: the one topological sort the loader (entries that
name a parent) and the dataset (models, and records that point at their own kind) share."""

from graphlib import CycleError, TopologicalSorter

__all__ = ["CycleError", "parents_first"]


def parents_first(nodes, parents_of):
    """``nodes`` ordered so that each comes after its parents (those of ``parents_of(node)`` that
    are among ``nodes``; others are taken as placed already).

    The order is stable, in rounds: first every node without a parent to wait for, then every
    node whose parents were all placed in the rounds before, and so on, each round in the order
    the nodes were given (the order the hand-written loops this replaces gave).

    A loop raises ``graphlib.CycleError``, whose ``args[1]`` is one loop, each node a parent of
    the next, the first repeated at the end: ``[a, b, a]``.
    """
    position = {node: index for index, node in enumerate(nodes)}
    sorter = TopologicalSorter()
    for node in position:  # every node first, so that ties keep the given order
        sorter.add(node)
    for node in position:
        sorter.add(node, *(parent for parent in parents_of(node) if parent in position))
    sorter.prepare()
    ordered = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=position.__getitem__)
        ordered.extend(ready)
        sorter.done(*ready)
    return ordered


def describe_cycle(cycle):
    """A loop from ``CycleError.args[1]``, as text: ``a → b → a``."""
    return " → ".join(map(str, cycle))
