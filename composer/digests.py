"""sha256 and blake2b from the interpreter's builtin modules.

`hashlib` loads OpenSSL before it hands out either, about 3 ms at every start of a
command that hashes anything (the config hash, the lock file's name, upmemo's notes).
"""
from __future__ import annotations

try:
    from _sha256 import sha256
except ImportError:   # pragma: no cover - Python 3.12 renamed it
    try:
        from _sha2 import sha256
    except ImportError:
        from hashlib import sha256

try:
    from _blake2 import blake2b
except ImportError:   # pragma: no cover
    from hashlib import blake2b

__all__ = ["blake2b", "sha256"]
