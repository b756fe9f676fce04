package io.sparksweep.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One execution of the real command line with stdout and stderr captured. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    /** Exactly one non-empty line on stderr: the bad-input contract. */
    boolean oneErrorLine() {
        return err.lines().filter(l -> !l.isBlank()).count() == 1;
    }
}
