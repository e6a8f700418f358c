/**
 * Who is there to take a call: each employee's availability (set by them, expiring to OFFLINE unless refreshed)
 * and each phone's device state as the PBX reports it, both kept in Redis so every Ringside instance sees the same.
 */
package io.ringside.presence;
