using OneBlueprint.Cli;

return await CliApp.RunAsync(args);
