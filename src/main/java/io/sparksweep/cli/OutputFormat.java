package io.sparksweep.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** The formats the {@code sql} command can print a result in. */
enum OutputFormat {
    TABLE, CSV, JSON;

    static OutputFormat parse(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--format must be table, csv or json, got '"
                        + name + "'"));
    }

    void write(StructType schema, List<Row> rows, PrintWriter out) {
        switch (this) {
            case TABLE -> table(schema, rows, out);
            case CSV -> csv(schema, rows, out);
            case JSON -> json(schema, rows, out);
        }
        out.flush();
    }

    private static void table(StructType schema, List<Row> rows, PrintWriter out) {
        TextTable table = new TextTable(List.of(schema.fieldNames()));
        rows.forEach(row -> table.add(cells(row, CellText::human)));
        table.print(out);
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    /** RFC 4180: a header line, fields quoted when they hold a comma, quote or line break; null is empty. */
    private static void csv(StructType schema, List<Row> rows, PrintWriter out) {
        out.println(String.join(",", Arrays.stream(schema.fieldNames()).map(OutputFormat::csvField).toList()));
        rows.forEach(row -> out.println(String.join(",",
                cells(row, CellText::exact).stream().map(OutputFormat::csvField).toList())));
    }

    private static String csvField(String text) {
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** One JSON array of objects; numbers and booleans stay typed, nulls are kept, timestamps are ISO-8601. */
    private static void json(StructType schema, List<Row> rows, PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (Row row : rows) {
                json.writeStartObject();
                for (int i = 0; i < schema.size(); i++) {
                    json.writeFieldName(schema.fields()[i].name());
                    writeValue(json, row.get(i));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write json: " + e.getMessage(), e);
        }
        out.println();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            // JSON has no NaN: write it as a string the reader can still recognise
            if (Double.isFinite(d)) {
                json.writeNumber(d);
            } else {
                json.writeString(Double.toString(d));
            }
        } else if (value instanceof Number n) {
            json.writeNumber(n.longValue());
        } else {
            json.writeString(CellText.exact(value));
        }
    }

    private static List<String> cells(Row row, java.util.function.Function<Object, String> text) {
        return java.util.stream.IntStream.range(0, row.size()).mapToObj(i -> text.apply(row.get(i))).toList();
    }
}
