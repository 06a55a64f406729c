"""Project-wide settings: paths, CRS codes, vocabularies and map thresholds in one place."""

from __future__ import annotations

import os
from pathlib import Path

#: Repository root (the folder holding ``app.py``).
ROOT: Path = Path(__file__).resolve().parent.parent

#: Folder with the shipped dataset; ``PARKMAP_DATA_DIR`` overrides it.
DATA_DIR: Path = Path(os.environ.get("PARKMAP_DATA_DIR", ROOT / "data"))

#: Largest upload the app accepts (MB); keep equal to ``server.maxUploadSize`` in .streamlit/config.toml.
MAX_UPLOAD_MB = 20
#: Largest data file (CSV/XLSX/GeoJSON/text) read or validated (MB); ``PARKMAP_MAX_FILE_MB`` overrides it.
MAX_FILE_MB: float = float(os.environ.get("PARKMAP_MAX_FILE_MB", 100))

#: File names inside a data folder.
PLANS_FILE = "plans.csv"
PARKS_FILE = "parks.geojson"
CLUSTERS_FILE = "clusters.csv"
INDUSTRIES_FILE = "industries.csv"
DISTRICTS_FILE = "districts.geojson"
GAZETTEER_FILE = "gazetteer.csv"

#: Canonical CRS of every stored geometry.
CRS_WGS84 = "EPSG:4326"
#: Projected CRS for areas and distances around Chongqing (WGS 84 / UTM zone 48N).
CRS_PROJECTED = "EPSG:32648"

#: Chongqing's bounding box (lon_min, lat_min, lon_max, lat_max), a little padded.
CHONGQING_BBOX = (105.2, 28.1, 110.3, 32.3)

#: Corrected park sites: the previous geometry of every corrected park is kept in this file of the data folder.
SITE_HISTORY_FILE = "site_history.geojson"
#: Radius (m) of the uncertainty ring drawn around a point site, by ``geometry_quality``, when the park has no
#: ``uncertainty_m`` of its own: a town/street seat stands for a park within a few km of it; a proxy point
#: (``approximate``) is less certain. Qualities not listed (surveyed, digitised, moved) get no ring.
SITE_UNCERTAINTY_M = {"town_seat": 3000.0, "approximate": 5000.0}
#: A boundary's area must lie within these multiples of the plan's stated ``area_km2``.
SITE_AREA_RATIO = (0.25, 4.0)
#: Share of a boundary's area that may lie outside its district's (simplified, indicative) outline.
SITE_OUTSIDE_TOLERANCE = 0.05
#: make_valid may change a drawn or imported polygon's area by at most this share (else the polygon is refused).
SITE_REPAIR_TOLERANCE = 0.01

#: Province-level name every district belongs to.
CITY_ZH = "重庆市"

#: Allowed values of ``parks.geometry_quality``: ``surveyed`` (from an official boundary file),
#: ``digitised`` (drawn on a basemap in the app), ``moved`` (the point dragged by a planner),
#: ``approximate`` (a proxy point or a circle of the stated area), ``town_seat`` (the town/street seat).
GEOMETRY_QUALITIES = ("surveyed", "digitised", "moved", "approximate", "town_seat")

#: Allowed park kinds.
PARK_KINDS = (
    "高新区",
    "经开区",
    "工业园区",
    "组团",
    "中小企业集聚区",
    "产业园",
    "综合保税区",
    "物流园",
    "产业基地",
)

#: Kinds drawn on the separate logistics layer.
LOGISTICS_KINDS = ("物流园",)

#: Allowed ``clusters.role`` values, strongest first (this order ranks roles; see docs/coding.md):
#: lead 主导/核心/支柱/首位 (or the plan's own headline system), specialty 特色, advantage 优势,
#: focus (a park's 重点发展/主要发展/布局 list item with no district-role cue), emerging 培育/布局/前瞻/未来/新兴,
#: direction (another plan's list), other (a statement or target that ranks no industry), total (district aggregates).
ROLES = ("lead", "specialty", "advantage", "focus", "emerging", "direction", "other", "total")

