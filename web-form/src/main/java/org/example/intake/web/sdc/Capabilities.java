package org.example.intake.web.sdc;

import java.util.Date;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/** The CapabilityStatement of the plugin's FHIR base: what {@link FhirApiController} serves, and nothing more. */
final class Capabilities {

    static final String POPULATE = "http://hl7.org/fhir/uv/sdc/OperationDefinition/Questionnaire-populate";
    static final String EXTRACT = "http://hl7.org/fhir/uv/sdc/OperationDefinition/QuestionnaireResponse-extract";

    private Capabilities() {
    }

    /** The statement, for a server at this base URL. */
    static CapabilityStatement of(String base, Date started) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(PublicationStatus.ACTIVE).setDate(started).setKind(CapabilityStatementKind.INSTANCE)
                .setFhirVersion(FHIRVersion._4_0_1).addFormat("application/fhir+json").addFormat("json");
        statement.setName("ButtockCrampIntakeFhirApi").setTitle("Buttock-cramp intake: FHIR API");
        statement.getSoftware().setName("Buttock-cramp telehealth intake plugin");
        statement.getImplementation().setDescription("The intake's Questionnaire, SDC $populate and $extract")
                .setUrl(base);
        CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("OAuth2 bearer tokens of the intake's identity provider, audience "
                + "intake-api: a patient (claim fhir_patient_id) for their own record, a clinician for any.");
        rest.getSecurity().addService().addCoding().setSystem(
                "http://terminology.hl7.org/CodeSystem/restful-security-service").setCode("OAuth");

        CapabilityStatementRestResourceComponent questionnaire = rest.addResource().setType("Questionnaire");
        questionnaire.addInteraction().setCode(TypeRestfulInteraction.READ);
        questionnaire.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        questionnaire.addSearchParam().setName("url").setType(SearchParamType.URI)
                .setDefinition("http://hl7.org/fhir/SearchParameter/conformance-url");
        questionnaire.addSearchParam().setName("version").setType(SearchParamType.TOKEN)
                .setDefinition("http://hl7.org/fhir/SearchParameter/conformance-version");
        questionnaire.addOperation().setName("populate").setDefinition(POPULATE);

        CapabilityStatementRestResourceComponent response = rest.addResource().setType("QuestionnaireResponse");
        response.addOperation().setName("extract").setDefinition(EXTRACT);
        return statement;
    }
}
