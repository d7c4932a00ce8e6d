-- Discrepancy-patch analysis (差异图斑分析), blueprint topology checks and the conflict ledger (冲突台账).
--
-- An analysis runs as a job; a finished job's patches are kept with it and never change. The ledger is kept per
-- series (the analysis a job belongs to, e.g. the same two layers with the same classification): one row per patch
-- number (DKBH), carried from run to run where the patch stays, with its status workflow and every change as an
-- event.

-- The two plans of the demo city, so the analysis has something to compare out of the box.
INSERT INTO ob.layer_catalog (code, name_zh, name_en, group_name, geometry_type, is_public, sort_order, style, description) VALUES
('TDGH', '土地利用总体规划', 'Land-use master plan (土规)', '规划', 'Polygon', false, 200,
 '{"fill": "#a1887f", "fillOpacity": 0.25, "stroke": "#5d4037", "strokeWidth": 0.6}',
 'Planned land use by TDGHDL code (土地规划地类); compared with the urban master plan in the discrepancy analysis.'),
('CSGH', '城市总体规划', 'Urban master plan (城规)', '规划', 'Polygon', false, 210,
 '{"fill": "#ef9a9a", "fillOpacity": 0.25, "stroke": "#b71c1c", "strokeWidth": 0.6}',
 'Planned land use by GB 50137 code (YDDM); compared with the land-use master plan in the discrepancy analysis.')
ON CONFLICT (code) DO NOTHING;

CREATE TABLE ob.analysis_job (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('diff', 'topology')),
    -- what re-runs are matched within (the ledger's key), e.g. 'diff:TDGH~CSGH:default'
    series       text NOT NULL,
    -- the request as given (layer versions, fields, classification, sliver thresholds)
    params       jsonb NOT NULL,
    state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    percent      double precision NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    stage        text,
    error        text,
    -- totals per class, slivers filtered, conservation check, matching against the previous run
    summary      json,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz
);
CREATE INDEX analysis_job_series ON ob.analysis_job (series, id DESC);

-- The patches of a finished job. kind is the CYLXDM class for a diff, the finding kind for topology.
CREATE TABLE ob.patch (
    id                  bigserial PRIMARY KEY,
    job_id              bigint NOT NULL REFERENCES ob.analysis_job (id) ON DELETE CASCADE,
    dkbh                text NOT NULL,
    kind                text NOT NULL,
    is_conflict         boolean NOT NULL,
    -- against the previous run of the series: new, unchanged (number and status kept) or changed (number kept)
    match               text NOT NULL CHECK (match IN ('new', 'unchanged', 'changed')),
    xzqdm               text,
    xzqmc               text,
    jbnt                boolean NOT NULL DEFAULT false,
    sthx                boolean NOT NULL DEFAULT false,
    kfbj                boolean NOT NULL DEFAULT false,
    area_m2             double precision NOT NULL,
    ellipsoidal_area_m2 double precision NOT NULL,
    -- both sides' classes and attributes (TGYDXZ, CGYDXZ, source feature ids …), in order
    attributes          json NOT NULL,
    geom                geometry NOT NULL
        CONSTRAINT patch_geom_srid CHECK (ST_SRID(geom) = {{working_srid}})
        -- polygons; a point for a topology finding that has no area (an invalid feature: where the error is)
        CONSTRAINT patch_geom_type CHECK (GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON', 'POINT')),
    UNIQUE (job_id, dkbh)
);
CREATE INDEX patch_job_kind ON ob.patch (job_id, kind);
CREATE INDEX patch_geom_gist ON ob.patch USING gist (geom);

CREATE TABLE ob.ledger_entry (
    series          text NOT NULL,
    dkbh            text NOT NULL,
    status          text NOT NULL DEFAULT '待处理' CHECK (status IN ('待处理', '协调中', '已协调', '保留差异')),
    xtfs            text CHECK (xtfs IN ('按土规', '按城规', '其他')),
    tzyy            text,
    first_job_id    bigint NOT NULL REFERENCES ob.analysis_job (id),
    last_job_id     bigint NOT NULL REFERENCES ob.analysis_job (id),
    -- the run in which the patch was no longer found; null while it is present
    vanished_job_id bigint REFERENCES ob.analysis_job (id),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text NOT NULL,
    PRIMARY KEY (series, dkbh)
);

-- Every change of a ledger entry: status moves with 协调方式, 调整缘由 and opinions, and what the re-runs did.
CREATE TABLE ob.ledger_event (
    id          bigserial PRIMARY KEY,
    series      text NOT NULL,
    dkbh        text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    by_whom     text NOT NULL,
    event       text NOT NULL CHECK (event IN ('found', 'changed', 'vanished', 'reappeared', 'status', 'opinion')),
    status_from text,
    status_to   text,
    xtfs        text,
    tzyy        text,
    department  text,
    opinion     text,
    job_id      bigint REFERENCES ob.analysis_job (id),
    FOREIGN KEY (series, dkbh) REFERENCES ob.ledger_entry (series, dkbh)
);
CREATE INDEX ledger_event_entry ON ob.ledger_event (series, dkbh, id);
