"""Initial schema: the five tables, plan texts, vocabularies, list links, store version and audit trail.

The database enforces what it can of ``geo.validate``: keys and foreign keys (a park's district and
plans, a cluster row's plan, district and parks), vocabularies as reference tables (roles, park kinds,
geometry qualities: ``python -m geo db init`` fills them from ``geo.settings`` so a new value needs no
migration), CHECK constraints on ids, years, dates, numbers, colours and geometries (SRID 4326, types,
validity, inside Chongqing), a deferred constraint trigger keeping every park inside its district, and
GiST indexes. Columns a data folder has beyond these go to each table's ``extra`` JSONB, in file order
(``store_meta``), so files → database → files is lossless.
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SLUG = r"'^[a-z0-9][a-z0-9-]*$'"
_YEAR = "BETWEEN 2000 AND 2050"  # geo.settings.YEAR_RANGE
_VALUE = "BETWEEN 0 AND 100000"  # geo.settings.MAX_TARGET_YI
_BBOX = "ST_MakeEnvelope(105.2, 28.1, 110.3, 32.3, 4326)"  # geo.settings.CHONGQING_BBOX
_SAFE_PATH = r"path !~ '(^/|^\\|\.\.|^\.)'"

DDL = f"""
CREATE TABLE store_state (
    id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    version bigint NOT NULL DEFAULT 0 CHECK (version >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO store_state (id, version) VALUES (1, 0);

CREATE TABLE store_meta (key text PRIMARY KEY, value jsonb NOT NULL);

CREATE TABLE roles (role text PRIMARY KEY CHECK (role ~ '^[a-z_]+$'), rank integer NOT NULL);
CREATE TABLE park_kinds (kind text PRIMARY KEY CHECK (kind <> ''));
CREATE TABLE geometry_qualities (quality text PRIMARY KEY CHECK (quality ~ '^[a-z_]+$'));

CREATE TABLE districts (
    district text PRIMARY KEY CHECK (btrim(district) <> ''),
    district_en text NOT NULL CHECK (btrim(district_en) <> ''),
    ord integer NOT NULL,
    extra jsonb NOT NULL DEFAULT '{{}}'::jsonb CHECK (jsonb_typeof(extra) = 'object'),
    geom geometry(Geometry, 4326) NOT NULL
        CHECK (GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON') AND NOT ST_IsEmpty(geom))
);
CREATE INDEX districts_geom_gist ON districts USING gist (geom);

CREATE TABLE plans (
    plan_id text PRIMARY KEY CHECK (plan_id ~ {_SLUG}),
    district text NOT NULL REFERENCES districts (district) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    title text NOT NULL CHECK (btrim(title) <> ''),
    doc_number text NOT NULL DEFAULT '',
    issued date NOT NULL CHECK (extract(year FROM issued) {_YEAR}),
    horizon_year integer NOT NULL CHECK (horizon_year {_YEAR}),
    text_file text NOT NULL CHECK (btrim(text_file) <> '' AND text_file !~ '(^/|\\.\\.)'),
    ord integer NOT NULL,
    extra jsonb NOT NULL DEFAULT '{{}}'::jsonb CHECK (jsonb_typeof(extra) = 'object'),
    CONSTRAINT plans_horizon_after_issue CHECK (horizon_year >= extract(year FROM issued)),
    CONSTRAINT plans_text_file_unique UNIQUE (text_file)
);

CREATE TABLE plan_texts (
    plan_id text PRIMARY KEY REFERENCES plans (plan_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    content text NOT NULL CHECK (btrim(content) <> '')
);

CREATE TABLE parks (
    park_id text PRIMARY KEY CHECK (park_id ~ {_SLUG}),
    name_zh text NOT NULL CHECK (btrim(name_zh) <> ''),
    name_en text NOT NULL CHECK (btrim(name_en) <> ''),
    district text NOT NULL REFERENCES districts (district) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    kind text NOT NULL REFERENCES park_kinds (kind) DEFERRABLE INITIALLY DEFERRED,
    tier text NOT NULL DEFAULT '',
    plan_ids text NOT NULL CHECK (btrim(plan_ids) <> ''),
    area_km2 double precision CHECK (area_km2 {_VALUE}),
    area_quote text NOT NULL DEFAULT '',
    geometry_quality text NOT NULL REFERENCES geometry_qualities (quality) DEFERRABLE INITIALLY DEFERRED,
    location_note text NOT NULL CHECK (btrim(location_note) <> ''),
    quote text NOT NULL CHECK (btrim(quote) <> ''),
    ord integer NOT NULL,
    extra jsonb NOT NULL DEFAULT '{{}}'::jsonb CHECK (jsonb_typeof(extra) = 'object'),
    geom geometry(Geometry, 4326) NOT NULL
        CHECK (GeometryType(geom) IN ('POINT', 'POLYGON', 'MULTIPOLYGON') AND NOT ST_IsEmpty(geom)),
    CONSTRAINT parks_geom_valid CHECK (ST_IsValid(geom)),
    CONSTRAINT parks_in_chongqing CHECK (ST_Intersects(ST_PointOnSurface(geom), {_BBOX})),
    CONSTRAINT parks_area_quoted CHECK (area_km2 IS NULL OR btrim(area_quote) <> '')
);
CREATE INDEX parks_geom_gist ON parks USING gist (geom);
CREATE INDEX parks_geog_gist ON parks USING gist ((geom::geography));
CREATE INDEX parks_district ON parks (district);

CREATE TABLE park_plans (
    park_id text NOT NULL REFERENCES parks (park_id) ON DELETE CASCADE,
    plan_id text NOT NULL REFERENCES plans (plan_id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (park_id, plan_id)
);
CREATE INDEX park_plans_plan ON park_plans (plan_id);

CREATE TABLE industries (
    sector text NOT NULL CHECK (btrim(sector) <> ''),
    chain text NOT NULL DEFAULT '',
    name_en text NOT NULL CHECK (btrim(name_en) <> ''),
    color text NOT NULL DEFAULT '' CHECK (color = '' OR color ~ '^#[0-9A-Fa-f]{{6}}$'),
    synonyms text NOT NULL DEFAULT '',
    ord integer NOT NULL,
    extra jsonb NOT NULL DEFAULT '{{}}'::jsonb CHECK (jsonb_typeof(extra) = 'object'),
    PRIMARY KEY (sector, chain)
);

CREATE TABLE clusters (
    cluster_id text PRIMARY KEY CHECK (cluster_id ~ {_SLUG}),
    plan_id text NOT NULL REFERENCES plans (plan_id) DEFERRABLE INITIALLY DEFERRED,
    district text NOT NULL REFERENCES districts (district) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    park_ids text NOT NULL DEFAULT '',
    name_as_written text NOT NULL CHECK (btrim(name_as_written) <> ''),
    sector text NOT NULL DEFAULT '',
    chain text NOT NULL DEFAULT '',
    role text NOT NULL REFERENCES roles (role) DEFERRABLE INITIALLY DEFERRED,
    target_value_yi double precision CHECK (target_value_yi {_VALUE}),
    target_year integer CHECK (target_year {_YEAR}),
    baseline_value_yi double precision CHECK (baseline_value_yi {_VALUE}),
    baseline_year integer CHECK (baseline_year {_YEAR}),
    quote text NOT NULL CHECK (btrim(quote) <> ''),
    ord integer NOT NULL,
    extra jsonb NOT NULL DEFAULT '{{}}'::jsonb CHECK (jsonb_typeof(extra) = 'object')
);
CREATE INDEX clusters_plan ON clusters (plan_id);

CREATE TABLE cluster_parks (
    cluster_id text NOT NULL REFERENCES clusters (cluster_id) ON DELETE CASCADE,
    park_id text NOT NULL REFERENCES parks (park_id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (cluster_id, park_id)
);
CREATE INDEX cluster_parks_park ON cluster_parks (park_id);

-- other files of a data folder (gazetteer.csv, park_sites.csv …), kept byte for byte
CREATE TABLE files (
    path text PRIMARY KEY CHECK ({_SAFE_PATH}),
    content bytea NOT NULL
);

CREATE TABLE audit_log (
    audit_id bigserial PRIMARY KEY,
    version bigint NOT NULL UNIQUE,
    at timestamptz NOT NULL DEFAULT now(),
    author text NOT NULL CHECK (btrim(author) <> ''),
    plan_id text NOT NULL DEFAULT '',
    summary text NOT NULL DEFAULT '',
    counts jsonb NOT NULL DEFAULT '{{}}'::jsonb
);
CREATE TABLE audit_changes (
    audit_id bigint NOT NULL REFERENCES audit_log (audit_id) ON DELETE CASCADE,
    seq integer NOT NULL,
    table_name text NOT NULL,
    row_key text NOT NULL,
    op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    before jsonb,
    after jsonb,
    PRIMARY KEY (audit_id, seq)
);

-- list cells (parks.plan_ids, clusters.park_ids) mirrored into link tables, so foreign keys check them
CREATE FUNCTION parks_link_plans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM park_plans WHERE park_id = NEW.park_id;
    INSERT INTO park_plans (park_id, plan_id)
        SELECT DISTINCT NEW.park_id, btrim(x) FROM unnest(string_to_array(NEW.plan_ids, ';')) AS x
        WHERE btrim(x) <> '';
    RETURN NULL;
END $$;
CREATE TRIGGER parks_link_plans AFTER INSERT OR UPDATE OF plan_ids ON parks
    FOR EACH ROW EXECUTE FUNCTION parks_link_plans();

CREATE FUNCTION clusters_link_parks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM cluster_parks WHERE cluster_id = NEW.cluster_id;
    INSERT INTO cluster_parks (cluster_id, park_id)
        SELECT DISTINCT NEW.cluster_id, btrim(x) FROM unnest(string_to_array(NEW.park_ids, ';')) AS x
        WHERE btrim(x) <> '';
    RETURN NULL;
END $$;
CREATE TRIGGER clusters_link_parks AFTER INSERT OR UPDATE OF park_ids ON clusters
    FOR EACH ROW EXECUTE FUNCTION clusters_link_parks();

-- a park lies in its own district (as geo.validate.check_parks: within 1e-6 degrees of the outline),
-- checked at commit so parks and districts can be written in any order
CREATE FUNCTION parks_in_district() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d geometry;
BEGIN
    SELECT geom INTO d FROM districts WHERE district = NEW.district;
    IF d IS NOT NULL AND NOT ST_DWithin(
            d, CASE WHEN GeometryType(NEW.geom) = 'POINT' THEN NEW.geom ELSE ST_PointOnSurface(NEW.geom) END, 1e-6) THEN
        RAISE EXCEPTION 'park % is outside its own district %', NEW.park_id, NEW.district
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER parks_in_district AFTER INSERT OR UPDATE OF geom, district ON parks
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION parks_in_district();
"""

TABLES = (
    "cluster_parks", "park_plans", "audit_changes", "audit_log", "files", "clusters", "industries", "parks",
    "plan_texts", "plans", "districts", "geometry_qualities", "park_kinds", "roles", "store_meta", "store_state",
)


def upgrade(schema: str = "public") -> None:
    """Create every table, index, trigger and function in ``schema`` (the connection's search path)."""
    # the driver's own execute: one simple-protocol round trip, no bind-parameter parsing of the DDL
    op.get_bind().connection.driver_connection.execute(DDL)


def downgrade(schema: str = "public") -> None:
    """Drop everything :func:`upgrade` created."""
    for t in TABLES:
        op.execute(f"DROP TABLE IF EXISTS {t} CASCADE")
    for f in ("parks_link_plans", "clusters_link_parks", "parks_in_district"):
        op.execute(f"DROP FUNCTION IF EXISTS {f}() CASCADE")
