package org.example.intake.ehr.smart;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART resource scope, such as {@code patient/*.rs} or {@code system/Bundle.cruds} (v2), or
 * {@code user/*.read} (v1: {@code read} is {@code rs}, {@code write} is {@code cud}, {@code *} is all).
 *
 * @param context      whose data: the launch's patient, what the user may see, or the whole system
 * @param resourceType a FHIR resource type, or {@code *} for all
 * @param permissions  what may be done, never empty
 */
record SmartScope(Context context, String resourceType, Set<Permission> permissions) {

    enum Context { PATIENT, USER, SYSTEM }

    enum Permission { CREATE, READ, UPDATE, DELETE, SEARCH }

    private static final Pattern SCOPE = Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.([a-z*]+)");
    private static final Pattern V2 = Pattern.compile("c?r?u?d?s?");

    /** The scope {@code text} names, or empty for anything else (openid, launch, fhirUser, malformed scopes). */
    static Optional<SmartScope> parse(String text) {
        Matcher m = SCOPE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Context context = Context.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
        return permissions(m.group(3)).map(p -> new SmartScope(context, m.group(2), p));
    }

    /** True when the scope may create, update or delete. */
    boolean writes() {
        return permissions.contains(Permission.CREATE) || permissions.contains(Permission.UPDATE)
                || permissions.contains(Permission.DELETE);
    }

    boolean allTypes() {
        return "*".equals(resourceType);
    }

    private static Optional<Set<Permission>> permissions(String text) {
        switch (text) {
            case "read":
                return Optional.of(EnumSet.of(Permission.READ, Permission.SEARCH));
            case "write":
                return Optional.of(EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE));
            case "*":
                return Optional.of(EnumSet.allOf(Permission.class));
            default:
                if (text.isEmpty() || !V2.matcher(text).matches()) {
                    return Optional.empty();
                }
                Set<Permission> permissions = EnumSet.noneOf(Permission.class);
                for (char c : text.toCharArray()) {
                    permissions.add(switch (c) {
                        case 'c' -> Permission.CREATE;
                        case 'r' -> Permission.READ;
                        case 'u' -> Permission.UPDATE;
                        case 'd' -> Permission.DELETE;
                        default -> Permission.SEARCH;
                    });
                }
                return Optional.of(permissions);
        }
    }
}
