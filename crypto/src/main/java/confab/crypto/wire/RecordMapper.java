package confab.crypto.wire;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// A record as a JSON object: one member per component, named like it, in declaration order.
///
/// Reading is strict: every component must be present, nothing else may be, and the record's
/// canonical constructor has the last word (its `IllegalArgumentException` or
/// `NullPointerException` becomes `INVALID_VALUE`). Accessors and constructor are looked up
/// once, here.
final class RecordMapper implements ValueMapper {
    private record Component(String name, Method accessor, ValueMapper mapper) {}

    private final Class<?> type;
    private final List<Component> components;
    private final Constructor<?> constructor;

    RecordMapper(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        this.type = type;
        RecordComponent[] recordComponents = type.getRecordComponents();
        List<Component> components = new ArrayList<>();
        Class<?>[] parameterTypes = new Class<?>[recordComponents.length];
        for (int i = 0; i < recordComponents.length; i++) {
            RecordComponent c = recordComponents[i];
            components.add(
                    new Component(
                            c.getName(), c.getAccessor(), ValueMapper.forType(c.getGenericType())));
            parameterTypes[i] = c.getType();
        }
        this.components = List.copyOf(components);
        try {
            constructor = type.getDeclaredConstructor(parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no canonical constructor in " + type, e);
        }
    }

    boolean hasComponent(String name) {
        return components.stream().anyMatch(c -> c.name().equals(name));
    }

    @Override
    public void write(JsonWriter out, Object value) throws IOException {
        out.beginObject();
        writeMembers(out, value);
        out.endObject();
    }

    /// The members, without the braces, so that a message can put its `type` first.
    void writeMembers(JsonWriter out, Object record) throws IOException {
        for (Component component : components) {
            Object value = get(component, record);
            if (value == null) {
                throw new IllegalArgumentException(
                        type.getSimpleName() + "." + component.name() + " is null");
            }
            out.name(component.name());
            component.mapper().write(out, value);
        }
    }

    @Override
    public Object read(JsonNode json, String path) throws ProtocolException {
        if (!(json instanceof JsonNode.ObjectNode object)) {
            throw ValueMapper.wrongType(path, "an object", json);
        }
        return readMembers(object.members(), path, Set.of());
    }

    /// @param handledElsewhere member names the caller has dealt with (a message's `type`)
    Object readMembers(Map<String, JsonNode> members, String path, Set<String> handledElsewhere)
            throws ProtocolException {
        for (String name : members.keySet()) {
            if (!handledElsewhere.contains(name) && !hasComponent(name)) {
                throw new ProtocolException(
                        ProtocolException.Kind.UNKNOWN_FIELD,
                        path + ": unknown member \"" + ValueMapper.excerpt(name) + "\"");
            }
        }
        Object[] values = new Object[components.size()];
        for (int i = 0; i < values.length; i++) {
            Component component = components.get(i);
            JsonNode json = members.get(component.name());
            if (json == null) {
                throw new ProtocolException(
                        ProtocolException.Kind.MISSING_FIELD,
                        path + ": missing member \"" + component.name() + "\"");
            }
            values[i] = component.mapper().read(json, path + "." + component.name());
        }
        return construct(values, path);
    }

    private Object construct(Object[] values, String path) throws ProtocolException {
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException rejected) {
                throw new ProtocolException(
                        ProtocolException.Kind.INVALID_VALUE,
                        path + ": " + rejected.getMessage(),
                        rejected);
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type, e);
        }
    }

    private static Object get(Component component, Object record) {
        try {
            return component.accessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.name(), e);
        }
    }
}
