import io

from mapapp.importers.progress import Progress, estimate_rows


def test_rows_estimated_from_line_ends(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    assert estimate_rows(path) == 2
    assert estimate_rows(tmp_path / "f.xlsx") is None


def test_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    progress = Progress(1000, stream=out)
    progress("checked", 500)
    progress("copied", 1000)
    progress("copied", 0)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("checked") and "[###############---------------]  50%" in lines[0]
    assert "1,000/1,000 rows" in lines[1]
