-- Compliance checks (合规性审查): every check a user or the CLI ran, reproducible from what is kept here —
-- the input exactly as sent, the red line as analysed (working SRID), the layer versions and rules it was
-- checked against, and the answer. Rows are never changed; a new check is a new row.

CREATE TABLE ob.compliance_check (
    id              bigserial PRIMARY KEY,
    project_code    text REFERENCES ob.project (code),
    category        text,
    input_format    text NOT NULL CHECK (input_format IN ('geojson', 'txt')),
    input_name      text,
    -- the CRS the input was read in (declared, or forced with crs=)
    input_srid      int,
    -- the request body as sent (bytes: a TXT may be GBK)
    input           bytea NOT NULL,
    -- the red line as analysed: the parcels in the working SRID, touching parcels merged
    redline         geometry NOT NULL
        CONSTRAINT compliance_check_redline_srid CHECK (ST_SRID(redline) = {{working_srid}})
        CONSTRAINT compliance_check_redline_areal CHECK (GeometryType(redline) IN ('POLYGON', 'MULTIPOLYGON')),
    redline_area_m2 double precision NOT NULL,
    -- {"STBHHX": {"id": 12, "version": 3}, ...}: layer code → ob.layer_version id and number checked against
    layer_versions  jsonb NOT NULL,
    -- {"STBHHX": "conflict", ...}: each layer's verdict, for lists without parsing the result
    layer_verdicts  jsonb NOT NULL,
    rules_name      text NOT NULL,
    verdict         text NOT NULL CHECK (verdict IN ('pass', 'warning', 'conflict')),
    -- the answer as the API gave it (json, not jsonb: key order kept, the text is served as stored)
    result          json NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL
);
CREATE INDEX compliance_check_project ON ob.compliance_check (project_code, id DESC);
CREATE INDEX compliance_check_redline_gist ON ob.compliance_check USING gist (redline);

-- The parts of the red line per layer, working SRID: its overlap with the layer's features (kind 'overlap')
-- and, for layers judged by what lies outside them (城镇开发边界), the outside part (kind 'outside').
-- judged marks the part the layer's verdict was judged on. The report's map and the conflict export read them.
CREATE TABLE ob.compliance_part (
    id         bigserial PRIMARY KEY,
    check_id   bigint NOT NULL REFERENCES ob.compliance_check (id) ON DELETE CASCADE,
    layer_code text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('overlap', 'outside')),
    verdict    text NOT NULL CHECK (verdict IN ('pass', 'warning', 'conflict')),
    rule_id    text NOT NULL,
    area_m2    double precision NOT NULL,
    judged     boolean NOT NULL,
    geom       geometry NOT NULL
        CONSTRAINT compliance_part_geom_srid CHECK (ST_SRID(geom) = {{working_srid}}),
    UNIQUE (check_id, layer_code, kind)
);
