package org.example.intake.core.answers;

/** Which buttock hurts. */
public enum Side implements CodedAnswer {
    LEFT("left", "Left"),
    RIGHT("right", "Right"),
    BOTH("both", "Both");

    Side(String code, String display) { Codes.define(this, code, display); }
}
