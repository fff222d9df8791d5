"""Password hashing with argon2id (OWASP parameters)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Lengths a member's password may have (ASVS: at least 8; at least 64, here 200, allowed).
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200

# OWASP's recommended argon2id cost: 19 MiB of memory, 2 iterations, 1 lane.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_password(password):
    """Return an argon2id hash string for a clear-text password."""
    return _hasher.hash(password)


def verify_password(password_hash, password):
    """True when the password matches the stored hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash):
    """True when the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)
