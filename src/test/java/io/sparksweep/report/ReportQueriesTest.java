package io.sparksweep.report;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportQueriesTest {

    private static final Pattern BRACES = Pattern.compile("[{}]");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(top|hp)}");

    /** Python's str.format would choke on, or fill, any other brace in the notebook. */
    @Test
    void templatesHoldNoBraceButTheirPlaceholders() throws IllegalAccessException {
        for (String sql : queries()) {
            String withoutPlaceholders = PLACEHOLDER.matcher(sql).replaceAll("");
            assertFalse(BRACES.matcher(withoutPlaceholders).find(), sql);
            assertFalse(sql.contains("\"\"\"") || sql.contains("\\"), "breaks a Python triple-quoted string: " + sql);
        }
    }

    @Test
    void bindingFillsEveryPlaceholder() {
        String curves = ReportQueries.topConfigurations(ReportQueries.LEARNING_CURVES, 7);
        assertTrue(curves.contains("LIMIT 7"));
        assertFalse(curves.contains("{"));
        String effect = ReportQueries.hyperparameterEffect("batch_size");
        assertEquals(2, count(effect, "s.`batch_size`"));
        assertFalse(effect.contains("{"));
    }

    @Test
    void bindingRejectsWhatWouldBreakTheSql() {
        assertThrows(IllegalArgumentException.class,
                () -> ReportQueries.topConfigurations(ReportQueries.LEARNING_CURVES, 0));
        assertThrows(IllegalArgumentException.class, () -> ReportQueries.hyperparameterEffect("a` OR 1=1 --"));
    }

    private static List<String> queries() throws IllegalAccessException {
        List<String> queries = new ArrayList<>();
        for (Field field : ReportQueries.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && field.getType() == String.class) {
                queries.add((String) field.get(null));
            }
        }
        assertFalse(queries.isEmpty());
        return queries;
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
