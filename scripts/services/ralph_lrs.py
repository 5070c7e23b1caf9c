"""Runs Ralph's LRS API (ralph-malph) with its filesystem backend on loopback.

Started by scripts/services/ralph.sh; configuration comes from the RALPH_*
environment variables that script sets. Ralph's filesystem backend opens its
statements file in "create" mode by default, so every POST after the first
fails with HTTP 500 ("already exists and overwrite is not allowed"). It has
no setting for this, but its write call honours an operation type, and
"append" is the mode that suits a JSON-lines file: this launcher makes append
the backend's default, then serves the unmodified Ralph app.

With RALPH_ID_INDEX=1 it also gives that backend an id index. Before storing a
batch, Ralph asks the backend which of the batch's ids it already holds, and
the filesystem backend answers by parsing its whole file, so a long push gets
slower with every batch (quadratic overall). The index remembers the byte
offset of each statement id, reading only the lines appended since the last
lookup; the answer (the stored statements with those ids) is the same. Used for
the 100,000-result push measurement, where the file grows past a gigabyte.
"""

import os
import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND


def index_statement_ids():
    """Answers `query_statements_by_ids` from an offset index of the file."""
    import json
    import threading

    unindexed = FSLRSBackend.query_statements_by_ids
    offsets, scanned, lock = {}, [0], threading.Lock()

    def catch_up(backend):
        path = backend.default_directory / backend.settings.DEFAULT_LRS_FILE
        if not path.exists():
            return path
        with open(path, "rb") as lines:
            lines.seek(scanned[0])
            while True:
                offset = lines.tell()
                line = lines.readline()
                if not line.endswith(b"\n"):
                    break
                offsets.setdefault(json.loads(line).get("id"), offset)
                scanned[0] = lines.tell()
        return path

    def query_statements_by_ids(self, ids, target=None):
        if target:
            return unindexed(self, ids, target)
        with lock:
            path = catch_up(self)
        found = sorted(offsets[i] for i in set(ids) if i in offsets)
        statements = []
        if not found:
            return statements
        with open(path, "rb") as lines:
            for offset in found:
                lines.seek(offset)
                statements.append(json.loads(lines.readline()))
        return statements

    FSLRSBackend.query_statements_by_ids = query_statements_by_ids


if os.environ.get("RALPH_ID_INDEX") == "1":
    index_statement_ids()

from ralph.api import app  # noqa: E402  (after the backend is configured)

if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("RALPH_LOG_LEVEL", "warning"))
