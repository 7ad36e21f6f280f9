package org.example.intake.fhir.populate;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The value sets the intake's population rules use, as code lists (docs/web-form.md, "The FHIR base and SDC", lists them
 * too). They are explicit lists and ICD-10 ranges, not a terminology server's expansion: a record coded below the
 * listed SNOMED CT concepts (a more specific descendant) is not recognised and its question stays unanswered, which
 * is the safe side (the patient answers it). A clinical terminologist should review them before live use.
 */
final class PopulationCodes {

    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    /** dm+d codes are SNOMED CT UK identifiers; EHRs send them with this system or with SNOMED's. */
    static final String DMD = "https://dmd.nhs.uk";

    /**
     * Malignancies, SNOMED CT: malignant neoplastic disease and the common primary sites (breast, lung, colon,
     * rectum, prostate, bladder, kidney, pancreas, ovary, cervix, lymphoma, leukaemia, myeloma, melanoma). No code
     * of a non-melanoma skin cancer (basal or squamous cell carcinoma of skin) is in it.
     */
    static final Set<String> MALIGNANCY_SNOMED = Set.of(
            "363346000", // Malignant neoplastic disease
            "254837009", // Malignant neoplasm of breast
            "363358000", // Malignant tumor of lung
            "254637007", // Non-small cell lung cancer
            "254632001", // Small cell carcinoma of lung
            "363406005", // Malignant tumor of colon
            "93761005", // Primary malignant neoplasm of colon
            "94260004", // Secondary malignant neoplasm of colon
            "363351006", // Malignant tumor of rectum
            "399068003", // Malignant tumor of prostate
            "399326009", // Malignant tumor of urinary bladder
            "93849006", // Primary malignant neoplasm of kidney
            "363418001", // Malignant tumor of pancreas
            "363443007", // Malignant tumor of ovary
            "363354003", // Malignant tumor of cervix
            "118600007", // Malignant lymphoma
            "93143009", // Leukemia
            "109989006", // Multiple myeloma
            "372244006", // Malignant melanoma
            "93655004"); // Malignant melanoma of skin

    /** Osteoporosis, SNOMED CT. */
    static final Set<String> OSTEOPOROSIS_SNOMED = Set.of(
            "64859006", // Osteoporosis
            "102447009", // Osteoporosis due to corticosteroids
            "203438003"); // Age-related osteoporosis

    /**
     * Anticoagulants by ingredient and common products: RxNorm ingredients (warfarin 11289, apixaban 1364430,
     * rivaroxaban 1114195, edoxaban 1599538, dabigatran 1546356 and dabigatran etexilate 1037042, enoxaparin 67108,
     * dalteparin 67109, tinzaparin 69646) and two common clinical drugs (warfarin sodium 5 MG oral tablet 855332,
     * apixaban 5 MG oral tablet 1364445).
     */
    static final Set<String> ANTICOAGULANT_RXNORM = Set.of("11289", "1364430", "1114195", "1599538", "1546356",
            "1037042", "67108", "67109", "69646", "855332", "1364445");

    /**
     * Anticoagulants, SNOMED CT substances and products (dm+d virtual therapeutic moieties are SNOMED CT identifiers
     * too): warfarin 372756006, apixaban 698090000, rivaroxaban 442031002, edoxaban 712778008, dabigatran 700029008,
     * enoxaparin 372562003, dalteparin 372564002, tinzaparin 372521000.
     */
    static final Set<String> ANTICOAGULANT_SNOMED = Set.of("372756006", "698090000", "442031002", "712778008",
            "700029008", "372562003", "372564002", "372521000");

    /**
     * Oral corticosteroids, RxNorm ingredients: prednisolone 8638, prednisone 8640, dexamethasone 3264,
     * hydrocortisone 5492, methylprednisolone 6902.
     */
    static final Set<String> CORTICOSTEROID_RXNORM = Set.of("8638", "8640", "3264", "5492", "6902");

    /** The same corticosteroids, SNOMED CT substances. */
    static final Set<String> CORTICOSTEROID_SNOMED = Set.of("116601002", "116602009", "372584003", "396458002",
            "116593003");

    /** The oral route, SNOMED CT. */
    static final String ORAL_ROUTE = "26643006";

    private PopulationCodes() {
    }

    /** A malignancy that counts: ICD-10 C00-C97 except C44 (other skin), or a listed SNOMED CT code. */
    static boolean isMalignancy(CodeableConcept code) {
        for (Coding coding : codings(code)) {
            String system = coding.getSystem();
            if ((ICD10.equals(system) || ICD10_CM.equals(system)) && isIcd10Malignancy(coding.getCode())) {
                return true;
            }
            if (SNOMED.equals(system) && MALIGNANCY_SNOMED.contains(coding.getCode())) {
                return true;
            }
        }
        return false;
    }

    /** ICD-10 C00 to C97 (malignant neoplasms), without C44 (non-melanoma skin cancers); C43 (melanoma) counts. */
    static boolean isIcd10Malignancy(String code) {
        if (code == null || code.length() < 3) {
            return false;
        }
        String category = code.substring(0, 3).toUpperCase(Locale.ROOT);
        if (category.charAt(0) != 'C' || !Character.isDigit(category.charAt(1)) || !Character.isDigit(category.charAt(2))) {
            return false;
        }
        int number = Integer.parseInt(category.substring(1));
        return number <= 97 && number != 44;
    }

    /** Osteoporosis: ICD-10 M80 (with fracture), M81 (without), or a listed SNOMED CT code. */
    static boolean isOsteoporosis(CodeableConcept code) {
        for (Coding coding : codings(code)) {
            String system = coding.getSystem();
            if ((ICD10.equals(system) || ICD10_CM.equals(system)) && coding.getCode() != null
                    && (coding.getCode().toUpperCase(Locale.ROOT).startsWith("M80")
                            || coding.getCode().toUpperCase(Locale.ROOT).startsWith("M81"))) {
                return true;
            }
            if (SNOMED.equals(system) && OSTEOPOROSIS_SNOMED.contains(coding.getCode())) {
                return true;
            }
        }
        return false;
    }

    static boolean isAnticoagulant(CodeableConcept code) {
        return matches(code, ANTICOAGULANT_RXNORM, ANTICOAGULANT_SNOMED);
    }

    static boolean isCorticosteroid(CodeableConcept code) {
        return matches(code, CORTICOSTEROID_RXNORM, CORTICOSTEROID_SNOMED);
    }

    private static boolean matches(CodeableConcept code, Set<String> rxnorm, Set<String> snomed) {
        for (Coding coding : codings(code)) {
            String system = coding.getSystem();
            if (RXNORM.equals(system) && rxnorm.contains(coding.getCode())) {
                return true;
            }
            if ((SNOMED.equals(system) || DMD.equals(system)) && snomed.contains(coding.getCode())) {
                return true;
            }
        }
        return false;
    }

    private static List<Coding> codings(CodeableConcept code) {
        return code == null ? List.of() : code.getCoding();
    }
}
