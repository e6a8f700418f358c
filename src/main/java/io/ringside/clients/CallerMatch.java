package io.ringside.clients;

import io.ringside.team.Employee;

/**
 * Who is calling, as far as the CRM knows from the number: the client, its tier (VIP, its
 * industry) and the manager who owns it.
 */
public record CallerMatch(long clientId, String clientName, boolean vip, String industry, Employee owner) {
}
