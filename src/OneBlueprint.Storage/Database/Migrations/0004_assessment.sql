-- Regional assessment (区域评估): areas a city assessed once, their item results and documents, the development
-- zones coverage is measured against, and the projects that reused results. Field names of the provincial
-- exchange tables in comments: QYPGXXB (areas) and QYPGSXXXB (items).

-- One version of an assessment area. Versions of a unit are numbered 1, 2, 3, …; a draft is invisible to the
-- public until published; publishing version n marks the unit's previously published version superseded (kept as
-- history). At most one version per unit is published at a time (unique index below). Rows are never deleted.
CREATE TABLE ob.assessment_area (
    id              bigserial PRIMARY KEY,
    unit_code       text NOT NULL CHECK (unit_code ~ '^[^[:space:]]{1,100}$'),      -- QYPGDYBM
    version         int NOT NULL CHECK (version > 0),
    name            text NOT NULL CHECK (length(btrim(name)) > 0),                  -- QYPGQYMC
    scope           text,                                                           -- QYPGFWMS
    geom            geometry NOT NULL                                               -- QYPGFWZBXX
        CONSTRAINT assessment_area_geom_srid CHECK (ST_SRID(geom) = {{working_srid}})
        CONSTRAINT assessment_area_geom_areal CHECK (GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON')),
    area_m2         double precision NOT NULL CHECK (area_m2 > 0),                 -- QYPGMJ (planar, working CRS)
    status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'superseded')),
    source_file     text,
    checksum_sha256 text CHECK (checksum_sha256 ~ '^[0-9a-f]{64}$'),
    source_srid     int,
    note            text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL,
    published_at    timestamptz,
    published_by    text,
    superseded_at   timestamptz,
    UNIQUE (unit_code, version),
    CONSTRAINT assessment_area_published CHECK ((status = 'draft') = (published_at IS NULL)),
    CONSTRAINT assessment_area_superseded CHECK ((status = 'superseded') = (superseded_at IS NOT NULL))
);
CREATE UNIQUE INDEX assessment_area_one_published ON ob.assessment_area (unit_code) WHERE status = 'published';
CREATE INDEX assessment_area_geom_gist ON ob.assessment_area USING gist (geom);

-- The result of one assessment item for one area version.
CREATE TABLE ob.assessment_item (
    id                bigserial PRIMARY KEY,
    area_id           bigint NOT NULL REFERENCES ob.assessment_area (id),
    item_code         text NOT NULL,                                                -- QYPGSXBM
    item_name         text NOT NULL,                                                -- QYPGSXMC
    valid_from        date NOT NULL,                                                -- QYPGCGSXRQ
    valid_to          date,                                                         -- QYPGCGJZRQ (null: until revoked)
    mode              text NOT NULL CHECK (mode IN ('notify-commit', 'exempt', 'simplified')), -- JHSPDFS 告知承诺/免于评估/简化
    matched_approvals text[] NOT NULL DEFAULT '{}',
    conclusions       text,
    conditions        text,
    issuing_body      text,
    approved_on       date,
    UNIQUE (area_id, item_code),
    CONSTRAINT assessment_item_dates CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

-- Result documents (reports, approvals): PDF, PNG or JPEG only, kept whole with their SHA-256.
CREATE TABLE ob.assessment_document (
    id          bigserial PRIMARY KEY,
    item_id     bigint NOT NULL REFERENCES ob.assessment_item (id),
    file_name   text NOT NULL CHECK (length(btrim(file_name)) > 0),
    media_type  text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes  bigint NOT NULL CHECK (size_bytes > 0),
    sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content     bytea NOT NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    uploaded_by text NOT NULL,
    CONSTRAINT assessment_document_size CHECK (octet_length(content) = size_bytes)
);
CREATE INDEX assessment_document_item ON ob.assessment_document (item_id);

-- Development zones (开发区, 产业园区, 新区): where regional assessment is meant to be done; statistics report how much
-- of them is covered. A load replaces the whole set (the previous rows are kept with replaced_at set).
CREATE TABLE ob.development_zone (
    id          bigserial PRIMARY KEY,
    code        text NOT NULL,
    name        text NOT NULL,
    kind        text,
    geom        geometry NOT NULL
        CONSTRAINT development_zone_geom_srid CHECK (ST_SRID(geom) = {{working_srid}})
        CONSTRAINT development_zone_geom_areal CHECK (GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON')),
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    loaded_by   text NOT NULL,
    replaced_at timestamptz
);
CREATE UNIQUE INDEX development_zone_current_code ON ob.development_zone (code) WHERE replaced_at IS NULL;
CREATE INDEX development_zone_geom_gist ON ob.development_zone USING gist (geom);

-- A project reusing regional-assessment results: written when a project's check found items it may reuse.
CREATE TABLE ob.assessment_usage (
    id           bigserial PRIMARY KEY,
    project_code text NOT NULL REFERENCES ob.project (code),
    check_id     bigint REFERENCES ob.compliance_check (id),
    used_at      timestamptz NOT NULL DEFAULT now(),
    check_date   date NOT NULL,
    -- the codes of the items reused, and per item the area versions and results used: [{itemCode, itemId, areaId, unitCode, version, mode}]
    item_codes   text[] NOT NULL CHECK (cardinality(item_codes) > 0),
    items        jsonb NOT NULL,
    created_by   text NOT NULL
);
CREATE INDEX assessment_usage_used_at ON ob.assessment_usage (used_at);
CREATE INDEX assessment_usage_project ON ob.assessment_usage (project_code);
