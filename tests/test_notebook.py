"""The walkthrough notebook runs from top to bottom (so it never rots)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"


def test_walkthrough_notebook_executes():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    if not (ROOT / "sample_data" / "alipay_2026.csv").exists():
        pytest.skip("sample data not generated")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    text = "".join(out.get("text", "") + out.get("data", {}).get("text/plain", "")
                   for cell in notebook.cells if cell.cell_type == "code"
                   for out in cell.outputs)
    assert "unrecognised-activity" in text
    assert "walletwatch report" in text
