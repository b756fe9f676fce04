/**
 * The command line: {@link io.sparksweep.cli.Main} and one class per command. It parses options, calls the packages
 * below, prints what they return, and turns bad input into one line and exit 2
 * ({@link io.sparksweep.cli.CommandErrors}). Nothing imports it.
 *
 * <p>May import: every other package.
 */
package io.sparksweep.cli;
