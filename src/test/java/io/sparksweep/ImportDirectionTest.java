package io.sparksweep;

import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The direction of imports between sparksweep's packages, read from the main sources: each package imports only the
 * packages its rule allows, the packages import each other in no circle, pure code stays free of Spark (and of DL4J
 * where it is plain numbers), and each package's package-info.java and docs/architecture.md state the same rules as
 * this test. An import that points up the picture fails here, with the file and the import named.
 */
class ImportDirectionTest {

    private static final String ROOT_PACKAGE = "io.sparksweep";
    private static final String PACKAGE_TABLE_HEADING = "## What each package holds, and what it may import";

    /** What each package may import of sparksweep, bottom of the picture first. The CLI is the one top. */
    private static final Map<String, Set<String>> MAY_IMPORT = rules(
            "run", "",
            "stats", "",
            "data", "",
            "model.layers", "",
            "model", "model.layers",
            "spec", "data run stats",
            "decide", "spec stats run",
            "train", "data model model.layers run",
            "space", "spec model train run",
            "store", "stats run",
            "engine", "store space train spec model model.layers data run stats",
            "search", "engine decide store stats space spec run",
            "rerun", "engine store stats space train spec model data run",
            "report", "store stats run",
            "bench", "engine store decide stats train spec model model.layers data run",
            "cli", "*");

    /** Packages without Spark, Hadoop, Parquet or Scala: what runs in a task, and every pure rule. */
    private static final Set<String> WITHOUT_SPARK =
            Set.of("run", "stats", "data", "model.layers", "model", "spec", "decide", "train", "space");

    /** Packages of plain values and numbers: no DL4J, ND4J or native code either. */
    private static final Set<String> WITHOUT_NATIVE = Set.of("run", "stats", "data", "spec", "decide");

    private static final List<String> SPARK = List.of("org.apache.spark.", "org.apache.hadoop.", "org.apache.parquet.",
            "scala.");
    private static final List<String> NATIVE = List.of("org.deeplearning4j.", "org.nd4j.", "org.bytedeco.");

    private static final Pattern DOTTED_NAME = Pattern.compile("(?<![\\w.])[a-z]\\w*(?:\\.\\w+)+");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\bio\\.sparksweep\\.((?:[a-z]\\w*\\.)+)[A-Z]\\w*");
    private static final Pattern MAY_IMPORT_SENTENCE = Pattern.compile("May import:([^.]*(?:\\.(?=\\w)[^.]*)*)\\.");
    private static final Pattern NOT_CODE = Pattern.compile(
            "(?s)/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'");
    private static final Pattern CODE_NAME = Pattern.compile("\\{@code ([\\w.]+)}");

    @Test
    void everyPackageHasARule() {
        assertEquals(MAY_IMPORT.keySet().stream().sorted().toList(), sources().keySet().stream().sorted().toList(),
                "a new package needs its rule here, in its package-info.java and in docs/architecture.md");
    }

