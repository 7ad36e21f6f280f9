package org.example.intake.fhir.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

class DeliveryResultUnitTests {

    @Test
    void locations_areTypeAndId_inEntryOrder_withoutBaseUrlOrHistory() {
        Bundle response = transactionResponse(
                "QuestionnaireResponse/1001/_history/1",
                "http://localhost:8090/fhir/Observation/1002/_history/3",
                "https://ehr.example.org/base/r4/Flag/abc-7",
                "Provenance/b768ec5c-4615-3eea-a257-5c64bb218464/_history/2",
                "ServiceRequest/1004");

        var locations = new DeliveryResult.Delivered(response).locations();

        assertThat(locations).containsExactly("QuestionnaireResponse/1001", "Observation/1002", "Flag/abc-7",
                "Provenance/b768ec5c-4615-3eea-a257-5c64bb218464", "ServiceRequest/1004");
    }

    @Test
    void entriesWithoutALocationOrWithoutTypeAndId_areSkipped() {
        Bundle response = transactionResponse("Flag/1/_history/1", null, "", "urn:uuid:0d5a3c2e", "Patient/alex");
        response.addEntry(); // no response at all

        var locations = new DeliveryResult.Delivered(response).locations();

        assertThat(locations).containsExactly("Flag/1", "Patient/alex");
    }

    @Test
    void anEmptyResponse_hasNoLocations_andTheListCannotBeChanged() {
        var locations = new DeliveryResult.Delivered(new Bundle()).locations();

        assertThat(locations).isEmpty();
        assertThatThrownBy(() -> locations.add("Flag/1")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Bundle transactionResponse(String... locations) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (String location : locations) {
            Bundle.BundleEntryResponseComponent response = bundle.addEntry().getResponse().setStatus("200 OK");
            if (location != null) {
                response.setLocation(location);
            }
        }
        return bundle;
    }
}
