package io.sparksweep.store;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed columns holding a sweep's hyperparameters, in first-seen order. Types are Double, Integer,
 * Boolean or String. If one key shows up with two types (a spec edited between resumes, say 0.1 and 1),
 * the column widens to double, or to string for any other mix, because refusing would lose finished runs.
 * The model family is not among them: it has its fixed {@code model} column ({@link ColumnNames#MODEL_KEY}).
 */
record HyperparameterColumns(List<StructField> fields) {

    HyperparameterColumns {
        fields = List.copyOf(fields);
    }

    /**
     * @param existing columns already in tables, kept in their order (a name may repeat across tables)
     * @param settings hyperparameter maps of records about to be written
     */
    static HyperparameterColumns of(List<StructField> existing, Collection<Map<String, Object>> settings) {
        Map<String, DataType> types = new LinkedHashMap<>();
        existing.forEach(f -> types.merge(f.name(), f.dataType(), HyperparameterColumns::common));
        Map<String, String> keyOfColumn = new HashMap<>();
        for (Map<String, Object> one : settings) {
            one.forEach((key, value) -> {
                if (key.equals(ColumnNames.MODEL_KEY)) {
                    return;
                }
                String column = ColumnNames.hyperparameterColumn(key);
                String earlier = keyOfColumn.putIfAbsent(column, key);
                if (earlier != null && !earlier.equals(key)) {
                    throw new IllegalArgumentException("hyperparameters '" + earlier + "' and '" + key
                            + "' both map to column '" + column + "'");
                }
                if (value != null) {
                    types.merge(column, typeOf(key, value), HyperparameterColumns::common);
                }
            });
        }
        List<StructField> fields = new ArrayList<>();
        types.forEach((name, type) -> fields.add(DataTypes.createStructField(name, type, true)));
        return new HyperparameterColumns(fields);
    }

    /** Values of one record's hyperparameters in column order, converted to the column types; null when absent. */
    Object[] values(Map<String, Object> settings) {
        Map<String, Object> byColumn = new HashMap<>();
        settings.forEach((key, value) -> byColumn.put(ColumnNames.hyperparameterColumn(key), value));
        Object[] out = new Object[fields.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = convert(byColumn.get(fields.get(i).name()), fields.get(i).dataType());
        }
        return out;
    }

    static DataType typeOf(String key, Object value) {
        if (value instanceof Double) {
            return DataTypes.DoubleType;
        } else if (value instanceof Integer) {
            return DataTypes.IntegerType;
        } else if (value instanceof Boolean) {
            return DataTypes.BooleanType;
        } else if (value instanceof String) {
            return DataTypes.StringType;
        }
        throw new IllegalArgumentException("hyperparameter '" + key + "' has a value of type "
                + value.getClass().getSimpleName() + "; expected Double, Integer, Boolean or String");
    }

    static DataType common(DataType a, DataType b) {
        if (a.equals(b)) {
            return a;
        }
        boolean numeric = isNumber(a) && isNumber(b);
        return numeric ? DataTypes.DoubleType : DataTypes.StringType;
    }

    private static boolean isNumber(DataType type) {
        return type.equals(DataTypes.DoubleType) || type.equals(DataTypes.IntegerType);
    }

    private static Object convert(Object value, DataType type) {
        if (value == null) {
            return null;
        } else if (type.equals(DataTypes.StringType)) {
            return value.toString();
        } else if (type.equals(DataTypes.DoubleType)) {
            return ((Number) value).doubleValue();
        }
        return value;
    }
}
