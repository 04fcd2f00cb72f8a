package dev.distillery.hostile;

import java.util.List;
import java.util.Map;

/** Writes generated JSON trees exactly, including escapes Jackson would not produce (lone surrogates). */
final class Json {

    private Json() {}

    /** A raw JSON token written verbatim (e.g. NaN, 1e999, -0). */
    record Raw(String token) {}

    /**
     * While the NUL bug is open (PostgreSQL refuses U+0000 in text and jsonb: a 500, see
     * {@link HostileNulAndMalformedInputTest}), generated strings carry U+FFFD in its place so that the
     * properties keep testing everything else; the reproductions send NUL on purpose.
     */
    static final boolean AVOID_NUL = false;

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.token());
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            out.append(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            string(value.toString(), out);
        }
    }

    /** Text with NUL replaced while the NUL bug is open (for query parameters). */
    static String withoutNul(String text) {
        return AVOID_NUL ? text.replace('\u0000', '\ufffd') : text;
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == 0 && AVOID_NUL) {
                        out.append("\\ufffd");
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
