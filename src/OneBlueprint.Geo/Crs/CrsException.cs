namespace OneBlueprint.Geo.Crs;

/// <summary>
/// A coordinate system or transformation OneBlueprint cannot provide: an unknown EPSG code, or a datum
/// change (Xian 1980 / Beijing 1954 → CGCS2000) for which no 7-parameter set has been configured.
/// The message says what is missing and how to supply it.
/// </summary>
public sealed class CrsException : Exception
{
    public CrsException(string message, int? fromSrid = null, int? toSrid = null) : base(message)
    {
        FromSrid = fromSrid;
        ToSrid = toSrid;
    }

    public CrsException(string message, Exception inner) : base(message, inner) { }

    public int? FromSrid { get; }

    public int? ToSrid { get; }
}