#: Roles that describe an industry (as opposed to aggregate targets).
INDUSTRY_ROLES = ("lead", "specialty", "advantage", "focus", "emerging", "direction")

#: Words in a plan that license each ranked role (docs/coding.md). ``lead`` is also licensed by the plan's
#: own declared system label (plans.csv ``system``) written in quotes, e.g. “双百”.
ROLE_CUES = {
    "lead": ("主导", "核心", "支柱", "首位"),
    "specialty": ("特色",),
    "advantage": ("优势",),
    "emerging": ("培育", "布局", "前瞻", "未来", "新兴", "新星"),
}

#: Allowed ``industries.domain`` values; overlaps use manufacturing only by default.
DOMAINS = ("manufacturing", "services", "logistics", "agriculture", "tourism", "energy")

#: Chongqing's district rule: at most this many 主导 / 特色 industries per district.
MAX_LEAD = 2
MAX_SPECIALTY = 4

#: Plausible ranges for plan numbers.
YEAR_RANGE = (2000, 2050)
MAX_TARGET_YI = 100_000.0
#: Largest amount a plan text may state and still be drafted (亿元): a province's aggregate ("12万亿元"), not a park's.
MAX_DRAFT_YI = 2_000_000.0

#: Fixed, plan-meaningful scale breaks in 亿元 (upper bounds of classes).
SCALE_BREAKS_YI = (50.0, 100.0, 300.0, 1000.0)

#: Two sites on the same industry count as near when distance + both location uncertainties ≤ this (km).
NEAR_KM = 50.0

#: Separator inside multi-valued CSV cells.
LIST_SEP = ";"

#: Overlap (同质化) severity: a target at least this big (亿元) counts as a "big" target.
BIG_TARGET_YI = 100.0
#: Overlap severity: points at or above which an overlap is "high", and at or above which "medium".
SEVERITY_HIGH = 7
SEVERITY_MEDIUM = 4
#: Overlap severity: points per side beyond the first (``breadth``), capped at ``SEVERITY_BREADTH_CAP``.
SEVERITY_BREADTH_POINT = 1
SEVERITY_BREADTH_CAP = 4
#: Overlap severity: points of the other rules, by reason code (see geo/overlap.py and docs/overlap.md).
#: ``lead``: two or more sides make it a lead (主导) industry; ``strong_role``: otherwise two or more make it
#: lead, specialty or advantage; ``big_targets``: two or more sides target ≥ ``BIG_TARGET_YI``; ``near``: sites of
#: two sides within ``NEAR_KM`` in the worst case; ``neighbours``: otherwise two districts share a border.
SEVERITY_POINTS = {"lead": 2, "strong_role": 1, "big_targets": 2, "near": 2, "neighbours": 1}
#: Roles that count for the ``strong_role`` rule (the ``lead`` rule needs ``lead``); ``focus`` (a park's
#: 重点发展 item) and ``emerging``/``direction`` mark presence only.
SEVERITY_STRONG_ROLES = ("lead", "specialty", "advantage")
#: Distance (m) under which two district polygons count as neighbours (tolerates digitising gaps).
NEIGHBOUR_TOLERANCE_M = 500.0

#: Domains (of ``DOMAINS``) that overlaps compare unless asked for all.
OVERLAP_DOMAINS = ("manufacturing",)
#: Domain of sectors when industries.csv has no ``domain`` column (or leaves a sector's empty); sectors not
#: listed are manufacturing.
SECTOR_DOMAIN_FALLBACK = {
    "物流": "logistics",
    "文创": "services",
    "软件信息服务": "services",
    "生产性服务业": "services",
    "旅游": "tourism",
    "文化旅游": "tourism",
    "现代农业": "agriculture",
    "农业": "agriculture",
    "天然气终端利用": "energy",
}

#: Two imprecise sites (uncertainty > 0) whose centres lie within this distance (km) stand at the same proxy
#: point (proxies are nudged 400 m apart for display): their distance says nothing, so they are never "near".
SAME_PROXY_KM = 1.0

