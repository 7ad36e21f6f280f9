package org.example.intake.fhir;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.json.BaseJsonLikeArray;
import ca.uhn.fhir.parser.json.BaseJsonLikeObject;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import org.hl7.fhir.instance.model.api.IBaseBooleanDatatype;
import org.hl7.fhir.instance.model.api.IBaseDecimalDatatype;
import org.hl7.fhir.instance.model.api.IBaseIntegerDatatype;

/**
 * Checks the one thing HAPI's JSON parser does not: that each primitive value has the JSON type
 * FHIR requires. HAPI (8.8) hands every scalar to the primitive as text, so
 * {@code "valueBoolean": "true"} becomes true and {@code "valueInteger": "12"} becomes 12 without
 * a call to the error handler; it checks JSON types only for {@code id}, for an object where an
 * array belongs and for a scalar where an object belongs.
 *
 * <p>The rule is the one HAPI's encoder follows, read from HAPI's model definitions: a JSON
 * boolean for {@link IBaseBooleanDatatype} (boolean); a JSON number for
 * {@link IBaseIntegerDatatype} (integer, positiveInt, unsignedInt), written without fraction or
 * exponent, and for {@link IBaseDecimalDatatype} (decimal); a JSON string for every other
 * primitive (string, code, uri, dateTime, xhtml, ...). It walks the JSON tree HAPI then parses,
 * alongside the resource's definition: children, choice types ({@code value[x]}), extensions,
 * {@code _element} extensions, contained and nested resources.
 *
 * <p>Everything it cannot place (an unknown element or resource type, an object where a
 * primitive belongs, {@code id}, which HAPI checks itself) it leaves to HAPI's parser, which
 * reports it. Never throws on odd input. Thread-safe.
 */
final class PrimitiveJsonTypes {

    private final FhirContext context;
    private final BaseRuntimeElementCompositeDefinition<?> extension;

    /** A check against the model of {@code context}'s FHIR version. */
    PrimitiveJsonTypes(FhirContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.extension = (BaseRuntimeElementCompositeDefinition<?>) context.getElementDefinition("Extension");
    }

    /**
     * Every primitive value of the wrong JSON type in a resource, in document order; empty when
     * there is none, or when the root names no resource type this context knows (HAPI's parser
     * refuses that).
     */
    List<WrongType> check(BaseJsonLikeObject resource) {
        List<WrongType> found = new ArrayList<>();
        BaseRuntimeElementCompositeDefinition<?> definition = resourceDefinition(resource);
        if (definition != null) {
            new Walk(found).object(resource, definition, definition.getName());
        }
        return found;
    }

    private BaseRuntimeElementCompositeDefinition<?> resourceDefinition(BaseJsonLikeObject resource) {
        BaseJsonLikeValue type = resource.get("resourceType");
        if (type == null || !type.isString()) {
            return null;
        }
        try {
            return context.getResourceDefinition(type.getAsString());
        } catch (DataFormatException e) {
            return null;
        }
    }

    /**
     * One primitive value of the wrong JSON type.
     *
     * @param expression where it is, FHIRPath-like ({@code QuestionnaireResponse.item[2].answer[0].value});
     *                   a choice element is named without its type suffix
     * @param element    the JSON property name, e.g. {@code valueBoolean}
     * @param text       the value as HAPI's parser reads it (patient data: never print it)
     * @param message    what is wrong, naming the element, never the value
     */
    record WrongType(String expression, String element, String text, String message) {
    }

    /** The JSON type a primitive must have. */
    private enum Expected {
        BOOLEAN("a JSON boolean"),
        INTEGER("a JSON number without fraction or exponent"),
        NUMBER("a JSON number"),
        STRING("a JSON string");

        private final String description;

        Expected(String description) {
            this.description = description;
        }

        static Expected of(BaseRuntimeElementDefinition<?> primitive) {
            Class<?> type = primitive.getImplementingClass();
            if (IBaseBooleanDatatype.class.isAssignableFrom(type)) {
                return BOOLEAN;
            }
            if (IBaseIntegerDatatype.class.isAssignableFrom(type)) {
                return INTEGER;
            }
            if (IBaseDecimalDatatype.class.isAssignableFrom(type)) {
                return NUMBER;
            }
            return STRING;
        }

        /** Null when the scalar fits, else what it is instead ("a string", ...). */
        String misfit(BaseJsonLikeValue scalar) {
            ScalarType found = scalar.getDataType();
            if (found == null) {
                return null;
            }
            boolean fits = switch (this) {
                case BOOLEAN -> found == ScalarType.BOOLEAN;
                case INTEGER -> found == ScalarType.NUMBER && isWhole(scalar.getAsNumber());
                case NUMBER -> found == ScalarType.NUMBER;
                case STRING -> found == ScalarType.STRING;
            };
            if (fits) {
                return null;
            }
            return switch (found) {
                case STRING -> "a string";
                case BOOLEAN -> "a boolean";
                case NUMBER -> this == INTEGER ? "a number with a fraction or exponent" : "a number";
            };
        }

