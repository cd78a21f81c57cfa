"""A web worker (`dashboard.wsgi`) does not load the libraries only exports, feeds, single
sign-on and the illustrative t-tests use: each is tens of MB every worker would hold (issue 19's
worker memory; benchmarks/worker_memory.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Loaded where they are used: packs and panel downloads (reportlab, python-pptx, openpyxl,
# kaleido, Pillow through them), the alerts' Atom feed (feedgen), OIDC sign-in (authlib),
# the LCM estimate's t-tests (scipy.stats; the intervals use scipy.special).
NOT_IN_A_WEB_WORKER = ("reportlab", "pptx", "openpyxl", "kaleido", "feedgen", "authlib",
                       "scipy.stats", "celery", "alembic", "pdfplumber", "pypdfium2")


def test_the_web_worker_imports_no_export_feed_or_sign_on_library(tmp_path):
    script = ("import json, sys\nimport dashboard.wsgi\n"
              f"print(json.dumps([m for m in {NOT_IN_A_WEB_WORKER!r} if m in sys.modules]))")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'w.sqlite'}", "DEBUG": "false"}
    for name in ("PKDASH_OIDC_ISSUER", "PKDASH_OIDC_CLIENT_ID", "PKDASH_OIDC_CLIENT_SECRET"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
