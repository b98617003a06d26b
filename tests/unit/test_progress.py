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
    progress("checked", 1000)
    progress("copied", 1000)
    progress("copied", 0)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("checked") and "[###############---------------]  50%" in lines[0]
    assert "100% 1,000/1,000 rows" in lines[1]
    # A later stage counts what it did, not a share of the file.
    assert lines[2].startswith("copied") and " 1,000 rows " in lines[2] and "%" not in lines[2]


def test_reading_ends_at_100_percent_when_the_file_had_fewer_rows_than_lines():
    # Lines were estimated: blank lines and rows of several lines are no rows.
    out = io.StringIO()
    progress = Progress(10, stream=out)
    progress("checked", 7)
    progress("written", 5)  # two rows rejected
    lines = out.getvalue().splitlines()
    assert "70% 7/10 rows" in lines[0]
    assert lines[1].startswith("checked") and "100% 7/7 rows" in lines[1]
    assert lines[2].startswith("written") and " 5 rows " in lines[2]
    # A dry run ends after reading: closing says it was read whole.
    out = io.StringIO()
    progress = Progress(10, stream=out)
    progress("checked", 9)
    progress.close()
    assert "100% 9/9 rows" in out.getvalue().splitlines()[-1]
