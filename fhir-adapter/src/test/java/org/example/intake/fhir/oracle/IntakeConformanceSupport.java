package org.example.intake.fhir.oracle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Serves the intake's own conformance resources (the Questionnaire, and the CodeSystem or
 * ValueSets when there are any) to HAPI's validator, each under {@code url|version}, and the
 * first one given with a url also under the bare url (several versions of a Questionnaire:
 * give the current one first).
 *
 * <p>Written by hand instead of using HAPI's {@code PrePopulatedValidationSupport}, which was
 * seen to drop the Questionnaire silently here: the validator then cannot find it and lets
 * any QuestionnaireResponse "pass" with a single INFORMATION message. A plain map keyed by
 * exactly the strings a QR may use leaves no room for that.
 */
final class IntakeConformanceSupport implements IValidationSupport {

    private final FhirContext context;
    private final Map<String, MetadataResource> byCanonical = new LinkedHashMap<>();
    private final List<IBaseResource> all;

    IntakeConformanceSupport(FhirContext context, List<? extends MetadataResource> resources) {
        this.context = Objects.requireNonNull(context, "context");
        for (MetadataResource resource : resources) {
            String url = resource.getUrl();
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException(resource.fhirType() + "/" + resource.getIdElement().getIdPart()
                        + " has no canonical url, so the validator could never find it");
            }
            if (!byCanonical.containsKey(url)) {
                put(url, resource); // the bare url names the first resource given with it: the current version
            }
            if (resource.hasVersion()) {
                put(url + "|" + resource.getVersion(), resource);
            }
        }
        this.all = Collections.unmodifiableList(new ArrayList<>(resources));
    }

    private void put(String canonical, MetadataResource resource) {
        MetadataResource previous = byCanonical.putIfAbsent(canonical, resource);
        if (previous != null && previous != resource) {
            throw new IllegalArgumentException("two resources claim the canonical " + canonical);
        }
    }

    @Override
    public FhirContext getFhirContext() {
        return context;
    }

    @Override
    public String getName() {
        return "intake conformance resources";
    }

    @Override
    public <T extends IBaseResource> T fetchResource(Class<T> type, String uri) {
        MetadataResource resource = uri == null ? null : byCanonical.get(uri);
        if (resource == null) {
            return null;
        }
        if (type == null) {
            @SuppressWarnings("unchecked")
            T untyped = (T) resource;
            return untyped;
        }
        return type.isInstance(resource) ? type.cast(resource) : null;
    }

    @Override
    public IBaseResource fetchCodeSystem(String system) {
        return fetchResource(CodeSystem.class, system);
    }

    @Override
    public IBaseResource fetchValueSet(String url) {
        return fetchResource(ValueSet.class, url);
    }

    @Override
    public List<IBaseResource> fetchAllConformanceResources() {
        return all;
    }

    /** The canonicals served, bare and versioned, in the order they were given. */
    List<String> canonicals() {
        return List.copyOf(byCanonical.keySet());
    }
}
