namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>One line of the file: its 1-based number and its text without the line ending.</summary>
internal readonly record struct TxtLine(int Number, string Text)
{
    /// <summary>The text as quoted in messages: trimmed and cut to a readable length.</summary>
    public string Quoted
    {
        get
        {
            var t = Text.Trim();
            return t.Length <= 120 ? $"'{t}'" : $"'{t[..117]}...'";
        }
    }
}
