package org.example.intake.fhir;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;

/**
 * Turns what HAPI's parser notices (unknown elements, invalid primitive values, and the few
 * values of the wrong JSON type it checks itself: a non-string {@code id}, an object where an
 * array belongs, a scalar where an object belongs) into error issues, instead of HAPI's default
 * of logging them, which would also put patient data in the log. Wrong JSON types are
 * {@link Problem#WRONG_TYPE}, everything else {@link Problem#INVALID_ELEMENT}. One instance per
 * parse.
 */
final class ParserIssues implements IParserErrorHandler {

    private final Issues issues;
    /** Values already refused for their JSON type (element name and text): HAPI's complaint about them is not repeated. */
    private final List<String> alreadyRefused = new ArrayList<>();

    ParserIssues(Issues issues) {
        this(issues, List.of());
    }

    /**
     * @param issues         where the issues go
     * @param alreadyRefused primitives already reported as {@link Problem#WRONG_TYPE}: HAPI's
     *                       {@link #invalidValue} for the same element and text is not reported
     *                       again (so {@code "valueBoolean": "yes"} gives one issue, not two)
     */
    ParserIssues(Issues issues, List<PrimitiveJsonTypes.WrongType> alreadyRefused) {
        this.issues = issues;
        for (PrimitiveJsonTypes.WrongType wrongType : alreadyRefused) {
            this.alreadyRefused.add(key(wrongType.element(), wrongType.text()));
        }
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        issues.error(Problem.INVALID_ELEMENT, where(location), "Unknown element '" + elementName + "'" + in(location)
                + ".");
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attributeName) {
        issues.error(Problem.INVALID_ELEMENT, where(location), "Unknown attribute '" + attributeName + "'"
                + in(location) + ".");
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        issues.error(Problem.INVALID_ELEMENT, where(location), "'" + elementName + "'" + in(location)
                + " takes a single value, not an array.");
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String elementName) {
        issues.error(Problem.INVALID_ELEMENT, where(location), "Required element '" + elementName + "' is missing"
                + in(location) + ".");
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String elementName, ValueType expectedValueType,
            ScalarType expectedScalarType, ValueType foundValueType, ScalarType foundScalarType) {
        issues.error(Problem.WRONG_TYPE, where(location), "'" + elementName + "'" + in(location) + " must be a JSON "
                + describe(expectedValueType, expectedScalarType) + ", not a "
                + describe(foundValueType, foundScalarType) + ".");
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        String element = location == null ? null : location.getParentElementName();
        if (alreadyRefused.remove(key(element, value))) {
            return;
        }
        // The value itself is patient data: name the place, not the value.
        issues.error(Problem.INVALID_ELEMENT, where(location), "Invalid value" + in(location) + ".");
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        issues.error(Problem.INVALID_ELEMENT, where(location), "A contained resource has no id.");
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        issues.error(Problem.INVALID_ELEMENT, where(location), "Unresolvable reference '" + reference + "'.");
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        issues.error(Problem.INVALID_ELEMENT, where(location), "Invalid internal reference '" + reference + "'.");
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        issues.error(Problem.INVALID_ELEMENT, where(location),
                "An extension has both a value and nested extensions" + in(location) + ".");
    }

    private static String key(String element, String text) {
        return element + '\u0000' + text;
    }

    private static String where(IParseLocation location) {
        String parent = location == null ? null : location.getParentElementName();
        return parent == null || parent.isEmpty() ? "QuestionnaireResponse" : "QuestionnaireResponse." + parent;
    }

    private static String in(IParseLocation location) {
        String parent = location == null ? null : location.getParentElementName();
        return parent == null || parent.isEmpty() ? "" : " in '" + parent + "'";
    }

    private static String describe(ValueType valueType, ScalarType scalarType) {
        if (valueType == ValueType.SCALAR && scalarType != null) {
            return scalarType.name().toLowerCase(java.util.Locale.ROOT);
        }
        return valueType == null ? "value" : valueType.name().toLowerCase(java.util.Locale.ROOT);
    }
}
