package io.sparksweep.spec;

import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecLoaderTest {

    private static final SpecLoader LOADER = new SpecLoader(List.of("lenet5", "minivgg", "stride"),
            List.of("adam", "sgd"));

    @TempDir
    Path dir;

    private String data() {
        return "data: {dataset: fashion-mnist, path: '" + ProjectPaths.fashionMnist() + "', trainLimit: 600}\n";
    }

    private SweepDefinition load(String yaml) throws IOException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, yaml);
        return LOADER.load(file);
    }

    @Test
    void shippedSweepsAreValid() throws IOException {
        try (var specs = Files.list(ProjectPaths.root().resolve("sweeps"))) {
            List<Path> files = specs.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(files.size() >= 6, "expected the shipped sweeps, got " + files);
            SpecLoader all = new SpecLoader(List.of("lenet5", "minivgg", "baseline", "deep", "stride", "vgglike"),
                    List.of("adam", "sgd", "nesterovs", "rmsprop"));
            for (Path file : files) {
                SweepDefinition d = all.load(file);
                assertEquals(file.getFileName().toString().replace(".yaml", ""), d.name(), "name matches file");
            }
        }
    }

    @Test
    void theDropoutRaceTrainsRunsOfTheShippedDropoutStudy() throws IOException {
        SpecLoader all = new SpecLoader(List.of("lenet5", "minivgg"), List.of("adam"));
        SweepDefinition exhaustive = all.load(ProjectPaths.root().resolve("sweeps/dropout-study.yaml"));
        SweepDefinition race = all.load(ProjectPaths.root().resolve("sweeps/study-dropout-race.yaml"));
        assertEquals(exhaustive.seed(), race.seed(), "repeat r gets the same seed in both");
        assertEquals(io.sparksweep.space.TrialPlanner.plan(exhaustive, "data").stream().map(io.sparksweep.space.Trial::trialId).toList(),
                io.sparksweep.space.TrialPlanner.plan(race, "data").stream().map(io.sparksweep.space.Trial::trialId).toList());
    }

    @Test
    void quickShapeFromTheIssueParsesWithDefaults() throws IOException {
        SweepDefinition d = load("name: q\n" + data() + """
                model: lenet5
                space:
                  learningRate: [0.001, 0.01]
                  batchSize: [64, 128]
                  shuffle: [true, false]
                  patience: [3]
                  dropout: {min: 0.0, max: 0.5}
                  kernelSize: [5]
                  filters: [6]
                search: {strategy: grid, gridSteps: 3}
                repeats: 3
                seed: 42
                training: {maxEpochs: 2, optimizer: adam, metric: accuracy}
                """);
        assertEquals(3, d.repeats());
        assertEquals(42L, d.seed());
        assertEquals(0.1, d.data().validationFraction());
        assertInstanceOf(Domain.Choice.class, d.space().get(Hyperparameter.LEARNING_RATE));
        assertEquals(new Domain.Fixed(3), d.space().get(Hyperparameter.PATIENCE), "a one-element list is fixed");
        assertEquals(new Domain.RealRange(0.0, 0.5, false), d.space().get(Hyperparameter.DROPOUT));
        assertEquals(new Domain.Fixed("adam"), d.space().get(Hyperparameter.OPTIMIZER));
        assertTrue(d.sourceText().contains("gridSteps: 3"));
        assertNull(d.runTimeout(), "no run timeout unless asked");
    }

    @Test
    void runTimeoutIsADurationAndNoPartOfTheTrialIds() throws IOException {
        String spec = "name: q\n" + data() + "space: {learningRate: [0.001, 0.01]}\n";
        SweepDefinition limited = load(spec + "training: {maxEpochs: 2, runTimeout: 1h30m}\n");
        assertEquals(java.time.Duration.ofMinutes(90), limited.runTimeout());
        SweepDefinition unlimited = load(spec + "training: {maxEpochs: 2}\n");
        assertEquals(trialIds(unlimited), trialIds(limited), "a timeout changes nothing that trains");
    }

    @Test
    void selectionIsValidationUnlessTheSpecSaysTestAndNoPartOfTheTrialIds() throws IOException {
        String spec = "name: q\n" + data() + "space: {learningRate: [0.001, 0.01]}\n";
        SweepDefinition byDefault = load(spec + "training: {maxEpochs: 2}\n");
        assertEquals("validation", byDefault.selection());
        SweepDefinition onTest = load(spec + "training: {maxEpochs: 2, selection: test}\n");
        assertEquals("test", onTest.selection());
        assertEquals(trialIds(byDefault), trialIds(onTest), "the selection set changes nothing that trains");
    }

    private static List<String> trialIds(SweepDefinition d) {
        return io.sparksweep.engine.SpecSweeps.request(d).trials().stream().map(io.sparksweep.space.Trial::trialId).toList();
    }

    @Test
    void raceShapeFromTheIssueParses() throws IOException {
        SweepDefinition d = load("name: q\n" + data() + """
                space: {learningRate: [0.001, 0.01]}
                search: {strategy: race, candidates: random, samples: 40}
                repeats: {min: 2, max: 10}
                race: {alpha: 0.05, budget: 200}
                """);
        assertEquals(new SweepDefinition.Race(2, 10, 0.05, 200), d.race());
        assertEquals(SweepDefinition.Search.RANDOM, d.search().strategy(), "candidates drawn at random");
        assertEquals(40, d.search().samples());
        assertEquals(10, d.repeats(), "a race's repeats is its most seeds");
        assertEquals(null, d.halving());
        SweepDefinition defaults = load("name: q\n" + data() + "search: {strategy: race}\nrepeats: {min: 3, max: 6}\n");
        assertEquals(new SweepDefinition.Race(3, 6, 0.05, 0), defaults.race());
        assertEquals(SweepDefinition.Search.GRID, defaults.search().strategy());
    }

    @Test
    void halvingShapeParsesAndSetsTheEpochs() throws IOException {
        SweepDefinition d = load("name: q\n" + data() + """
                search: {strategy: halving, candidates: grid}
                halving: {rungs: [2, 6, 18], reduction: 3}
                repeats: 2
                """);
        assertEquals(new SweepDefinition.Halving(List.of(2, 6, 18), 3), d.halving());
        assertEquals(18, d.maxEpochs(), "the last rung is the full training");
        assertEquals(null, d.race());
    }

    @Test
    void modelInsideSpaceOverridesTheDefaultFamily() throws IOException {
        SweepDefinition d = load("name: q\n" + data() + "space:\n  model: [lenet5, minivgg]\n");
        assertEquals(new Domain.Choice(List.of("lenet5", "minivgg")), d.space().get(Hyperparameter.MODEL));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown top-level key      | colour: red                                   | colour: unknown field",
            "unknown hyperparameter     | 'space: {learningrate: [0.1]}'                | space.learningrate: unknown hyperparameter",
            "wrong type                 | 'repeats: many'                               | repeats: wrong type",
            "empty list                 | 'space: {batchSize: []}'                      | space.batchSize: empty list",
            "non-positive batch size    | 'space: {batchSize: [64, 0]}'                 | space.batchSize[1]: must be a positive batch size",
            "non-positive epochs        | 'training: {maxEpochs: 0}'                    | training.maxEpochs: must be > 0",
            "reversed range             | 'space: {dropout: {min: 0.5, max: 0.1}}'      | space.dropout: reversed or empty range",
            "non-positive log range     | 'space: {learningRate: {min: 0, max: 0.1, scale: log}}' | space.learningRate.min: must be > 0",
            "log range from zero        | 'space: {l2: {min: 0.0, max: 0.1, scale: log}}' | space.l2: a log range needs min > 0",
            "unknown model              | 'model: resnet'                               | model: unknown value 'resnet'",
            "unknown model in space     | 'space: {model: [lenet5, resnet]}'            | space.model[1]: unknown value 'resnet'",
            "unknown strategy           | 'search: {strategy: bayes}'                   | search.strategy: unknown value 'bayes'",
            "fractional integer         | 'space: {filters: [6.5]}'                     | space.filters[0]: expected a whole number",
            "dropout of one             | 'space: {dropout: [1.0]}'                     | space.dropout[0]: must be in [0, 1)",
            "bool range                 | 'space: {shuffle: {min: 0, max: 1}}'          | space.shuffle: a {min, max} range needs a numeric",
            "duplicate value            | 'space: {batchSize: [64, 64]}'                | space.batchSize[1]: duplicate value",
            "zero repeats               | 'repeats: 0'                                  | repeats: must be > 0",
            "run timeout not a duration | 'training: {runTimeout: soon}'                | training.runTimeout: expected a duration like 90s, 45m or 2h, got 'soon'",
            "run timeout of zero        | 'training: {runTimeout: 0s}'                  | training.runTimeout: expected a duration like 90s, 45m or 2h, got '0s' (it must be longer than zero)",
            "unknown selection set      | 'training: {selection: train}'                | training.selection: unknown value 'train'",
            "unknown schedule           | 'space: {schedule: [none, cosine]}'           | space.schedule[1]: unknown schedule 'cosine'",
            "unknown schedule kind      | 'space: {schedule: [{linear: {every: 2}}]}'   | space.schedule[0]: unknown schedule 'linear'",
            "step every zero            | 'space: {schedule: [{step: {every: 0, factor: 0.8}}]}' | space.schedule[0]: step.every: must be >= 1 epoch, got 0",
            "step factor above one      | 'space: {schedule: {step: {every: 5, factor: 1.5}}}' | space.schedule: step.factor: must be in (0, 1), got 1.5",
            "step without factor        | 'space: {schedule: [{step: {every: 5}}]}'     | space.schedule[0]: step.factor: required",
            "step field not a number    | 'space: {schedule: [{step: {every: soon, factor: 0.5}}]}' | space.schedule[0]: step.every: expected a number, got",
            "plateau unknown field      | 'space: {schedule: [{plateau: {patience: 2, factor: 0.5, cooldown: 1}}]}' | space.schedule[0]: plateau.cooldown: unknown field (known: patience, factor, min)",
            "plateau negative min       | 'space: {schedule: [{plateau: {patience: 2, factor: 0.5, min: -1}}]}' | space.schedule[0]: plateau.min: must be >= 0, got -1.0",
            "same schedule twice        | 'space: {schedule: [{step: {every: 5, factor: 0.5}}, {step: {factor: 0.5, every: 5}}]}' | space.schedule[1]: duplicate value step(every=5,factor=0.5)",
            "augmentation shift too big | 'space: {augmentation: [none, {shift: 20, flip: true}]}' | space.augmentation[1]: shift: must be in [0, 8] pixels, got 20",
            "augmentation unknown field | 'space: {augmentation: [{rotate: 10}]}'      | space.augmentation[0]: rotate: unknown field (known: shift, flip)",
            "augmentation wrong type    | 'space: {augmentation: [lots]}'               | space.augmentation[0]: expected none, true, false or {shift: N, flip: true|false}",
    })
    void badInputNamesFileAndField(String what, String line, String expected) throws IOException {
        SpecException e = assertThrows(SpecException.class, () -> load("name: q\n" + data() + line + "\n"));
        assertTrue(e.getMessage().startsWith("spec.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), what + " -> " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    /** Lines of the spec are separated by " ; " here (a YAML flow mapping cannot hold several top-level keys). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "repeat range without race   | repeats: {min: 2, max: 5} | repeats: a {min, max} range needs search.strategy: race",
            "race without a range        | search: {strategy: race} ; repeats: 5 | repeats: a race needs {min, max}",
            "race min of one             | search: {strategy: race} ; repeats: {min: 1, max: 5} | repeats.min: must be >= 2",
            "race max below min          | search: {strategy: race} ; repeats: {min: 4, max: 3} | repeats.max: must be >= repeats.min",
            "race unknown repeats key    | search: {strategy: race} ; repeats: {min: 2, most: 3} | repeats.most: unknown field",
            "race alpha out of range     | search: {strategy: race} ; repeats: {min: 2, max: 5} ; race: {alpha: 0.9} | race.alpha: must be in (0, 0.5]",
            "race zero budget            | search: {strategy: race} ; repeats: {min: 2, max: 5} ; race: {budget: 0} | race.budget: must be > 0",
            "race unknown key            | search: {strategy: race} ; repeats: {min: 2, max: 5} ; race: {level: 1} | race.level: unknown field",
            "race section without race   | race: {alpha: 0.05} | race: only used with search.strategy: race",
            "bad candidates              | search: {strategy: race, candidates: bayes} ; repeats: {min: 2, max: 5} | search.candidates: unknown value 'bayes'",
            "candidates on a grid        | search: {strategy: grid, candidates: grid} | search.candidates: only used with search.strategy race or halving",
            "halving without rungs       | search: {strategy: halving} | halving.rungs: required",
            "halving rungs not rising    | search: {strategy: halving} ; halving: {rungs: [2, 2]} | halving.rungs[1]: rungs must increase",
            "halving reduction of one    | search: {strategy: halving} ; halving: {rungs: [1, 3], reduction: 1} | halving.reduction: must be >= 2",
            "halving epochs disagree     | search: {strategy: halving} ; halving: {rungs: [1, 3]} ; training: {maxEpochs: 5} | training.maxEpochs: with halving the last rung",
    })
    void badRaceOrHalvingNamesTheField(String what, String lines, String expected) throws IOException {
        SpecException e = assertThrows(SpecException.class,
                () -> load("name: q\n" + data() + lines.replace(" ; ", "\n") + "\n"));
        assertTrue(e.getMessage().contains(expected), what + " -> " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void missingDatasetFolderIsReportedBeforeTraining() {
        SpecException e = assertThrows(SpecException.class,
                () -> load("name: q\ndata: {dataset: idx, path: /nonexistent/mnist}\n"));
        assertTrue(e.getMessage().contains("data.path: dataset folder not found"), e.getMessage());
    }

    @Test
    void brokenYamlNamesTheLine() {
        SpecException e = assertThrows(SpecException.class, () -> load("name: q\nspace: [unclosed\n"));
        assertTrue(e.getMessage().contains("not valid YAML") || e.getMessage().contains("wrong type"), e.getMessage());
    }

    @Test
    void yamlTagsCannotConstructClasses() throws IOException {
        // Jackson maps YAML onto the spec records only: a global tag is ignored, never instantiated.
        SweepDefinition d = load("name: !!javax.script.ScriptEngineManager quick\n" + data());
        assertEquals("quick", d.name());
    }

    @Test
    void missingFileIsOneLine() {
        SpecException e = assertThrows(SpecException.class, () -> LOADER.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().endsWith("no such spec file"), e.getMessage());
    }

    @Test
    void aSpecThatIsNotUtf8IsNamedWithTheOffendingByte() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "name: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        SpecException e = assertThrows(SpecException.class, () -> LOADER.load(file));
        assertEquals(file + ": not UTF-8 text: byte 0xE9 at offset 9 (line 1) is not valid UTF-8; save the spec as UTF-8",
                e.getMessage());
    }

    @Test
    void aHugeValueIsNotEchoedBack() throws IOException {
        String huge = "9".repeat(200_000);
        SpecException wrongType = assertThrows(SpecException.class, () -> load("name: q\n" + data() + "repeats: " + huge + "\n"));
        assertTrue(wrongType.getMessage().length() < 200, wrongType.getMessage().length() + " characters");
        assertTrue(wrongType.getMessage().startsWith("spec.yaml: repeats: wrong type: expected a whole number, got '99999"),
                wrongType.getMessage());
        assertTrue(wrongType.getMessage().endsWith("... (200000 characters)'"), wrongType.getMessage());

        String name = "x".repeat(100_000);
        SpecException unknown = assertThrows(SpecException.class, () -> load("name: q\n" + data() + "model: " + name + "\n"));
        assertTrue(unknown.getMessage().length() < 300, unknown.getMessage());
        assertTrue(unknown.getMessage().startsWith("spec.yaml: model: unknown value 'xxx"), unknown.getMessage());
    }
}
