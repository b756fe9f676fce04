package io.sparksweep.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What was run, where and with what: the spec, the versions, the executors, and the runs that went wrong. */
public final class ProvenanceSection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvenanceSection() {
    }

    public static String problemRuns(List<ProblemRun> runs) {
        if (runs.isEmpty()) {
            return "<p>Every run succeeded.</p>\n";
        }
        StringBuilder html = new StringBuilder("<table>\n<thead><tr><th>trial</th><th>seed</th><th>status</th>"
                + "<th>error</th></tr></thead>\n<tbody>\n");
        for (ProblemRun run : runs) {
            html.append("<tr><td><code>").append(Html.escape(run.trialId())).append("</code></td><td>")
                    .append(run.seed()).append("</td><td class=\"status-").append(run.status().label())
                    .append("\">").append(run.status().label()).append("</td><td>")
                    .append(Html.escape(run.error())).append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }

    public static String spec(SweepMetadata sweep) {
        return "<table class=\"facts\">\n"
                + fact("sweep", sweep.name())
                + fact("spec hash", sweep.specHash())
                + fact("base seed", Long.toString(sweep.seed()))
                + fact("seeds per configuration", Integer.toString(sweep.repeats()))
                + fact("started", instant(sweep.started()))
                + fact("finished", instant(sweep.finished()))
                + fact("wall time", duration(sweep.started(), sweep.finished()))
                + fact("Spark master", sweep.sparkMaster())
                + "</table>\n<h3>Spec</h3>\n<pre class=\"spec\">" + Html.escape(sweep.specText()) + "</pre>\n"
                + "<h3>Versions</h3>\n<pre>" + Html.escape(prettyJson(sweep.versionsJson())) + "</pre>\n";
    }

    public static String runProvenance(List<ProvenanceCount> provenance, List<ExecutorUsage> executors) {
        StringBuilder html = new StringBuilder();
        if (provenance.size() > 1) {
            html.append("<p class=\"warning\">The runs were made in ").append(provenance.size())
                    .append(" different environments; compare them before comparing results.</p>\n");
        }
        for (ProvenanceCount entry : provenance) {
            html.append("<h3>Provenance of ").append(entry.runs()).append(entry.runs() == 1 ? " run" : " runs")
                    .append("</h3>\n")
                    .append("<pre>").append(Html.escape(prettyJson(entry.provenanceJson()))).append("</pre>\n");
        }
        html.append("<table>\n<thead><tr><th>executor</th><th>GPU</th><th>runs</th><th>training time</th></tr>"
                + "</thead>\n<tbody>\n");
        for (ExecutorUsage executor : executors) {
            html.append("<tr><td>").append(Html.escape(executor.executor())).append("</td><td>")
                    .append(executor.gpu() == null ? "CPU" : Html.escape(executor.gpu())).append("</td><td>")
                    .append(executor.runs()).append("</td><td>")
                    .append(Html.escape(Values.decimal(executor.trainSeconds(), 1))).append(" s</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }

    /** Indented for reading; shown as it is when it is not JSON. */
    static String prettyJson(String json) {
        if (json == null) {
            return "";
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static String fact(String name, String value) {
        return "<tr><th>" + Html.escape(name) + "</th><td>" + Html.escape(value) + "</td></tr>\n";
    }

    private static String instant(Instant instant) {
        return instant == null ? "\u2013" : instant.toString();
    }

    private static String duration(Instant started, Instant finished) {
        if (started == null || finished == null) {
            return "\u2013";
        }
        Duration duration = Duration.between(started, finished);
        return String.format("%dh %02dm %02ds", duration.toHours(), duration.toMinutesPart(),
                duration.toSecondsPart());
    }
}
