"""Offline assets: every script and stylesheet a folium map needs, served locally or inlined, never from a CDN.

The PyPI package ``folium-offline`` (import ``offlinefolium``) carries the contents of the CDN files
folium and its plugins use, keyed by URL. :func:`localize_folium` writes them into the app's
``static/`` folder (served by Streamlit at ``/app/static`` with ``server.enableStaticServing``) and
points the ``default_js``/``default_css`` of every ``JSCSSMixin`` subclass there, because
``st_folium`` loads those URLs itself. :func:`inline_html` returns a self-contained page with the
same files inlined, for the offline HTML export.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from geo import settings
from geo.io import atomic_write

log = logging.getLogger(__name__)

#: Local script run before Leaflet loads (Leaflet reads these globals once, at load time).
INIT_JS_NAME = "parkmap-init.js"
INIT_JS = "window.L_DISABLE_3D = true;\nwindow.L_NO_TOUCH = false;\n"

#: d3 URLs that branca colormaps and st_folium add outside of any ``default_js`` list.
D3_URLS = (
    "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js",
    "https://d3js.org/d3.v4.min.js",
)

_REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)
_SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc=[\"']([^\"']+)[\"'][^>]*>\s*</script\s*>", re.IGNORECASE)
_CSS_LINK = re.compile(r"<link\b[^>]*\brel=[\"']stylesheet[\"'][^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE)


class OfflineAssetError(ValueError):
    """A page refers to a script or stylesheet that has no local copy."""


@lru_cache(maxsize=1)
def resources() -> dict[str, str]:
    """CDN URL → file contents, as carried by ``offlinefolium``."""
    from offlinefolium.elements import _res

    return dict(_res)


def local_name(url: str) -> str:
    """Stable local file name for a CDN URL: ``<stem>.<hash8><ext>``.

    The hash keeps names unique; it also means the Leaflet stylesheet never ends in
    ``leaflet.css`` (Leaflet 1.9 would derive its marker-icon folder from such a link).
    """
    path = PurePosixPath(urlparse(url).path)
    name = path.name or "asset"
    stem, _, ext = name.rpartition(".")
    ext = ext.lower()
    if not stem or ext not in ("js", "css"):
        stem, ext = name, ("css" if "css" in url.rsplit("/", 1)[-1].lower() else "js")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "asset"
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return f"{stem}.{digest}.{ext}"


#: Written next to the assets: which package version they came from and their names (lets a warm start skip
#: importing ``offlinefolium``, about a tenth of a second).
MANIFEST_NAME = "parkmap-assets.json"

_names_cache: dict[str, str] = {}


def _package_stamp() -> str:
    """Identity of the installed ``offlinefolium`` files (found without importing the package)."""
    import importlib.util

    spec = importlib.util.find_spec("offlinefolium")
    if spec is None or not spec.origin:
        return ""
    stamp = [INIT_JS]
    for p in sorted(Path(spec.origin).parent.glob("*.py")):
        st = p.stat()
        stamp.append(f"{p.name}:{st.st_mtime_ns}:{st.st_size}")
    return hashlib.sha1("|".join(stamp).encode("utf-8")).hexdigest()


def _read_manifest(d: Path) -> dict[str, str] | None:
    """CDN URL → local name from the manifest, if it matches the installed package and every file is there."""
    try:
        doc = json.loads((d / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    names = doc.get("names") if isinstance(doc, dict) else None
    if not isinstance(names, dict) or doc.get("package") != _package_stamp():
        return None
    if not all((d / n).is_file() for n in [INIT_JS_NAME, *names.values()]):
        return None
    return {str(k): str(v) for k, v in names.items()}


def _url_names() -> dict[str, str]:
    """CDN URL → local file name of every carried asset (from the manifest when one was read)."""
    if not _names_cache:
        _names_cache.update({url: local_name(url) for url in resources()})
    return _names_cache


def ensure_static(static_dir: Path | None = None) -> dict[str, str]:
    """Write every carried CDN file (and the init script) into ``static_dir`` if missing or changed.

    Parameters
    ----------
    static_dir : Path, optional
        Target folder (default :data:`geo.settings.STATIC_DIR`).

    Returns
    -------
    dict
        CDN URL → local file name.
    """
    d = Path(static_dir or settings.STATIC_DIR)
    d.mkdir(parents=True, exist_ok=True)
    ignore = d / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# written at start-up by layers/offline.py from the folium-offline package\n*\n")
    files = {INIT_JS_NAME: INIT_JS}
    names: dict[str, str] = {}
    for url, text in resources().items():
        names[url] = local_name(url)
        files[names[url]] = text
    for name, text in files.items():
        data = text.encode("utf-8")
        p = d / name
        try:
            if p.stat().st_size == len(data) and p.read_bytes() == data:
                continue
        except OSError:
            pass
        atomic_write(p, data, keep_previous=False)
    manifest = json.dumps({"package": _package_stamp(), "names": names}, ensure_ascii=False, indent=0, sort_keys=True)
    if _read_manifest(d) != names:
        atomic_write(d / MANIFEST_NAME, manifest.encode("utf-8"), keep_previous=False)
    _names_cache.update(names)
    return names


def local_url(url: str, url_prefix: str | None = None) -> str:
    """The local URL serving a CDN file, or the URL unchanged when it is already local or unknown."""
    name = _url_names().get(url)
    if name is None:
        return url
    return f"{url_prefix or settings.STATIC_URL}/{name}"


def localize_links(urls: list[str], url_prefix: str | None = None) -> list[str]:
    """Map a list of script/stylesheet URLs to their local copies, dropping duplicates."""
    return list(dict.fromkeys(local_url(u, url_prefix) for u in urls))


def _jscss_classes() -> list[type]:
    import folium
    import folium.plugins  # noqa: F401 - registers every plugin class
    from folium.elements import JSCSSMixin

    seen: list[type] = []
    stack = [JSCSSMixin]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.append(sub)
                stack.append(sub)
    if folium.Map not in seen:
        seen.append(folium.Map)
    return seen


_state: dict[str, object] = {}


def localize_folium(static_dir: Path | None = None, url_prefix: str | None = None) -> list[str]:
    """Point every folium/branca script and stylesheet at ``/app/static`` (idempotent).

    Writes the files (:func:`ensure_static`), rewrites ``default_js``/``default_css`` of every
    ``JSCSSMixin`` subclass (after importing ``folium.plugins``), adds the init script that sets
    ``L_DISABLE_3D`` first in ``folium.Map.default_js``, and makes branca colormaps add a local d3.
    Call it before building any map.

    Returns
    -------
    list of str
        URLs that are still remote because no local copy exists (logged as warnings).
    """
    prefix = url_prefix or settings.STATIC_URL
    key = f"{Path(static_dir or settings.STATIC_DIR)}|{prefix}"
    if _state.get("key") == key:
        return list(_state.get("missing", []))  # type: ignore[arg-type]
    known = _read_manifest(Path(static_dir or settings.STATIC_DIR))
    if known:  # the files are in place for this package version: no need to load the package's contents
        _names_cache.update(known)
    else:
        ensure_static(static_dir)
    import folium

    missing: list[str] = []
    for cls in _jscss_classes():
        for attr in ("default_js", "default_css"):
            if attr not in cls.__dict__:
                continue
            new = []
            for name, url in getattr(cls, attr):
                loc = local_url(url, prefix)
                if _REMOTE.match(loc):
                    missing.append(url)
                new.append((name, loc))
            setattr(cls, attr, new)
    init = ("parkmap_init", f"{prefix}/{INIT_JS_NAME}")
    folium.Map.default_js = [init, *[x for x in folium.Map.default_js if x[0] != "parkmap_init"]]
    _patch_branca(prefix)
    for url in sorted(set(missing)):
        log.warning("no local copy of %s; it stays remote", url)
    _state.update(key=key, missing=sorted(set(missing)))
    return sorted(set(missing))


def _patch_branca(prefix: str) -> None:
    """Make branca colormaps add a local d3 instead of the CDN one."""
    import branca.colormap as bcm
    from branca.element import JavascriptLink

    if getattr(bcm.ColorMap.render, "_parkmap", False):
        return
    original = bcm.ColorMap.render
    d3_local = local_url(D3_URLS[0], prefix)

    def render(self, **kwargs):
        original(self, **kwargs)
        self.get_root().header.add_child(JavascriptLink(d3_local), name="d3")

    render._parkmap = True  # type: ignore[attr-defined]
    bcm.ColorMap.render = render


def _static_text(url: str, static_dir: Path) -> str:
    """Contents of a script/stylesheet referred to by a page, from the static folder or the package."""
    res = resources()
    if url in res:
        return res[url]
    prefix = settings.STATIC_URL.rstrip("/") + "/"
    if url.startswith(prefix):
        name = url[len(prefix):]
        if name == INIT_JS_NAME:
            return INIT_JS
        p = static_dir / name
        if "/" not in name and p.is_file():
            return p.read_text(encoding="utf-8")
        by_name = {local_name(u): t for u, t in res.items()}
        if name in by_name:
            return by_name[name]
    raise OfflineAssetError(f"no local copy of '{url}' for an offline page")


def inline_html(m, static_dir: Path | None = None) -> str:
    """Fully self-contained HTML of a map: every script and stylesheet inlined.

    Parameters
    ----------
    m : folium.Map (or any element of a folium Figure)
        The map to render.
    static_dir : Path, optional
        Where local copies live (default :data:`geo.settings.STATIC_DIR`).

    Returns
    -------
    str
        The page; it loads nothing over the network except basemap tiles.

    Raises
    ------
    OfflineAssetError
        If the page refers to a script or stylesheet with no local copy.
    """
    localize_folium()
    d = Path(static_dir or settings.STATIC_DIR)
    html = m.get_root().render()

    def script(match: re.Match) -> str:
        text = _static_text(match.group(1), d)
        return "<script>" + re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE) + "</script>"

    def style(match: re.Match) -> str:
        href = _HREF.search(match.group(0))
        if not href:
            return match.group(0)
        text = _static_text(href.group(1), d)
        return "<style>" + re.sub(r"</(style)", r"<\\/\1", text, flags=re.IGNORECASE) + "</style>"

    html = _SCRIPT_SRC.sub(script, html)
    return _CSS_LINK.sub(style, html)