    @Test
    void everyImportFollowsItsPackagesRule() {
        List<String> wrong = new ArrayList<>();
        sources().forEach((pkg, files) -> files.forEach(file -> ourPackagesUsedBy(file).forEach((used, name) -> {
            if (!used.equals(pkg) && !mayImport(pkg).contains(used)) {
                wrong.add(relative(file) + " uses " + name + ", but " + pkg + " may import only " + mayImport(pkg));
            }
        })));
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void packagesImportEachOtherInNoCircle() {
        Map<String, Set<String>> used = new TreeMap<>();
        sources().forEach((pkg, files) -> used.put(pkg, files.stream()
                .flatMap(file -> ourPackagesUsedBy(file).keySet().stream())
                .filter(other -> !other.equals(pkg)).collect(Collectors.toCollection(TreeSet::new))));
        assertEquals(List.of(), circle(used), "the code's packages");
        assertEquals(List.of(), circle(MAY_IMPORT), "the rules themselves");
    }

    @Test
    void pureCodeHasNoSparkAndPlainValuesNoNativeCode() {
        List<String> wrong = new ArrayList<>();
        sources().forEach((pkg, files) -> files.forEach(file -> qualifiedNames(file).forEach(name -> {
            if (WITHOUT_SPARK.contains(pkg) && SPARK.stream().anyMatch(name::startsWith)
                    || WITHOUT_NATIVE.contains(pkg) && NATIVE.stream().anyMatch(name::startsWith)) {
                wrong.add(relative(file) + " uses " + name);
            }
        })));
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyPackageInfoStatesItsRule() {
        List<String> wrong = new ArrayList<>();
        for (String pkg : MAY_IMPORT.keySet()) {
            Path info = packageFolder(pkg).resolve("package-info.java");
            if (!Files.exists(info)) {
                wrong.add(relative(info) + " is missing");
                continue;
            }
            Matcher sentence = MAY_IMPORT_SENTENCE.matcher(read(info).replaceAll("\\s*\\n\\s*\\*\\s*", " "));
            if (!sentence.find()) {
                wrong.add(relative(info) + " has no sentence 'May import: ...'");
            } else if (!stated(sentence.group(1), pkg).equals(mayImport(pkg))) {
                wrong.add(relative(info) + " says " + stated(sentence.group(1), pkg)
                        + ", the rule is " + mayImport(pkg));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theArchitectureDocumentStatesTheSameRules() {
        Path doc = ProjectPaths.root().resolve("docs/architecture.md");
        Map<String, Set<String>> table = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `([\\w.]+)` \\|.*\\| ([^|]*) \\|$", Pattern.MULTILINE);
        String text = read(doc);
        int start = text.indexOf(PACKAGE_TABLE_HEADING);
        assertTrue(start >= 0, "docs/architecture.md has no section '" + PACKAGE_TABLE_HEADING + "'");
        int end = text.indexOf("\n## ", start + PACKAGE_TABLE_HEADING.length());
        Matcher m = row.matcher(text.substring(start, end < 0 ? text.length() : end));
        while (m.find()) {
            table.put(m.group(1), stated(m.group(2).replaceAll("`([\\w.]+)`", "{@code $1}"), m.group(1)));
        }
        Map<String, Set<String>> rules = new TreeMap<>();
        MAY_IMPORT.keySet().forEach(pkg -> rules.put(pkg, mayImport(pkg)));
        assertEquals(rules, table, "the 'may import' column of docs/architecture.md's package table");
    }

    /** The packages a sentence names as {@code pkg}; "every other package" means all of them but its own. */
    private static Set<String> stated(String sentence, String pkg) {
        if (sentence.contains("every other package")) {
            return everyOtherPackage(pkg);
        }
        Set<String> named = new TreeSet<>();
        Matcher m = CODE_NAME.matcher(sentence);
        while (m.find()) {
            named.add(m.group(1));
        }
        return named;
    }

    private static Set<String> mayImport(String pkg) {
        return MAY_IMPORT.get(pkg).contains("*") ? everyOtherPackage(pkg) : new TreeSet<>(MAY_IMPORT.get(pkg));
    }

    private static Set<String> everyOtherPackage(String pkg) {
        return MAY_IMPORT.keySet().stream().filter(p -> !p.equals(pkg)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** One circle of packages (its first package repeated at its end), or an empty list when there is none. */
    private static List<String> circle(Map<String, Set<String>> arrows) {
        Map<String, Integer> state = new TreeMap<>(); // 1 = on the current path, 2 = done
        for (String start : arrows.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = circleFrom(start, arrows, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> circleFrom(String pkg, Map<String, Set<String>> arrows, Map<String, Integer> state,
                                           List<String> path) {
        if (state.getOrDefault(pkg, 0) == 2) {
            return List.of();
        }
        if (state.getOrDefault(pkg, 0) == 1) {
            List<String> found = new ArrayList<>(path.subList(path.indexOf(pkg), path.size()));
            found.add(pkg);
            return found;
        }
        state.put(pkg, 1);
        path.add(pkg);
        Set<String> next = arrows.getOrDefault(pkg, Set.of()).contains("*") ? everyOtherPackage(pkg)
                : arrows.getOrDefault(pkg, Set.of());
        for (String other : next) {
            List<String> found = circleFrom(other, arrows, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(pkg, 2);
        return List.of();
    }

    /** Our packages a file names, in imports or as qualified names in code (comments and strings aside). */
    private static Map<String, String> ourPackagesUsedBy(Path file) {
        Map<String, String> used = new TreeMap<>();
        Matcher m = QUALIFIED_NAME.matcher(code(file).replaceFirst("(?m)^package [\\w.]+;", ""));
        while (m.find()) {
            used.putIfAbsent(m.group(1).substring(0, m.group(1).length() - 1), m.group());
        }
        return used;
    }

    /** Every dotted name in code, in imports or written out (comments and strings aside). */
    private static List<String> qualifiedNames(Path file) {
        List<String> names = new ArrayList<>();
        Matcher m = DOTTED_NAME.matcher(code(file));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The source without comments and without the insides of string literals, text blocks and char literals. */
    private static String code(Path file) {
        return NOT_CODE.matcher(read(file)).replaceAll(" ");
    }

    /** Main sources by package (relative to io.sparksweep), package-info.java left out. */
    private static Map<String, List<Path>> sources() {
        Path base = packageFolder("");
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"))
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.groupingBy(f -> base.relativize(f.getParent()).toString().replace('/', '.'),
                            TreeMap::new, Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path packageFolder(String pkg) {
        Path base = ProjectPaths.root().resolve("src/main/java").resolve(ROOT_PACKAGE.replace('.', '/'));
        return pkg.isEmpty() ? base : base.resolve(pkg.replace('.', '/'));
    }

    private static Map<String, Set<String>> rules(String... pairs) {
        Map<String, Set<String>> rules = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            rules.put(pairs[i], pairs[i + 1].isEmpty() ? Set.of() : Set.of(pairs[i + 1].split(" ")));
        }
        return rules;
    }

    private static String relative(Path file) {
        return ProjectPaths.root().relativize(file).toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
