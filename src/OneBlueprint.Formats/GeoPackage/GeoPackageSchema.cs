namespace OneBlueprint.Formats.GeoPackage;

/// <summary>
/// The SQL of a GeoPackage 1.4 (OGC 12-128r18): the core tables, the three spatial reference systems every
/// GeoPackage must hold, and the RTree spatial index with its triggers (Annex F.3, 1.4 trigger set:
/// update1/update3 were replaced by update5/6/7 so UPSERTs keep the index right).
/// </summary>
internal static class GeoPackageSchema
{
    /// <summary>'GPKG' read as a big-endian 32-bit integer (PRAGMA application_id).</summary>
    public const int ApplicationId = 0x47504B47;

    /// <summary>GeoPackage 1.4.0 (PRAGMA user_version).</summary>
    public const int UserVersion = 10400;

    /// <summary>Application ids of GeoPackage 1.0 ('GP10') and 1.1 ('GP11'), still found in old files.</summary>
    public static readonly int[] KnownApplicationIds = [ApplicationId, 0x47503130, 0x47503131];

    public const string CoreTables = """
        CREATE TABLE gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL PRIMARY KEY,
          organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL,
          definition TEXT NOT NULL,
          description TEXT
        );
        CREATE TABLE gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY,
          data_type TEXT NOT NULL,
          identifier TEXT UNIQUE,
          description TEXT DEFAULT '',
          last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE,
          min_y DOUBLE,
          max_x DOUBLE,
          max_y DOUBLE,
          srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
        );
        CREATE TABLE gpkg_geometry_columns (
          table_name TEXT NOT NULL,
          column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL,
          z TINYINT NOT NULL,
          m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT uk_gc_table_name UNIQUE (table_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
        );
        CREATE TABLE gpkg_extensions (
          table_name TEXT,
          column_name TEXT,
          extension_name TEXT NOT NULL,
          definition TEXT NOT NULL,
          scope TEXT NOT NULL,
          CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
        );
        INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined Cartesian coordinate reference system');
        INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
        """;

    /// <summary>srs_id used when a layer's CRS is not known.</summary>
    public const int UndefinedCartesianSrsId = -1;

    public const string RtreeExtensionDefinition = "http://www.geopackage.org/spec/#extension_rtree";

    /// <summary>SQL identifier in double quotes; embedded quotes doubled, so any name (Chinese, spaces) is safe.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    public static string RtreeName(string table, string geometryColumn) => $"rtree_{table}_{geometryColumn}";

    public static string CreateRtree(string table, string geometryColumn) =>
        $"CREATE VIRTUAL TABLE {Quote(RtreeName(table, geometryColumn))} USING rtree(id, minx, maxx, miny, maxy)";

    /// <summary>
    /// The triggers that keep the RTree in step with later edits (by GDAL, QGIS). They call ST_IsEmpty/ST_MinX…,
    /// which only GeoPackage-aware SQLite hosts define, so they are created after our own inserts.
    /// </summary>
    public static string CreateRtreeTriggers(string table, string geometryColumn, string fidColumn)
    {
        var t = Quote(table);
        var c = Quote(geometryColumn);
        var i = Quote(fidColumn);
        var rtreeName = RtreeName(table, geometryColumn);
        var r = Quote(rtreeName);
        string Trigger(string suffix) => Quote($"{rtreeName}_{suffix}");
        var values = $"NEW.{i}, ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), ST_MinY(NEW.{c}), ST_MaxY(NEW.{c})";
        return $"""
            CREATE TRIGGER {Trigger("insert")} AFTER INSERT ON {t}
              WHEN (new.{c} NOT NULL AND NOT ST_IsEmpty(NEW.{c}))
            BEGIN
              INSERT OR REPLACE INTO {r} VALUES ({values});
            END;
            CREATE TRIGGER {Trigger("update2")} AFTER UPDATE OF {c} ON {t}
              WHEN OLD.{i} = NEW.{i} AND (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c}))
            BEGIN
              DELETE FROM {r} WHERE id = OLD.{i};
            END;
            CREATE TRIGGER {Trigger("update4")} AFTER UPDATE ON {t}
              WHEN OLD.{i} != NEW.{i} AND (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c}))
            BEGIN
              DELETE FROM {r} WHERE id IN (OLD.{i}, NEW.{i});
            END;
            CREATE TRIGGER {Trigger("update5")} AFTER UPDATE ON {t}
              WHEN OLD.{i} != NEW.{i} AND (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c}))
            BEGIN
              DELETE FROM {r} WHERE id = OLD.{i};
              INSERT OR REPLACE INTO {r} VALUES ({values});
            END;
            CREATE TRIGGER {Trigger("update6")} AFTER UPDATE OF {c} ON {t}
              WHEN OLD.{i} = NEW.{i} AND (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c}))
                   AND (OLD.{c} NOTNULL AND NOT ST_IsEmpty(OLD.{c}))
            BEGIN
              UPDATE {r} SET minx = ST_MinX(NEW.{c}), maxx = ST_MaxX(NEW.{c}),
                             miny = ST_MinY(NEW.{c}), maxy = ST_MaxY(NEW.{c})
              WHERE id = NEW.{i};
            END;
            CREATE TRIGGER {Trigger("update7")} AFTER UPDATE OF {c} ON {t}
              WHEN OLD.{i} = NEW.{i} AND (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c}))
                   AND (OLD.{c} ISNULL OR ST_IsEmpty(OLD.{c}))
            BEGIN
              INSERT INTO {r} VALUES ({values});
            END;
            CREATE TRIGGER {Trigger("delete")} AFTER DELETE ON {t}
              WHEN old.{c} NOT NULL
            BEGIN
              DELETE FROM {r} WHERE id = OLD.{i};
            END;
            """;
    }
}
