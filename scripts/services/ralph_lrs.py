"""Runs Ralph's LRS API (ralph-malph) with its filesystem backend on loopback.

Started by scripts/services/ralph.sh; configuration comes from the RALPH_*
environment variables that script sets. Ralph's filesystem backend opens its
statements file in "create" mode by default, so every POST after the first
fails with HTTP 500 ("already exists and overwrite is not allowed"). It has
no setting for this, but its write call honours an operation type, and
"append" is the mode that suits a JSON-lines file: this launcher makes append
the backend's default, then serves the unmodified Ralph app.
"""

import os
import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the backend is configured)

if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("RALPH_LOG_LEVEL", "warning"))
