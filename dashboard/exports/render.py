"""One entry point for a pack in any format: the routes, the CLI and the jobs call this."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.exports.snapshot import Pack

FORMATS = ("pptx", "pdf", "xlsx")
MEDIA_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render_pack(pack: Pack, fmt: str, progress: Callable[[int, int, str], None] | None = None
                ) -> bytes:
    """The pack as file bytes; `progress(done, total, what)` as each chart is drawn."""
    # Imported here, not at the top: the web worker imports this module for FORMATS (to check
    # a request) but draws packs only in export jobs, and reportlab, python-pptx, openpyxl and
    # kaleido would cost every worker some 50 MB it may never use (benchmarks/worker_memory.py).
    from dashboard.exports.pdf import pdf_bytes
    from dashboard.exports.slides import pptx_bytes
    from dashboard.exports.workbook import workbook_bytes

    if fmt == "pptx":
        return pptx_bytes(pack, progress)
    if fmt == "pdf":
        return pdf_bytes(pack, progress)
    if fmt == "xlsx":
        total = len(pack.snapshots)
        content = workbook_bytes(pack)
        if progress is not None:
            progress(total, total, "")
        return content
    raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
