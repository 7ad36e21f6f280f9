package org.example.intake.core.answers;

/** Whether the patient can stand and take their weight since the pain started (questionnaire 1.2.0). */
public enum Standing implements CodedAnswer {
    CAN_STAND("can-stand", "Yes, I can"),
    CANNOT_STAND("cannot-stand", "No, I can't"),
    /** Could not stand before the pain started (a wheelchair user, say): not a new sign, fires nothing. */
    COULD_NOT_BEFORE("could-not-before", "I could not stand before this started");

    Standing(String code, String display) { Codes.define(this, code, display); }
}