        /** Whether the JSON number was written as a whole number (Jackson reads others as decimals). */
        private static boolean isWhole(Number number) {
            return number instanceof Integer || number instanceof Long || number instanceof BigInteger
                    || number instanceof Short || number instanceof Byte;
        }
    }

    private final class Walk {

        private final List<WrongType> found;

        Walk(List<WrongType> found) {
            this.found = found;
        }

        void object(BaseJsonLikeObject json, BaseRuntimeElementCompositeDefinition<?> definition, String path) {
            for (Iterator<String> names = json.keyIterator(); names.hasNext(); ) {
                String name = names.next();
                if (name.isEmpty() || name.equals("resourceType") || name.equals("id") || name.equals("fhir_comments")) {
                    continue;
                }
                BaseJsonLikeValue value = json.get(name);
                if (name.charAt(0) == '_') {
                    primitiveExtensions(value, definition, name.substring(1), path);
                    continue;
                }
                if (name.equals("extension") || name.equals("modifierExtension")) {
                    // Straight to Extension: HAPI's RuntimeChildExtension cannot name the element
                    // of modifierExtension (it asks its choices for "extensionExtension").
                    extensionList(value, name, path);
                    continue;
                }
                BaseRuntimeChildDefinition child = definition.getChildByName(name);
                BaseRuntimeElementDefinition<?> type = child == null ? null : child.getChildByName(name);
                if (type == null) {
                    continue; // unknown: HAPI's parser reports it
                }
                String childPath = path + "." + child.getElementName();
                boolean repeats = child.getMax() != 1;
                if (value != null && value.isArray()) {
                    BaseJsonLikeArray array = value.getAsArray();
                    for (int i = 0; i < array.size(); i++) {
                        element(array.get(i), type, name, repeats ? childPath + "[" + i + "]" : childPath);
                    }
                } else {
                    element(value, type, name, repeats ? childPath + "[0]" : childPath);
                }
            }
        }

        private void element(BaseJsonLikeValue value, BaseRuntimeElementDefinition<?> type, String name, String path) {
            if (value == null || value.isNull()) {
                return;
            }
            switch (type.getChildType()) {
                case PRIMITIVE_DATATYPE, ID_DATATYPE, PRIMITIVE_XHTML, PRIMITIVE_XHTML_HL7ORG -> {
                    if (value.isScalar()) {
                        primitive(value, Expected.of(type), name, path);
                    }
                }
                case COMPOSITE_DATATYPE, RESOURCE_BLOCK -> {
                    if (value.isObject() && type instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
                        object(value.getAsObject(), composite, path);
                    }
                }
                case RESOURCE, CONTAINED_RESOURCES, CONTAINED_RESOURCE_LIST -> {
                    if (value.isObject()) {
                        BaseJsonLikeObject resource = value.getAsObject();
                        BaseRuntimeElementCompositeDefinition<?> definition = resourceDefinition(resource);
                        if (definition != null) {
                            object(resource, definition, path);
                        }
                    }
                }
                default -> {
                    // declared or undeclared extensions of HAPI's own structures: not in the R4 model
                }
            }
        }

        private void primitive(BaseJsonLikeValue scalar, Expected expected, String name, String path) {
            String misfit = expected.misfit(scalar);
            if (misfit != null) {
                found.add(new WrongType(path, name, scalar.getAsString(),
                        "'" + name + "' must be " + expected.description + ", not " + misfit + "."));
            }
        }

        /**
         * {@code _name}: the id and extensions of primitive {@code name}, an object, or an array
         * of objects (and nulls) beside an array of primitives.
         */
        private void primitiveExtensions(BaseJsonLikeValue value, BaseRuntimeElementCompositeDefinition<?> definition,
                String name, String path) {
            BaseRuntimeChildDefinition child = definition.getChildByName(name);
            if (child == null || value == null) {
                return;
            }
            String childPath = path + "." + child.getElementName();
            boolean repeats = child.getMax() != 1;
            if (value.isArray()) {
                BaseJsonLikeArray array = value.getAsArray();
                for (int i = 0; i < array.size(); i++) {
                    BaseJsonLikeValue next = array.get(i);
                    if (next != null && next.isObject()) {
                        extensions(next.getAsObject(), repeats ? childPath + "[" + i + "]" : childPath);
                    }
                }
            } else if (value.isObject()) {
                extensions(value.getAsObject(), repeats ? childPath + "[0]" : childPath);
            }
        }

        private void extensions(BaseJsonLikeObject element, String path) {
            for (String name : new String[] {"extension", "modifierExtension"}) {
                extensionList(element.get(name), name, path);
            }
        }

        /** {@code extension} or {@code modifierExtension}: an array of Extensions. */
        private void extensionList(BaseJsonLikeValue list, String name, String path) {
            if (list != null && list.isArray()) {
                BaseJsonLikeArray array = list.getAsArray();
                for (int i = 0; i < array.size(); i++) {
                    element(array.get(i), extension, name, path + "." + name + "[" + i + "]");
                }
            }
        }
    }
}
