using System.Text;

namespace OneBlueprint.Formats.Tests.RedLineTxt;

/// <summary>
/// The two real red-line files in shared/data/redline-txt, found by walking up from the test binaries
/// (or from ONEBLUEPRINT_DATA), and text surgery to make the variants the tests need.
/// </summary>
internal static class RedLineSamples
{
    public const string SampleAFile = "sampleA_hangzhou_pengbu_zone40_from_java_TxtUtils.txt";
    public const string SampleBFile = "sampleB_shaanxi_zone36_3parcels_from_java_TxtJsonServiceImpl_comment.txt";

    static RedLineSamples() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    public static string Directory { get; } = FindDirectory();

    public static string PathOf(string file) => System.IO.Path.Combine(Directory, file);

    /// <summary>The sample's text with LF line endings (the files on disk use LF).</summary>
    public static string Text(string file) => File.ReadAllText(PathOf(file), new UTF8Encoding(false)).Replace("\r\n", "\n");

    public static string[] Lines(string file) => Text(file).Split('\n').Where(l => l.Length > 0).ToArray();

    public static string Join(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    private static string FindDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ONEBLUEPRINT_DATA");
        if (fromEnvironment is not null && System.IO.Directory.Exists(System.IO.Path.Combine(fromEnvironment, "redline-txt")))
            return System.IO.Path.Combine(fromEnvironment, "redline-txt");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { "shared/data/redline-txt", "gis-data/redline-txt", "data/redline-txt" })
            {
                var path = System.IO.Path.Combine(dir.FullName, candidate);
                if (File.Exists(System.IO.Path.Combine(path, SampleAFile))) return path;
            }
        }
        throw new InvalidOperationException(
            $"red-line samples not found above {AppContext.BaseDirectory}; set ONEBLUEPRINT_DATA to the folder holding redline-txt/");
    }
}
