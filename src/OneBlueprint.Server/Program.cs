using OneBlueprint.Server;

ServerApp.Build(args).Run();

/// <summary>Entry point; public so tests can host the server with WebApplicationFactory.</summary>
public partial class Program;
