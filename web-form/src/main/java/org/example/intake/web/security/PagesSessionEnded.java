package org.example.intake.web.security;

/**
 * A signed-in session of the pages ended on this node: its user signed out, or its idle or absolute time was over.
 * What a session held open (the queue page's event streams) is closed on it.
 *
 * @param sessionId the ended session's id
 */
public record PagesSessionEnded(String sessionId) {
}
