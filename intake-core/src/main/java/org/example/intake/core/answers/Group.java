package org.example.intake.core.answers;

/** The questionnaire's groups, in form order; every question is a direct child of one. */
public enum Group {
    CRAMP("cramp", "About the cramps"),
    LEG("leg", "Your leg"),
    WARNING("warning", "Warning signs"),
    HISTORY("history", "Your health"),
    LIFESTYLE("lifestyle", "Daily life");

    private final String linkId;
    private final String title;

    Group(String linkId, String title) {
        this.linkId = linkId;
        this.title = title;
    }

    /** The group's Questionnaire linkId, never null. */
    public String linkId() {
        return linkId;
    }

    /** A short plain-language heading for the group, never null. */
    public String title() {
        return title;
    }
}
