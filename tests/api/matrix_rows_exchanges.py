"""Authorization-matrix rows of the API's exchanges operations (merged into TABLE of
tests/test_authorization_matrix.py, whose docstring describes the world and the roles)."""

ROWS = {}
