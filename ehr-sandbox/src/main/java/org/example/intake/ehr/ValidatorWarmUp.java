package org.example.intake.ehr;

import java.util.Date;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;

/**
 * Validates one intake-shaped transaction Bundle before the sandbox says it is ready. HAPI's validator
 * loads and indexes the R4 definitions on first use, which costs several seconds of CPU: paid here, it
 * does not fall on the first client's request (and its timeout).
 */
@Order(0)
class ValidatorWarmUp implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ValidatorWarmUp.class);

    private final FhirContext fhirContext;
    private final IValidatorModule instanceValidator;
    private final boolean enabled;

    ValidatorWarmUp(FhirContext fhirContext, @Qualifier("myInstanceValidator") IValidatorModule instanceValidator,
            @Value("${ehr.validate-requests:true}") boolean enabled) {
        this.fhirContext = fhirContext;
        this.instanceValidator = instanceValidator;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        long start = System.nanoTime();
        FhirValidator validator = fhirContext.newValidator();
        validator.registerValidatorModule(instanceValidator);
        validator.validateWithResult(sampleDelivery());
        LOG.debug("Validator warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    static Bundle sampleDelivery() {
        Reference patient = new Reference("Patient/warm-up");
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(patient);
        response.addItem().setLinkId("pain-severity").addAnswer().setValue(new IntegerType(5));

        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "72514-3", null)));
        observation.setSubject(patient);
        observation.setValue(new IntegerType(5));

        Flag flag = new Flag();
        flag.setStatus(Flag.FlagStatus.ACTIVE);
        flag.setCode(new CodeableConcept().setText("warm-up"));
        flag.setSubject(patient);

        ServiceRequest referral = new ServiceRequest();
        referral.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        referral.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        referral.setPriority(ServiceRequest.ServiceRequestPriority.ROUTINE);
        referral.setSubject(patient);

        Provenance provenance = new Provenance();
        provenance.addTarget(new Reference("urn:uuid:00000000-0000-0000-0000-000000000001"));
        provenance.setRecorded(new Date());
        provenance.addAgent().setWho(patient);

        Bundle bundle = new Bundle();
        bundle.setType(BundleType.TRANSACTION);
        int n = 1;
        for (Resource resource : new Resource[] {response, observation, flag, referral, provenance}) {
            bundle.addEntry().setFullUrl(String.format("urn:uuid:00000000-0000-0000-0000-%012d", n++))
                    .setResource(resource)
                    .getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
        }
        return bundle;
    }
}
