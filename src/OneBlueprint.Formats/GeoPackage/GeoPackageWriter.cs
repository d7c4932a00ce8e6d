using System.Globalization;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using static OneBlueprint.Formats.GeoPackage.GeoPackageSchema;

namespace OneBlueprint.Formats.GeoPackage;

/// <summary>
/// Writes feature tables into a new GeoPackage 1.4 file, one table per layer, in a single transaction into
/// a temporary file that replaces the target only when everything is written (a failed write leaves no
/// half file behind). Per table: the feature table, rows through one prepared INSERT whose parameters are
/// reused, the RTree filled from envelopes we already know, then gpkg_contents (with the bounding box),
/// gpkg_geometry_columns, the gpkg_extensions row of the index and, last, the index triggers.
/// </summary>
internal static class GeoPackageWriter
{
    private const string Timestamp = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static void Write(IReadOnlyList<(FeatureSet Set, string Table)> layers, string path)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder
                   {
                       DataSource = temp,
                       Mode = SqliteOpenMode.ReadWriteCreate,
                       Pooling = false, // a pooled connection would keep the file open after Dispose
                   }.ToString()))
            {
                connection.Open();
                // The file is private until it is moved into place, so a memory journal is safe and fast.
                Execute(connection, null, $"""
                    PRAGMA application_id = {GeoPackageSchema.ApplicationId};
                    PRAGMA user_version = {UserVersion};
                    PRAGMA journal_mode = MEMORY;
                    PRAGMA cache_size = -65536;
                    """);
                using var transaction = connection.BeginTransaction();
                Execute(connection, transaction, CoreTables);
                WriteSpatialRefSys(connection, transaction, layers.Select(l => l.Set.Srid));
                foreach (var (set, table) in layers)
                    WriteLayer(connection, transaction, set, LayerPlan.For(set, table));
                transaction.Commit();
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static void WriteSpatialRefSys(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<int?> srids)
    {
        using var insert = Command(connection, transaction,
            "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES ($name, $id, $org, $orgId, $definition, $description)");
        // 4326 is required in every GeoPackage; the layers' systems follow.
        foreach (var srid in new[] { CrsCatalog.Wgs84 }.Concat(srids.OfType<int>().Where(s => s > 0)).Distinct())
        {
            var entry = SpatialRefSysEntry.ForEpsg(srid);
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$name", entry.Name);
            insert.Parameters.AddWithValue("$id", entry.SrsId);
            insert.Parameters.AddWithValue("$org", entry.Organization);
            insert.Parameters.AddWithValue("$orgId", entry.OrganizationId);
            insert.Parameters.AddWithValue("$definition", entry.Definition);
            insert.Parameters.AddWithValue("$description", entry.Description);
            insert.ExecuteNonQuery();
        }
    }

    private static void WriteLayer(SqliteConnection connection, SqliteTransaction transaction, FeatureSet set, LayerPlan plan)
    {
        var srsId = set.Srid is > 0 ? set.Srid.Value : UndefinedCartesianSrsId;
        var table = Quote(plan.Table);
        var columns = new List<string> { Quote(plan.FidColumn), Quote(plan.GeometryColumn) };
        columns.AddRange(plan.Columns.Select(c => Quote(c.Name)));
        if (plan.IdColumn is not null) columns.Add(Quote(plan.IdColumn));

        var definitions = new List<string>
        {
            $"{Quote(plan.FidColumn)} INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            $"{Quote(plan.GeometryColumn)} {plan.GeometryTypeName}",
        };
        definitions.AddRange(plan.Columns.Select(c => $"{Quote(c.Name)} {c.Type.SqlName()}"));
        if (plan.IdColumn is not null) definitions.Add($"{Quote(plan.IdColumn)} TEXT");
        Execute(connection, transaction, $"CREATE TABLE {table} ({string.Join(", ", definitions)})");
        Execute(connection, transaction, CreateRtree(plan.Table, plan.GeometryColumn));

        using var insert = Command(connection, transaction,
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})");
        var values = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        insert.Prepare();

        using var index = Command(connection, transaction, $"INSERT INTO {Quote(RtreeName(plan.Table, plan.GeometryColumn))} VALUES ($id, $minx, $maxx, $miny, $maxy)");
        var bounds = new[] { "$id", "$minx", "$maxx", "$miny", "$maxy" }.Select(n => index.Parameters.Add(new SqliteParameter(n, null))).ToArray();
        index.Prepare();

        var blobs = new GeoPackageBinaryWriter();
        var extent = new Envelope();
        for (var i = 0; i < set.Features.Count; i++)
        {
            var feature = set.Features[i];
            var fid = plan.Fids?[i] ?? i + 1L;
            var geometry = feature.Geometry;
            values[0].Value = fid;
            // An empty geometry is stored as NULL (GeoPackage's "no geometry"), so the column type stays exact.
            values[1].Value = geometry.IsEmpty ? DBNull.Value : blobs.Write(geometry, srsId);
            for (var c = 0; c < plan.Columns.Count; c++)
            {
                var column = plan.Columns[c];
                values[2 + c].Value = AttributeValues.ToDb(feature.Attributes.GetValueOrDefault(column.Key), column.Type);
            }
            if (plan.IdColumn is not null) values[^1].Value = (object?)feature.Id ?? DBNull.Value;
            insert.ExecuteNonQuery();

            if (geometry.IsEmpty) continue;
            var envelope = geometry.EnvelopeInternal;
            extent.ExpandToInclude(envelope);
            bounds[0].Value = fid;
            bounds[1].Value = envelope.MinX;
            bounds[2].Value = envelope.MaxX;
            bounds[3].Value = envelope.MinY;
            bounds[4].Value = envelope.MaxY;
            index.ExecuteNonQuery();
        }

        using (var contents = Command(connection, transaction, """
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
            VALUES ($table, 'features', $table, $description, $time, $minx, $miny, $maxx, $maxy, $srs)
            """))
        {
            contents.Parameters.AddWithValue("$table", plan.Table);
            contents.Parameters.AddWithValue("$description", set.Metadata.GetValueOrDefault(GeoPackageFormat.DescriptionKey) ?? "");
            contents.Parameters.AddWithValue("$time", DateTime.UtcNow.ToString(Timestamp, CultureInfo.InvariantCulture));
            contents.Parameters.AddWithValue("$minx", extent.IsNull ? DBNull.Value : extent.MinX);
            contents.Parameters.AddWithValue("$miny", extent.IsNull ? DBNull.Value : extent.MinY);
            contents.Parameters.AddWithValue("$maxx", extent.IsNull ? DBNull.Value : extent.MaxX);
            contents.Parameters.AddWithValue("$maxy", extent.IsNull ? DBNull.Value : extent.MaxY);
            contents.Parameters.AddWithValue("$srs", srsId);
            contents.ExecuteNonQuery();
        }
        using (var geometryColumns = Command(connection, transaction,
            "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES ($table, $column, $type, $srs, $z, 0)"))
        {
            geometryColumns.Parameters.AddWithValue("$table", plan.Table);
            geometryColumns.Parameters.AddWithValue("$column", plan.GeometryColumn);
            geometryColumns.Parameters.AddWithValue("$type", plan.GeometryTypeName);
            geometryColumns.Parameters.AddWithValue("$srs", srsId);
            geometryColumns.Parameters.AddWithValue("$z", plan.Z);
            geometryColumns.ExecuteNonQuery();
        }
        using (var extension = Command(connection, transaction,
            "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES ($table, $column, 'gpkg_rtree_index', $definition, 'write-only')"))
        {
            extension.Parameters.AddWithValue("$table", plan.Table);
            extension.Parameters.AddWithValue("$column", plan.GeometryColumn);
            extension.Parameters.AddWithValue("$definition", RtreeExtensionDefinition);
            extension.ExecuteNonQuery();
        }
        Execute(connection, transaction, CreateRtreeTriggers(plan.Table, plan.GeometryColumn, plan.FidColumn));
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }
}
