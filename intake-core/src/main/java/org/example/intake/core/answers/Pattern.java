package org.example.intake.core.answers;

/** Whether the cramps are getting better or worse. */
public enum Pattern implements CodedAnswer {
    IMPROVING("improving", "Getting better"),
    UNCHANGED("unchanged", "About the same"),
    WORSENING("worsening", "Getting worse");

    Pattern(String code, String display) { Codes.define(this, code, display); }
}
