namespace OneBlueprint.Engines.Indexing;

/// <summary>
/// A static R-tree over item boxes held in flat arrays, queried without allocation. Leaves hold up to
/// <c>nodeSize</c> consecutive items of a leaf order; each upper level groups <c>nodeSize</c> consecutive nodes.
/// <list type="bullet">
/// <item><see cref="SortTileRecursive"/> picks the leaf order by Sort-Tile-Recursive packing (as NTS's STRtree),
/// for arbitrary boxes such as the pieces of a layer.</item>
/// <item><see cref="Sequential"/> keeps the given order, for the segments of rings: consecutive segments are
/// spatially close, so their leaves are tight without any sorting (a cheap build, once per check).</item>
/// </list>
/// Queries report items in leaf order, so a sequential tree reports ascending item numbers. Immutable after
/// construction and safe to query from many threads.
/// </summary>
internal sealed class PackedBoxTree
{
    private const int MaxLevels = 24;

    private readonly int _nodeSize;
    private readonly int[] _items;       // item number at each leaf position
    private readonly double[] _itemBoxes; // minX, minY, maxX, maxY per leaf position
    private readonly double[] _nodeBoxes; // per node, levels bottom-up
    private readonly int[] _levelStart;   // first node of each level in _nodeBoxes (plus a sentinel)
    private readonly int _levels;

    private PackedBoxTree(int[] items, double[] itemBoxes, int nodeSize)
    {
        if (nodeSize < 2) throw new ArgumentOutOfRangeException(nameof(nodeSize), nodeSize, "a node needs at least 2 children");
        _nodeSize = nodeSize;
        _items = items;
        _itemBoxes = itemBoxes;
        var count = items.Length;
        var starts = new List<int> { 0 };
        var levelCount = count == 0 ? 0 : (count + nodeSize - 1) / nodeSize;
        var total = 0;
        while (levelCount > 0)
        {
            total += levelCount;
            starts.Add(total);
            if (levelCount == 1) break;
            levelCount = (levelCount + nodeSize - 1) / nodeSize;
        }
        _levelStart = starts.ToArray();
        _levels = starts.Count - 1;
        if (_levels > MaxLevels) throw new ArgumentException($"node size {nodeSize} is too small for {count} items");
        _nodeBoxes = new double[total * 4];

        // Leaves from item boxes, then each level from the one below.
        for (var level = 0; level < _levels; level++)
        {
            var nodes = _levelStart[level + 1] - _levelStart[level];
            var childCount = level == 0 ? count : _levelStart[level] - _levelStart[level - 1];
            var childBoxes = level == 0 ? _itemBoxes : _nodeBoxes;
            var childOffset = level == 0 ? 0 : _levelStart[level - 1];
            for (var n = 0; n < nodes; n++)
            {
                double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
                double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
                var end = Math.Min(childCount, (n + 1) * nodeSize);
                for (var c = n * nodeSize; c < end; c++)
                {
                    var b = (childOffset + c) * 4;
                    minX = Math.Min(minX, childBoxes[b]);
                    minY = Math.Min(minY, childBoxes[b + 1]);
                    maxX = Math.Max(maxX, childBoxes[b + 2]);
                    maxY = Math.Max(maxY, childBoxes[b + 3]);
                }
                var o = (_levelStart[level] + n) * 4;
                _nodeBoxes[o] = minX;
                _nodeBoxes[o + 1] = minY;
                _nodeBoxes[o + 2] = maxX;
                _nodeBoxes[o + 3] = maxY;
            }
        }
    }

    public int Count => _items.Length;

    /// <summary>A tree whose leaves take the items in their given order (boxes: minX, minY, maxX, maxY per item).</summary>
    public static PackedBoxTree Sequential(double[] boxes, int nodeSize = 8)
    {
        var count = boxes.Length / 4;
        var items = new int[count];
        for (var i = 0; i < count; i++) items[i] = i;
        return new PackedBoxTree(items, boxes, nodeSize);
    }

