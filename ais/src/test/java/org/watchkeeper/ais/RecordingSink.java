package org.watchkeeper.ais;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test sink: records every field as {@code path -> value text}, where nested objects and array
 * elements extend the path ({@code subareas[0].radius}). Mirrors the FieldSink contract: NaN
 * doubles and null strings are not recorded.
 */
public final class RecordingSink implements FieldSink {
    public final Map<String, String> fields = new LinkedHashMap<>();
    private final Deque<String> path = new ArrayDeque<>();
    private final Deque<int[]> arrayCounters = new ArrayDeque<>();

    private String key(String name) {
        StringBuilder sb = new StringBuilder();
        path.descendingIterator().forEachRemaining(p -> sb.append(p).append('.'));
        return sb + name;
    }

    private void put(String name, String value) {
        String k = key(name);
        if (fields.containsKey(k)) {
            throw new AssertionError("field written twice: " + k);
        }
        fields.put(k, value);
    }

    @Override
    public void field(String name, long value) {
        put(name, Long.toString(value));
    }

    @Override
    public void field(String name, double value, int decimals) {
        if (!Double.isNaN(value)) {
            put(name, String.format(java.util.Locale.ROOT, "%." + decimals + "f", value));
        }
    }

    @Override
    public void field(String name, String value) {
        if (value != null) {
            put(name, value);
        }
    }

    @Override
    public void field(String name, boolean value) {
        put(name, Boolean.toString(value));
    }

    @Override
    public void beginObject(String name) {
        if (name == null) {
            int[] c = arrayCounters.peek();
            String arr = path.pop();
            path.push(arr);
            path.push("[" + c[0]++ + "]");
        } else {
            path.push(name);
        }
    }

    @Override
    public void endObject() {
        path.pop();
    }

    @Override
    public void beginArray(String name) {
        path.push(name);
        arrayCounters.push(new int[1]);
    }

    @Override
    public void endArray() {
        path.pop();
        arrayCounters.pop();
    }
}
