package org.example.intake.web.retriage;

/** Compares rule-set versions ({@code 1.2.0}) by their numbers. */
final class RuleSetVersions {

    private RuleSetVersions() {
    }

    /**
     * Whether {@code version} is an older rule set than {@code current}: compared number by
     * number. A version that is not dotted numbers is never older (nothing is done to what it
     * triaged), and neither is a newer one (a node still on older rules never re-triages what a
     * newer node triaged).
     */
    static boolean isOlder(String version, String current) {
        int[] a = parse(version);
        int[] b = parse(current);
        if (a == null || b == null) {
            return false;
        }
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return x < y;
            }
        }
        return false;
    }

    private static int[] parse(String version) {
        if (version == null || !version.matches("\\d{1,6}(\\.\\d{1,6}){0,3}")) {
            return null;
        }
        String[] parts = version.split("\\.");
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return numbers;
    }
}
