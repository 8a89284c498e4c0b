"""Runs the examples of docs/core-concepts/graph-vs-relational.md (examples/graph-vs-relational/).

The same four CSV files are loaded into Kuzu (an embedded graph database that runs Cypher) and
into DuckDB; each multi-hop question is asked in Cypher and as a recursive CTE, and both engines
must return the same answer, which must also be the answer the page states.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import kuzu
import pytest

from conftest import read_example

SLUG = "graph-vs-relational"

# The answers the page states.
RING = [("A02", 1), ("A03", 2), ("A04", 3), ("A06", 1)]
LOOPS = [("A01", 2), ("A02", 3), ("A03", 3), ("A04", 3), ("A06", 2)]


def cypher_statements(text: str) -> list[str]:
    return [statement.strip() for statement in text.split(";") if statement.strip()]


@pytest.fixture(scope="module")
def graph(examples_dir: Path) -> Iterator[kuzu.Connection]:
    """An in-memory Kuzu database loaded by schema.cypher (its COPY paths are relative)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(examples_dir / SLUG)
        database = kuzu.Database(":memory:")
        connection = kuzu.Connection(database)
        for statement in cypher_statements(read_example(f"{SLUG}/schema.cypher")):
            connection.execute(statement)
    yield connection
    connection.close()
    database.close()


@pytest.fixture(scope="module")
def relational(examples_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(examples_dir / SLUG)
        connection = duckdb.connect()
        connection.execute(read_example(f"{SLUG}/schema.sql"))
    yield connection
    connection.close()


def run_cypher(connection: kuzu.Connection, name: str) -> list[tuple]:
    (statement,) = cypher_statements(read_example(f"{SLUG}/{name}"))
    result = connection.execute(statement)
    rows = []
    while result.has_next():
        rows.append(tuple(result.get_next()))
    return rows


def test_both_engines_hold_the_same_data(graph: kuzu.Connection,
                                         relational: duckdb.DuckDBPyConnection) -> None:
    counts = {
        "MATCH (a:Account) RETURN count(*)": "SELECT count(*) FROM accounts",
        "MATCH (i:Identifier) RETURN count(*)": "SELECT count(*) FROM identifiers",
        "MATCH ()-[u:USES]->() RETURN count(*)": "SELECT count(*) FROM uses",
        "MATCH ()-[t:TRANSFERRED]->() RETURN count(*)": "SELECT count(*) FROM transfers",
    }
    for cypher, sql in counts.items():
        graph_count = graph.execute(cypher).get_next()[0]
        assert graph_count == relational.execute(sql).fetchone()[0] > 0
    assert relational.execute("SELECT account_id FROM accounts WHERE flagged").fetchall() == [("A01",)]


def test_ring_reach_cypher_gives_the_stated_answer(graph: kuzu.Connection) -> None:
    assert run_cypher(graph, "ring_reach.cypher") == RING


def test_ring_reach_recursive_cte_gives_the_stated_answer(relational: duckdb.DuckDBPyConnection) -> None:
    assert relational.execute(read_example(f"{SLUG}/ring_reach.sql")).fetchall() == RING


def test_ring_reach_stops_at_three_steps(graph: kuzu.Connection,
                                         relational: duckdb.DuckDBPyConnection) -> None:
    """A05 is four shared identifiers from A01 (A01-A02-A03-A04-A05): reachable, but past the limit."""
    reachable = graph.execute(
        "MATCH (s:Account {flagged: true})-[:USES*1..8]-(x:Account {account_id: 'A05'}) "
        "RETURN count(*)").get_next()[0]
    assert reachable > 0
    assert "A05" not in {account for account, _ in run_cypher(graph, "ring_reach.cypher")}
    assert "A05" not in {account for account, _ in
                         relational.execute(read_example(f"{SLUG}/ring_reach.sql")).fetchall()}
    # A07-A12 sit in other components: never linked to A01.
    linked = {account for account, _ in RING}
    assert linked.isdisjoint({"A07", "A08", "A09", "A10", "A11", "A12"})


def test_transfer_loops_agree(graph: kuzu.Connection, relational: duckdb.DuckDBPyConnection) -> None:
    assert run_cypher(graph, "transfer_cycles.cypher") == LOOPS
    assert relational.execute(read_example(f"{SLUG}/transfer_cycles.sql")).fetchall() == LOOPS


def test_walk_semantics_repeat_paths(graph: kuzu.Connection) -> None:
    """Kuzu's default path semantics is WALK: without DISTINCT or SHORTEST the same account
    comes back many times (the reason the page's query asks for SHORTEST)."""
    rows = graph.execute(
        "MATCH (s:Account {flagged: true})-[:USES*1..6]-(x:Account {account_id: 'A02'}) "
        "RETURN count(*)").get_next()[0]
    assert rows > 1