    /// <summary>
    /// Sort-Tile-Recursive packing: items sorted by box centre x, cut into vertical slices of about
    /// sqrt(leaves) leaves each, every slice sorted by centre y. Sorting is deterministic for a given input order,
    /// and the slices (disjoint ranges) may be sorted in parallel without changing the result.
    /// </summary>
    public static PackedBoxTree SortTileRecursive(double[] boxes, int nodeSize = 16, bool parallel = true)
    {
        var count = boxes.Length / 4;
        var order = new int[count];
        var keys = new double[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
            keys[i] = boxes[i * 4] + boxes[i * 4 + 2];
        }
        Array.Sort(keys, order);

        var leaves = (count + nodeSize - 1) / nodeSize;
        var sliceCount = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(leaves)));
        var sliceSize = (int)Math.Ceiling((double)leaves / sliceCount) * nodeSize;
        var slices = sliceSize == 0 ? 0 : (count + sliceSize - 1) / sliceSize;
        void SortSlice(int s)
        {
            var from = s * sliceSize;
            var length = Math.Min(sliceSize, count - from);
            var sliceKeys = new double[length];
            for (var i = 0; i < length; i++)
            {
                var item = order[from + i];
                sliceKeys[i] = boxes[item * 4 + 1] + boxes[item * 4 + 3];
            }
            sliceKeys.AsSpan().Sort(order.AsSpan(from, length));
        }
        if (parallel && slices > 1) Parallel.For(0, slices, SortSlice);
        else for (var s = 0; s < slices; s++) SortSlice(s);

        var itemBoxes = new double[count * 4];
        for (var p = 0; p < count; p++)
            Array.Copy(boxes, order[p] * 4, itemBoxes, p * 4, 4);
        return new PackedBoxTree(order, itemBoxes, nodeSize);
    }

    /// <summary>Appends to <paramref name="buffer"/> (grown as needed) the items whose box meets the query box (closed); returns how many.</summary>
    public int Query(double minX, double minY, double maxX, double maxY, ref int[] buffer) =>
        Search(minX, minY, maxX, maxY, ref buffer, firstOnly: false);

    /// <summary>Whether any item box meets the query box (closed); stops at the first.</summary>
    public bool Any(double minX, double minY, double maxX, double maxY)
    {
        var none = Array.Empty<int>();
        return Search(minX, minY, maxX, maxY, ref none, firstOnly: true) > 0;
    }

    /// <summary>
    /// The one traversal behind <see cref="Query"/> and <see cref="Any"/>: depth first, children in order, so results
    /// come out in leaf order; with <paramref name="firstOnly"/> it answers 1 at the first hit without collecting.
    /// </summary>
    private int Search(double minX, double minY, double maxX, double maxY, ref int[] buffer, bool firstOnly)
    {
        var found = 0;
        if (_levels == 0) return 0;
        // Entries pack (node << 5) | level; at most nodeSize children are pending per level.
        Span<int> stack = stackalloc int[_levels * _nodeSize + 1];
        stack[0] = _levels - 1;
        var top = 1;
        var boxes = _nodeBoxes;
        while (top > 0)
        {
            var entry = stack[--top];
            var level = entry & 31;
            var node = entry >> 5;
            var o = (_levelStart[level] + node) * 4;
            if (boxes[o] > maxX || boxes[o + 2] < minX || boxes[o + 1] > maxY || boxes[o + 3] < minY) continue;
            var first = node * _nodeSize;
            if (level == 0)
            {
                var end = Math.Min(_items.Length, first + _nodeSize);
                var ib = _itemBoxes;
                for (var p = first; p < end; p++)
                {
                    var b = p * 4;
                    if (ib[b] > maxX || ib[b + 2] < minX || ib[b + 1] > maxY || ib[b + 3] < minY) continue;
                    if (firstOnly) return 1;
                    if (found == buffer.Length) Array.Resize(ref buffer, Math.Max(16, buffer.Length * 2));
                    buffer[found++] = _items[p];
                }
            }
            else
            {
                var childLevelCount = _levelStart[level] - _levelStart[level - 1];
                var end = Math.Min(childLevelCount, first + _nodeSize);
                // Pushed in reverse so children are visited in order: results come out in leaf order.
                for (var c = end - 1; c >= first; c--)
                    stack[top++] = (c << 5) | (level - 1);
            }
        }
        return found;
    }
}
