-- OneBlueprint schema, first version. Everything lives in schema `ob`.
-- {{working_srid}} is replaced by the migrator with ob.settings.working_srid (set here, on the first
-- run, from OB_WORKING_SRID or 4547); the checksum is taken over this text before the replacement.

CREATE TABLE ob.settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO ob.settings (key, value) VALUES ('working_srid', '{{working_srid}}') ON CONFLICT (key) DO NOTHING;

-- The control-line and base-map layers OneBlueprint knows. Rows are data (seeded by 0002), not code.
CREATE TABLE ob.layer_catalog (
    code          text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
    name_zh       text NOT NULL,
    name_en       text NOT NULL,
    group_name    text NOT NULL,
    geometry_type text NOT NULL CHECK (geometry_type IN ('Polygon', 'LineString', 'Point', 'Geometry')),
    is_public     boolean NOT NULL DEFAULT true,
    sort_order    int NOT NULL DEFAULT 0,
    style         jsonb NOT NULL DEFAULT '{}'::jsonb,
    description   text
);

-- One imported version of a layer; versions of a layer are numbered 1, 2, 3, … and never change.
CREATE TABLE ob.layer_version (
    id              bigserial PRIMARY KEY,
    layer_code      text NOT NULL REFERENCES ob.layer_catalog (code),
    version         int NOT NULL CHECK (version > 0),
    effective_date  date,
    source_file     text,
    checksum_sha256 text CHECK (checksum_sha256 ~ '^[0-9a-f]{64}$'),
    imported_by     text NOT NULL,
    note            text,
    source_srid     int,
    feature_count   int NOT NULL CHECK (feature_count >= 0),
    repaired_count  int NOT NULL DEFAULT 0 CHECK (repaired_count >= 0),
    repair_report   jsonb,
    -- attribute names whose values were dates ("date") or timestamps ("datetime"): JSON has no date type
    attribute_types jsonb NOT NULL DEFAULT '{}'::jsonb,
    bbox            geometry CONSTRAINT layer_version_bbox_srid CHECK (ST_SRID(bbox) = {{working_srid}}),
    imported_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (layer_code, version)
);

-- Features of one layer version. attributes is `json`, not `jsonb`: json keeps the text exactly as
-- written, so key order (the source's field order) and number spelling (1.50) survive; jsonb would
-- sort keys and need a side array to restore the order. JSON operators (->>) work on json too.
CREATE TABLE ob.layer_feature (
    id         bigserial PRIMARY KEY,
    version_id bigint NOT NULL REFERENCES ob.layer_version (id) ON DELETE CASCADE,
    feature_no int NOT NULL,
    source_id  text,
    attributes json NOT NULL,
    geom       geometry NOT NULL CONSTRAINT layer_feature_geom_srid CHECK (ST_SRID(geom) = {{working_srid}}),
    -- also the index "features of a version" queries use (version_id leads)
    CONSTRAINT layer_feature_version_no UNIQUE (version_id, feature_no)
);
CREATE INDEX layer_feature_geom_gist ON ob.layer_feature USING gist (geom);

CREATE TABLE ob.project (
    code          text PRIMARY KEY,
    name          text NOT NULL,
    category      text,
    district_code text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL
);

-- A project's red line (项目用地红线): revision r holds parcels 1..n; holes (扣除区) are polygon rings.
CREATE TABLE ob.project_redline (
    id              bigserial PRIMARY KEY,
    project_code    text NOT NULL REFERENCES ob.project (code),
    revision        int NOT NULL CHECK (revision > 0),
    parcel_no       int NOT NULL CHECK (parcel_no > 0),
    parcel_code     text,
    parcel_name     text,
    attributes      json NOT NULL DEFAULT '{}'::json,
    attribute_types jsonb NOT NULL DEFAULT '{}'::jsonb,
    geom            geometry NOT NULL
        CONSTRAINT project_redline_geom_srid CHECK (ST_SRID(geom) = {{working_srid}})
        CONSTRAINT project_redline_geom_areal CHECK (GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON')),
    source_file     text,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_code, revision, parcel_no)
);
CREATE INDEX project_redline_geom_gist ON ob.project_redline USING gist (geom);

-- API keys: the plaintext "ob_<prefix>_<secret>" is shown once; only SHA-256(secret) is stored.
CREATE TABLE ob.api_key (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL,
    role       text NOT NULL CHECK (role IN ('admin', 'planner', 'reviewer')),
    key_prefix text NOT NULL UNIQUE,
    key_hash   text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

-- Who did what, when. Append-only: the trigger below refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE ob.audit_log (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text NOT NULL,
    role      text,
    action    text NOT NULL,
    entity    text NOT NULL,
    entity_id text,
    before_id bigint,
    after_id  bigint,
    details   jsonb
);
CREATE INDEX audit_log_entity ON ob.audit_log (entity, entity_id);
CREATE INDEX audit_log_at ON ob.audit_log (at);

CREATE FUNCTION ob.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ob.audit_log is append-only: % is not allowed', TG_OP
        USING HINT = 'Audit rows are never changed or removed; append a correcting entry instead.';
END
$$;

-- statement level, so even an UPDATE/DELETE matching no row is refused
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON ob.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION ob.audit_log_append_only();
