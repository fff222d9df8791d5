"""Exchange circles: A teaches B, B teaches C, C teaches A, where no pair could swap.

- `graph.py`: who can teach whom, from the vector index (top teachers per need, above the
  display threshold).
- `solver.py`: the disjoint circles of two and three members of greatest total match
  quality, proven optimal by CP-SAT on the pruned graph.
- `benchmark.py`: `bench-circles`, the two on a synthetic population, in one JSON line.
"""
