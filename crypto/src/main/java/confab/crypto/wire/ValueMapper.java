package confab.crypto.wire;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/// How one Java type travels as JSON: written straight to a `JsonWriter`, read back from a
/// parsed {@link JsonNode} with strict checks. Built once per type, immutable, thread-safe.
///
/// The types a protocol record may use, and their JSON:
/// ```
/// int, long        number, an integer literal in range (no fraction, no exponent)
/// boolean          true / false
/// String           string (well-formed Unicode: no lone surrogate, not even escaped)
/// Bytes            string, canonical standard Base64 with padding
/// an enum          string, the constant's name
/// a record         object, one member per component (see RecordMapper)
/// List<T>          array of T
/// ```
/// `null` is never a valid value. Any other type fails when the codec is built.
interface ValueMapper {
    void write(JsonWriter out, Object value) throws IOException;

    /// @param path where `json` is, for error messages, e.g. `joined.members[2]`
    Object read(JsonNode json, String path) throws ProtocolException;

    static ValueMapper forType(Type type) {
        if (type == int.class) {
            return Scalar.INT;
        } else if (type == long.class) {
            return Scalar.LONG;
        } else if (type == boolean.class) {
            return Scalar.BOOLEAN;
        } else if (type == String.class) {
            return Scalar.STRING;
        } else if (type == Bytes.class) {
            return Scalar.BYTES;
        } else if (type instanceof Class<?> enumType && enumType.isEnum()) {
            return new EnumMapper(enumType);
        } else if (type instanceof Class<?> recordType && recordType.isRecord()) {
            return new RecordMapper(recordType);
        } else if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return new ListMapper(forType(list.getActualTypeArguments()[0]));
        }
        throw new IllegalStateException("no JSON mapping for " + type.getTypeName());
    }

    static ProtocolException wrongType(String path, String expected, JsonNode actual) {
        return new ProtocolException(
                ProtocolException.Kind.WRONG_TYPE,
                path + ": expected " + expected + ", got " + actual.jsonType());
    }

    static ProtocolException invalid(String path, String problem) {
        return new ProtocolException(ProtocolException.Kind.INVALID_VALUE, path + ": " + problem);
    }

    /// The start of a value from the peer, short enough for an error message.
    static String excerpt(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    enum Scalar implements ValueMapper {
        INT {
            @Override
            public void write(JsonWriter out, Object value) throws IOException {
                out.value((long) (Integer) value);
            }

            @Override
            public Object read(JsonNode json, String path) throws ProtocolException {
                return (int) integer(json, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
        },
        LONG {
            @Override
            public void write(JsonWriter out, Object value) throws IOException {
                out.value((long) (Long) value);
            }

            @Override
            public Object read(JsonNode json, String path) throws ProtocolException {
                return integer(json, path, Long.MIN_VALUE, Long.MAX_VALUE);
            }
        },
        BOOLEAN {
            @Override
            public void write(JsonWriter out, Object value) throws IOException {
                out.value((boolean) (Boolean) value);
            }

            @Override
            public Object read(JsonNode json, String path) throws ProtocolException {
                if (!(json instanceof JsonNode.BooleanNode b)) {
                    throw wrongType(path, "a boolean", json);
                }
                return b.value();
            }
        },
        STRING {
            @Override
            public void write(JsonWriter out, Object value) throws IOException {
                String text = (String) value;
                if (!isWellFormed(text)) {
                    throw new IllegalArgumentException("string with a lone surrogate");
                }
                out.value(text);
            }

            @Override
            public Object read(JsonNode json, String path) throws ProtocolException {
                // Gson's strict mode already refused escaped lone surrogates ("\ud800")
                if (!(json instanceof JsonNode.StringNode s)) {
                    throw wrongType(path, "a string", json);
                }
                return s.value();
            }
        },
        BYTES {
            @Override
            public void write(JsonWriter out, Object value) throws IOException {
                out.value(((Bytes) value).toBase64());
            }

            @Override
            public Object read(JsonNode json, String path) throws ProtocolException {
                if (!(json instanceof JsonNode.StringNode s)) {
                    throw wrongType(path, "a Base64 string", json);
                }
                Bytes bytes;
                try {
                    bytes = Bytes.fromBase64(s.value());
                } catch (IllegalArgumentException e) {
                    throw invalid(path, "not Base64: " + excerpt(s.value()));
                }
                // the JDK decoder also takes missing padding and stray low bits; one encoding
                // per value keeps signatures and comparisons over the JSON simple
                if (!bytes.toBase64().equals(s.value())) {
                    throw invalid(path, "not canonical Base64: " + excerpt(s.value()));
                }
                return bytes;
            }
        };

        private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

        private static long integer(JsonNode json, String path, long min, long max)
                throws ProtocolException {
            if (!(json instanceof JsonNode.NumberNode number)) {
                throw wrongType(path, "an integer", json);
            }
            String literal = number.literal();
            if (!INTEGER.matcher(literal).matches()) {
                throw invalid(path, "not an integer: " + excerpt(literal));
            }
            try {
                long value = Long.parseLong(literal);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // an integer literal beyond even a long
            }
            throw invalid(path, "out of range: " + excerpt(literal));
        }

        private static boolean isWellFormed(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }
    }

    final class EnumMapper implements ValueMapper {
        private final Map<String, Object> byName = new HashMap<>();

        EnumMapper(Class<?> enumType) {
            for (Object constant : enumType.getEnumConstants()) {
                byName.put(((Enum<?>) constant).name(), constant);
            }
        }

        @Override
        public void write(JsonWriter out, Object value) throws IOException {
            out.value(((Enum<?>) value).name());
        }

        @Override
        public Object read(JsonNode json, String path) throws ProtocolException {
            if (!(json instanceof JsonNode.StringNode s)) {
                throw wrongType(path, "a name", json);
            }
            Object constant = byName.get(s.value());
            if (constant == null) {
                throw invalid(path, "unknown name: " + excerpt(s.value()));
            }
            return constant;
        }
    }

    final class ListMapper implements ValueMapper {
        private final ValueMapper element;

        ListMapper(ValueMapper element) {
            this.element = element;
        }

        @Override
        public void write(JsonWriter out, Object value) throws IOException {
            out.beginArray();
            for (Object item : (List<?>) value) {
                element.write(out, item);
            }
            out.endArray();
        }

        @Override
        public Object read(JsonNode json, String path) throws ProtocolException {
            if (!(json instanceof JsonNode.ArrayNode array)) {
                throw wrongType(path, "an array", json);
            }
            List<Object> items = new ArrayList<>(array.elements().size());
            for (int i = 0; i < array.elements().size(); i++) {
                items.add(element.read(array.elements().get(i), path + "[" + i + "]"));
            }
            return items;
        }
    }
}