#: Interactive map: basemap keys (see layers/basemaps.py) and the default; ``PARKMAP_BASEMAP`` overrides it.
BASEMAPS = ("none", "osm", "gaode", "tianditu", "custom")
DEFAULT_BASEMAP = os.environ.get("PARKMAP_BASEMAP", "none")
#: Environment variables holding the 天地图 key and an intranet XYZ tile URL ``…/{z}/{x}/{y}.png``.
TIANDITU_KEY_ENV = "TIANDITU_KEY"
CUSTOM_TILES_ENV = "PARKMAP_TILES_URL"
CUSTOM_TILES_ATTRIBUTION_ENV = "PARKMAP_TILES_ATTRIBUTION"
#: Folder served by Streamlit at ``/app/static`` (scripts and stylesheets of the map, written at start-up).
STATIC_DIR: Path = ROOT / "static"
STATIC_URL = "/app/static"
#: Map height in the app (px) and the zoom limits of the web map.
MAP_HEIGHT_PX = 660
#: Build the rendered map of a view once per data version and share it between sessions (``0``: build it on every
#: script run, as before the shared build — kept for the load benchmark's baseline).
SHARED_MAP_BUILD: bool = os.environ.get("PARKMAP_SHARED_MAP_BUILD", "1") != "0"
MAP_MIN_ZOOM = 6
MAP_MAX_ZOOM = 18
#: Simplification tolerance (degrees) of district outlines drawn on the web map.
WEB_DISTRICT_SIMPLIFY_DEG = 0.003
#: Web map: from this many parks on, they are drawn on one canvas layer from compact columns (styles,
#: tooltips and pop-ups built in the browser) instead of one SVG/HTML element per park.
WEB_CANVAS_MIN_PARKS = 500
#: Canvas layer: with more parks than this in view, parks are drawn aggregated to grid cells of
#: ``WEB_AGGREGATE_CELL_PX`` screen pixels (a circle with the count; a click zooms in).
WEB_AGGREGATE_MIN_VISIBLE = 2500
WEB_AGGREGATE_CELL_PX = 56
#: Canvas layer: decimals of the coordinates sent to the browser (5 ≈ 1 m).
WEB_COORD_DECIMALS = 5

#: Where data/districts.geojson comes from (printed on exported maps).
DISTRICTS_SOURCE_ZH = "区县界线：cnmaps（源自高德地图），仅作示意，不作为划界依据。"
DISTRICTS_SOURCE_EN = "District boundaries: cnmaps (from AMap), indicative only, not an authoritative delimitation."

#: The one default plan set (:func:`geo.summary.default_plan_ids`), shared by the map, the overlap page, the
#: exports (XLSX/CSV/GeoJSON/print/HTML) and ``python -m geo overlaps``: ``latest`` — the plans in force, each
#: district's most recently issued plan; its earlier plans are superseded (合川区: the 2023-09 action plan to
#: 2027 replaces the 2023-02 14th Five-Year plan). ``all`` (every plan, a district's later plan speaking for it
#: on each industry both name, the supersession steps listed) is one choice away. Not ``all`` by default: the
#: map would then show targets a later plan has replaced, and the map and the overlaps would name different parks.
DEFAULT_VINTAGE = "latest"

#: Kept for callers of the overlap module: the same default as everywhere else.
OVERLAP_DEFAULT_VINTAGE = DEFAULT_VINTAGE

#: Shared store: ``PARKMAP_DATABASE_URL=postgresql://user:pass@host:port/db`` switches the app, the CLI and the
#: exports from the files in ``DATA_DIR`` to a PostGIS database (see geo/store.py and geo/db/).
DATABASE_URL_ENV = "PARKMAP_DATABASE_URL"
#: PostGIS store: folder holding a read-only data-folder snapshot per database version (the loaders, the
#: validator and the exports read it); ``PARKMAP_SNAPSHOT_DIR`` overrides it. Each replica keeps its own.
SNAPSHOT_DIR: Path = Path(
    os.environ.get("PARKMAP_SNAPSHOT_DIR", Path(os.environ.get("TMPDIR", "/tmp")) / "parkmap-snapshots")
)
#: PostGIS store: the database schema holding the tables (``PARKMAP_DB_SCHEMA``; tests use their own).
DB_SCHEMA = os.environ.get("PARKMAP_DB_SCHEMA", "parkmap")
