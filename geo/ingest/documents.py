"""Reading plan documents into plain text: .txt, .docx (Word), .pdf (its text layer) and saved .html pages.

The text returned here is what drafting reads and what is kept beside the plan, so every quote stays a
verbatim substring of it. Word tables become tab-separated rows (one blank line between rows), the layout
:mod:`geo.ingest.clauses` reads as a table; a PDF without a text layer (a scan) is refused with a clear message
rather than drafted as empty; scripts, styles and navigation are dropped from web pages.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataValidationError, Problem
from ..io import decode_bytes
from ..messages import msg

#: File endings read by :func:`read_document`.
SUFFIXES = (".txt", ".text", ".md", ".docx", ".pdf", ".html", ".htm")

#: Fewer visible characters than this per page means a PDF has no usable text layer.
MIN_PDF_CHARS_PER_PAGE = 10

_HTML_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template",
              "svg", "button", "select")
_HTML_BLOCK = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
               "table", "blockquote", "pre", "dd", "dt", "title")


@dataclass(frozen=True)
class Document:
    """A plan document's extracted text.

    Parameters
    ----------
    name : str
        The file name (for messages and the review file).
    kind : str
        ``txt``, ``docx``, ``pdf`` or ``html``.
    text : str
        The extracted plain text; quotes are substrings of it.
    """

    name: str
    kind: str
    text: str


def kind_of(name: str) -> str:
    """``txt`` / ``docx`` / ``pdf`` / ``html`` from a file name; ``""`` for anything else."""
    suf = Path(name).suffix.lower()
    if suf in (".txt", ".text", ".md"):
        return "txt"
    if suf in (".htm", ".html"):
        return "html"
    if suf in (".docx", ".pdf"):
        return suf[1:]
    return ""


def document_text(data: bytes, name: str) -> Document:
    """Extract the text of a document given as bytes (an upload or a file's content).

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        Its file name; the ending decides how it is read.

    Returns
    -------
    Document

    Raises
    ------
    DataValidationError
        Naming the file: an unsupported type (.doc, .wps…), a broken file, a PDF with no text layer, or
        no text at all.
    """
    kind = kind_of(name)
    suf = Path(name).suffix.lower()
    if not kind:
        hint = msg(" (save it as .docx)") if suf in (".doc", ".wps", ".rtf") else ""
        raise DataValidationError([Problem(name, msg("cannot read '{kind}' files{hint}; give .txt, .docx, .pdf or a "
                                                     "saved .html page", kind=suf or name, hint=hint))])
    if kind == "txt":
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise DataValidationError([Problem(name, msg("looks like a binary file (Word/PDF?) with a .txt name"))])
        text = decode_bytes(data, name)
    elif kind == "docx":
        text = _docx_text(data, name)
    elif kind == "pdf":
        text = _pdf_text(data, name)
    else:
        text = _html_text(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DataValidationError([Problem(name, msg("is empty"))])
    return Document(name=name, kind=kind, text=text)


def read_document(path: str | Path) -> Document:
    """Extract the text of a document file (see :func:`document_text`).

    Raises
    ------
    DataValidationError
        If the file is missing, a folder, or cannot be read.
    """
    p = Path(path)
    if not p.exists():
        raise DataValidationError([Problem(str(path), msg("file not found"))])
    if p.is_dir():
        raise DataValidationError([Problem(str(path), msg("is a folder, not a document"))])
    return document_text(p.read_bytes(), p.name)


def documents_in(folder: str | Path, skip: tuple[Path, ...] = ()) -> list[Path]:
    """Readable documents directly in ``folder`` (sorted by name; hidden files and ``skip`` paths left out)."""
    f = Path(folder)
    skipped = {Path(s).resolve() for s in skip}
    out = []
    for p in sorted(f.iterdir()):
        if p.name.startswith((".", "~$")) or not p.is_file() or p.resolve() in skipped:
            continue
        if kind_of(p.name):
            out.append(p)
    return out


# ---------------------------------------------------------------------------------------------------- readers


def _docx_text(data: bytes, name: str) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise DataValidationError([Problem(name, msg("reading Word files needs python-docx (pip install python-docx)"))]) from exc
    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a broken or non-Word file
        raise DataValidationError([Problem(name, msg("not a readable Word (.docx) file ({error})",
                                                         error=type(exc).__name__))]) from exc
    lines: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            table = Table(child, doc)
            if lines and lines[-1].strip():
                lines.append("")
            for row in table.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats in every column it spans
                        continue
                    seen.add(id(cell._tc))
                    cells.append(re.sub(r"\s*\n\s*", " ", cell.text).replace("\t", " ").strip())
                lines.append("\t" + "\t".join(cells))
                lines.append("")
    return "\n".join(lines)


def _pdf_text(data: bytes, name: str) -> str:
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise DataValidationError([Problem(name, msg("reading PDF files needs pypdfium2 (pip install pypdfium2)"))]) from exc
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium raises PdfiumError for broken or encrypted files
        raise DataValidationError([Problem(name, msg("not a readable PDF ({error})", error=str(exc)))]) from exc
    pages: list[str] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            pages.append(tp.get_text_range())
            tp.close()
            page.close()
    finally:
        pdf.close()
    visible = sum(len(re.sub(r"\s", "", p)) for p in pages)
    if not pages or visible < MIN_PDF_CHARS_PER_PAGE * len(pages):
        raise DataValidationError([Problem(name, msg("this PDF has no text layer ({chars} characters on {pages} page(s)): "
                                                     "it is a scan. Run OCR on it or paste the text instead",
                                                     chars=visible, pages=len(pages)))])
    return "\n\n".join(p.replace("\r\n", "\n").replace("\r", "\n").rstrip() for p in pages)


def _html_text(data: bytes, name: str) -> str:
    try:
        from bs4 import BeautifulSoup
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise DataValidationError([Problem(name, msg("reading web pages needs beautifulsoup4"))]) from exc
    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(list(_HTML_DROP)):
        tag.decompose()
    for tag in soup.find_all(["td", "th"]):
        tag.insert_before("\t")
    for tag in soup.find_all("tr"):
        tag.insert_after("\n\n")
    for tag in soup.find_all(list(_HTML_BLOCK)):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = soup.get_text("")
    text = text.replace("\xa0", " ")
    # collapse runs of blank space but keep line breaks and the table tabs
    text = re.sub(r"[ \f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n(?:[ \t]*\n){2,}", "\n\n", text)
    return text.strip() + "\n"
