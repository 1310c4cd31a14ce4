"""Small graph algorithms shared by the checks and the analysis (iterative: maps can be large)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence


def strongly_connected(nodes: Sequence[str], edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion, in a deterministic order."""
    return _Tarjan(edges).components_of(nodes)


class _Tarjan:
    """Tarjan's algorithm with an explicit stack of (node, its children still to see)."""

    def __init__(self, edges: Mapping[str, Iterable[str]]) -> None:
        self.edges = edges
        self.index: dict[str, int] = {}
        self.low: dict[str, int] = {}
        self.on_stack: set[str] = set()
        self.stack: list[str] = []
        self.work: list[tuple[str, Iterator[str]]] = []
        self.components: list[list[str]] = []

    def components_of(self, nodes: Sequence[str]) -> list[list[str]]:
        index, low, work = self.index, self.low, self.work
        for root in nodes:
            if root in index:
                continue
            self.visit(root)
            while work:
                node, children = work[-1]
                for child in children:
                    if child not in index:
                        self.visit(child)
                        break
                    if child in self.on_stack:
                        low[node] = min(low[node], index[child])
                else:
                    self.close(node)
        return self.components

    def visit(self, node: str) -> None:
        self.index[node] = self.low[node] = len(self.index)
        self.stack.append(node)
        self.on_stack.add(node)
        self.work.append((node, iter(self.edges.get(node, ()))))

    def close(self, node: str) -> None:
        """node's children are done: pass its low link up, and pop its component if it roots one."""
        self.work.pop()
        if self.work:
            parent = self.work[-1][0]
            self.low[parent] = min(self.low[parent], self.low[node])
        if self.low[node] == self.index[node]:
            component: list[str] = []
            while not component or component[-1] != node:
                component.append(self.stack.pop())
                self.on_stack.discard(component[-1])
            self.components.append(component)
