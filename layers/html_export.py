"""Interactive HTML export: the app's current map as one self-contained file that works offline from disk."""

from __future__ import annotations

import html
import re
from datetime import date

from geo.load import Dataset
from geo.view import View, apply_view, plan_ids_for

from . import offline
from .web.build import build_map

#: Script or stylesheet references that would load from the network.
REMOTE_ASSET = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//|<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//"
    r"|@import\s+(?:url\()?\s*[\"']?\s*(?:https?:)?//",
    re.IGNORECASE,
)

_CAPTION_CSS = (
    "#pm-export-caption{position:absolute;left:54px;top:10px;z-index:1000;max-width:46%;"
    "background:rgba(255,255,255,.92);border:1px solid #bbb;border-radius:4px;padding:6px 9px;"
    "font:12px/1.45 'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;color:#333}"
    "#pm-export-caption b{font-size:14px;display:block;margin-bottom:2px}"
    "#pm-export-caption .pm-src{color:#666;font-size:11px}"
)


def _caption(ds: Dataset, view: View, title: str, export_date: date | None) -> str:
    """Escaped HTML of the caption box: title, the plans used and the export date."""
    lang = view.lang
    plans = ds.plans[ds.plans["plan_id"].isin(plan_ids_for(ds, view))]
    refs = []
    for _, p in plans.iterrows():
        t = str(p.get("title_en", "") or "") if lang == "en" else ""
        t = t or str(p["title"])
        ref = ", ".join(x for x in (str(p.get("doc_number", "") or ""), str(p.get("issued", "") or "")) if x)
        refs.append(f"《{t}》（{ref}）" if lang == "zh" else f"{t} ({ref})")
    day = (export_date or date.today()).isoformat()
    src = ("资料来源：" if lang == "zh" else "Sources: ") + ("；" if lang == "zh" else "; ").join(refs)
    when = ("导出日期：" if lang == "zh" else "Exported: ") + day
    return (
        f"<style>{_CAPTION_CSS}</style>"
        f'<div id="pm-export-caption"><b>{html.escape(title)}</b>'
        f'<div class="pm-src">{html.escape(src)}</div><div class="pm-src">{html.escape(when)}</div></div>'
    )


def export_html(
    ds: Dataset,
    view: View,
    *,
    title: str = "",
    export_date: date | None = None,
    secrets: dict | None = None,
    env: dict | None = None,
) -> str:
    """The view's interactive map as a standalone HTML page (scripts and styles inlined).

    Parameters
    ----------
    ds : Dataset
    view : View
        Filters, language and basemap (tile basemaps still need the network for their tiles;
        the parks and district outlines draw without it).
    title : str
        Page and caption title (default: the print map's title for this view).
    export_date : datetime.date, optional
        Date shown in the caption (default: today).
    secrets, env : mapping, optional
        Passed to :func:`layers.web.build.build_map` (tile keys).

    Returns
    -------
    str

    Raises
    ------
    layers.offline.OfflineAssetError
        If an asset has no local copy (the page would need the internet).
    """
    parks = apply_view(ds, view)
    if not title:
        from .printmap.content import describe_view

        title = describe_view(ds, view, len(parks))[0]
    m = build_map(ds, parks, view, secrets=secrets, env=env, height="100%")
    page = offline.inline_html(m)
    head = f"<title>{html.escape(title)}</title>"
    lang_attr = "zh-CN" if view.lang == "zh" else "en"
    caption = _caption(ds, view, title, export_date)
    # replacement functions, not strings: a backslash in a title or plan name must stay text, not a regex escape
    page = re.sub(r"<html\b[^>]*>", lambda _m: f'<html lang="{lang_attr}">', page, count=1, flags=re.IGNORECASE)
    page = re.sub(r"</head>", lambda _m: head + "</head>", page, count=1, flags=re.IGNORECASE)
    page = re.sub(r"</body>", lambda _m: caption + "</body>", page, count=1, flags=re.IGNORECASE)
    return page


def remote_assets(page: str) -> list[str]:
    """Script/stylesheet references in ``page`` that would load over the network (should be empty)."""
    return [m.group(0) for m in REMOTE_ASSET.finditer(page)]
