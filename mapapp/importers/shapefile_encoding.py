"""The text encoding of a zipped Shapefile's attributes.

A Shapefile says its encoding in a .cpg file or in the .dbf's language driver byte; GDAL
reads both. Without either (many Soviet-era and desktop-GIS exports), GDAL takes the
text as Latin-1, and Cyrillic names were stored as "Áðàòñêàÿ ìîãèëà". Such a .dbf's text
is then told as a CSV file's is: UTF-8 when it decodes so, else the likeliest Cyrillic
code page, else the user is asked to name it.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from mapapp.importers.encodings import likeliest_encoding
from mapapp.importers.errors import ImportFileError

_LANGUAGE_DRIVER = 29  # the .dbf header byte naming its code page (0: none)


def shapefile_encoding(path: Path, named: str | None) -> str | None:
    """The encoding to read ``path`` (a zipped Shapefile) in: the one named
    (``--encoding``), else None where the file says its own, else the one detected."""
    if named:
        try:
            return _gdal_name(named)
        except LookupError:
            raise ImportFileError(f"unknown encoding {named!r}") from None
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if any(n.lower().endswith(".cpg") for n in names):
            return None
        dbf = next((n for n in names if n.lower().endswith(".dbf")), None)
        if dbf is None:
            return None
        data = archive.read(dbf)
    if len(data) < 32 or data[_LANGUAGE_DRIVER] != 0:
        return None
    text = data[int.from_bytes(data[8:10], "little") :]
    if text.isascii():
        return None
    try:
        text.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = likeliest_encoding(text)
    if best is None:
        raise ImportFileError(
            f"{path.name}: its .dbf says no text encoding (no .cpg file) and it cannot be "
            "told; name it with --encoding (e.g. cp1251)"
        )
    return _gdal_name(best)


def _gdal_name(encoding: str) -> str:
    """Python's own name of a codec (koi8-r for koi8_r), which GDAL's iconv also knows."""
    return codecs.lookup(encoding).name
