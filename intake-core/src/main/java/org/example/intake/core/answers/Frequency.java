package org.example.intake.core.answers;

/** How often the cramps come. */
public enum Frequency implements CodedAnswer {
    FIRST_TIME("first-time", "This is the first time"),
    OCCASIONAL("occasional", "Now and then"),
    WEEKLY("weekly", "Every week"),
    DAILY_OR_CONSTANT("daily-or-constant", "Every day or all the time");

    Frequency(String code, String display) { Codes.define(this, code, display); }
}
