package org.example.intake.core.answers;

/** When the cramps or pain started. */
public enum Onset implements CodedAnswer {
    HOURS("hours", "Less than 24 hours ago"),
    DAYS("days", "1 to 6 days ago"),
    WEEKS("weeks", "1 to 6 weeks ago"),
    OVER_6_WEEKS("over-6-weeks", "More than 6 weeks ago");

    Onset(String code, String display) { Codes.define(this, code, display); }
}
