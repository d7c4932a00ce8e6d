using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Tests.Indexing;

public class PackedBoxTreeTests
{
    private static double[] RandomBoxes(Random random, int count)
    {
        var boxes = new double[count * 4];
        for (var i = 0; i < count; i++)
        {
            var x = random.NextDouble() * 1000;
            var y = random.NextDouble() * 1000;
            boxes[i * 4] = x;
            boxes[i * 4 + 1] = y;
            boxes[i * 4 + 2] = x + random.NextDouble() * 20;
            boxes[i * 4 + 3] = y + random.NextDouble() * 20;
        }
        return boxes;
    }

    private static List<int> BruteForce(double[] boxes, double minX, double minY, double maxX, double maxY)
    {
        var found = new List<int>();
        for (var i = 0; i < boxes.Length / 4; i++)
            if (!(boxes[i * 4] > maxX || boxes[i * 4 + 2] < minX || boxes[i * 4 + 1] > maxY || boxes[i * 4 + 3] < minY)) found.Add(i);
        return found;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(5000)]
    public void Query_RandomBoxes_FindsExactlyTheBoxesBruteForceFinds(int count)
    {
        var random = new Random(count + 1);
        var boxes = RandomBoxes(random, count);
        var str = PackedBoxTree.SortTileRecursive(boxes, 16, parallel: true);
        var sequential = PackedBoxTree.Sequential(boxes, 8);
        var buffer = new int[4];
        for (var q = 0; q < 300; q++)
        {
            var x = random.NextDouble() * 1100 - 50;
            var y = random.NextDouble() * 1100 - 50;
            var size = random.NextDouble() * 100;
            var expected = BruteForce(boxes, x, y, x + size, y + size);

            var n = str.Query(x, y, x + size, y + size, ref buffer);
            Assert.Equal(expected, buffer.Take(n).Order());
            Assert.Equal(expected.Count > 0, str.Any(x, y, x + size, y + size));

            n = sequential.Query(x, y, x + size, y + size, ref buffer);
            Assert.Equal(expected, buffer.Take(n)); // sequential trees report in item order
        }
    }

    [Fact]
    public void SortTileRecursive_ParallelAndSequential_GiveTheSameTree()
    {
        var boxes = RandomBoxes(new Random(3), 20_000);
        var a = PackedBoxTree.SortTileRecursive(boxes, 16, parallel: true);
        var b = PackedBoxTree.SortTileRecursive(boxes, 16, parallel: false);
        int[] ba = new int[16], bb = new int[16];
        var na = a.Query(100, 100, 400, 300, ref ba);
        var nb = b.Query(100, 100, 400, 300, ref bb);
        Assert.Equal(bb.Take(nb), ba.Take(na)); // same order too: the packing is deterministic
    }
}
