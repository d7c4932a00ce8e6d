Console.WriteLine("ob");
