package io.sparksweep.cli;

import picocli.CommandLine;

import java.util.Optional;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar sparksweep.jar} and of spark-submit. */
@Command(name = "sparksweep", mixinStandardHelpOptions = true, version = "sparksweep 0.1.0",
        description = "Repeated-seed hyperparameter sweeps of DL4J models on Apache Spark.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, SqlCommand.class, TablesCommand.class,
                BestCommand.class, ReportCommand.class, BenchCommand.class, RerunCommand.class,
                EvaluateCommand.class, PredictCommand.class, ReplayCommand.class, CopyCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input: a broken spec, a bad query, a missing dataset. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code when ND4J's native backend cannot load on this machine. */
    public static final int EXIT_NO_BACKEND = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Optional<Integer> relaunched = TrainingRelaunch.ifNeeded(args);
        System.exit(relaunched.orElseGet(() -> execute(args)));
    }

    private static int execute(String[] args) {
        try {
            return commandLine().execute(args);
        } catch (LinkageError e) {
            Optional<String> backend = NativeBackendError.describe(e);
            if (backend.isEmpty()) {
                throw e;
            }
            System.err.println("sparksweep: " + backend.get());
            return EXIT_NO_BACKEND;
        }
    }

    /** The configured command line; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // A mistyped option is bad input like any other: one line naming it, and a pointer to --help.
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see "
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return EXIT_BAD_INPUT;
        });
        // Commands without their own handling (the bench commands) treat bad input the same way.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) ->
                CommandErrors.handle(commandLine.getCommandSpec(), e, false));
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
