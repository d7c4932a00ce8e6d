using System.Runtime.InteropServices;

namespace OneBlueprint.Server.Tiles.Raster;

/// <summary>
/// A transparent ARGB32 image drawn by Debian's libcairo2 through P/Invoke: just the calls a tile needs
/// (paths, even-odd fill, stroke, dash, PNG). Pixel coordinates, y down. Not thread-safe; dispose it.
/// Plain DllImport with blittable arguments, so the project needs no unsafe code.
/// </summary>
public sealed class CairoCanvas : IDisposable
{
    private const string Lib = "libcairo.so.2";
    private const int FormatArgb32 = 0;
    private const int FillRuleEvenOdd = 1;
    private const int LineJoinRound = 1;
    private const int LineCapRound = 1;

    private IntPtr _surface;
    private IntPtr _cr;

    public CairoCanvas(int width, int height)
    {
        _surface = cairo_image_surface_create(FormatArgb32, width, height);
        _cr = cairo_create(_surface);
        if (cairo_status(_cr) != 0)
        {
            Dispose();
            throw new InvalidOperationException("cairo could not create a drawing surface");
        }
        cairo_set_fill_rule(_cr, FillRuleEvenOdd); // holes of polygons stay transparent
        cairo_set_line_join(_cr, LineJoinRound);
        cairo_set_line_cap(_cr, LineCapRound);
    }

    public void MoveTo(double x, double y) => cairo_move_to(_cr, x, y);
    public void LineTo(double x, double y) => cairo_line_to(_cr, x, y);
    public void ClosePath() => cairo_close_path(_cr);
    public void Circle(double x, double y, double radius)
    {
        cairo_new_sub_path(_cr);
        cairo_arc(_cr, x, y, radius, 0, 2 * Math.PI);
    }

    public void NewPath() => cairo_new_path(_cr);

    /// <summary>Fills the current path with a colour (components 0–1) and keeps the path for a stroke.</summary>
    public void FillPreserve(RasterColour c)
    {
        cairo_set_source_rgba(_cr, c.R, c.G, c.B, c.A);
        cairo_fill_preserve(_cr);
    }

    /// <summary>Strokes the current path and clears it; <paramref name="dash"/> empty for a solid line.</summary>
    public void Stroke(RasterColour c, double width, double[] dash)
    {
        cairo_set_source_rgba(_cr, c.R, c.G, c.B, c.A);
        cairo_set_line_width(_cr, width);
        cairo_set_dash(_cr, dash, dash.Length, 0);
        cairo_stroke(_cr);
    }

    /// <summary>The image as PNG bytes (cairo's encoder, RGBA, un-premultiplied).</summary>
    public byte[] ToPng()
    {
        cairo_surface_flush(_surface);
        using var output = new MemoryStream();
        WriteFunc write = (_, data, length) =>
        {
            var chunk = new byte[length];
            Marshal.Copy(data, chunk, 0, (int)length);
            output.Write(chunk);
            return 0; // CAIRO_STATUS_SUCCESS
        };
        var status = cairo_surface_write_to_png_stream(_surface, write, IntPtr.Zero);
        GC.KeepAlive(write);
        if (status != 0) throw new InvalidOperationException($"cairo could not encode the PNG (status {status})");
        return output.ToArray();
    }

    public void Dispose()
    {
        if (_cr != IntPtr.Zero) cairo_destroy(_cr);
        if (_surface != IntPtr.Zero) cairo_surface_destroy(_surface);
        _cr = _surface = IntPtr.Zero;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int WriteFunc(IntPtr closure, IntPtr data, uint length);

    [DllImport(Lib)] private static extern IntPtr cairo_image_surface_create(int format, int width, int height);
    [DllImport(Lib)] private static extern IntPtr cairo_create(IntPtr surface);
    [DllImport(Lib)] private static extern int cairo_status(IntPtr cr);
    [DllImport(Lib)] private static extern void cairo_destroy(IntPtr cr);
    [DllImport(Lib)] private static extern void cairo_surface_destroy(IntPtr surface);
    [DllImport(Lib)] private static extern void cairo_surface_flush(IntPtr surface);
    [DllImport(Lib)] private static extern void cairo_set_fill_rule(IntPtr cr, int rule);
    [DllImport(Lib)] private static extern void cairo_set_line_join(IntPtr cr, int join);
    [DllImport(Lib)] private static extern void cairo_set_line_cap(IntPtr cr, int cap);
    [DllImport(Lib)] private static extern void cairo_set_source_rgba(IntPtr cr, double r, double g, double b, double a);
    [DllImport(Lib)] private static extern void cairo_set_line_width(IntPtr cr, double width);
    [DllImport(Lib)] private static extern void cairo_set_dash(IntPtr cr, double[] dashes, int count, double offset);
    [DllImport(Lib)] private static extern void cairo_new_path(IntPtr cr);
    [DllImport(Lib)] private static extern void cairo_new_sub_path(IntPtr cr);
    [DllImport(Lib)] private static extern void cairo_move_to(IntPtr cr, double x, double y);
    [DllImport(Lib)] private static extern void cairo_line_to(IntPtr cr, double x, double y);
    [DllImport(Lib)] private static extern void cairo_arc(IntPtr cr, double xc, double yc, double radius, double angle1, double angle2);
    [DllImport(Lib)] private static extern void cairo_close_path(IntPtr cr);
    [DllImport(Lib)] private static extern void cairo_fill_preserve(IntPtr cr);
    [DllImport(Lib)] private static extern void cairo_stroke(IntPtr cr);
    [DllImport(Lib)] private static extern int cairo_surface_write_to_png_stream(IntPtr surface, WriteFunc write, IntPtr closure);
}
