package confab.crypto.wire;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// A parsed JSON value, as the codec checks it against a message's shape.
///
/// Parsing first and mapping second keeps the two kinds of error apart: anything that is not
/// one well-formed JSON value fails here, whatever the message type would have been.
sealed interface JsonNode {
    record ObjectNode(Map<String, JsonNode> members) implements JsonNode {}

    record ArrayNode(List<JsonNode> elements) implements JsonNode {}

    record StringNode(String value) implements JsonNode {}

    /// A number, kept as its literal so that range checks see exactly what was sent.
    record NumberNode(String literal) implements JsonNode {}

    record BooleanNode(boolean value) implements JsonNode {}

    record NullNode() implements JsonNode {}

    /// For error messages: "object", "string", ...
    default String jsonType() {
        return switch (this) {
            case ObjectNode o -> "object";
            case ArrayNode a -> "array";
            case StringNode s -> "string";
            case NumberNode n -> "number";
            case BooleanNode b -> "boolean";
            case NullNode n -> "null";
        };
    }

    /// Parses exactly one JSON value (RFC 8259, no leniency, no byte order mark) with nothing but
    /// whitespace after it. Object member names must be unique (as I-JSON, RFC 7493, requires).
    static JsonNode parse(String json) throws ProtocolException {
        if (json.startsWith("\uFEFF")) { // Gson would skip it; RFC 8259 forbids sending one
            throw new ProtocolException(
                    ProtocolException.Kind.MALFORMED_JSON, "byte order mark before the JSON");
        }
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        JsonNode value;
        try {
            value = read(reader);
        } catch (IOException e) {
            throw new ProtocolException(
                    ProtocolException.Kind.MALFORMED_JSON, "malformed JSON: " + e.getMessage(), e);
        }
        try {
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw trailingData(null);
            }
        } catch (IOException e) {
            throw trailingData(e);
        }
        return value;
    }

    private static JsonNode read(JsonReader reader) throws IOException, ProtocolException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                Map<String, JsonNode> members = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (members.put(name, read(reader)) != null) {
                        throw new ProtocolException(
                                ProtocolException.Kind.MALFORMED_JSON,
                                "duplicate member \"" + name + "\"");
                    }
                }
                reader.endObject();
                return new ObjectNode(members);
            }
            case BEGIN_ARRAY -> {
                List<JsonNode> elements = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    elements.add(read(reader));
                }
                reader.endArray();
                return new ArrayNode(elements);
            }
            case STRING -> {
                return new StringNode(reader.nextString());
            }
            case NUMBER -> {
                return new NumberNode(reader.nextString());
            }
            case BOOLEAN -> {
                return new BooleanNode(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return new NullNode();
            }
            default -> throw new MalformedJsonException("unexpected " + reader.peek());
        }
    }

    private static ProtocolException trailingData(Exception cause) {
        return new ProtocolException(
                ProtocolException.Kind.TRAILING_DATA, "data after the JSON value", cause);
    }
}
