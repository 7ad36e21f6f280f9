package org.example.intake.core.answers;

/** How often the cramps come. */
public enum Frequency implements CodedAnswer {
    FIRST_TIME("first-time", "This is the first time"),
    OCCASIONAL("occasional", "Now and then"),
    WEEKLY("weekly", "Every week"),
    DAILY_OR_CONSTANT("daily-or-constant", "Every day or all the time");

    private final String code;
    private final String display;

    Frequency(String code, String display) {
        this.code = code;
        this.display = display;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String display() {
        return display;
    }

}
