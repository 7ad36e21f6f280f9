package org.example.intake.fhir;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;

/**
 * Turns what HAPI's parser notices (unknown elements, values of the wrong JSON type, invalid
 * primitive values) into error issues, instead of HAPI's default of logging them, which would
 * also put patient data in the log. One instance per parse.
 */
final class ParserIssues implements IParserErrorHandler {

    private final Issues issues;

    ParserIssues(Issues issues) {
        this.issues = issues;
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
        issues.error(Problem.INVALID_ELEMENT, where(location), "'" + elementName + "'" + in(location) + " must be a JSON "
                + describe(expectedValueType, expectedScalarType) + ", not a "
                + describe(foundValueType, foundScalarType) + ".");
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
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
