"""examples/analysis.ipynb runs on data/out, offline, from a fresh clone."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from zxextract.pipeline import Settings, run

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "analysis.ipynb"


@pytest.fixture(scope="module")
def data_out() -> Path:
    """data/out as `make extract` leaves it; made here when missing. Extraction is
    incremental, so an up-to-date data/out costs only the publishing."""
    out = ROOT / "data" / "out"
    run(ROOT / "data" / "raw", out, Settings(jobs=1))
    return out


def outputs(cell) -> str:
    return "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)


def test_the_notebook_runs_and_shows_the_panel_and_the_chart(data_out):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    text = "".join(outputs(cell) for cell in code)
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert "5 documents" in text and "沙坪坝区政协" in text and "500106" in text
    panel = next(cell for cell in code if "pivot_table" in cell.source)
    assert "proposals_received" in outputs(panel) and "536.0" in outputs(panel)
    assert any("image/png" in o.get("data", {}) for cell in code for o in cell.outputs)
    assert "conflicts between documents" in text
