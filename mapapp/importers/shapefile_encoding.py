"""The text encoding of a zipped Shapefile's attributes.

A Shapefile says its encoding in a .cpg file or in the .dbf's language driver byte; GDAL
reads both, but not every way a .cpg is written (65001, Windows' number for UTF-8, it
read as Latin-1): the forms known here are read here, and checked against the text.
Without either (many Soviet-era and desktop-GIS exports), GDAL takes the text as
Latin-1, and Cyrillic names were stored as "Áðàòñêàÿ ìîãèëà". Such a .dbf's text is then
told as a CSV file's is: UTF-8 when it decodes so, else the likeliest Cyrillic code page,
else the user is asked to name it.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path

from mapapp.importers.encodings import AmbiguousCodePage, ambiguity, likeliest_encoding
from mapapp.importers.errors import ImportFileError

_LANGUAGE_DRIVER = 29  # the .dbf header byte naming its code page (0: none)
_GDAL_MISREADS = re.compile(rb"(?i)(cp)?65001")  # .cpg forms GDAL reads wrong
# Windows Kazakh is known to GDAL's iconv by these names only: any other (KZ-1048, 1048)
# it took for Latin-1, as a .cpg it does not know.
_GDAL_KZ1048 = re.compile(rb"(?i)rk1048|strk1048-2002")
# Names of code pages a .cpg may hold that Python does not know by them.
_CPG_ALIASES = {"CP1048": "kz1048"}


def shapefile_encoding(path: Path, named: str | None, shp: str | None = None) -> str | None:
    """The encoding to read ``path`` (a zipped Shapefile; of several, ``shp``) in: the one
    named (``--encoding``), else None where the file says its own, else the one detected."""
    if named:
        try:
            return _gdal_name(named)
        except LookupError:
            raise ImportFileError(f"unknown encoding {named!r}") from None
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if shp is not None:  # its own .cpg and .dbf, beside it
            stem = shp[: -len(".shp")].lower()
            names = [n for n in names if n.lower()[: -len(".cpg")] == stem]
        cpg = next((n for n in names if n.lower().endswith(".cpg")), None)
        dbf = next((n for n in names if n.lower().endswith(".dbf")), None)
        if dbf is None:
            return None
        cpg_text = archive.read(cpg) if cpg else b""
        declared = _cpg_encoding(cpg_text) if cpg else None
        if cpg and declared is None:
            return None  # a form GDAL may know and we do not
        data = archive.read(dbf)
    if declared is not None:
        _checked_declared(path, declared, data)
        # GDAL reads the .cpg itself (leniently, where a field's width cut a character),
        # but for Windows' number of UTF-8 and most names of Windows Kazakh, which it
        # read as Latin-1.
        cpg_text = cpg_text.strip()
        if _GDAL_MISREADS.fullmatch(cpg_text) or (
            declared == "kz1048" and not _GDAL_KZ1048.fullmatch(cpg_text)
        ):
            return _gdal_name(declared)
        return None
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
    try:
        best = likeliest_encoding(text)
    except AmbiguousCodePage as exc:
        raise ImportFileError(
            f"{path.name}: its .dbf says no text encoding; {ambiguity(exc)}"
        ) from None
    if best is None:
        raise ImportFileError(
            f"{path.name}: its .dbf says no text encoding (no .cpg file) and it cannot be "
            "told; name it with --encoding (e.g. cp1251)"
        )
    return _gdal_name(best)


def _cpg_encoding(content: bytes) -> str | None:
    """The encoding a .cpg file names, in Python's name: "UTF-8", "65001" (Windows' number
    for UTF-8, which GDAL read as Latin-1), "1251", "ANSI 1251", "CP1251", "KOI8-R" ...;
    None for a form not known here."""
    text = content.decode("ascii", "replace").strip().upper()
    text = text.removeprefix("ANSI").strip()
    if text in ("65001", "CP65001"):
        return "utf-8"
    if text.isdigit():
        text = "CP" + text
    try:
        return codecs.lookup(_CPG_ALIASES.get(text, text)).name
    except LookupError:
        return None


# A UTF-8 text cut at a field's width ends in part of a character: a few such cuts are
# truncation, not another encoding.
_CUT_SHARE = 0.02


def _checked_declared(path: Path, declared: str, dbf: bytes) -> None:
    """The encoding the .cpg names, when the attributes read in it: UTF-8 declared over
    text that is not (bar characters cut at a field's end), or a one-byte code page
    declared over text that is UTF-8, is refused, naming what the text looks like."""
    text = dbf[int.from_bytes(dbf[8:10], "little") :] if len(dbf) >= 32 else b""
    if text.isascii():
        return
    other = None
    if declared == "utf-8":
        cut = text.decode("utf-8", "replace").count("\ufffd")
        if cut > _CUT_SHARE * sum(1 for byte in text if byte >= 0x80):
            try:
                other = likeliest_encoding(text)
            except AmbiguousCodePage:
                other = None  # named as unknown rather than guessed
            said = "not UTF-8" + (f"; they read as {other}" if other else "")
            raise ImportFileError(_lie(path, declared, said, other))
        return
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return
    raise ImportFileError(_lie(path, declared, "UTF-8", "utf-8"))


def _lie(path: Path, declared: str, found: str, other: str | None) -> str:
    named = f" --encoding {other}" if other else " --encoding"
    return (
        f"{path.name}: its .cpg says the attributes are {declared}, but they are {found}: "
        f"name their encoding with{named} if so. Nothing was imported"
    )


def _gdal_name(encoding: str) -> str:
    """Python's own name of a codec (koi8-r for koi8_r), which GDAL's iconv also knows;
    for Windows Kazakh, which Python calls kz1048, iconv's name."""
    name = codecs.lookup(encoding).name
    return "RK1048" if name == "kz1048" else name
